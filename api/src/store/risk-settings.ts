import { createHash } from "node:crypto";
import { z } from "zod";
import { type Cadence, checkCadence, DEFAULT_CADENCE } from "../domain/cadence.ts";
import { checkRiskMatrix, DEFAULT_RISK_MATRIX, type RiskMatrix } from "../domain/risk.ts";

/**
 * The kommun's risk matrix and follow-up cadence as kept in Inställningar
 * (keys `riskMatrix` and `riskCadence`, JSON). A missing, malformed or
 * inconsistent value falls back to the default: the assessment must never
 * stop because of a setting, and Inställningar refuses such values when they
 * are saved (`checkRiskMatrix`, `checkCadence` give the Swedish messages).
 */

const labels = z.tuple([z.string(), z.string(), z.string(), z.string()]);

const matrixSchema = z.object({
  likelihoodLabels: labels,
  consequenceLabels: labels,
  thresholds: z.object({ medel: z.number(), hög: z.number() }),
});

const cadenceSchema = z.object({
  intervalMonths: z.object({ hög: z.number(), medel: z.number(), låg: z.number() }),
  extraWithinMonths: z.number().default(DEFAULT_CADENCE.extraWithinMonths),
});

function parsedJson(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function riskMatrixSetting(value: string | undefined): RiskMatrix {
  const parsed = matrixSchema.safeParse(parsedJson(value));
  if (!parsed.success || checkRiskMatrix(parsed.data).length > 0) return DEFAULT_RISK_MATRIX;
  return parsed.data;
}

export function riskCadenceSetting(value: string | undefined): Cadence {
  const parsed = cadenceSchema.safeParse(parsedJson(value));
  if (!parsed.success || checkCadence(parsed.data).length > 0) return DEFAULT_CADENCE;
  return parsed.data;
}

/** The keys of Inställningar that hold the risk settings. */
export const RISK_SETTING_KEYS = ["riskMatrix", "riskCadence"] as const;
export type RiskSettingKey = (typeof RISK_SETTING_KEYS)[number];

/** The rows as stored (a key without a row falls back to its default). */
export type RiskSettingRows = Partial<
  Record<RiskSettingKey, { id: string; eTag: string; value: string }>
>;

/**
 * One version tag for both rows: it changes when either row does (or is
 * created), so a person saving what they read cannot overwrite a change made
 * since to the other row.
 */
export function riskSettingsEtag(rows: RiskSettingRows): string {
  const parts = RISK_SETTING_KEYS.map((key) => rows[key]?.eTag ?? "-").join("|");
  return `"risk-settings:${createHash("sha256").update(parts).digest("hex").slice(0, 24)}"`;
}

/** The values a row holds as JSON, in the order the domain declares them. */
export function riskSettingValues(
  matrix: RiskMatrix,
  cadence: Cadence,
): Record<RiskSettingKey, string> {
  return {
    riskMatrix: JSON.stringify({
      likelihoodLabels: matrix.likelihoodLabels,
      consequenceLabels: matrix.consequenceLabels,
      thresholds: { medel: matrix.thresholds.medel, hög: matrix.thresholds.hög },
    }),
    riskCadence: JSON.stringify({
      intervalMonths: {
        hög: cadence.intervalMonths.hög,
        medel: cadence.intervalMonths.medel,
        låg: cadence.intervalMonths.låg,
      },
      extraWithinMonths: cadence.extraWithinMonths,
    }),
  };
}
