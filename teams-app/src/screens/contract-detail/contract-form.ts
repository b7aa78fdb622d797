import type { Draft, FieldError, FieldSpec } from "../../components/record-form/fields.ts";
import type {
  CommitteeSummary,
  Contract,
  ContractInput,
  Level,
  Person,
  Provider,
  SameKeys,
} from "../../types.ts";

/** The contract form: its values, fields, and what is sent to the API. */

/**
 * The contract's providers are edited as the first provider's own fields
 * (provider, providerOrgNumber, providerEmail) and, for a valfrihetssystem
 * (LOV) or a framework agreement, the others one per line.
 */
export type ContractForm = Omit<
  Contract,
  // The risk assessment is made on its own card (PATCH …/risk), not in this form.
  "id" | "etag" | "strategic" | "warning" | "providers" | "risk"
> & {
  /** The nämnd's decision differs from the matrix (the reason is overrideReason). */
  overrideEnabled: boolean;
  /** The first provider's address, where the nämnd's feedback letter goes. */
  providerEmail: string;
  /** The other providers, one per line: "namn; organisationsnummer; e-post". */
  otherProviders: string;
};

/** "namn; organisationsnummer; e-post", the empty parts at the end left out. */
export function providerLine(provider: Provider): string {
  const parts = [provider.name, provider.orgNumber, provider.email];
  while (parts.length > 1 && parts.at(-1) === "") parts.pop();
  return parts.join("; ");
}

const textOf = (entry: object, key: string) => {
  const value: unknown = key in entry ? Reflect.get(entry, key) : undefined;
  return typeof value === "string" ? value : "";
};

/**
 * The providers as the contract's history stores them (JSON), in the form's
 * words: "namn; organisationsnummer; e-post" per provider. Undefined for
 * anything else, which is then shown as it is.
 */
export function shownProviders(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  return parsed
    .filter((entry): entry is object => typeof entry === "object" && entry !== null)
    .map((entry) =>
      providerLine({
        name: textOf(entry, "name"),
        orgNumber: textOf(entry, "orgNumber"),
        email: textOf(entry, "email"),
      }),
    )
    .join(" / ");
}

/** The non-blank lines of the other providers' text, with their line numbers (from 1). */
function providerLines(text: string): Array<{ line: number; provider: Provider }> {
  return text.split("\n").flatMap((row, index) => {
    if (row.trim() === "") return [];
    const [name = "", orgNumber = "", email = ""] = row.split(";").map((part) => part.trim());
    return [{ line: index + 1, provider: { name, orgNumber, email } }];
  });
}

/** The other providers as typed; a line without a name is sent too, so the server names it. */
export function parseProviderLines(text: string): Provider[] {
  return providerLines(text).map((entry) => entry.provider);
}

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
  const {
    id: _id,
    etag: _etag,
    strategic,
    warning: _warning,
    risk: _risk,
    providers: [first, ...others],
    ...rest
  } = contract;
  const override = strategic !== (contract.valueClass === "hög" && contract.impactClass === "hög");
  return {
    ...rest,
    // `provider` is every provider's name as one text; the form's field is the first one's.
    provider: first?.name ?? contract.provider,
    providerOrgNumber: first?.orgNumber ?? contract.providerOrgNumber,
    providerEmail: first?.email ?? "",
    otherProviders: others.map(providerLine).join("\n"),
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
    providerEmail: "",
    otherProviders: "",
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

/** The form's own fields, sent in the API's words (providers, strategicOverride) by toBody. */
type FormOnly =
  | "overrideEnabled"
  | "overrideReason"
  | "providerEmail"
  | "otherProviders"
  /** Set by the API (false only for a contract the import brought in unclassified). */
  | "classified";

/** Every other field of the form is one the API takes under the same name, and the other way round. */
export const CONTRACT_FORM_MATCHES_API: SameKeys<
  Omit<ContractForm, FormOnly>,
  Omit<ContractInput, "providers" | "strategicOverride">
> = true;

/** The API's body: every provider in one list, the override as the nämnd's decision with its reason. */
export function toBody(values: Draft<ContractForm>): Partial<ContractInput> {
  const { overrideEnabled, overrideReason, providerEmail, otherProviders, ...rest } = values;
  return {
    ...rest,
    providers: [
      {
        name: (values.provider ?? "").trim(),
        orgNumber: (values.providerOrgNumber ?? "").trim(),
        email: (providerEmail ?? "").trim(),
      },
      ...parseProviderLines(otherProviders ?? ""),
    ],
    strategicOverride: overrideEnabled
      ? { strategic: !matrixStrategic(values), reason: overrideReason ?? "" }
      : null,
  };
}

const FIRST_PROVIDER_FIELDS: Record<string, keyof ContractForm> = {
  name: "provider",
  orgNumber: "providerOrgNumber",
  email: "providerEmail",
};

/**
 * The server's messages about `providers.N.…` at the form's fields: the
 * first provider's at its own field, another's at the list with its line.
 */
export function formErrors(errors: FieldError[], values: Draft<ContractForm>): FieldError[] {
  const lines = providerLines(values.otherProviders ?? "");
  return errors.map((error) => {
    const [root, index, part = ""] = error.field.split(".");
    if (root !== "providers") return error;
    if (index === "0")
      return { field: FIRST_PROVIDER_FIELDS[part] ?? "provider", message: error.message };
    const line = lines[Number(index) - 1]?.line;
    return {
      field: "otherProviders",
      message: line ? `Rad ${line}: ${error.message}` : error.message,
    };
  });
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
      hint: "Du kan dela med nämnder där du själv är med; en nämnd kan alltid ta bort sig själv.",
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
    {
      name: "providerEmail",
      label: "Utförarens e-post",
      kind: "text",
      hint: "Dit nämndens återkoppling efter uppföljning skickas",
    },
    {
      name: "otherProviders",
      label: "Fler utförare i avtalet",
      kind: "textarea",
      hint: "För valfrihetssystem (LOV) och ramavtal: en utförare per rad, som namn; organisationsnummer; e-post",
    },
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
      hint: "Gäller tills risken är bedömd under Riskbedömning; sedan styr risknivån hur ofta avtalet följs upp",
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
