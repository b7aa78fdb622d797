import { cadenceProblems } from "../../../../api/src/domain/cadence.ts";
import { RISK_LEVEL_LABELS, riskMatrixProblems } from "../../../../api/src/domain/risk.ts";
import type { RiskSettingsInput, RiskSettingsView } from "../../types.ts";

/**
 * Inställningar's form without React: the draft as typed (numbers as text,
 * so a half-typed number is kept), what it becomes when sent, the level a
 * cell gets under the drafted thresholds, and the plain-Swedish sentences
 * that explain them. The thresholds and intervals are checked as they are
 * typed with the API's own pure rules (domain/risk.ts, domain/cadence.ts);
 * the API checks again when they are saved.
 */

export type RiskLevel = "låg" | "medel" | "hög";
export const LEVELS_HIGH_FIRST: RiskLevel[] = ["hög", "medel", "låg"];

/** The levels' names everywhere in the tab, as the API and the documents write them. */
export const LEVEL_LABELS: Record<RiskLevel, string> = RISK_LEVEL_LABELS;

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

/** The fields whose values can be checked while typed: the thresholds and the cadence. */
const NUMBER_FIELDS: FieldPath[] = [
  fieldPaths.medel,
  fieldPaths.hög,
  ...LEVELS_HIGH_FIRST.map(fieldPaths.interval),
  fieldPaths.extraWithin,
];

/** Out of order concerns both fields: each is marked, so neither looks right on its own. */
const ALSO_MARKED: Record<string, FieldPath[]> = {
  "thresholds-out-of-order": [fieldPaths.medel, fieldPaths.hög],
};

/**
 * The problems with the drafted thresholds and intervals, by field, as the
 * API would answer them: checked as they are typed, before anything is sent.
 */
export function liveProblems(draft: SettingsDraft): Record<FieldPath, string> {
  const made = toBody({
    ...draft,
    likelihoodLabels: ["1", "2", "3", "4"],
    consequenceLabels: ["1", "2", "3", "4"],
  });
  const problems: Record<FieldPath, string> = {};
  if ("errors" in made) {
    for (const path of NUMBER_FIELDS) {
      const error = made.errors[path];
      if (error) problems[path] = error;
    }
    return problems;
  }
  const { matrix, cadence } = made.body;
  const mark = (paths: FieldPath[], message: string) => {
    for (const path of paths) problems[path] ??= message;
  };
  for (const problem of riskMatrixProblems(matrix))
    mark(ALSO_MARKED[problem.code] ?? [`matrix.${problem.field}`], problem.message);
  const { hög, medel, låg } = cadence.intervalMonths;
  for (const problem of cadenceProblems(cadence)) {
    const outOfOrder = [
      ...(hög > medel ? [fieldPaths.interval("hög"), fieldPaths.interval("medel")] : []),
      ...(medel > låg ? [fieldPaths.interval("medel"), fieldPaths.interval("låg")] : []),
    ];
    mark(
      problem.code === "intervals-out-of-order" ? outOfOrder : [`cadence.${problem.field}`],
      problem.message,
    );
  }
  return problems;
}

/** Whether the drafted thresholds make a matrix (else the preview is not drawn). */
export function thresholdsValid(problems: Record<FieldPath, string>): boolean {
  return !problems[fieldPaths.medel] && !problems[fieldPaths.hög];
}

/** Whether the drafted intervals make a cadence (else their explanations are not shown). */
export function cadenceValid(problems: Record<FieldPath, string>): boolean {
  return [...LEVELS_HIGH_FIRST.map(fieldPaths.interval), fieldPaths.extraWithin].every(
    (path) => !problems[path],
  );
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
