import type { ContractRisk, RiskAssessmentInput } from "../../../types.ts";

/**
 * The risk card's form without React: what it starts from, when a reason is
 * needed, and the level a cell gives under the kommun's matrix (the API's
 * rules, repeated here so the person sees them before saving).
 */

export type RiskLevel = ContractRisk["level"];

export const LEVEL_LABELS: Record<RiskLevel, string> = {
  låg: "Låg risk",
  medel: "Medelhög risk",
  hög: "Hög risk",
};

export const SCORES = [1, 2, 3, 4] as const;

export interface RiskDraft {
  likelihood: number;
  consequence: number;
  reason: string;
}

export type RiskField = keyof RiskDraft;

/** The form's fields in order, for focusing the first one with an error. */
export const RISK_FIELDS: readonly RiskField[] = ["likelihood", "consequence", "reason"];

/** The assessment in force, or the suggestion while none is confirmed. */
export function initialDraft(risk: ContractRisk): RiskDraft {
  const confirmed = risk.confirmed;
  if (confirmed)
    return {
      likelihood: confirmed.likelihood,
      consequence: confirmed.consequence,
      reason: confirmed.reason,
    };
  return {
    likelihood: risk.suggestion.likelihood,
    consequence: risk.suggestion.consequence,
    reason: "",
  };
}

export function differsFromSuggestion(draft: RiskDraft, risk: ContractRisk): boolean {
  return (
    draft.likelihood !== risk.suggestion.likelihood ||
    draft.consequence !== risk.suggestion.consequence
  );
}

export const REASON_MISSING = "Ange varför bedömningen skiljer sig från förslaget.";

/** Swedish messages per field; empty when the draft can be sent. */
export function draftErrors(
  draft: RiskDraft,
  risk: ContractRisk,
): Partial<Record<RiskField, string>> {
  const errors: Partial<Record<RiskField, string>> = {};
  if (!SCORES.some((score) => score === draft.likelihood)) errors.likelihood = "Välj sannolikhet";
  if (!SCORES.some((score) => score === draft.consequence)) errors.consequence = "Välj konsekvens";
  if (differsFromSuggestion(draft, risk) && draft.reason.trim().length < 3)
    errors.reason = REASON_MISSING;
  return errors;
}

/** The level a cell gives under the matrix's thresholds. */
export function levelOf(draft: RiskDraft, matrix: ContractRisk["matrix"]): RiskLevel {
  const product = draft.likelihood * draft.consequence;
  if (product >= matrix.thresholds.hög) return "hög";
  return product >= matrix.thresholds.medel ? "medel" : "låg";
}

export function toBody(draft: RiskDraft): RiskAssessmentInput {
  return {
    likelihood: draft.likelihood,
    consequence: draft.consequence,
    reason: draft.reason.trim(),
  };
}

/** "2 (Mindre sannolik) × 4 (Mycket allvarlig) = 8" */
export function cellText(
  likelihood: number,
  consequence: number,
  matrix: ContractRisk["matrix"],
): string {
  const name = (labels: string[], score: number) => labels[score - 1] ?? String(score);
  return `sannolikhet ${likelihood} (${name(matrix.likelihoodLabels, likelihood).toLocaleLowerCase("sv")}) × konsekvens ${consequence} (${name(matrix.consequenceLabels, consequence).toLocaleLowerCase("sv")}) = ${likelihood * consequence}`;
}

export const capitalised = (text: string): string =>
  text.charAt(0).toLocaleUpperCase("sv") + text.slice(1);
