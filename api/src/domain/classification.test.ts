import { describe, expect, test } from "vitest";
import {
  checkClassification,
  isStrategic,
  quadrantOf,
  strategicCountWarning,
} from "./classification.ts";

describe("classification", () => {
  test("the 2×2 matrix", () => {
    expect(quadrantOf("hög", "hög")).toBe("strategic");
    expect(quadrantOf("hög", "låg")).toBe("leverage");
    expect(quadrantOf("låg", "hög")).toBe("bottleneck");
    expect(quadrantOf("låg", "låg")).toBe("routine");
  });

  test("high/high is strategic by default; an override needs a reason and must differ", () => {
    expect(isStrategic({ valueClass: "hög", impactClass: "hög" })).toBe(true);
    expect(
      isStrategic({
        valueClass: "låg",
        impactClass: "hög",
        override: { strategic: true, reason: "Viktig för unga" },
      }),
    ).toBe(true);
    expect(
      checkClassification({
        valueClass: "låg",
        impactClass: "hög",
        override: { strategic: true, reason: " " },
      }),
    ).toBe("override-reason-missing");
    expect(
      checkClassification({
        valueClass: "hög",
        impactClass: "hög",
        override: { strategic: true, reason: "Därför" },
      }),
    ).toBe("override-matches-matrix");
    expect(
      checkClassification({
        valueClass: "hög",
        impactClass: "hög",
        override: { strategic: false, reason: "Kort avtal" },
      }),
    ).toBeUndefined();
  });

  test("a warning past ten strategic contracts", () => {
    expect(strategicCountWarning(10)).toBeUndefined();
    expect(strategicCountWarning(11)).toContain("11 strategiska avtal");
  });
});
