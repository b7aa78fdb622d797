import { describe, expect, test } from "vitest";
import { isElectionYear, mandatePeriodContaining, mandatePeriodFromKey } from "./mandate-period.ts";

describe("mandate periods", () => {
  test("the plan is due before year-end of the year after the election", () => {
    expect(mandatePeriodContaining("2023-06-01").planDue).toBe("2023-12-31");
    expect(mandatePeriodContaining("2026-11-24").planDue).toBe("2027-12-31");
    expect(mandatePeriodContaining("2031-01-01").planDue).toBe("2031-12-31");
  });

  test("election years come every fourth year", () => {
    expect([2018, 2022, 2026, 2030].every(isElectionYear)).toBe(true);
    expect([2019, 2023, 2024, 2025].some(isElectionYear)).toBe(false);
  });

  test("in an election year the old term runs until 14 October", () => {
    expect(mandatePeriodContaining("2026-10-14").key).toBe("2022–2026");
    expect(mandatePeriodContaining("2026-10-15").key).toBe("2026–2030");
    expect(mandatePeriodContaining("2026-09-13").planDue).toBe("2023-12-31");
  });

  test("shown as Swedes write a mandatperiod: the term's four calendar years, with an en dash", () => {
    expect(mandatePeriodContaining("2024-05-01").label).toBe("2023–2026");
    expect(mandatePeriodContaining("2026-10-15").label).toBe("2027–2030");
    expect(mandatePeriodFromKey("2022–2026")?.label).toBe("2023–2026");
  });

  test("keys", () => {
    expect(mandatePeriodFromKey("2026–2030")?.start).toBe("2026-10-15");
    expect(mandatePeriodFromKey("2025–2029")).toBeUndefined();
    expect(mandatePeriodFromKey("2026–2029")).toBeUndefined();
  });
});
