import { describe, expect, test } from "vitest";
import {
  type Cadence,
  cadenceFor,
  cadenceProblems,
  cadenceText,
  checkCadence,
  DEFAULT_CADENCE,
  dueDatesBetween,
  followUpsPerYear,
  nextFollowUp,
} from "./cadence.ts";

const TODAY = "2026-12-02";

describe("cadence per risk level", () => {
  test("defaults: hög twice a year, medel yearly, låg every other year", () => {
    expect(followUpsPerYear("hög")).toBe(2);
    expect(followUpsPerYear("medel")).toBe(1);
    expect(followUpsPerYear("låg")).toBe(0.5);
    expect(cadenceText("hög")).toBe("två gånger per år");
    expect(cadenceText("medel")).toBe("en gång per år");
    expect(cadenceText("låg")).toBe("vartannat år");
  });

  test("a plan's own intervals", () => {
    const plan: Cadence = { intervalMonths: { hög: 4, medel: 9, låg: 36 }, extraWithinMonths: 1 };
    expect(checkCadence(plan)).toEqual([]);
    expect(cadenceText("hög", plan)).toBe("tre gånger per år");
    expect(cadenceText("medel", plan)).toBe("var 9:e månad");
    expect(cadenceText("låg", plan)).toBe("var 36:e månad");
    expect(
      checkCadence({ intervalMonths: { hög: 12, medel: 6, låg: 0 }, extraWithinMonths: -1 }),
    ).toEqual([
      "Intervallet för låg risk ska vara 1–48 månader.",
      "Högre risk ska följas upp minst lika ofta som lägre risk.",
      "Tiden för en extra uppföljning ska vara ett helt antal månader (0–48).",
    ]);
  });
});

describe("the cadence's problems by field", () => {
  test("out of order names the faster level; the extra follow-up is 0–48 months", () => {
    expect(
      cadenceProblems({ intervalMonths: { hög: 6, medel: 24, låg: 12 }, extraWithinMonths: 60 }),
    ).toEqual([
      {
        code: "intervals-out-of-order",
        field: "intervalMonths.medel",
        message: "Högre risk ska följas upp minst lika ofta som lägre risk.",
      },
      {
        code: "extra-out-of-range",
        field: "extraWithinMonths",
        message: "Tiden för en extra uppföljning ska vara ett helt antal månader (0–48).",
      },
    ]);
    expect(cadenceProblems(DEFAULT_CADENCE)).toEqual([]);
  });
});

describe("the next follow-up", () => {
  test("one interval after the latest follow-up", () => {
    expect(nextFollowUp({ level: "hög", lastFollowUpOn: "2026-09-15", today: TODAY })).toEqual({
      dueDate: "2027-03-15",
      basis: "regular",
      overdue: false,
      text: "Nästa uppföljning senast 15 mars 2027 (hög risk: två gånger per år).",
    });
    expect(nextFollowUp({ level: "låg", lastFollowUpOn: "2025-01-31", today: TODAY }).dueDate).toBe(
      "2027-01-31",
    );
    // 31 August + 6 months is the end of February.
    expect(nextFollowUp({ level: "hög", lastFollowUpOn: "2026-08-31", today: TODAY }).dueDate).toBe(
      "2027-02-28",
    );
  });

  test("overdue when the date has passed", () => {
    const next = nextFollowUp({ level: "medel", lastFollowUpOn: "2025-11-01", today: TODAY });
    expect(next).toMatchObject({ dueDate: "2026-11-01", overdue: true });
    expect(
      nextFollowUp({ level: "medel", lastFollowUpOn: "2025-12-02", today: TODAY }).overdue,
    ).toBe(false);
  });

  test("the first follow-up counts from the contract's start, else from today", () => {
    expect(
      nextFollowUp({ level: "medel", contractStart: "2026-07-01", today: TODAY }),
    ).toMatchObject({
      dueDate: "2027-07-01",
      basis: "first",
      text: "Första uppföljningen senast 1 juli 2027 (medelhög risk: en gång per år).",
    });
    expect(nextFollowUp({ level: "hög", today: TODAY }).dueDate).toBe("2027-06-02");
  });

  test("raising the level brings an extra follow-up forward", () => {
    const next = nextFollowUp({
      level: "hög",
      lastFollowUpOn: "2026-09-10",
      raisedFrom: { level: "låg", on: "2026-11-20" },
      today: TODAY,
    });
    expect(next).toEqual({
      dueDate: "2027-01-20",
      basis: "raised",
      overdue: false,
      text: "Extra uppföljning senast 20 januari 2027: risknivån höjdes från låg risk till hög risk den 20 november 2026.",
    });
  });

  test("no extra follow-up when the regular one comes first, after a follow-up, or on a lowering", () => {
    // Regular (2026-12-10) comes before raise + 2 months.
    expect(
      nextFollowUp({
        level: "hög",
        lastFollowUpOn: "2026-06-10",
        raisedFrom: { level: "medel", on: "2026-11-01" },
        today: TODAY,
      }),
    ).toMatchObject({ dueDate: "2026-12-10", basis: "regular" });
    // Already followed up since the raise.
    expect(
      nextFollowUp({
        level: "hög",
        lastFollowUpOn: "2026-11-25",
        raisedFrom: { level: "medel", on: "2026-11-01" },
        today: TODAY,
      }),
    ).toMatchObject({ dueDate: "2027-05-25", basis: "regular" });
    // Lowered, not raised.
    expect(
      nextFollowUp({
        level: "låg",
        lastFollowUpOn: "2026-06-10",
        raisedFrom: { level: "hög", on: "2026-11-20" },
        today: TODAY,
      }),
    ).toMatchObject({ dueDate: "2028-06-10", basis: "regular" });
  });

  test("a raise on a contract never followed up brings the first one forward", () => {
    expect(
      nextFollowUp({
        level: "hög",
        contractStart: "2026-10-01",
        raisedFrom: { level: "medel", on: "2026-10-15" },
        today: TODAY,
      }),
    ).toMatchObject({ dueDate: "2026-12-15", basis: "raised" });
    expect(DEFAULT_CADENCE.extraWithinMonths).toBe(2);
  });
});

describe("the follow-ups owed within a span (a reporting period)", () => {
  const period = ["2026-07-01", "2027-06-30"] as const;

  test("hög: one interval after the latest follow-up, then every six months", () => {
    expect(dueDatesBetween({ level: "hög", lastFollowUpOn: "2026-06-10" }, ...period)).toEqual([
      "2026-12-10",
      "2027-06-10",
    ]);
    expect(dueDatesBetween({ level: "medel", lastFollowUpOn: "2026-06-10" }, ...period)).toEqual([
      "2027-06-10",
    ]);
  });

  test("låg: every other year, so a period may owe none", () => {
    expect(dueDatesBetween({ level: "låg", lastFollowUpOn: "2026-06-10" }, ...period)).toEqual([]);
    expect(
      dueDatesBetween({ level: "låg", lastFollowUpOn: "2026-06-10" }, "2027-07-01", "2028-06-30"),
    ).toEqual(["2028-06-10"]);
  });

  test("one overdue when the span starts is owed once, and the rhythm goes on from there", () => {
    expect(dueDatesBetween({ level: "hög", lastFollowUpOn: "2025-08-30" }, ...period)).toEqual([
      "2026-07-01",
      "2027-01-01",
    ]);
  });

  test("a raise brings the next one forward within two months", () => {
    expect(
      dueDatesBetween(
        {
          level: "hög",
          lastFollowUpOn: "2026-06-10",
          raisedFrom: { level: "medel", on: "2026-09-01" },
        },
        ...period,
      ),
    ).toEqual(["2026-11-01", "2027-05-01"]);
  });
});

test("a strategic contract is followed up at least once a period, whatever its risk", () => {
  const strategic = cadenceFor(true);
  expect(strategic.intervalMonths).toEqual({ hög: 6, medel: 12, låg: 12 });
  expect(cadenceFor(false)).toBe(DEFAULT_CADENCE);
  expect(
    dueDatesBetween(
      { level: "låg", lastFollowUpOn: "2026-06-10" },
      "2026-07-01",
      "2027-06-30",
      strategic,
    ),
  ).toEqual(["2027-06-10"]);
});
