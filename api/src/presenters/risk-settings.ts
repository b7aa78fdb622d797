import { type Cadence, DEFAULT_CADENCE } from "../domain/cadence.ts";
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from "../domain/risk.ts";

/**
 * The kommun's risk matrix and follow-up cadence as Inställningar shows
 * them: what is in force (a stored value the app cannot use counts as the
 * default, as the assessment reads it), the defaults to go back to, and
 * whether the person may change them.
 */
export interface RiskSettingsView {
  /** Both settings' version: a change is sent with it (If-Match). */
  etag: string;
  matrix: RiskMatrixView;
  cadence: RiskCadenceView;
  defaults: { matrix: RiskMatrixView; cadence: RiskCadenceView };
  /** The defaults are in force (nothing of the kommun's own stored). */
  isDefault: boolean;
  /** Kommunledningskontoret may change them; everyone signed in may read them. */
  canEdit: boolean;
}

export interface RiskMatrixView {
  likelihoodLabels: [string, string, string, string];
  consequenceLabels: [string, string, string, string];
  thresholds: { medel: number; hög: number };
}

export interface RiskCadenceView {
  intervalMonths: { hög: number; medel: number; låg: number };
  extraWithinMonths: number;
}

function matrixView(matrix: RiskMatrix): RiskMatrixView {
  const [l1, l2, l3, l4] = matrix.likelihoodLabels;
  const [c1, c2, c3, c4] = matrix.consequenceLabels;
  return {
    likelihoodLabels: [l1, l2, l3, l4],
    consequenceLabels: [c1, c2, c3, c4],
    thresholds: { medel: matrix.thresholds.medel, hög: matrix.thresholds.hög },
  };
}

function cadenceView(cadence: Cadence): RiskCadenceView {
  const { hög, medel, låg } = cadence.intervalMonths;
  return { intervalMonths: { hög, medel, låg }, extraWithinMonths: cadence.extraWithinMonths };
}

export function presentRiskSettings(input: {
  etag: string;
  matrix: RiskMatrix;
  cadence: Cadence;
  canEdit: boolean;
}): RiskSettingsView {
  const matrix = matrixView(input.matrix);
  const cadence = cadenceView(input.cadence);
  const defaults = {
    matrix: matrixView(DEFAULT_RISK_MATRIX),
    cadence: cadenceView(DEFAULT_CADENCE),
  };
  return {
    etag: input.etag,
    matrix,
    cadence,
    defaults,
    isDefault:
      JSON.stringify(matrix) === JSON.stringify(defaults.matrix) &&
      JSON.stringify(cadence) === JSON.stringify(defaults.cadence),
    canEdit: input.canEdit,
  };
}
