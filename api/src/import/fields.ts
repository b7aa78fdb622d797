/**
 * What a file's columns can be mapped to: the register's fields, and for
 * last period's history the follow-ups' and the deficiencies' fields. Each
 * field names the Swedish headers registers use for it, so the import can
 * propose a mapping, and the planners read its cells.
 */

export const IMPORT_KINDS = ["register", "followUps", "deficiencies"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KIND_LABELS: Record<ImportKind, string> = {
  register: "Avtal",
  followUps: "Uppföljningar",
  deficiencies: "Brister och handlingsplaner",
};

export interface FieldDefinition<K extends string = string> {
  key: K;
  /** The field's name in the app, as the preview shows it. */
  label: string;
  /** Headers that mean this field, as people write them (compared without case and punctuation). */
  headers: readonly string[];
}

const CONTRACT_NUMBER_HEADERS = [
  "avtalsnummer",
  "avtalsnr",
  "avtals nr",
  "avtals id",
  "avtalsid",
  "avtalets nummer",
  "avtal nr",
  "diarienummer",
  "diarienr",
  "dnr",
  "kontraktsnummer",
  "referensnummer",
  "id",
] as const;

const field = <K extends string>(definition: FieldDefinition<K>) => definition;

export const REGISTER_FIELDS = [
  field({
    key: "contractNumber",
    label: "Avtalsnummer",
    headers: CONTRACT_NUMBER_HEADERS,
  }),
  field({
    key: "title",
    label: "Avtal",
    headers: [
      "avtal",
      "avtalsnamn",
      "avtalets namn",
      "avtalsbenämning",
      "benämning",
      "avtalstitel",
      "namn på avtal",
      "avtalsrubrik",
      "strategiskt avtal",
    ],
  }),
  field({
    key: "provider",
    label: "Utförare",
    headers: [
      "leverantör",
      "leverantörer",
      "utförare",
      "leverantörsnamn",
      "leverantörens namn",
      "utförarens namn",
      "motpart",
      "företag",
    ],
  }),
  field({
    key: "providerOrgNumber",
    label: "Organisationsnummer",
    headers: [
      "org nr",
      "orgnr",
      "org nummer",
      "organisationsnummer",
      "leverantörens organisationsnummer",
      "org nr leverantör",
    ],
  }),
  field({
    key: "serviceArea",
    label: "Verksamhetsområde",
    headers: [
      "verksamhetsområde",
      "upphandlingsområde",
      "upphandlings verksamhetsområde",
      "avtalsområde",
      "område",
      "kategori",
    ],
  }),
  field({
    key: "startDate",
    label: "Avtalsstart",
    headers: [
      "avtalsstart",
      "startdatum",
      "avtalets start",
      "avtalet gäller från",
      "gäller från",
      "giltig från",
      "avtalstid från",
      "avtalsperiod från",
      "avtalstid start",
      "från",
      "fr o m",
      "start",
    ],
  }),
  field({
    key: "endDate",
    label: "Avtalsslut",
    headers: [
      "avtalsslut",
      "slutdatum",
      "avtalets slut",
      "avtalet gäller till",
      "gäller till",
      "giltig till",
      "avtalstid till",
      "avtalsperiod till",
      "avtalstid slut",
      "upphör",
      "till",
      "t o m",
      "slut",
    ],
  }),
  field({
    key: "extensionOptions",
    label: "Förlängningsoptioner",
    headers: [
      "förlängning",
      "förlängningsoption",
      "förlängningsoptioner",
      "option",
      "optioner",
      "förlängningsmöjlighet",
      "möjlighet till förlängning",
    ],
  }),
  field({
    key: "extensionDecisionDate",
    label: "Beslut om förlängning senast",
    headers: [
      "beslut om förlängning senast",
      "sista dag för beslut om förlängning",
      "förlängning senast",
      "option senast",
      "senast beslut om förlängning",
      "optionsdatum",
    ],
  }),
  field({
    key: "annualValue",
    label: "Årsvärde (kr)",
    headers: [
      "årsvärde",
      "avtalsvärde",
      "värde per år",
      "årligt värde",
      "beräknat årsvärde",
      "uppskattat årsvärde",
      "årskostnad",
      "kostnad per år",
    ],
  }),
  field({
    key: "owner",
    label: "Avtalsansvarig",
    headers: [
      "avtalsansvarig",
      "ansvarig",
      "avtalsägare",
      "kontaktperson",
      "ansvarig handläggare",
      "ansvarig tjänsteperson",
      "avtalsansvarig e post",
      "avtalsansvarigs e post",
    ],
  }),
  field({
    key: "committee",
    label: "Nämnd",
    headers: [
      "nämnd",
      "nämndkod",
      "ansvarig nämnd",
      "nämnd styrelse",
      "styrelse nämnd",
      "beställande nämnd",
    ],
  }),
  field({
    key: "ownRegime",
    label: "Egen regi",
    headers: ["egen regi", "i egen regi", "egenregi", "regi", "regiform"],
  }),
  field({
    key: "valueClass",
    label: "Värde",
    headers: ["värde", "värdeklass", "ekonomiskt värde", "värde hög låg"],
  }),
  field({
    key: "impactClass",
    label: "Påverkan",
    headers: [
      "påverkan",
      "påverkan på verksamheten",
      "verksamhetspåverkan",
      "påverkansgrad",
      "påverkan hög låg",
    ],
  }),
  field({
    key: "status",
    label: "Status",
    headers: ["status", "avtalsstatus"],
  }),
  field({
    key: "description",
    label: "Beskrivning",
    headers: ["beskrivning", "avtalsbeskrivning", "omfattning"],
  }),
  field({
    key: "internalNotes",
    label: "Interna anteckningar",
    headers: ["interna anteckningar", "anteckningar", "kommentar", "kommentarer", "noteringar"],
  }),
] as const;

export const FOLLOW_UP_FIELDS = [
  field({
    key: "contractNumber",
    label: "Avtalsnummer",
    headers: CONTRACT_NUMBER_HEADERS,
  }),
  field({
    key: "period",
    label: "Period",
    headers: ["period", "uppföljningsperiod", "redovisningsperiod", "verksamhetsår", "år"],
  }),
  field({
    key: "followUpDate",
    label: "Uppföljningsdatum",
    headers: ["uppföljningsdatum", "datum", "datum för uppföljning", "uppföljd", "genomförd"],
  }),
  field({
    key: "form",
    label: "Form",
    headers: ["form", "uppföljningsform", "typ av uppföljning", "metod"],
  }),
  field({
    key: "meetsRequirements",
    label: "Uppfyller väsentliga kvalitetskrav",
    headers: [
      "uppfyller väsentliga kvalitetskrav",
      "uppfyller leverantören väsentliga kvalitetskrav enligt avtalet",
      "uppfyller kvalitetskrav",
      "uppfyller krav",
      "kvalitetskrav uppfyllda",
    ],
  }),
  field({
    key: "deficienciesSummary",
    label: "Iakttagna brister",
    headers: ["iakttagna brister", "brister", "identifierade brister"],
  }),
  field({
    key: "goalImpact",
    label: "Påverkan på måluppfyllelse",
    headers: [
      "påverkan på måluppfyllelse",
      "hur bristerna påverkat nämndens måluppfyllelse",
      "påverkan",
    ],
  }),
  field({
    key: "actionPlanSummary",
    label: "Handlingsplan",
    headers: ["handlingsplan", "åtgärdsplan", "åtgärder"],
  }),
  field({
    key: "goalFulfilment",
    label: "Grad av måluppfyllelse",
    headers: ["grad av måluppfyllelse", "måluppfyllelse"],
  }),
  field({
    key: "serviceEvaluation",
    label: "Utvärdering av levererad tjänst",
    headers: ["utvärdering av levererad tjänst", "utvärdering"],
  }),
  field({
    key: "controlSufficient",
    label: "Kontrollen tillräcklig",
    headers: ["kontrollen tillräcklig", "är kontrollen tillräcklig", "tillräcklig kontroll"],
  }),
  field({
    key: "feedbackToProviderOn",
    label: "Återkopplat till utföraren",
    headers: ["återkopplat till utföraren", "återkoppling till utförare", "återkopplat"],
  }),
  field({
    key: "status",
    label: "Status",
    headers: ["status"],
  }),
] as const;

export const DEFICIENCY_FIELDS = [
  field({
    key: "contractNumber",
    label: "Avtalsnummer",
    headers: CONTRACT_NUMBER_HEADERS,
  }),
  field({
    key: "description",
    label: "Brist",
    headers: ["brist", "iakttagen brist", "bristen", "beskrivning av brist", "beskrivning"],
  }),
  field({
    key: "provider",
    label: "Utförare",
    headers: ["utförare", "leverantör"],
  }),
  field({
    key: "period",
    label: "Period",
    headers: ["period", "uppföljningsperiod"],
  }),
  field({
    key: "goalImpact",
    label: "Påverkan på måluppfyllelse",
    headers: ["påverkan på måluppfyllelse", "påverkan"],
  }),
  field({
    key: "measures",
    label: "Åtgärder",
    headers: ["åtgärder", "handlingsplan", "åtgärdsplan", "vidtagna åtgärder", "åtgärd"],
  }),
  field({
    key: "actionOwner",
    label: "Ansvarig för handlingsplanen",
    headers: [
      "ansvarig",
      "ansvarig för handlingsplan",
      "ansvarig för åtgärd",
      "ansvarig för åtgärder",
    ],
  }),
  field({
    key: "deadline",
    label: "Åtgärdas senast",
    headers: ["åtgärdas senast", "senast", "klart senast", "deadline", "sista datum"],
  }),
  field({
    key: "checkUpDate",
    label: "Uppföljning av handlingsplanen",
    headers: ["uppföljning", "uppföljningsdatum", "följs upp", "kontrolleras"],
  }),
  field({
    key: "checkUpResult",
    label: "Resultat av uppföljningen",
    headers: ["resultat", "resultat av uppföljning", "resultat av uppföljningen"],
  }),
  field({
    key: "sanctionNote",
    label: "Sanktion",
    headers: ["sanktion", "sanktioner", "konsekvens", "vite"],
  }),
  field({
    key: "status",
    label: "Status",
    headers: ["status"],
  }),
] as const;

export type RegisterField = (typeof REGISTER_FIELDS)[number]["key"];
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number]["key"];
export type DeficiencyField = (typeof DEFICIENCY_FIELDS)[number]["key"];

export const FIELDS: Record<ImportKind, readonly FieldDefinition[]> = {
  register: REGISTER_FIELDS,
  followUps: FOLLOW_UP_FIELDS,
  deficiencies: DEFICIENCY_FIELDS,
};

/** Fields a sheet of the kind cannot do without: rows are matched on the first. */
export const REQUIRED_FIELDS: Record<ImportKind, readonly string[]> = {
  register: ["contractNumber"],
  followUps: ["contractNumber", "period"],
  deficiencies: ["contractNumber", "description"],
};

/** Fields that tell a sheet's kind apart from the others. */
export const SIGNATURE_FIELDS: Record<ImportKind, readonly string[]> = {
  register: ["title", "provider", "endDate", "startDate", "serviceArea", "annualValue"],
  followUps: ["meetsRequirements", "followUpDate", "goalFulfilment", "serviceEvaluation"],
  deficiencies: ["measures", "deadline", "checkUpDate", "actionOwner"],
};

export function fieldOf(kind: ImportKind, key: string): FieldDefinition | undefined {
  return FIELDS[kind].find((candidate) => candidate.key === key);
}
