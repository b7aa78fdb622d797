import type { RiskSettingsInput, RiskSettingsView } from "../../types.ts";

/**
 * Inställningar's form without React: the draft as typed (numbers as text,
 * so a half-typed number is kept), what it becomes when sent, the level a
 * cell gets under the drafted thresholds, and the plain-Swedish sentences
 * that explain them. The API checks the rules and names the field at fault.
 */

export type RiskLevel = "låg" | "medel" | "hög";
export const LEVELS_HIGH_FIRST: RiskLevel[] = ["hög", "medel", "låg"];

export const LEVEL_LABELS: Record<RiskLevel, string> = {
  låg: "Låg risk",
  medel: "Medelhög risk",
  hög: "Hög risk",
};

/** A cell's level in a few letters, for the preview's small cells. */
export const LEVEL_SHORT: Record<RiskLevel, string> = { låg: "Låg", medel: "Medel", hög: "Hög" };

export const STEPS = [1, 2, 3, 4] as const;

type Four = [string, string, string, string];

export interface SettingsDraft {
  likelihoodLabels: Four;
  consequenceLabels: Four;
  medel: string;
  hög: string;
  intervals: Record<RiskLevel, string>;
  extraWithin: string;
}

/** A field of the draft by its path in the API's body (as its errors name it). */
export type FieldPath = string;

export const fieldPaths = {
  likelihoodLabel: (index: number) => `matrix.likelihoodLabels.${index}`,
  consequenceLabel: (index: number) => `matrix.consequenceLabels.${index}`,
  medel: "matrix.thresholds.medel",
  hög: "matrix.thresholds.hög",
  interval: (level: RiskLevel) => `cadence.intervalMonths.${level}`,
  extraWithin: "cadence.extraWithinMonths",
};

/** Every field in the order the screen shows them (the first with an error gets the focus). */
export const FIELD_ORDER: FieldPath[] = [
  ...STEPS.flatMap((step) => [
    fieldPaths.likelihoodLabel(step - 1),
    fieldPaths.consequenceLabel(step - 1),
  ]),
  fieldPaths.medel,
  fieldPaths.hög,
  ...LEVELS_HIGH_FIRST.map(fieldPaths.interval),
  fieldPaths.extraWithin,
];

export function draftOf(settings: Pick<RiskSettingsView, "matrix" | "cadence">): SettingsDraft {
  const { matrix, cadence } = settings;
  return {
    likelihoodLabels: [...matrix.likelihoodLabels],
    consequenceLabels: [...matrix.consequenceLabels],
    medel: String(matrix.thresholds.medel),
    hög: String(matrix.thresholds.hög),
    intervals: {
      hög: String(cadence.intervalMonths.hög),
      medel: String(cadence.intervalMonths.medel),
      låg: String(cadence.intervalMonths.låg),
    },
    extraWithin: String(cadence.extraWithinMonths),
  };
}

/** A whole number as typed ("12", " 6 "); undefined when it is not one. */
export function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : undefined;
}

const NOT_A_NUMBER = "Ange ett heltal";

/**
 * The body to send, or the fields that are not numbers (the API cannot be
 * told about them: JSON has no half-typed number).
 */
export function toBody(
  draft: SettingsDraft,
): { body: RiskSettingsInput } | { errors: Record<FieldPath, string> } {
  const errors: Record<FieldPath, string> = {};
  const number = (text: string, path: FieldPath): number => {
    const value = wholeNumber(text);
    if (value === undefined) errors[path] = NOT_A_NUMBER;
    return value ?? 0;
  };
  const body: RiskSettingsInput = {
    matrix: {
      likelihoodLabels: draft.likelihoodLabels,
      consequenceLabels: draft.consequenceLabels,
      thresholds: {
        medel: number(draft.medel, fieldPaths.medel),
        hög: number(draft.hög, fieldPaths.hög),
      },
    },
    cadence: {
      intervalMonths: {
        hög: number(draft.intervals.hög, fieldPaths.interval("hög")),
        medel: number(draft.intervals.medel, fieldPaths.interval("medel")),
        låg: number(draft.intervals.låg, fieldPaths.interval("låg")),
      },
      extraWithinMonths: number(draft.extraWithin, fieldPaths.extraWithin),
    },
  };
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

export function sameDraft(a: SettingsDraft, b: SettingsDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The thresholds the preview uses: the draft's where they are numbers, else the saved ones. */
export function previewThresholds(
  draft: SettingsDraft,
  saved: RiskSettingsView["matrix"]["thresholds"],
): { medel: number; hög: number } {
  return {
    medel: wholeNumber(draft.medel) ?? saved.medel,
    hög: wholeNumber(draft.hög) ?? saved.hög,
  };
}

export function levelOf(product: number, thresholds: { medel: number; hög: number }): RiskLevel {
  if (product >= thresholds.hög) return "hög";
  return product >= thresholds.medel ? "medel" : "låg";
}

/** "Poäng (sannolikhet × konsekvens) från 4 till 8 ger medelhög risk." and the two others. */
export function thresholdSentences(thresholds: { medel: number; hög: number }): string[] {
  const { medel, hög } = thresholds;
  const range = (from: number, to: number) => (from === to ? `${from}` : `från ${from} till ${to}`);
  const sentences: string[] = [];
  if (medel > 1)
    sentences.push(`Poäng (sannolikhet × konsekvens) ${range(1, medel - 1)} ger låg risk.`);
  if (hög > medel) sentences.push(`Poäng ${range(medel, hög - 1)} ger medelhög risk.`);
  sentences.push(`Poäng från ${hög} till 16 ger hög risk.`);
  return sentences;
}

/** "två gånger per år" for 6 months: what an interval means, as the plan document says it. */
export function intervalText(text: string): string | undefined {
  const months = wholeNumber(text);
  if (months === undefined || months < 1) return undefined;
  if (months === 24) return "vartannat år";
  if (months === 12) return "en gång per år";
  if (months > 12 || 12 % months !== 0) return `var ${months}:e månad`;
  const words = ["", "en", "två", "tre", "fyra", "fem", "sex"];
  const perYear = 12 / months;
  return `${words[perYear] ?? perYear} gånger per år`;
}
