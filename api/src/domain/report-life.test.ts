import { describe, expect, test } from "vitest";
import { reportStatusText } from "./report-life.ts";

describe("a report's status in words (the bot's 'rapporter')", () => {
  const decided = {
    status: "beslutad" as const,
    decisionDate: "2026-09-01",
    paragraph: "§87",
    registryNumber: " VAN 2026/0112 ",
  };

  test("a decision with its date, paragraph and diarienummer", () => {
    expect(reportStatusText(decided)).toBe(
      "Beslutad den 1 september 2026, § 87, dnr VAN 2026/0112",
    );
  });

  test("what is not yet known is left out, not shown empty", () => {
    expect(reportStatusText({ ...decided, paragraph: "", registryNumber: "" })).toBe(
      "Beslutad den 1 september 2026",
    );
  });

  test("before the decision, the stage as the tab names it", () => {
    const none = { decisionDate: undefined, paragraph: "", registryNumber: "" };
    expect(reportStatusText({ ...none, status: "utkast" })).toBe("Utkast");
    expect(reportStatusText({ ...none, status: "klar för nämnd" })).toBe("Klar för nämnd");
  });
});
