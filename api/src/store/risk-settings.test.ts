import { describe, expect, test } from "vitest";
import { DEFAULT_CADENCE } from "../domain/cadence.ts";
import { DEFAULT_RISK_MATRIX } from "../domain/risk.ts";
import { riskCadenceSetting, riskMatrixSetting } from "./risk-settings.ts";

describe("risk settings from Inställningar", () => {
  test("a kommun's own matrix and cadence", () => {
    const matrix = {
      likelihoodLabels: ["Liten", "Möjlig", "Trolig", "Nästan säker"],
      consequenceLabels: ["Försumbar", "Lindrig", "Kännbar", "Allvarlig"],
      thresholds: { medel: 3, hög: 8 },
    };
    expect(riskMatrixSetting(JSON.stringify(matrix))).toEqual(matrix);
    expect(
      riskCadenceSetting(JSON.stringify({ intervalMonths: { hög: 4, medel: 12, låg: 24 } })),
    ).toEqual({ intervalMonths: { hög: 4, medel: 12, låg: 24 }, extraWithinMonths: 2 });
  });

  test.each([
    undefined,
    "",
    "{not json",
    "[]",
    JSON.stringify({ ...DEFAULT_RISK_MATRIX, likelihoodLabels: ["a", "b", "c"] }),
    JSON.stringify({ ...DEFAULT_RISK_MATRIX, thresholds: { medel: 9, hög: 4 } }),
  ])("%j falls back to the default matrix", (value) => {
    expect(riskMatrixSetting(value)).toBe(DEFAULT_RISK_MATRIX);
  });

  test.each([
    undefined,
    "{}",
    JSON.stringify({ intervalMonths: { hög: 24, medel: 12, låg: 6 } }),
    JSON.stringify({ intervalMonths: { hög: 6, medel: 12, låg: "24" } }),
  ])("%j falls back to the default cadence", (value) => {
    expect(riskCadenceSetting(value)).toBe(DEFAULT_CADENCE);
  });
});
