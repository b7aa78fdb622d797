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
