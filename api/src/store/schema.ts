import { OBLIGATION_RULES } from "../domain/annual-cycle.ts";
import { LEVELS } from "../domain/classification.ts";
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

/**
 * The app's SharePoint schema as code: every list and column, ASCII internal
 * names with Swedish display names. Every column the store filters or orders
 * on is indexed, so queries stay legal past the 5,000-item view threshold.
 */

export type ColumnType =
  | { kind: "text"; maxLength?: number }
  | { kind: "note" }
  | { kind: "number"; minimum?: number; maximum?: number; decimalPlaces?: number }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "dateTime" }
  | { kind: "choice"; choices: readonly string[] }
  | { kind: "lookup"; list: ListKey };

export interface ColumnSchema {
  name: string;
  displayName: string;
  type: ColumnType;
  indexed?: boolean;
  unique?: boolean;
}

export interface ListSchema {
  key: ListKey;
  displayName: string;
  description: string;
  columns: ColumnSchema[];
}

export type ListKey =
  | "settings"
  | "committees"
  | "contracts"
  | "contractShares"
  | "plans"
  | "kickoffs"
  | "deviations"
  | "followUps"
  | "deficiencies"
  | "reminders"
  | "reports";

const text = (
  name: string,
  displayName: string,
  options: Partial<ColumnSchema> & { maxLength?: number } = {},
): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "text", ...(options.maxLength ? { maxLength: options.maxLength } : {}) },
  ...(options.indexed ? { indexed: true } : {}),
  ...(options.unique ? { unique: true, indexed: true } : {}),
});
const note = (name: string, displayName: string): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "note" },
});
const number = (
  name: string,
  displayName: string,
  range: { minimum?: number; maximum?: number } = {},
): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "number", ...range },
});
const boolean = (name: string, displayName: string, indexed = false): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "boolean" },
  ...(indexed ? { indexed } : {}),
});
const date = (name: string, displayName: string, indexed = false): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "date" },
  ...(indexed ? { indexed } : {}),
});
const dateTime = (name: string, displayName: string, indexed = false): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "dateTime" },
  ...(indexed ? { indexed } : {}),
});
const choice = (
  name: string,
  displayName: string,
  choices: readonly string[],
  indexed = false,
): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "choice", choices },
  ...(indexed ? { indexed } : {}),
});
const lookup = (name: string, displayName: string, list: ListKey): ColumnSchema => ({
  name,
  displayName,
  type: { kind: "lookup", list },
  indexed: true,
});

const committeeLookup = lookup("committee", "Nämnd", "committees");
/**
 * Who saved a record last, by name. The app writes with its own identity,
 * so SharePoint's "modified by" names the app; this names the person
 * (change history, and the conflict dialog's "who").
 */
const editorName = text("editorName", "Senast ändrad av");
const contractLookup = lookup("contract", "Avtal", "contracts");

export const LISTS: ListSchema[] = [
  {
    key: "settings",
    displayName: "Inställningar",
    description: "Kommunens inställningar för avtalsuppföljningen.",
    columns: [text("settingKey", "Nyckel", { unique: true }), note("settingValue", "Värde")],
  },
  {
    key: "committees",
    displayName: "Nämnder",
    description: "Nämnder och styrelser som följer upp avtal.",
    columns: [
      text("code", "Kod", { unique: true, maxLength: 20 }),
      choice("periodKind", "Uppföljningsperiod", PERIOD_KINDS),
      number("reportMonth", "Rapportmånad", { minimum: 1, maximum: 12 }),
      text("registryEmail", "Diarieadress"),
      text("groupId", "Microsoft 365-grupp", { indexed: true }),
      note("secretaryIds", "Nämndsekreterare"),
      boolean("isKs", "Kommunstyrelsen"),
      text("teamId", "Team"),
      text("channelId", "Kanal"),
      text("driveId", "Dokumentbibliotek"),
    ],
  },
  {
    key: "contracts",
    displayName: "Avtal",
    description: "Avtalsregistret: alla avtal med privata utförare och verksamhet i egen regi.",
    columns: [
      text("contractNumber", "Avtalsnummer", { unique: true, maxLength: 60 }),
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
      editorName,
    ],
  },
  {
    key: "contractShares",
    displayName: "Avtalsdelar",
    description: "Nämnder som följer upp sin del av ett delat avtal.",
    columns: [contractLookup, committeeLookup, text("shareKey", "Nyckel", { unique: true })],
  },
  {
    key: "plans",
    displayName: "Uppföljningsplaner",
    description: "Nämndens uppföljningsplan per mandatperiod.",
    columns: [
      text("planKey", "Nyckel", { unique: true }),
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
      editorName,
    ],
  },
  {
    key: "kickoffs",
    displayName: "Uppstartsmöten",
    description: "Uppstartsmöten inför nya avtal och förlängningar.",
    columns: [
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
      editorName,
    ],
  },
  {
    key: "deviations",
    displayName: "Avvikelser",
    description: "Avvikelser som dokumenteras löpande.",
    columns: [
      contractLookup,
      committeeLookup,
      date("occurredOn", "Datum", true),
      text("provider", "Utförare"),
      note("description", "Beskrivning"),
      choice("severity", "Allvarlighetsgrad", SEVERITIES),
      note("handling", "Hantering"),
      choice("status", "Status", DEVIATION_STATUSES, true),
      editorName,
    ],
  },
  {
    key: "followUps",
    displayName: "Uppföljningar",
    description: "Uppföljning av strategiska avtal per period.",
    columns: [
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
      editorName,
    ],
  },
  {
    key: "deficiencies",
    displayName: "Brister",
    description: "Brister och deras handlingsplaner.",
    columns: [
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
      editorName,
    ],
  },
  {
    key: "reminders",
    displayName: "Påminnelser",
    description:
      "Logg över påminnelser i Teams; nyckeln gör att samma påminnelse aldrig skickas två gånger.",
    columns: [
      text("reminderKey", "Nyckel", { unique: true }),
      choice("rule", "Regel", OBLIGATION_RULES),
      committeeLookup,
      text("targetRef", "Gäller"),
      date("dueDate", "Förfallodatum", true),
      choice("level", "Nivå", ["upcoming", "due", "late"]),
      choice("status", "Status", ["reserverad", "skickas", "skickad", "misslyckad"], true),
      dateTime("claimedAt", "Reserverad"),
      dateTime("sentAt", "Skickad"),
      text("conversationId", "Konversation"),
      text("activityId", "Meddelande"),
      note("error", "Fel"),
    ],
  },
  {
    key: "reports",
    displayName: "Rapporter",
    description: "Genererade rapportutkast och deras status.",
    columns: [
      text("reportKey", "Nyckel", { unique: true }),
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
    ],
  },
];

/** Metadata columns of each nämnd's document library. */
export const LIBRARY_COLUMNS: ColumnSchema[] = [
  text("committeeCode", "Nämnd", { indexed: true }),
  choice("documentType", "Dokumenttyp", REPORT_TYPES),
  text("period", "Period", { indexed: true }),
  choice("reportStatus", "Status", REPORT_STATUSES),
  date("decisionDate", "Beslutsdatum"),
  text("paragraph", "Paragraf", { maxLength: 20 }),
  text("registryNumber", "Diarienummer", { maxLength: 60 }),
];

export function libraryDisplayName(committeeCode: string): string {
  return `Avtalsuppföljning ${committeeCode}`;
}

export function listSchema(key: ListKey): ListSchema {
  const schema = LISTS.find((list) => list.key === key);
  if (!schema) throw new Error(`unknown list ${key}`);
  return schema;
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
