import {
  type Cadence,
  cadenceText,
  followUpsPerYear,
  type NextFollowUp,
} from "../domain/cadence.ts";
import type { IsoDate } from "../domain/dates.ts";
import {
  type EffectiveRisk,
  RISK_LEVEL_LABELS,
  RISK_ORDER,
  type RiskLevel,
  type RiskMatrix,
  type RiskScore,
  type RiskSignalKind,
} from "../domain/risk.ts";

/**
 * A contract's risk as the API gives it to those who may read the contract:
 * the level in force, its matrix cell and reasons in Swedish, the suggestion
 * behind it, and the follow-up cadence it sets. Internal only: public insight
 * never goes through this presenter.
 */
export interface ContractRisk {
  contractId: string;
  /** The contract's version: an assessment is sent with it (If-Match). */
  etag: string;
  level: RiskLevel;
  levelLabel: string;
  /** "suggested" until a person confirms or overrides it. */
  source: EffectiveRisk["source"];
  cell: {
    likelihood: RiskScore;
    consequence: RiskScore;
    product: number;
    likelihoodLabel: string;
    consequenceLabel: string;
  };
  reasons: string[];
  suggestion: {
    level: RiskLevel;
    levelLabel: string;
    likelihood: RiskScore;
    consequence: RiskScore;
    points: number;
    signals: Array<{ kind: RiskSignalKind; points: number; reason: string }>;
    consequenceReason: string;
    /** Every reason in Swedish, the cell's summary first. */
    reasons: string[];
  };
  /** A person's assessment, or null while the suggestion is in force. */
  confirmed: {
    level: RiskLevel;
    levelLabel: string;
    likelihood: RiskScore;
    consequence: RiskScore;
    /** Why it differs from the suggestion ("" when the suggestion was confirmed as it was). */
    reason: string;
    confirmedBy: string;
    confirmedOn: IsoDate;
    /** The suggested level at the time. */
    suggestedLevel: RiskLevel;
  } | null;
  /** The suggestion stands above the confirmed level now (whatever it was when confirmed). */
  suggestionAboveConfirmed: boolean;
  /** The suggestion has risen past a confirmed level: the owner should look again. */
  suggestionRose: boolean;
  matrix: {
    likelihoodLabels: string[];
    consequenceLabels: string[];
    thresholds: { medel: number; hög: number };
  };
  cadence: { followUpsPerYear: number; text: string };
  nextFollowUp: NextFollowUp;
}

export function presentContractRisk(
  contractId: string,
  etag: string,
  risk: EffectiveRisk,
  matrix: RiskMatrix,
  cadence: Cadence,
  next: NextFollowUp,
): ContractRisk {
  const { cell, suggestion, confirmation } = risk;
  return {
    contractId,
    etag,
    level: cell.level,
    levelLabel: RISK_LEVEL_LABELS[cell.level],
    source: risk.source,
    cell: {
      likelihood: cell.likelihood,
      consequence: cell.consequence,
      product: cell.product,
      likelihoodLabel: cell.likelihoodLabel,
      consequenceLabel: cell.consequenceLabel,
    },
    reasons: risk.reasons,
    suggestion: {
      level: suggestion.cell.level,
      levelLabel: RISK_LEVEL_LABELS[suggestion.cell.level],
      likelihood: suggestion.cell.likelihood,
      consequence: suggestion.cell.consequence,
      points: suggestion.points,
      signals: suggestion.signals.map(({ kind, points, reason }) => ({ kind, points, reason })),
      consequenceReason: suggestion.consequenceReason,
      reasons: suggestion.reasons,
    },
    confirmed: confirmation
      ? {
          level: cell.level,
          levelLabel: RISK_LEVEL_LABELS[cell.level],
          likelihood: confirmation.likelihood,
          consequence: confirmation.consequence,
          reason: confirmation.reason,
          confirmedBy: confirmation.confirmedBy.name,
          confirmedOn: confirmation.confirmedOn,
          suggestedLevel: confirmation.suggestedLevel,
        }
      : null,
    suggestionAboveConfirmed:
      confirmation !== undefined && RISK_ORDER[suggestion.cell.level] > RISK_ORDER[cell.level],
    suggestionRose: risk.suggestionRose,
    matrix: {
      likelihoodLabels: [...matrix.likelihoodLabels],
      consequenceLabels: [...matrix.consequenceLabels],
      thresholds: { ...matrix.thresholds },
    },
    cadence: {
      followUpsPerYear: followUpsPerYear(cell.level, cadence),
      text: cadenceText(cell.level, cadence),
    },
    nextFollowUp: next,
  };
}
