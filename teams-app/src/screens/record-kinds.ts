import type { FieldSpec } from "../components/RecordForm.tsx";
import type { Contract, Person, RecordItem } from "../types.ts";

/** What each kind of record looks like in the tab: its fields, list columns and words. */

export interface FieldContext {
  contracts: Contract[];
  people: Person[];
  /** The nämnd's follow-ups and deviations, for the deficiency's link (loaded only for deficiencies). */
  followUps?: RecordItem[];
  deviations?: RecordItem[];
}

export type RecordKindName = "kickoffs" | "deviations" | "follow-ups" | "deficiencies";

export interface RecordKindView {
  path: RecordKindName;
  title: string;
  description: string;
  newLabel: string;
  emptyTitle: string;
  emptyText: string;
  /** Only strategic contracts are followed up per period. */
  strategicOnly?: boolean;
  columns: Array<{
    label: string;
    value: (record: Record<string, unknown>, contractTitle: string) => string;
  }>;
  fields(context: FieldContext): FieldSpec[];
  defaults(context: { today: string; period: string; me: Person }): Record<string, unknown>;
}

const options = (values: readonly string[]) =>
  values.map((value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) }));
const contractField = (contracts: Contract[]): FieldSpec => ({
  name: "contractId",
  label: "Avtal",
  kind: "select",
  required: true,
  options: contracts.map((contract) => ({
    value: contract.id,
    label: `${contract.title} (${contract.provider})`,
  })),
});

/**
 * The provider a record concerns, for contracts with several (LOV,
 * framework agreements); empty means the contract as a whole. The server
 * checks that the provider belongs to the chosen contract.
 */
const providerField = (contracts: Contract[]): FieldSpec => {
  const several = contracts.filter((contract) => contract.providers.length > 1);
  const names = [...new Set(several.flatMap((contract) => contract.providers.map((p) => p.name)))];
  return {
    name: "provider",
    label: "Utförare som berörs",
    kind: "select",
    hint: "Tomt = hela avtalet",
    options: names
      .sort((a, b) => a.localeCompare(b, "sv"))
      .map((name) => ({ value: name, label: name })),
    visible: (values) => several.some((contract) => contract.id === values.contractId),
  };
};

const titleOf = (contracts: Contract[], id: unknown) =>
  contracts.find((contract) => contract.id === id)?.title ?? "";

export const RECORD_VIEWS: Record<RecordKindName, RecordKindView> = {
  kickoffs: {
    path: "kickoffs",
    title: "Uppstartsmöten",
    description:
      "Före ett nytt avtal eller en förlängning gås avtalet igenom och man bestämmer vad som rapporteras löpande och årligen för allmänhetens insyn. Protokollet diarieförs.",
    newLabel: "Nytt uppstartsmöte",
    emptyTitle: "Inga uppstartsmöten registrerade",
    emptyText: "Registrera uppstartsmötet före avtalsstart eller förlängning.",
    columns: [
      { label: "Avtal", value: (_record, title) => title },
      { label: "Mötesdatum", value: (record) => String(record.meetingDate ?? "") },
      { label: "Avtalsstart", value: (record) => String(record.contractStart ?? "") },
      { label: "Diarienummer", value: (record) => String(record.minutesRegistryNumber || "–") },
    ],
    fields: ({ contracts }) => [
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
    defaults: ({ today }) => ({
      reason: "nytt avtal",
      meetingDate: today,
      contractStart: "",
      attendees: "",
      continuousReporting: "",
      yearlyReporting: "",
      minutesRegistryNumber: "",
      notes: "",
    }),
  },
  deviations: {
    path: "deviations",
    title: "Avvikelser",
    description: "Avvikelser dokumenteras löpande när de inträffar.",
    newLabel: "Ny avvikelse",
    emptyTitle: "Inga avvikelser",
    emptyText: "Dokumentera avvikelser när de inträffar, så finns underlaget till uppföljningen.",
    columns: [
      { label: "Datum", value: (record) => String(record.occurredOn ?? "") },
      { label: "Avtal", value: (_record, title) => title },
      { label: "Beskrivning", value: (record) => String(record.description ?? "") },
      { label: "Allvar", value: (record) => String(record.severity ?? "") },
      { label: "Status", value: (record) => String(record.status ?? "") },
    ],
    fields: ({ contracts }) => [
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
    defaults: ({ today }) => ({
      occurredOn: today,
      provider: "",
      description: "",
      severity: "låg",
      handling: "",
      status: "öppen",
    }),
  },
  "follow-ups": {
    path: "follow-ups",
    title: "Uppföljning",
    description:
      "Uppföljning av strategiska avtal per period: uppfyller utföraren de väsentliga kvalitetskraven, vilka brister, hur påverkas nämndens mål, och återkopplingen till utföraren.",
    newLabel: "Ny uppföljning",
    emptyTitle: "Inga uppföljningar ännu",
    emptyText: "Registrera periodens uppföljning av varje strategiskt avtal.",
    strategicOnly: true,
    columns: [
      { label: "Avtal", value: (_record, title) => title },
      { label: "Period", value: (record) => String(record.period ?? "") },
      { label: "Datum", value: (record) => String(record.followUpDate ?? "") },
      { label: "Uppfyller kraven", value: (record) => String(record.meetsRequirements ?? "") },
      { label: "Status", value: (record) => String(record.status ?? "") },
    ],
    fields: ({ contracts }) => [
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
        options: options(["ja", "delvis", "nej"]),
      },
      {
        name: "deficienciesSummary",
        label: "Vilka brister har iakttagits",
        kind: "textarea",
        visible: (values) => values.meetsRequirements !== "ja",
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
        kind: "boolean",
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
    defaults: ({ today, period }) => ({
      period,
      followUpDate: today,
      form: "avtalsuppföljning",
      meetsRequirements: "ja",
      deficienciesSummary: "",
      goalImpact: "",
      actionPlanSummary: "",
      goalFulfilment: "",
      serviceEvaluation: "",
      controlSufficient: true,
      providerFeedback: "",
      publicSummary: "",
      status: "utkast",
    }),
  },
  deficiencies: {
    path: "deficiencies",
    title: "Brister och handlingsplaner",
    description:
      "Brister som har hittats vid uppföljning och handlingsplanen för varje brist: ansvarig, åtgärder, sista dag, uppföljning och vad som händer om den inte följs.",
    newLabel: "Ny brist",
    emptyTitle: "Inga brister registrerade",
    emptyText:
      "Registrera brister som hittas vid uppföljningen och upprätta en handlingsplan för varje.",
    columns: [
      { label: "Avtal", value: (_record, title) => title },
      { label: "Brist", value: (record) => String(record.description ?? "") },
      {
        label: "Ansvarig",
        value: (record) =>
          String((record.actionOwner as { name?: string } | undefined)?.name ?? "–"),
      },
      { label: "Uppföljning", value: (record) => String(record.checkUpDate ?? "–") },
      { label: "Status", value: (record) => String(record.status ?? "") },
    ],
    fields: ({ contracts, people, followUps = [], deviations = [] }) => [
      contractField(contracts),
      providerField(contracts),
      {
        name: "followUpId",
        label: "Upptäckt vid uppföljning",
        kind: "select",
        hint: "Bristen redovisas i uppföljningens period",
        options: followUps.map((followUp) => ({
          value: followUp.id,
          label: `${titleOf(contracts, followUp.contractId)}, ${String(followUp.period ?? "")} (${String(followUp.followUpDate ?? "")})`,
        })),
      },
      {
        name: "deviationId",
        label: "Eller: upptäckt genom avvikelse",
        kind: "select",
        hint: "Koppla till antingen en uppföljning eller en avvikelse",
        options: deviations.map((deviation) => ({
          value: deviation.id,
          label: `${String(deviation.occurredOn ?? "")} ${titleOf(contracts, deviation.contractId)}: ${String(deviation.description ?? "").slice(0, 60)}`,
        })),
      },
      { name: "description", label: "Brist", kind: "textarea", required: true },
      { name: "goalImpact", label: "Påverkan på nämndens måluppfyllelse", kind: "textarea" },
      { name: "actionOwner", label: "Ansvarig för handlingsplanen", kind: "person", people },
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
    defaults: ({ me }) => ({
      provider: "",
      description: "",
      goalImpact: "",
      actionOwner: me,
      measures: "",
      checkUpResult: "",
      sanctionNote: "",
      status: "öppen",
    }),
  },
};
