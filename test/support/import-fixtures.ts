import type { Committee, Contract } from "../../api/src/domain/model.ts";
import type { PeopleLookup } from "../../api/src/import/people.ts";

/** Nämnder, contracts and a directory for the import's unit tests. */

export function committee(id: string, name: string, code: string): Committee {
  return {
    id,
    etag: `"c${id}"`,
    name,
    code,
    registryEmail: "",
    groupId: "",
    secretaryIds: [],
    isKs: false,
    teamId: "",
    channelId: "",
    driveId: "",
  };
}

export const VAN = committee("1", "Vård- och äldrenämnden", "VAN");
export const TN = committee("2", "Tekniska nämnden", "TN");
export const ANNA = { id: "anna-id", name: "Anna Lindqvist", email: "anna.lindqvist@asby.se" };
export const ERIK = { id: "erik-id", name: "Erik Johansson", email: "erik.johansson@asby.se" };

export function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: "10",
    etag: '"e10"',
    title: "Hemtjänst",
    contractNumber: "ÅSBY-1",
    committeeId: VAN.id,
    sharedWithCommitteeIds: [],
    serviceArea: "Hemtjänst",
    providers: [{ name: "Omsorg AB", orgNumber: "556000-0001", email: "info@omsorg.se" }],
    provider: "Omsorg AB",
    providerOrgNumber: "556000-0001",
    ownRegime: false,
    owner: ANNA,
    valueClass: "hög",
    impactClass: "hög",
    classified: true,
    strategic: true,
    overrideReason: "",
    annualValue: 1_250_000,
    startDate: "2021-03-01",
    endDate: "2025-02-28",
    extensionOptions: "1 + 1 år",
    extensionDecisionDate: undefined,
    status: "aktivt",
    followUpsPerYear: 1,
    description: "",
    publicFields: [],
    publicDescription: "",
    internalNotes: "",
    ...overrides,
  };
}

export const PEOPLE: PeopleLookup = new Map([
  ["mail:anna.lindqvist@asby.se", { kind: "found", person: ANNA }],
  ["name:anna lindqvist", { kind: "found", person: ANNA }],
  ["name:erik johansson", { kind: "found", person: ERIK }],
  ["name:lisa svensson", { kind: "ambiguous", count: 2 }],
]);
