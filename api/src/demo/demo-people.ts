/**
 * Demo people for local mode. Ids are fixed so the demo and the tests can
 * name them; in a tenant these are real Entra ID users.
 */
export interface DemoUser {
  id: string;
  name: string;
  email: string;
  /** What the person does, shown on the local sign-in page. */
  description: string;
  /** The directory's job title (handläggare in the report drafts). */
  jobTitle: string;
  /** Committee codes whose Microsoft 365 group the person belongs to. */
  memberOf: string[];
  /** Committee codes where the person is nämnd secretary. */
  secretaryOf: string[];
  /** Member of kommunledningskontoret's group (sees all nämnder). */
  klk: boolean;
}

export const DEMO_USERS = {
  anna: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a01",
    name: "Anna Lindqvist",
    email: "anna.lindqvist@asby.se",
    description: "Avtalsansvarig, Vård- och äldrenämnden",
    jobTitle: "Avtalsansvarig",
    memberOf: ["VAN"],
    secretaryOf: [],
    klk: false,
  },
  erik: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a02",
    name: "Erik Johansson",
    email: "erik.johansson@asby.se",
    description: "Avtalsansvarig, Tekniska nämnden",
    jobTitle: "Avtalsansvarig",
    memberOf: ["TN"],
    secretaryOf: [],
    klk: false,
  },
  maria: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a03",
    name: "Maria Nilsson",
    email: "maria.nilsson@asby.se",
    description: "Nämndsekreterare, Socialnämnden",
    jobTitle: "Nämndsekreterare",
    memberOf: ["SN"],
    secretaryOf: ["SN"],
    klk: false,
  },
  lars: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a04",
    name: "Lars Andersson",
    email: "lars.andersson@asby.se",
    description: "Socialt ansvarig samordnare, Socialnämnden",
    jobTitle: "Socialt ansvarig samordnare",
    memberOf: ["SN"],
    secretaryOf: [],
    klk: false,
  },
  johan: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a05",
    name: "Johan Ek",
    email: "johan.ek@asby.se",
    description: "Handläggare, Individ- och familjeomsorgsnämnden",
    jobTitle: "Handläggare",
    memberOf: ["IFN"],
    secretaryOf: [],
    klk: false,
  },
  sara: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a06",
    name: "Sara Holm",
    email: "sara.holm@asby.se",
    description: "Avtalsansvarig, Kultur- och fritidsnämnden",
    jobTitle: "Avtalsansvarig",
    memberOf: ["KFN"],
    secretaryOf: ["KFN"],
    klk: false,
  },
  karin: {
    id: "0b8e6a1c-1f4e-4a53-9d0e-5a1f6c2b7a07",
    name: "Karin Berg",
    email: "karin.berg@asby.se",
    description: "Controller, kommunledningskontoret (ser alla nämnder)",
    jobTitle: "Controller",
    memberOf: ["KS"],
    secretaryOf: ["KS"],
    klk: true,
  },
} satisfies Record<string, DemoUser>;

export type DemoUserKey = keyof typeof DEMO_USERS;

export function person(key: DemoUserKey): { id: string; name: string; email: string } {
  const user: DemoUser = DEMO_USERS[key];
  return { id: user.id, name: user.name, email: user.email };
}
