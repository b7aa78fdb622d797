import { describe, expect, test } from "vitest";
import {
  draftOf,
  intervalText,
  levelOf,
  previewThresholds,
  thresholdSentences,
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
});
