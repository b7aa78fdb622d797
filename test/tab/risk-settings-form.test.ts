import { describe, expect, test } from "vitest";
import { RISK_LEVEL_LABELS } from "../../api/src/domain/risk.ts";
import {
  cadenceValid,
  draftOf,
  intervalText,
  LEVEL_LABELS,
  levelOf,
  liveProblems,
  previewThresholds,
  thresholdSentences,
  thresholdsValid,
  toBody,
} from "../../teams-app/src/screens/risk-settings/risk-settings-form.ts";
import type { RiskSettingsView } from "../../teams-app/src/types.ts";

/** Inställningar's form rules without a browser: the words, the preview, what is sent. */

const STORED: Pick<RiskSettingsView, "matrix" | "cadence"> = {
  matrix: {
    likelihoodLabels: ["Osannolik", "Mindre sannolik", "Sannolik", "Mycket sannolik"],
    consequenceLabels: ["Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"],
    thresholds: { medel: 4, hög: 9 },
  },
  cadence: { intervalMonths: { hög: 6, medel: 12, låg: 24 }, extraWithinMonths: 2 },
};

describe("Inställningar's form", () => {
  test("the thresholds in plain Swedish", () => {
    expect(thresholdSentences({ medel: 4, hög: 9 })).toEqual([
      "Poäng (sannolikhet × konsekvens) från 1 till 3 ger låg risk.",
      "Poäng från 4 till 8 ger medelhög risk.",
      "Poäng från 9 till 16 ger hög risk.",
    ]);
    expect(thresholdSentences({ medel: 2, hög: 3 })).toEqual([
      "Poäng (sannolikhet × konsekvens) 1 ger låg risk.",
      "Poäng 2 ger medelhög risk.",
      "Poäng från 3 till 16 ger hög risk.",
    ]);
  });

  test("the preview uses the draft's thresholds while they are numbers", () => {
    const draft = { ...draftOf(STORED), hög: "6" };
    expect(previewThresholds(draft, STORED.matrix.thresholds)).toEqual({ medel: 4, hög: 6 });
    expect(levelOf(6, previewThresholds(draft, STORED.matrix.thresholds))).toBe("hög");
    const halfTyped = { ...draft, hög: "" };
    expect(previewThresholds(halfTyped, STORED.matrix.thresholds)).toEqual({ medel: 4, hög: 9 });
  });

  test("intervals as the plan says them", () => {
    expect(intervalText("6")).toBe("två gånger per år");
    expect(intervalText("12")).toBe("en gång per år");
    expect(intervalText("24")).toBe("vartannat år");
    expect(intervalText("5")).toBe("var 5:e månad");
    expect(intervalText("x")).toBeUndefined();
  });

  test("sent as numbers; a field that is not one is named and nothing is sent", () => {
    expect(toBody(draftOf(STORED))).toEqual({ body: STORED });
    const draft = draftOf(STORED);
    expect(toBody({ ...draft, medel: "fyra", extraWithin: " " })).toEqual({
      errors: {
        "matrix.thresholds.medel": "Ange ett heltal",
        "cadence.extraWithinMonths": "Ange ett heltal",
      },
    });
  });

  test("thresholds checked as typed with the API's rules, both fields marked when out of order", () => {
    const draft = draftOf(STORED);
    expect(liveProblems(draft)).toEqual({});
    const reversed = liveProblems({ ...draft, medel: "10", hög: "5" });
    const order = "Gränsen för hög risk ska vara högre än den för medelhög risk.";
    expect(reversed).toEqual({ "matrix.thresholds.medel": order, "matrix.thresholds.hög": order });
    expect(thresholdsValid(reversed)).toBe(false);
    const outOfRange = liveProblems({ ...draft, medel: "1", hög: "17" });
    expect(outOfRange).toEqual({
      "matrix.thresholds.medel": "Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.",
      "matrix.thresholds.hög": "Gränsen för hög risk ska vara ett heltal mellan 2 och 16.",
    });
    expect(thresholdsValid(outOfRange)).toBe(false);
    expect(liveProblems({ ...draft, hög: "" })).toEqual({
      "matrix.thresholds.hög": "Ange ett heltal",
    });
    // Blank names are the API's to tell on saving, not a problem while typing.
    expect(liveProblems({ ...draft, likelihoodLabels: ["", "a", "b", "c"] })).toEqual({});
    expect(thresholdsValid(liveProblems({ ...draft, medel: "2", hög: "16" }))).toBe(true);
  });

  test("intervals checked as typed: both of an out-of-order pair marked", () => {
    const draft = draftOf(STORED);
    const order = "Högre risk ska följas upp minst lika ofta som lägre risk.";
    const problems = liveProblems({ ...draft, intervals: { hög: "12", medel: "6", låg: "24" } });
    expect(problems).toEqual({
      "cadence.intervalMonths.hög": order,
      "cadence.intervalMonths.medel": order,
    });
    expect(cadenceValid(problems)).toBe(false);
    expect(thresholdsValid(problems)).toBe(true);
    expect(liveProblems({ ...draft, intervals: { hög: "6", medel: "12", låg: "49" } })).toEqual({
      "cadence.intervalMonths.låg": "Intervallet för låg risk ska vara 1–48 månader.",
    });
    expect(liveProblems({ ...draft, extraWithin: "x" })).toEqual({
      "cadence.extraWithinMonths": "Ange ett heltal",
    });
    expect(cadenceValid(liveProblems(draft))).toBe(true);
  });

  test("the levels are named as everywhere else", () => {
    expect(LEVEL_LABELS).toEqual(RISK_LEVEL_LABELS);
    expect(Object.values(LEVEL_LABELS)).toEqual(["Låg risk", "Medelhög risk", "Hög risk"]);
  });
});
