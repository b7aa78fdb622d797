import { describe, expect, test } from "vitest";
import {
  committeeReportDue,
  latestCompletePeriod,
  normalisePeriodKey,
  periodContaining,
  periodFromKey,
  periodStartingIn,
} from "./reporting-period.ts";

describe("reporting periods", () => {
  test("July–June with the Swedish label of seed 004", () => {
    const period = periodContaining("july-june", "2022-03-15");
    expect(period).toMatchObject({ start: "2021-07-01", end: "2022-06-30", key: "2021–2022" });
    expect(period.label).toBe("1 juli 2021 – 30 juni 2022");
  });

  test("period boundaries: the first and last day belong to the period", () => {
    expect(periodContaining("july-june", "2022-06-30").key).toBe("2021–2022");
    expect(periodContaining("july-june", "2022-07-01").key).toBe("2022–2023");
    expect(periodContaining("may-april", "2023-04-30").key).toBe("2022–2023");
    expect(periodContaining("may-april", "2023-05-01").key).toBe("2023–2024");
    expect(periodContaining("calendar", "2023-12-31").key).toBe("2023");
    expect(periodContaining("calendar", "2024-01-01").key).toBe("2024");
  });

  test("May–April ends on the last day of April; February 29 in leap years falls inside", () => {
    const period = periodStartingIn("may-april", 2023);
    expect(period.end).toBe("2024-04-30");
    expect(periodContaining("may-april", "2024-02-29").key).toBe("2023–2024");
    expect(periodStartingIn("calendar", 2024).label).toBe("1 januari 2024 – 31 december 2024");
  });

  test("latest complete period and the report due month", () => {
    const july = latestCompletePeriod("july-june", "2022-09-01");
    expect(july.key).toBe("2021–2022");
    expect(committeeReportDue(july, 9)).toBe("2022-09-30");
    const may = latestCompletePeriod("may-april", "2024-05-02");
    expect(may.key).toBe("2023–2024");
    expect(committeeReportDue(may, 5)).toBe("2024-05-31");
    const calendar = latestCompletePeriod("calendar", "2024-02-10");
    expect(calendar.key).toBe("2023");
    expect(committeeReportDue(calendar, 3)).toBe("2024-03-31");
  });

  test("keys parse back; wrong keys are refused", () => {
    expect(periodFromKey("july-june", "2021–2022")?.start).toBe("2021-07-01");
    expect(periodFromKey("july-june", "2021-2022")?.start).toBe("2021-07-01");
    expect(periodFromKey("july-june", "2022")?.key).toBe("2021–2022");
    expect(periodFromKey("calendar", "2022")?.start).toBe("2022-01-01");
    expect(periodFromKey("july-june", "2021–2023")).toBeUndefined();
    expect(periodFromKey("calendar", "2021–2022")).toBeUndefined();
    expect(periodFromKey("calendar", "tjugo")).toBeUndefined();
  });
});

describe("periods as people type them", () => {
  test.each([
    ["2026-2027", "2026–2027"],
    ["2026/27", "2026–2027"],
    ["2026 - 2027", "2026–2027"],
    ["2026/2027", "2026–2027"],
    [" 2026–27 ", "2026–2027"],
    ["1999/00", "1999–2000"],
    ["2026", "2026"],
  ])("%s → %s", (typed, stored) => {
    expect(normalisePeriodKey(typed)).toBe(stored);
  });

  test.each(["2026-2028", "2026/28", "26/27", "2026–", "år 2026", ""])("%s is refused", (typed) => {
    expect(normalisePeriodKey(typed)).toBeUndefined();
  });
});
