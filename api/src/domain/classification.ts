/**
 * Classification by value × impact on the service (a Kraljic-style 2×2
 * matrix, seed 002): high/high is strategic by default; the nämnd decides and
 * may override the matrix with a stated reason.
 */

export const LEVELS = ["låg", "hög"] as const;
export type Level = (typeof LEVELS)[number];

export type Quadrant = "strategic" | "leverage" | "bottleneck" | "routine";

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  strategic: "Strategiskt (högt värde, hög påverkan)",
  leverage: "Hävstång (högt värde, låg påverkan)",
  bottleneck: "Flaskhals (lågt värde, hög påverkan)",
  routine: "Rutin (lågt värde, låg påverkan)",
};

/** Seed 002: "från ett enstaka avtal till upp mot 10 avtal/nämnd". */
export const STRATEGIC_WARNING_THRESHOLD = 10;

export function quadrantOf(value: Level, impact: Level): Quadrant {
  if (value === "hög") return impact === "hög" ? "strategic" : "leverage";
  return impact === "hög" ? "bottleneck" : "routine";
}

/** What the matrix alone says: strategic is high value and high impact. */
export function matrixSaysStrategic(value: Level, impact: Level): boolean {
  return quadrantOf(value, impact) === "strategic";
}

export interface Classification {
  valueClass: Level;
  impactClass: Level;
  /** The nämnd's decision when it differs from the matrix; a reason is required. */
  override?: { strategic: boolean; reason: string } | undefined;
}

export type ClassificationProblem = "override-reason-missing" | "override-matches-matrix";

export function checkClassification(
  classification: Classification,
): ClassificationProblem | undefined {
  const { override } = classification;
  if (!override) return undefined;
  if (override.reason.trim().length < 3) return "override-reason-missing";
  if (
    override.strategic ===
    matrixSaysStrategic(classification.valueClass, classification.impactClass)
  ) {
    return "override-matches-matrix";
  }
  return undefined;
}

export function isStrategic(classification: Classification): boolean {
  if (classification.override) return classification.override.strategic;
  return matrixSaysStrategic(classification.valueClass, classification.impactClass);
}

/** Swedish warning when a nämnd has more strategic contracts than the guidelines foresee. */
export function strategicCountWarning(strategicCount: number): string | undefined {
  if (strategicCount <= STRATEGIC_WARNING_THRESHOLD) return undefined;
  return `Nämnden har ${strategicCount} strategiska avtal. Riktlinjerna räknar med högst ${STRATEGIC_WARNING_THRESHOLD} per nämnd; överväg om alla ska rapporteras till fullmäktige.`;
}
