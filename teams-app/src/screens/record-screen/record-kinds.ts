import type { DraftButton } from "../../components/ReportButtons.tsx";
import type { Draft, FieldSpec, Option } from "../../components/record-form/fields.ts";
import { formatDate } from "../../format.ts";
import type { RecordScreenName } from "../../routes.ts";
import type {
  Contract,
  Deficiency,
  DeficiencyInput,
  Deviation,
  DeviationInput,
  FollowUp,
  FollowUpInput,
  FormOf,
  KickoffInput,
  KickoffMeeting,
  Person,
} from "../../types.ts";
import { compareSv } from "./list-query.ts";

/** What each kind of record looks like in the tab: its fields, list, filters and words. */

export type RecordPath = "kickoffs" | "deviations" | "follow-ups" | "deficiencies";

export interface RecordBase {
  id: string;
  etag: string;
  contractId: string;
  committeeId: string;
  status?: string;
}

export interface FieldContext {
  contracts: Contract[];
  people: Person[];
  /** The nämnd's follow-ups and deviations, for a deficiency's link (read only for deficiencies). */
  followUps?: FollowUp[];
  deviations?: Deviation[];
}

export interface DefaultsContext {
  today: string;
  /** The latest complete reporting period's key. */
  period: string;
  me: Person;
  contracts: Contract[];
  /** The address's prefill: avtal (contract id), period, start (a kickoff's contract start). */
  prefill: URLSearchParams;
}

export interface RecordKindView<T extends RecordBase> {
  path: RecordPath;
  screen: RecordScreenName;
  title: string;
  /** "avvikelsen", "uppföljningen": used in messages. */
  definite: string;
  description: string;
  newLabel: string;
  emptyTitle: string;
  emptyText: string;
  savedMessage: string;
  /** Only strategic contracts are followed up per period. */
  strategicOnly?: boolean;
  statuses: readonly string[];
  /** Status filters that take in several statuses (e.g. every deficiency not yet dealt with). */
  statusGroups?: Array<{ value: string; label: string; matches: (status: string) => boolean }>;
  /** The date a row is sorted and filtered by (its "when"). */
  dateOf: (record: T) => string | undefined;
  /** The reporting period (follow-ups) or the year (others) of a row. */
  periodOf: (record: T) => string | undefined;
  /** Who is responsible for a row (the action plan's owner, else the contract's). */
  ownerOf: (record: T, contract: Contract | undefined) => Person | undefined;
  /** Text the search looks in, besides the contract's name. */
  searchText: (record: T) => string;
  /** The row's own words after the contract's name (the list's first column). */
  summary: (record: T) => string;
  /** What the list's date column is called. */
  dateLabel: string;
  /** The kind's own columns in the list, besides contract, date, owner and status. */
  columns: Array<{ key: string; label: string; value: (record: T) => string }>;
  /** "3 avvikelser", "1 avvikelse". */
  count: (n: number) => string;
  /** A deficiency links to the follow-up or deviation that found it: the screen reads those too. */
  readsLinks?: boolean;
  fields(context: FieldContext): FieldSpec<T>[];
  defaults(context: DefaultsContext): Draft<T>;
  /** The Word drafts a saved record offers (the kickoff's minutes, a follow-up's letters). */
  drafts?: (record: T, contract: Contract | undefined) => DraftButton[];
}

export const capitalised = (value: string | undefined) =>
  value ? value.charAt(0).toLocaleUpperCase("sv") + value.slice(1) : "–";

const options = (values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: capitalised(value) }));

const yearOf = (date: string | undefined) => date?.slice(0, 4);

function contractField<T extends { contractId: string }>(contracts: Contract[]): FieldSpec<T> {
  return {
    name: "contractId",
    label: "Avtal",
    kind: "select",
    required: true,
    placeholder: "Välj avtal …",
    options: contracts.map((contract) => ({
      value: contract.id,
      label: `${contract.title} (${contract.provider})`,
    })),
  };
}

/**
 * The provider a record concerns, for contracts with several (LOV,
 * framework agreements); empty means the contract as a whole. Shown only
 * when the chosen contract has several; the server checks that the provider
 * belongs to it.
 */
function providerField<T extends { contractId: string; provider: string }>(
  contracts: Contract[],
): FieldSpec<T> {
  const several = contracts.filter((contract) => contract.providers.length > 1);
  const names = [
    ...new Set(several.flatMap((contract) => contract.providers.map((provider) => provider.name))),
  ];
  return {
    name: "provider",
    label: "Utförare som berörs",
    kind: "select",
    hint: "Tomt = hela avtalet",
    placeholder: "Hela avtalet",
    sendEmpty: true,
    options: names.sort(compareSv).map((name) => ({ value: name, label: name })),
    visible: (values) => several.some((contract) => contract.id === values.contractId),
  };
}

const titleOf = (contracts: Contract[], id: string) =>
  contracts.find((contract) => contract.id === id)?.title ?? "(okänt avtal)";

/** The prefilled contract, if it is one the form offers. */
function prefilledContract(context: DefaultsContext): string | undefined {
  const id = context.prefill.get("avtal") ?? undefined;
  return context.contracts.some((contract) => contract.id === id) ? id : undefined;
}

export const KICKOFFS: RecordKindView<KickoffMeeting> = {
  path: "kickoffs",
  screen: "uppstartsmoten",
  title: "Uppstartsmöten",
  definite: "uppstartsmötet",
  description:
    "Före ett nytt avtal eller en förlängning gås avtalet igenom och man bestämmer vad som rapporteras löpande och årligen för allmänhetens insyn. Protokollet diarieförs.",
  newLabel: "Nytt uppstartsmöte",
  emptyTitle: "Inga uppstartsmöten registrerade",
  emptyText: "Registrera uppstartsmötet före avtalsstart eller förlängning.",
  savedMessage: "Uppstartsmötet är sparat.",
  statuses: [],
  dateOf: (record) => record.meetingDate,
  periodOf: (record) => yearOf(record.meetingDate),
  ownerOf: (_record, contract) => contract?.owner,
  searchText: (record) =>
    [record.attendees, record.minutesRegistryNumber, record.notes, record.reason].join(" "),
  summary: (record) => capitalised(record.reason),
  dateLabel: "Mötesdatum",
  columns: [
    {
      key: "diarienummer",
      label: "Diarienummer",
      value: (record) => record.minutesRegistryNumber || "–",
    },
  ],
  count: (n) => (n === 1 ? "1 uppstartsmöte" : `${n} uppstartsmöten`),
  drafts: (record) => [
    { label: "Protokoll (Word)", request: { type: "uppstart", kickoffId: record.id } },
  ],
  fields: ({ contracts }): FieldSpec<FormOf<KickoffMeeting, KickoffInput>>[] => [
    contractField(contracts),
    {
      name: "reason",
      label: "Anledning",
      kind: "select",
      required: true,
      options: options(["nytt avtal", "förlängning"]),
    },
    {
      name: "contractStart",
      label: "Avtalsstart (eller förlängningens start)",
      kind: "date",
      required: true,
    },
    { name: "meetingDate", label: "Mötesdatum", kind: "date", required: true },
    { name: "attendees", label: "Deltagare", kind: "textarea", required: true },
    { name: "continuousReporting", label: "Vad rapporteras löpande", kind: "textarea" },
    {
      name: "yearlyReporting",
      label: "Vad rapporteras årligen för allmänhetens insyn",
      kind: "textarea",
    },
    {
      name: "minutesRegistryNumber",
      label: "Protokollets diarienummer",
      kind: "text",
      hint: "T.ex. VAN 2026/0123",
    },
    { name: "notes", label: "Anteckningar", kind: "textarea" },
  ],
  defaults: (context) => {
    const contractId = prefilledContract(context);
    const contract = context.contracts.find((candidate) => candidate.id === contractId);
    const start = context.prefill.get("start") ?? undefined;
    return {
      contractId,
      // A kickoff for the contract's own start is for a new contract; a later start is an extension.
      reason:
        start && contract?.startDate && start !== contract.startDate ? "förlängning" : "nytt avtal",
      meetingDate: context.today,
      contractStart: start ?? contract?.startDate ?? "",
      attendees: "",
      continuousReporting: "",
      yearlyReporting: "",
      minutesRegistryNumber: "",
      notes: "",
    };
  },
};

export const DEVIATIONS: RecordKindView<Deviation> = {
  path: "deviations",
  screen: "avvikelser",
  title: "Avvikelser",
  definite: "avvikelsen",
  description: "Avvikelser dokumenteras löpande när de inträffar.",
  newLabel: "Ny avvikelse",
  emptyTitle: "Inga avvikelser",
  emptyText: "Dokumentera avvikelser när de inträffar, så finns underlaget till uppföljningen.",
  savedMessage: "Avvikelsen är sparad.",
  statuses: ["öppen", "hanterad"],
  dateOf: (record) => record.occurredOn,
  periodOf: (record) => yearOf(record.occurredOn),
  ownerOf: (_record, contract) => contract?.owner,
  searchText: (record) =>
    [record.description, record.handling, record.severity, record.provider].join(" "),
  summary: (record) => record.description,
  dateLabel: "Datum",
  columns: [{ key: "allvar", label: "Allvar", value: (record) => capitalised(record.severity) }],
  count: (n) => (n === 1 ? "1 avvikelse" : `${n} avvikelser`),
  fields: ({ contracts }): FieldSpec<FormOf<Deviation, DeviationInput>>[] => [
    contractField(contracts),
    providerField(contracts),
    { name: "occurredOn", label: "Datum", kind: "date", required: true },
    { name: "description", label: "Beskrivning", kind: "textarea", required: true },
    {
      name: "severity",
      label: "Allvarlighetsgrad",
      kind: "select",
      required: true,
      options: options(["låg", "medel", "hög"]),
    },
    { name: "handling", label: "Hantering", kind: "textarea" },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: options(["öppen", "hanterad"]),
    },
  ],
  defaults: (context) => ({
    contractId: prefilledContract(context),
    occurredOn: context.today,
    provider: "",
    description: "",
    handling: "",
    status: "öppen",
  }),
};

export const FOLLOW_UPS: RecordKindView<FollowUp> = {
  path: "follow-ups",
  screen: "uppfoljning",
  title: "Uppföljning",
  definite: "uppföljningen",
  description:
    "Uppföljning av strategiska avtal per period: uppfyller utföraren de väsentliga kvalitetskraven, vilka brister, hur påverkas nämndens mål, och återkopplingen till utföraren.",
  newLabel: "Ny uppföljning",
  emptyTitle: "Inga uppföljningar ännu",
  emptyText: "Registrera periodens uppföljning av varje strategiskt avtal.",
  savedMessage: "Uppföljningen är sparad.",
  strategicOnly: true,
  statuses: ["utkast", "klar"],
  dateOf: (record) => record.followUpDate,
  periodOf: (record) => record.period,
  ownerOf: (_record, contract) => contract?.owner,
  searchText: (record) =>
    [record.deficienciesSummary, record.serviceEvaluation, record.goalImpact, record.form].join(
      " ",
    ),
  summary: (record) => `Period ${record.period}`,
  dateLabel: "Datum",
  columns: [
    { key: "period", label: "Period", value: (record) => record.period },
    {
      key: "krav",
      label: "Uppfyller kraven",
      value: (record) => capitalised(record.meetsRequirements),
    },
  ],
  count: (n) => (n === 1 ? "1 uppföljning" : `${n} uppföljningar`),
  // One letter per provider: each gets the nämnd's feedback and only its own deficiencies.
  drafts: (record, contract) => {
    const providers = contract?.providers ?? [];
    return providers.map((provider) => ({
      label:
        providers.length > 1
          ? `Återkoppling till ${provider.name} (Word)`
          : "Återkoppling till utföraren (Word)",
      request: { type: "aterkoppling", followUpId: record.id, provider: provider.name },
    }));
  },
  fields: ({ contracts }): FieldSpec<FormOf<FollowUp, FollowUpInput>>[] => [
    contractField(contracts),
    {
      name: "period",
      label: "Period",
      kind: "text",
      required: true,
      hint: "T.ex. 2025–2026 (juli–juni) eller 2025 (kalenderår)",
    },
    { name: "followUpDate", label: "Uppföljningsdatum", kind: "date", required: true },
    {
      name: "form",
      label: "Form",
      kind: "select",
      required: true,
      options: options(["tillsyn", "avtalsuppföljning", "verksamhetsuppföljning"]),
    },
    {
      name: "meetsRequirements",
      label: "Uppfyller utföraren väsentliga kvalitetskrav enligt avtalet?",
      kind: "select",
      required: true,
      placeholder: "Välj ja, delvis eller nej …",
      options: options(["ja", "delvis", "nej"]),
    },
    {
      name: "deficienciesSummary",
      label: "Vilka brister har iakttagits",
      kind: "textarea",
      visible: (values) => values.meetsRequirements !== "ja",
      requiredWhen: (values) =>
        values.meetsRequirements === "delvis" || values.meetsRequirements === "nej",
    },
    {
      name: "goalImpact",
      label: "Hur har bristerna påverkat nämndens måluppfyllelse",
      kind: "textarea",
    },
    { name: "actionPlanSummary", label: "Handlingsplan", kind: "textarea" },
    { name: "goalFulfilment", label: "Grad av måluppfyllelse utifrån avtal", kind: "textarea" },
    { name: "serviceEvaluation", label: "Utvärdering av levererad tjänst", kind: "textarea" },
    {
      name: "controlSufficient",
      label: "Är befintlig kontroll av verksamheten tillräcklig?",
      kind: "yesno",
      required: true,
    },
    { name: "feedbackToProviderOn", label: "Återkopplat till utföraren", kind: "date" },
    {
      name: "providerFeedback",
      label: "Återkoppling till utföraren (kommer med i brevet)",
      kind: "textarea",
      hint: "Det nämnden vill säga utförarna om resultatet. Varje utförares egna brister kommer med i dess eget brev; skriv inget internt och inget om en enskild utförare.",
    },
    {
      name: "publicSummary",
      label: "Sammanfattning för allmänheten",
      kind: "textarea",
      hint: "Visas på kommunens webbplats om avtalet tillåter det. Skriv inga personuppgifter.",
    },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: options(["utkast", "klar"]),
    },
  ],
  defaults: (context) => ({
    contractId: prefilledContract(context),
    period: context.prefill.get("period") ?? context.period,
    followUpDate: context.today,
    form: "avtalsuppföljning",
    deficienciesSummary: "",
    goalImpact: "",
    actionPlanSummary: "",
    goalFulfilment: "",
    serviceEvaluation: "",
    providerFeedback: "",
    publicSummary: "",
    status: "utkast",
  }),
};

export const DEFICIENCIES: RecordKindView<Deficiency> = {
  path: "deficiencies",
  screen: "brister",
  title: "Brister och handlingsplaner",
  definite: "bristen",
  description:
    "Brister som har hittats vid uppföljning och handlingsplanen för varje brist: ansvarig, åtgärder, sista dag, uppföljning och vad som händer om den inte följs.",
  newLabel: "Ny brist",
  emptyTitle: "Inga brister registrerade",
  emptyText:
    "Registrera brister som hittas vid uppföljningen och upprätta en handlingsplan för varje.",
  savedMessage: "Bristen och handlingsplanen är sparade.",
  statuses: ["öppen", "pågår", "åtgärdad", "eskalerad"],
  statusGroups: [
    { value: "ej-atgardad", label: "Ej åtgärdade", matches: (status) => status !== "åtgärdad" },
  ],
  dateOf: (record) => record.checkUpDate ?? record.deadline,
  periodOf: (record) => yearOf(record.checkUpDate ?? record.deadline),
  ownerOf: (record, contract) => record.actionOwner ?? contract?.owner,
  searchText: (record) =>
    [
      record.description,
      record.measures,
      record.checkUpResult,
      record.sanctionNote,
      record.provider,
    ].join(" "),
  summary: (record) => record.description,
  dateLabel: "Uppföljning",
  columns: [
    { key: "senast", label: "Senast klart", value: (record) => formatDate(record.deadline) },
  ],
  count: (n) => (n === 1 ? "1 brist" : `${n} brister`),
  readsLinks: true,
  fields: ({
    contracts,
    people,
    followUps = [],
    deviations = [],
  }): FieldSpec<FormOf<Deficiency, DeficiencyInput>>[] => [
    contractField(contracts),
    providerField(contracts),
    {
      name: "followUpId",
      label: "Upptäckt vid uppföljning",
      kind: "select",
      hint: "Bristen redovisas i uppföljningens period",
      sendEmpty: true,
      options: followUps.map((followUp) => ({
        value: followUp.id,
        label: `${titleOf(contracts, followUp.contractId)}, ${followUp.period} (${formatDate(followUp.followUpDate)})`,
      })),
    },
    {
      name: "deviationId",
      label: "Eller: upptäckt genom avvikelse",
      kind: "select",
      hint: "Koppla till antingen en uppföljning eller en avvikelse",
      sendEmpty: true,
      options: deviations.map((deviation) => ({
        value: deviation.id,
        label: `${formatDate(deviation.occurredOn)} ${titleOf(contracts, deviation.contractId)}: ${deviation.description.slice(0, 60)}`,
      })),
    },
    { name: "description", label: "Brist", kind: "textarea", required: true },
    { name: "goalImpact", label: "Påverkan på nämndens måluppfyllelse", kind: "textarea" },
    {
      name: "actionOwner",
      label: "Ansvarig för handlingsplanen",
      kind: "person",
      people,
      requiredWhen: (values) => (values.measures ?? "").trim() !== "",
    },
    { name: "measures", label: "Åtgärder", kind: "textarea" },
    { name: "deadline", label: "Senast klart", kind: "date" },
    { name: "checkUpDate", label: "Uppföljning av handlingsplanen", kind: "date" },
    { name: "checkUpResult", label: "Resultat av uppföljningen", kind: "textarea" },
    {
      name: "sanctionNote",
      label: "Om åtgärderna inte genomförs (sanktion, vite, eskalering)",
      kind: "textarea",
    },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: options(["öppen", "pågår", "åtgärdad", "eskalerad"]),
    },
  ],
  defaults: (context) => ({
    contractId: prefilledContract(context),
    provider: "",
    description: "",
    goalImpact: "",
    actionOwner: context.me,
    measures: "",
    checkUpResult: "",
    sanctionNote: "",
    status: "öppen",
  }),
};
