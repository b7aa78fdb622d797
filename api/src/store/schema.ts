import { OBLIGATION_RULES, OBLIGATION_STATUSES } from "../domain/annual-cycle.ts";
import { LEVELS } from "../domain/classification.ts";
import { EVIDENCE_RECORD_KINDS } from "../domain/evidence.ts";
import {
  CONTRACT_STATUSES,
  DEFICIENCY_STATUSES,
  DEVIATION_STATUSES,
  FOLLOW_UP_FORMS,
  FOLLOW_UP_STATUSES,
  KICKOFF_REASONS,
  PLAN_STATUSES,
  REPORT_STATUSES,
  REPORT_TYPES,
  REQUIREMENT_ANSWERS,
  SEVERITIES,
} from "../domain/model.ts";
import { PERIOD_KINDS } from "../domain/reporting-period.ts";
import { RISK_LEVELS } from "../domain/risk.ts";

/**
 * The app's SharePoint schema as code: every list and column, ASCII internal
 * names with Swedish display names. Every column the store filters or orders
 * on is indexed, so queries stay legal past the 5,000-item view threshold.
 */

/** The app's lists, by key. */
export const LIST_KEYS = [
  "settings",
  "committees",
  "contracts",
  "contractShares",
  "plans",
  "kickoffs",
  "deviations",
  "followUps",
  "deficiencies",
  "reminders",
  "reports",
  "providers",
] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** A reminder's state in Påminnelser (see reminders/reminder-runner.ts). */
export const REMINDER_STATUSES = ["reserverad", "skickas", "skickad", "misslyckad"] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export type ColumnType =
  | { readonly kind: "text"; readonly maxLength?: number }
  | { readonly kind: "note" }
  | {
      readonly kind: "number";
      readonly minimum?: number;
      readonly maximum?: number;
      readonly decimalPlaces?: number;
    }
  | { readonly kind: "boolean" }
  | { readonly kind: "date" }
  | { readonly kind: "dateTime" }
  | { readonly kind: "choice"; readonly choices: readonly string[] }
  | { readonly kind: "lookup"; readonly list: ListKey };

/**
 * One column: its internal name `N`, its type `T`, and whether it is indexed
 * (`I`) — a filter or sort may name only indexed columns, checked by the
 * compiler (see `filterOf`). A unique column is indexed too.
 */
export interface Column<
  N extends string = string,
  T extends ColumnType = ColumnType,
  I extends boolean = boolean,
> {
  readonly name: N;
  readonly displayName: string;
  readonly type: T;
  readonly indexed: I;
  readonly unique?: boolean;
}

/** The pre-typed shape provisioning works with. */
export type ColumnSchema = Column;

export interface ListSchema {
  key: ListKey;
  displayName: string;
  description: string;
  columns: readonly Column[];
}

interface TextOptions {
  /** Unique values (SharePoint requires the column to be indexed as well). */
  unique?: boolean;
  maxLength?: number;
}

type TextType = { kind: "text"; maxLength?: number };

// Each builder is overloaded on `indexed`, so an indexed column's type says so.

function text<const N extends string>(
  name: N,
  displayName: string,
  options?: TextOptions & { indexed?: false },
): Column<N, TextType, false>;
function text<const N extends string>(
  name: N,
  displayName: string,
  options: TextOptions & { indexed: true },
): Column<N, TextType, true>;
function text(
  name: string,
  displayName: string,
  options: TextOptions & { indexed?: boolean } = {},
): Column {
  return {
    name,
    displayName,
    type: { kind: "text", ...(options.maxLength ? { maxLength: options.maxLength } : {}) },
    indexed: options.indexed === true,
    ...(options.unique ? { unique: true } : {}),
  };
}

function note<const N extends string>(
  name: N,
  displayName: string,
): Column<N, { kind: "note" }, false> {
  return { name, displayName, type: { kind: "note" }, indexed: false };
}

function number<const N extends string>(
  name: N,
  displayName: string,
  range: { minimum?: number; maximum?: number } = {},
): Column<N, { kind: "number"; minimum?: number; maximum?: number }, false> {
  return { name, displayName, type: { kind: "number", ...range }, indexed: false };
}

function boolean<const N extends string>(
  name: N,
  displayName: string,
  indexed?: false,
): Column<N, { kind: "boolean" }, false>;
function boolean<const N extends string>(
  name: N,
  displayName: string,
  indexed: true,
): Column<N, { kind: "boolean" }, true>;
function boolean(name: string, displayName: string, indexed = false): Column {
  return { name, displayName, type: { kind: "boolean" }, indexed };
}

function date<const N extends string>(
  name: N,
  displayName: string,
  indexed?: false,
): Column<N, { kind: "date" }, false>;
function date<const N extends string>(
  name: N,
  displayName: string,
  indexed: true,
): Column<N, { kind: "date" }, true>;
function date(name: string, displayName: string, indexed = false): Column {
  return { name, displayName, type: { kind: "date" }, indexed };
}

function dateTime<const N extends string>(
  name: N,
  displayName: string,
  indexed?: false,
): Column<N, { kind: "dateTime" }, false>;
function dateTime<const N extends string>(
  name: N,
  displayName: string,
  indexed: true,
): Column<N, { kind: "dateTime" }, true>;
function dateTime(name: string, displayName: string, indexed = false): Column {
  return { name, displayName, type: { kind: "dateTime" }, indexed };
}

function choice<const N extends string, const C extends readonly string[]>(
  name: N,
  displayName: string,
  choices: C,
  indexed?: false,
): Column<N, { kind: "choice"; choices: C }, false>;
function choice<const N extends string, const C extends readonly string[]>(
  name: N,
  displayName: string,
  choices: C,
  indexed: true,
): Column<N, { kind: "choice"; choices: C }, true>;
function choice(
  name: string,
  displayName: string,
  choices: readonly string[],
  indexed = false,
): Column {
  return { name, displayName, type: { kind: "choice", choices }, indexed };
}

function lookup<const N extends string>(
  name: N,
  displayName: string,
  list: ListKey,
): Column<N, { kind: "lookup"; list: ListKey }, true> {
  return { name, displayName, type: { kind: "lookup", list }, indexed: true };
}

const committeeLookup = lookup("committee", "Nämnd", "committees");
/**
 * Who made each change (see domain/actor.ts), on every list the app writes:
 * the list client sets them on every create and update, so each version in
 * SharePoint's version history names the person behind it.
 */
const editorColumns = [
  text("editorName", "Senast ändrad av"),
  text("editorId", "Senast ändrad av (id)"),
  text("editorEmail", "Senast ändrad av (e-post)"),
] as const;

/**
 * A record removed by mistake is marked, never deleted: who, when and why.
 * The list client leaves marked rows out of every read unless asked for them.
 */
const removalColumns = [
  dateTime("removedAt", "Borttagen", true),
  text("removedById", "Borttagen av (id)"),
  text("removedByName", "Borttagen av"),
  note("removedReason", "Anledning till borttagning"),
] as const;
const contractLookup = lookup("contract", "Avtal", "contracts");

const list = <const C extends readonly Column[]>(
  displayName: string,
  description: string,
  columns: C,
) => ({ displayName, description, columns });

/** Every list of the app, its columns in the order provisioning creates them. */
export const SCHEMA = {
  settings: list("Inställningar", "Kommunens inställningar för avtalsuppföljningen.", [
    text("settingKey", "Nyckel", { unique: true, indexed: true }),
    note("settingValue", "Värde"),
    ...editorColumns,
  ]),
  committees: list("Nämnder", "Nämnder och styrelser som följer upp avtal.", [
    text("code", "Kod", { unique: true, indexed: true, maxLength: 20 }),
    choice("periodKind", "Uppföljningsperiod", PERIOD_KINDS),
    number("reportMonth", "Rapportmånad", { minimum: 1, maximum: 12 }),
    text("registryEmail", "Diarieadress"),
    text("groupId", "Microsoft 365-grupp", { indexed: true }),
    note("secretaryIds", "Nämndsekreterare"),
    boolean("isKs", "Kommunstyrelsen"),
    text("teamId", "Team"),
    text("channelId", "Kanal"),
    text("driveId", "Dokumentbibliotek"),
    ...editorColumns,
  ]),
  contracts: list(
    "Avtal",
    "Avtalsregistret: alla avtal med privata utförare och verksamhet i egen regi.",
    [
      text("contractNumber", "Avtalsnummer", { unique: true, indexed: true, maxLength: 60 }),
      committeeLookup,
      text("serviceArea", "Verksamhetsområde", { indexed: true }),
      text("provider", "Utförare", { indexed: true }),
      text("providerOrgNumber", "Organisationsnummer", { maxLength: 20 }),
      note("providers", "Utförare (alla, med organisationsnummer och e-post)"),
      boolean("ownRegime", "Egen regi"),
      text("ownerId", "Avtalsansvarig (id)", { indexed: true }),
      text("ownerName", "Avtalsansvarig"),
      text("ownerEmail", "Avtalsansvarigs e-post"),
      choice("valueClass", "Värde", LEVELS),
      choice("impactClass", "Påverkan på verksamheten", LEVELS),
      boolean("strategic", "Strategiskt", true),
      note("overrideReason", "Motivering till nämndens avvikande bedömning"),
      number("annualValue", "Årsvärde (kr)", { minimum: 0 }),
      date("startDate", "Avtalsstart", true),
      date("endDate", "Avtalsslut", true),
      text("extensionOptions", "Förlängningsoptioner"),
      date("extensionDecisionDate", "Sista dag för beslut om förlängning", true),
      choice("status", "Status", CONTRACT_STATUSES, true),
      number("followUpsPerYear", "Uppföljningar per år", { minimum: 0, maximum: 12 }),
      note("description", "Beskrivning"),
      text("publicFields", "Publika uppgifter"),
      note("publicDescription", "Vad följs upp (publikt)"),
      note("internalNotes", "Interna anteckningar"),
      // The nämnder sharing the contract by name, kept with the contract so that its
      // version history shows every change of shares (the Avtalsdelar rows are the index).
      note("sharedWith", "Delas med"),
      // A person's risk assessment (domain/risk.ts): the suggestion confirmed or
      // overridden with a reason. Kept on the contract so its version history
      // shows every assessment, and the årshjul reads the level with the contract.
      number("riskLikelihood", "Sannolikhet (risk)", { minimum: 1, maximum: 4 }),
      number("riskConsequence", "Konsekvens (risk)", { minimum: 1, maximum: 4 }),
      choice("riskLevel", "Risknivå", RISK_LEVELS),
      note("riskReason", "Motivering till riskbedömningen"),
      date("riskConfirmedOn", "Risk bedömd den"),
      text("riskConfirmedById", "Risk bedömd av (id)"),
      text("riskConfirmedByName", "Risk bedömd av"),
      choice("riskSuggestedLevel", "Föreslagen risknivå vid bedömningen", RISK_LEVELS),
      choice("riskRaisedFrom", "Risknivå före höjningen", RISK_LEVELS),
      date("riskRaisedOn", "Risknivån höjd den"),
      ...editorColumns,
      ...removalColumns,
    ],
  ),
  contractShares: list("Avtalsdelar", "Nämnder som följer upp sin del av ett delat avtal.", [
    contractLookup,
    committeeLookup,
    text("shareKey", "Nyckel", { unique: true, indexed: true }),
    ...editorColumns,
  ]),
  plans: list("Uppföljningsplaner", "Nämndens uppföljningsplan per mandatperiod.", [
    text("planKey", "Nyckel", { unique: true, indexed: true }),
    committeeLookup,
    text("mandatePeriod", "Mandatperiod", { indexed: true }),
    note("scope", "Vad ska följas upp"),
    text("forms", "Uppföljningsformer"),
    note("formsDescription", "Hur ska det följas upp"),
    note("responsibility", "Vem ansvarar"),
    note("timetable", "Tidsplan"),
    note("feedback", "Återkoppling till nämnd och utförare"),
    choice("status", "Status", PLAN_STATUSES, true),
    date("decisionDate", "Beslutsdatum"),
    text("registryNumber", "Diarienummer"),
    ...editorColumns,
    ...removalColumns,
  ]),
  kickoffs: list("Uppstartsmöten", "Uppstartsmöten inför nya avtal och förlängningar.", [
    contractLookup,
    committeeLookup,
    choice("reason", "Anledning", KICKOFF_REASONS),
    date("contractStart", "Avtalsstart", true),
    date("meetingDate", "Mötesdatum"),
    note("attendees", "Deltagare"),
    note("continuousReporting", "Löpande rapportering"),
    note("yearlyReporting", "Årlig rapportering"),
    text("minutesRegistryNumber", "Protokollets diarienummer"),
    note("notes", "Anteckningar"),
    ...editorColumns,
    ...removalColumns,
  ]),
  deviations: list("Avvikelser", "Avvikelser som dokumenteras löpande.", [
    contractLookup,
    committeeLookup,
    date("occurredOn", "Datum", true),
    text("provider", "Utförare"),
    note("description", "Beskrivning"),
    choice("severity", "Allvarlighetsgrad", SEVERITIES),
    note("handling", "Hantering"),
    choice("status", "Status", DEVIATION_STATUSES, true),
    ...editorColumns,
    ...removalColumns,
  ]),
  followUps: list("Uppföljningar", "Uppföljning av strategiska avtal per period.", [
    contractLookup,
    committeeLookup,
    text("period", "Period", { indexed: true }),
    date("followUpDate", "Uppföljningsdatum", true),
    choice("form", "Form", FOLLOW_UP_FORMS),
    choice("meetsRequirements", "Uppfyller väsentliga kvalitetskrav", REQUIREMENT_ANSWERS),
    note("deficienciesSummary", "Iakttagna brister"),
    note("goalImpact", "Påverkan på nämndens måluppfyllelse"),
    note("actionPlanSummary", "Handlingsplan"),
    note("goalFulfilment", "Grad av måluppfyllelse utifrån avtal"),
    note("serviceEvaluation", "Utvärdering av levererad tjänst"),
    boolean("controlSufficient", "Befintlig kontroll är tillräcklig"),
    date("feedbackToProviderOn", "Återkopplat till utföraren"),
    note("providerFeedback", "Återkoppling till utförarna"),
    note("publicSummary", "Publik sammanfattning"),
    choice("status", "Status", FOLLOW_UP_STATUSES, true),
    ...editorColumns,
    ...removalColumns,
  ]),
  deficiencies: list("Brister", "Brister och deras handlingsplaner.", [
    contractLookup,
    committeeLookup,
    lookup("followUp", "Uppföljning", "followUps"),
    lookup("deviation", "Avvikelse", "deviations"),
    text("provider", "Utförare"),
    note("description", "Brist"),
    note("goalImpact", "Påverkan på måluppfyllelse"),
    text("actionOwnerId", "Ansvarig (id)", { indexed: true }),
    text("actionOwnerName", "Ansvarig"),
    text("actionOwnerEmail", "Ansvarigs e-post"),
    note("measures", "Åtgärder"),
    date("deadline", "Senast klart", true),
    date("checkUpDate", "Uppföljningsdatum", true),
    note("checkUpResult", "Resultat av uppföljning"),
    note("sanctionNote", "Sanktion eller eskalering"),
    choice("status", "Status", DEFICIENCY_STATUSES, true),
    ...editorColumns,
    ...removalColumns,
  ]),
  reminders: list(
    "Påminnelser",
    "Logg över påminnelser i Teams; nyckeln gör att samma påminnelse aldrig skickas två gånger.",
    [
      text("reminderKey", "Nyckel", { unique: true, indexed: true }),
      choice("rule", "Regel", OBLIGATION_RULES),
      committeeLookup,
      text("targetRef", "Gäller"),
      date("dueDate", "Förfallodatum", true),
      choice("level", "Nivå", OBLIGATION_STATUSES),
      choice("status", "Status", REMINDER_STATUSES, true),
      dateTime("claimedAt", "Reserverad"),
      dateTime("sentAt", "Skickad"),
      text("conversationId", "Konversation"),
      text("activityId", "Meddelande"),
      note("error", "Fel"),
      ...editorColumns,
    ],
  ),
  reports: list("Rapporter", "Genererade rapportutkast och deras status.", [
    text("reportKey", "Nyckel", { unique: true, indexed: true }),
    committeeLookup,
    choice("reportType", "Rapporttyp", REPORT_TYPES, true),
    text("period", "Period", { indexed: true }),
    choice("status", "Status", REPORT_STATUSES, true),
    note("webUrl", "Länk"),
    text("driveItemId", "Fil-id"),
    text("fileName", "Filnamn"),
    dateTime("generatedAt", "Skapad", true),
    text("generatedByName", "Skapad av"),
    date("decisionDate", "Beslutsdatum"),
    text("paragraph", "Paragraf", { maxLength: 20 }),
    text("registryNumber", "Diarienummer", { maxLength: 60 }),
    ...editorColumns,
  ]),
  // The kommun's provider register (domain/provider-register.ts). Small (hundreds of
  // rows), so it is read whole with the kommun copy; the indexes serve lookups in
  // SharePoint itself and keep an organisationsnummer to one entry.
  providers: list("Leverantörer", "Kommunens leverantörsregister: uppgifter om varje leverantör.", [
    text("orgNumber", "Organisationsnummer", { unique: true, indexed: true, maxLength: 11 }),
    text("nameKey", "Namnnyckel", { indexed: true }),
    boolean("weakFinances", "Svag ekonomi"),
    boolean("ivoDecisionPending", "Väntar på beslut från IVO"),
    note("financesNote", "Ekonomi"),
    note("authorityNote", "IVO och andra myndigheters beslut"),
    text("contactName", "Kontaktperson"),
    text("contactEmail", "Kontaktpersonens e-post", { maxLength: 320 }),
    text("contactPhone", "Kontaktpersonens telefon", { maxLength: 40 }),
    // A person's answers to "Samma leverantör?": provider keys, one a line.
    note("sameAs", "Även känd som"),
    note("notSameAs", "Inte samma leverantör som"),
    ...editorColumns,
  ]),
} as const satisfies Record<ListKey, Omit<ListSchema, "key">>;

// Field types derived from the schema: what a list item's `fields` hold.

type ColumnsOf<K extends ListKey> = (typeof SCHEMA)[K]["columns"][number];

/** The field's name in Graph: a lookup column's value is `<name>LookupId`. */
type FieldNameOf<C> =
  C extends Column<infer N, { kind: "lookup"; list: ListKey }>
    ? `${N}LookupId`
    : C extends Column<infer N>
      ? N
      : never;

type WriteValueOf<T extends ColumnType> = T extends { kind: "choice"; choices: infer C }
  ? C extends readonly string[]
    ? C[number]
    : never
  : T extends { kind: "number" | "lookup" }
    ? number
    : T extends { kind: "boolean" }
      ? boolean
      : string;

/** SharePoint returns a lookup's id as a string, and a choice as whatever was stored. */
type ReadValueOf<T extends ColumnType> = T extends { kind: "number" }
  ? number
  : T extends { kind: "boolean" }
    ? boolean
    : string;

/** The fields a create or update may send for list K (null empties a column). */
export type FieldsOf<K extends ListKey> = { Title?: string } & {
  [C in ColumnsOf<K> as FieldNameOf<C>]?: WriteValueOf<C["type"]> | null;
};

/** The fields read back from list K: every one may be missing (SharePoint leaves empty ones out). */
export type ReadFieldsOf<K extends ListKey> = { Title?: string } & {
  [C in ColumnsOf<K> as FieldNameOf<C>]?: ReadValueOf<C["type"]>;
};

/** The fields of list K a filter or sort may name: its indexed columns. */
export type IndexedFieldOf<K extends ListKey> = {
  [C in ColumnsOf<K> as C["indexed"] extends true ? FieldNameOf<C> : never]: WriteValueOf<
    C["type"]
  >;
};

/** The lists whose rows may be removed (marked, see `removalColumns`) and restored. */
export const REMOVABLE_LISTS = [
  "contracts",
  "plans",
  "kickoffs",
  "deviations",
  "followUps",
  "deficiencies",
] as const satisfies readonly ListKey[];
export type RemovableListKey = (typeof REMOVABLE_LISTS)[number];

/** The lists whose rows' change history people read: the removable ones and the provider register. */
export type HistoryListKey = RemovableListKey | "providers";

/** Whether rows of list `key` can be marked removed. */
export function isRemovable(key: ListKey): key is RemovableListKey {
  return SCHEMA[key].columns.some((column) => column.name === "removedAt");
}

/** Every list, in provisioning order (lookups' targets first). */
export const LISTS: ListSchema[] = LIST_KEYS.map((key) => ({ key, ...SCHEMA[key] }));

/** Metadata columns of each nämnd's document library. */
export const LIBRARY_COLUMNS: readonly Column[] = [
  text("committeeCode", "Nämnd", { indexed: true }),
  choice("documentType", "Dokumenttyp", [...REPORT_TYPES, "underlag"]),
  text("period", "Period", { indexed: true }),
  choice("reportStatus", "Status", REPORT_STATUSES),
  date("decisionDate", "Beslutsdatum"),
  text("paragraph", "Paragraf", { maxLength: 20 }),
  text("registryNumber", "Diarienummer", { maxLength: 60 }),
  // Evidence (underlag, domain/evidence.ts): what record a file belongs to, and who put it there.
  text("evidenceKey", "Underlag för", { indexed: true }),
  choice("recordKind", "Hör till", EVIDENCE_RECORD_KINDS),
  text("recordId", "Postens id"),
  text("contractId", "Avtalets id"),
  text("driveItemId", "Fil-id"),
  number("fileSize", "Storlek (byte)", { minimum: 0 }),
  text("uploadedById", "Uppladdad av (id)"),
  text("uploadedByName", "Uppladdad av"),
  text("uploadedByEmail", "Uppladdad av (e-post)"),
  dateTime("uploadedAt", "Uppladdad"),
  ...removalColumns,
];

export function libraryDisplayName(committeeCode: string): string {
  return `Avtalsuppföljning ${committeeCode}`;
}

export function listSchema(key: ListKey): ListSchema {
  return { key, ...SCHEMA[key] };
}

/** Graph's columnDefinition body for a column; lookups need the target list's id. */
export function columnDefinition(
  column: ColumnSchema,
  listIds: ReadonlyMap<ListKey, string>,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: column.name,
    displayName: column.displayName,
    indexed: column.indexed === true || column.unique === true,
    enforceUniqueValues: column.unique === true,
  };
  const type = column.type;
  switch (type.kind) {
    case "text":
      return { ...base, text: { allowMultipleLines: false, maxLength: type.maxLength ?? 255 } };
    case "note":
      return { ...base, text: { allowMultipleLines: true } };
    case "number":
      return {
        ...base,
        number: {
          ...(type.minimum !== undefined ? { minimum: type.minimum } : {}),
          ...(type.maximum !== undefined ? { maximum: type.maximum } : {}),
        },
      };
    case "boolean":
      return { ...base, boolean: {} };
    case "date":
      return { ...base, dateTime: { format: "dateOnly" } };
    case "dateTime":
      return { ...base, dateTime: { format: "dateTime" } };
    case "choice":
      return { ...base, choice: { choices: [...type.choices], allowTextEntry: false } };
    case "lookup": {
      const listId = listIds.get(type.list);
      if (!listId) throw new Error(`lookup target ${type.list} is not provisioned yet`);
      return { ...base, lookup: { listId, columnName: "Title" } };
    }
  }
}
