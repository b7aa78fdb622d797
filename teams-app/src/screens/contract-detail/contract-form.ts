import type { Draft, FieldSpec } from "../../components/record-form/fields.ts";
import type { CommitteeSummary, Contract, Level, Person } from "../../types.ts";

/** The contract form: its values, fields, and what is sent to the API. */

export type ContractForm = Omit<Contract, "id" | "etag" | "strategic" | "warning"> & {
  /** The nämnd's decision differs from the matrix (the reason is overrideReason). */
  overrideEnabled: boolean;
};

export const PUBLIC_FIELDS = [
  { value: "provider", label: "Visa utförare" },
  { value: "serviceArea", label: "Visa verksamhetsområde" },
  { value: "period", label: "Visa avtalsperiod" },
  { value: "followedUp", label: "Visa vad som följs upp" },
  { value: "latestResult", label: "Visa senaste uppföljningens sammanfattning" },
  { value: "actionPlans", label: "Visa om handlingsplaner pågår" },
];

export const CONTRACT_STATUS_OPTIONS = [
  { value: "planerat", label: "Planerat" },
  { value: "aktivt", label: "Aktivt" },
  { value: "avslutat", label: "Avslutat" },
];

export function matrixStrategic(values: Draft<ContractForm>): boolean {
  return values.valueClass === "hög" && values.impactClass === "hög";
}

export function toForm(contract: Contract): Draft<ContractForm> {
  const { id: _id, etag: _etag, strategic, warning: _warning, ...rest } = contract;
  const override = strategic !== (contract.valueClass === "hög" && contract.impactClass === "hög");
  return {
    ...rest,
    overrideEnabled: override,
    overrideReason: override ? contract.overrideReason : "",
  };
}

/** A new contract: nothing published until someone chooses, the person as owner. */
export function newContract(me: Person, committeeId: string): Draft<ContractForm> {
  return {
    title: "",
    contractNumber: "",
    committeeId,
    sharedWithCommitteeIds: [],
    serviceArea: "",
    provider: "",
    providerOrgNumber: "",
    ownRegime: false,
    owner: me,
    valueClass: "låg",
    impactClass: "låg",
    overrideEnabled: false,
    overrideReason: "",
    extensionOptions: "",
    status: "aktivt",
    followUpsPerYear: 1,
    description: "",
    publicFields: [],
    publicDescription: "",
    internalNotes: "",
  };
}

/** The API's body: the override as the nämnd's decision with its reason. */
export function toBody(values: Draft<ContractForm>) {
  const { overrideEnabled, overrideReason, ...rest } = values;
  return {
    ...rest,
    strategicOverride: overrideEnabled
      ? { strategic: !matrixStrategic(values), reason: overrideReason ?? "" }
      : null,
  };
}

export function isLevel(value: unknown): value is Level {
  return value === "låg" || value === "hög";
}

export function contractFields(input: {
  committees: CommitteeSummary[];
  shareable: CommitteeSummary[];
  people: Person[];
}): FieldSpec<ContractForm>[] {
  return [
    { name: "valueClass", label: "Värde", kind: "select", custom: true, required: true },
    { name: "impactClass", label: "Påverkan", kind: "select", custom: true, required: true },
    {
      name: "overrideReason",
      label: "Motivering till nämndens bedömning",
      kind: "textarea",
      custom: true,
      requiredWhen: (values) => values.overrideEnabled === true,
    },
    { name: "title", label: "Avtalets namn", kind: "text", required: true },
    { name: "contractNumber", label: "Avtalsnummer", kind: "text", required: true },
    {
      name: "committeeId",
      label: "Ansvarig nämnd",
      kind: "select",
      required: true,
      options: input.committees.map((candidate) => ({
        value: candidate.id,
        label: candidate.name,
      })),
    },
    {
      name: "sharedWithCommitteeIds",
      label: "Delas med (nämnder som följer upp sin del)",
      kind: "checkboxes",
      options: input.shareable.map((candidate) => ({ value: candidate.id, label: candidate.name })),
    },
    {
      name: "serviceArea",
      label: "Verksamhetsområde",
      kind: "text",
      required: true,
      hint: "T.ex. hemtjänst, skolskjuts, snöröjning",
    },
    { name: "provider", label: "Utförare", kind: "text", required: true },
    { name: "providerOrgNumber", label: "Organisationsnummer", kind: "text" },
    { name: "ownRegime", label: "Egen regi", kind: "switch" },
    {
      name: "owner",
      label: "Avtalsansvarig",
      kind: "person",
      required: true,
      people: input.people,
    },
    { name: "annualValue", label: "Årsvärde (kronor)", kind: "number" },
    { name: "startDate", label: "Avtalsstart", kind: "date" },
    { name: "endDate", label: "Avtalsslut", kind: "date" },
    {
      name: "extensionOptions",
      label: "Förlängningsoptioner",
      kind: "text",
      hint: "T.ex. 1 + 1 år",
    },
    { name: "extensionDecisionDate", label: "Sista dag för beslut om förlängning", kind: "date" },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: CONTRACT_STATUS_OPTIONS,
    },
    {
      name: "followUpsPerYear",
      label: "Uppföljningar per år",
      kind: "number",
      hint: "Riskbaserat: t.ex. 3 för hög risk, 1 för medel",
    },
    { name: "description", label: "Beskrivning", kind: "textarea" },
    {
      name: "publicFields",
      label: "Uppgifter som får visas för allmänheten",
      kind: "checkboxes",
      options: PUBLIC_FIELDS,
      hint: "Inget visas förrän nämnden har valt vad som får visas.",
    },
    { name: "publicDescription", label: "Vad följs upp (visas för allmänheten)", kind: "textarea" },
    {
      name: "internalNotes",
      label: "Interna anteckningar (visas aldrig för allmänheten)",
      kind: "textarea",
    },
  ];
}
