import { describe, expect, test } from "vitest";
import { demoDataset } from "../demo/demo-data.ts";
import { annualCycle, type Obligation } from "./annual-cycle.ts";
import { addDays, addMonths } from "./dates.ts";

/**
 * The due date and the first day of reminding of every rule, pinned to the
 * day: a rule that moves a date (a deadline a month late, a notice period a
 * day short) fails here.
 */

type Data = ReturnType<typeof demoDataset>;

function obligation(
  today: string,
  rule: Obligation["rule"],
  targetId: string,
  change: (data: Data) => void,
): Obligation | undefined {
  const data = demoDataset("2026-11-24");
  change(data);
  return annualCycle({ today, ...data, reports: [] }).find(
    (candidate) => candidate.rule === rule && candidate.target.id === targetId,
  );
}

/** Absent the day before `from`, there from `from` with exactly `due`; late the day after `due`. */
function expectWindow(
  find: (today: string) => Obligation | undefined,
  from: string,
  due: string,
): void {
  expect(find(addDays(from, -1)), `not before ${from}`).toBeUndefined();
  expect(find(from)?.dueDate, `from ${from}`).toBe(due);
  expect(find(due)?.status).toBe("due");
  expect(find(addDays(due, 1))?.status).toBe("late");
}

describe("due dates of every rule", () => {
  const deficiency = (data: Data) => {
    const found = data.deficiencies.find((candidate) => candidate.id === "brist-ekonomi");
    if (!found) throw new Error("demo deficiency brist-ekonomi missing");
    return found;
  };
  const contract = (data: Data, id: string) => {
    const found = data.contracts.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`demo contract ${id} missing`);
    return found;
  };

  test("an action plan's check-up: due on its date, reminded 30 days ahead, gone when its result is recorded", () => {
    const checkUp = "2027-03-15";
    const find = (today: string, result = "") =>
      obligation(today, "action-plan-check-up", "brist-ekonomi", (data) => {
        Object.assign(deficiency(data), { checkUpDate: checkUp, checkUpResult: result });
      });
    expectWindow(find, addDays(checkUp, -30), checkUp);
    expect(find(checkUp, "Förseningarna har upphört.")).toBeUndefined();
  });

  test("an action plan's deadline: due on its date, reminded 30 days ahead, gone when remedied", () => {
    const deadline = "2027-04-30";
    const find = (today: string, status: "öppen" | "åtgärdad" = "öppen") =>
      obligation(today, "action-plan-deadline", "brist-ekonomi", (data) => {
        Object.assign(deficiency(data), { deadline, status });
      });
    expectWindow(find, addDays(deadline, -30), deadline);
    expect(find(deadline, "åtgärdad")).toBeUndefined();
  });

  test("contract end: due on the end date, reminded the kommun's notice (3 months) ahead", () => {
    const end = "2027-08-31";
    const find = (today: string) =>
      obligation(today, "contract-end", "tolk", (data) => {
        Object.assign(contract(data, "tolk"), { endDate: end, extensionDecisionDate: undefined });
      });
    expectWindow(find, addMonths(end, -3), end);
  });

  test("extension decision: due on its date, reminded 3 months ahead, gone after the contract's end", () => {
    const decision = "2027-05-31";
    const end = "2027-08-31";
    const find = (today: string) =>
      obligation(today, "extension-decision", "tolk", (data) => {
        Object.assign(contract(data, "tolk"), { endDate: end, extensionDecisionDate: decision });
      });
    expectWindow(find, addMonths(decision, -3), decision);
    expect(find(end)?.status).toBe("late");
    expect(find(addDays(end, 1))).toBeUndefined();
  });

  test("kickoff: due on the start date, reminded 60 days ahead, late for 180 days after", () => {
    const start = "2027-09-01";
    const find = (today: string) =>
      obligation(today, "kickoff", "tolk", (data) => {
        Object.assign(contract(data, "tolk"), {
          startDate: start,
          endDate: "2030-08-31",
          extensionDecisionDate: undefined,
        });
      });
    expectWindow(find, addDays(start, -60), start);
    expect(find(addDays(start, 180))?.status).toBe("late");
    expect(find(addDays(start, 181))).toBeUndefined();
  });

  test("the plan: due 31 December the year after the election, reminded 180 days ahead", () => {
    const find = (today: string) => {
      const data = demoDataset("2026-11-24");
      return annualCycle({ today, ...data, reports: [] }).find(
        (candidate) => candidate.rule === "plan" && candidate.committeeId === "VAN",
      );
    };
    expectWindow(find, addDays("2027-12-31", -180), "2027-12-31");
  });
});
