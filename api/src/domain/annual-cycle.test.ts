import { describe, expect, test } from "vitest";
import { demoDataset } from "../demo/demo-data.ts";
import {
  annualCycle,
  countByStatus,
  followUpDueDates,
  followUpDueDatesOf,
  type Obligation,
  responsibleFor,
} from "./annual-cycle.ts";
import { addDays } from "./dates.ts";
import { periodStartingIn } from "./reporting-period.ts";

function cycle(
  today: string,
  change?: (data: ReturnType<typeof demoDataset>) => void,
): Obligation[] {
  const data = demoDataset("2026-11-24");
  change?.(data);
  return annualCycle({ today, ...data, reports: [] });
}

const summary = (obligations: Obligation[]) =>
  obligations
    .map((obligation) => `${obligation.status} ${obligation.rule} ${obligation.target.id}`)
    .sort();

describe("the annual cycle on the demo data (2026-11-24)", () => {
  const obligations = cycle("2026-11-24");

  test("exactly the expected obligations, late first", () => {
    expect(summary(obligations)).toEqual(
      [
        "late committee-report IFN",
        "late committee-report KFN",
        "late committee-report KS",
        "late committee-report SN",
        "late committee-report TN",
        "late committee-report VAN",
        "late action-plan-check-up brist-faktura",
        "late extension-decision parkskotsel",
        "due action-plan-check-up brist-ekonomi",
        "upcoming action-plan-deadline brist-ekonomi",
        "upcoming action-plan-deadline brist-faktura",
        "upcoming kickoff bjorken",
        "upcoming ks-report KS",
        "upcoming contract-end tolk",
        "upcoming extension-decision hvb",
        "upcoming extension-decision snorojning",
        "upcoming follow-up snorojning",
      ].sort(),
    );
    expect(obligations[0]?.status).toBe("late");
    expect(countByStatus(obligations)).toEqual({ late: 8, due: 1, upcoming: 8 });
  });

  test("report months follow each nämnd's period: May for Socialnämnden, September otherwise", () => {
    const reports = obligations.filter((obligation) => obligation.rule === "committee-report");
    expect(reports.find((obligation) => obligation.committeeId === "SN")?.dueDate).toBe(
      "2026-05-31",
    );
    expect(reports.find((obligation) => obligation.committeeId === "VAN")?.dueDate).toBe(
      "2026-09-30",
    );
    expect(reports.find((obligation) => obligation.committeeId === "SN")?.title).toContain(
      "1 maj 2025 – 30 april 2026",
    );
  });

  test("obligations name the responsible person and have stable keys", () => {
    const checkUp = obligations.find(
      (obligation) =>
        obligation.target.id === "brist-faktura" && obligation.rule === "action-plan-check-up",
    );
    expect(checkUp?.owner?.name).toBe("Erik Johansson");
    expect(checkUp?.key).toBe(
      `action-plan-check-up|deficiency:brist-faktura|TN|${addDays("2026-11-24", -3)}`,
    );
    expect(new Set(obligations.map((obligation) => obligation.key)).size).toBe(obligations.length);
  });

  test("a decided report removes its obligation; a draft or a report on the agenda does not", () => {
    const data = demoDataset("2026-11-24");
    const report = {
      id: "r",
      etag: "",
      reportKey: "namnd|VAN|2025–2026",
      committeeId: "VAN",
      reportType: "namnd" as const,
      period: "2025–2026",
      title: "",
      webUrl: "",
      driveItemId: "",
      generatedAt: "",
      paragraph: "",
      registryNumber: "",
    };
    const draft = annualCycle({
      today: "2026-11-24",
      ...data,
      reports: [{ ...report, status: "utkast" }],
    });
    const ready = annualCycle({
      today: "2026-11-24",
      ...data,
      reports: [{ ...report, status: "klar för nämnd" }],
    });
    const done = annualCycle({
      today: "2026-11-24",
      ...data,
      reports: [
        {
          ...report,
          status: "beslutad",
          decisionDate: "2026-09-01",
          paragraph: "87",
          registryNumber: "VAN 2026/0112",
        },
      ],
    });
    const vanReport = (list: Obligation[]) =>
      list.some((item) => item.rule === "committee-report" && item.committeeId === "VAN");
    expect(vanReport(draft)).toBe(true);
    // On the nämnd's agenda is not yet decided: the obligation stays until the decision is recorded.
    expect(vanReport(ready)).toBe(true);
    expect(vanReport(done)).toBe(false);
  });
});

describe("rules over dates", () => {
  test("the plan for 2026–2030: not yet, upcoming in autumn 2027, due in late December, late in 2028", () => {
    const plans = (today: string) =>
      cycle(today).filter((obligation) => obligation.rule === "plan");
    expect(plans("2027-06-01")).toHaveLength(0);
    const autumn = plans("2027-11-01");
    expect(autumn).toHaveLength(6);
    expect(
      autumn.every(
        (obligation) => obligation.status === "upcoming" && obligation.dueDate === "2027-12-31",
      ),
    ).toBe(true);
    expect(plans("2027-12-20").every((obligation) => obligation.status === "due")).toBe(true);
    expect(plans("2028-01-02").every((obligation) => obligation.status === "late")).toBe(true);
    // Deciding a nämnd's plan removes its obligation; Socialnämnden's draft stays open.
    const decided = cycle("2027-11-01", (data) => {
      const draft = data.plans.find(
        (plan) => plan.committeeId === "SN" && plan.mandatePeriod === "2026–2030",
      )!;
      draft.status = "beslutad";
    }).filter((obligation) => obligation.rule === "plan");
    expect(decided.map((obligation) => obligation.committeeId).sort()).toEqual([
      "IFN",
      "KFN",
      "KS",
      "TN",
      "VAN",
    ]);
  });

  test("kickoff before start: upcoming 60 days ahead, late after start until recorded, gone when held", () => {
    const kickoff = (today: string, held = false) =>
      cycle(today, (data) => {
        if (held) {
          data.kickoffs.push({
            ...data.kickoffs[0]!,
            id: "k2",
            contractId: "bjorken",
            contractStart: data.contracts.find((c) => c.id === "bjorken")!.startDate!,
          });
        }
      }).find((obligation) => obligation.rule === "kickoff" && obligation.target.id === "bjorken");
    const start = addDays("2026-11-24", 38);
    expect(kickoff(addDays(start, -61))).toBeUndefined();
    expect(kickoff(addDays(start, -60))?.status).toBe("upcoming");
    expect(kickoff(addDays(start, -14))?.status).toBe("due");
    expect(kickoff(start)?.status).toBe("due");
    expect(kickoff(addDays(start, 1))?.status).toBe("late");
    expect(kickoff(addDays(start, 1), true)).toBeUndefined();
  });

  test("extension-option deadline: reminded three months ahead (configurable)", () => {
    const decision = (today: string, noticeMonths = 3) =>
      cycle(today, (data) => {
        data.municipality.noticeMonths = noticeMonths;
      }).find(
        (obligation) =>
          obligation.rule === "extension-decision" && obligation.target.id === "solgarden",
      );
    const due = demoDataset("2026-11-24").contracts.find((contract) => contract.id === "solgarden")!
      .extensionDecisionDate!;
    expect(decision(addDays(due, -100))).toBeUndefined();
    expect(decision(addDays(due, -85))?.status).toBe("upcoming");
    expect(decision(addDays(due, -100), 4)?.status).toBe("upcoming");
    expect(decision(addDays(due, 1))?.status).toBe("late");
  });

  test("follow-up cadence: three per year gives three due dates in the period", () => {
    const period = periodStartingIn("july-june", 2026);
    expect(followUpDueDates(period, 3)).toEqual(["2026-10-31", "2027-02-28", "2027-06-30"]);
    expect(followUpDueDates(period, 1)).toEqual(["2027-06-30"]);
    expect(followUpDueDates(periodStartingIn("may-april", 2023), 2)).toEqual([
      "2023-10-31",
      "2024-04-30",
    ]);
  });

  test("a missing follow-up of a strategic contract is late after its due date, per reporting nämnd", () => {
    const late = cycle("2027-07-05").filter(
      (obligation) => obligation.rule === "follow-up" && obligation.status === "late",
    );
    const stadning = late
      .filter((obligation) => obligation.target.id === "stadning")
      .map((obligation) => obligation.committeeId);
    // Socialnämnden (May–April) was due on 30 April, the others on 30 June.
    expect(stadning.sort()).toEqual(["KFN", "KS", "SN"]);
    // Socialnämnden follows May–April: its part of the shared contract is due 30 April 2027.
    const sn = cycle("2027-05-02").find(
      (obligation) => obligation.target.id === "stadning" && obligation.committeeId === "SN",
    );
    expect(sn).toMatchObject({ status: "late", dueDate: "2027-04-30" });
  });

  test("the KS report is reminded from October and due before year-end", () => {
    const ks = (today: string) =>
      cycle(today).find((obligation) => obligation.rule === "ks-report");
    expect(ks("2026-09-30")).toBeUndefined();
    expect(ks("2026-10-01")?.dueDate).toBe("2026-12-31");
    expect(ks("2026-12-20")?.status).toBe("due");
  });
});

test("who answers for an obligation: the owner, kommunledningskontoret for KS's compilation, else the nämnd", () => {
  const anna = { id: "a", name: "Anna Lindqvist", email: "" };
  expect(responsibleFor({ owner: anna, rule: "follow-up" })).toBe("Anna Lindqvist");
  expect(responsibleFor({ owner: undefined, rule: "ks-report" })).toBe("Kommunledningskontoret");
  expect(responsibleFor({ owner: undefined, rule: "committee-report" })).toBe("Nämnden");
});

describe("follow-ups at the cadence of the assessed risk level", () => {
  const assessed =
    (likelihood: 1 | 2 | 3 | 4, consequence: 1 | 2 | 3 | 4, raisedFrom?: "låg" | "medel" | "hög") =>
    (data: ReturnType<typeof demoDataset>) => {
      const hemtjanst = data.contracts.find((contract) => contract.id === "hemtjanst");
      if (!hemtjanst) throw new Error("the demo has hemtjänst");
      hemtjanst.risk = {
        likelihood,
        consequence,
        reason: "",
        confirmedBy: { id: "a", name: "Anna Lindqvist", email: "" },
        confirmedOn: "2026-11-24",
        suggestedLevel: "hög",
        raisedFrom: raisedFrom ? { level: raisedFrom, on: "2026-11-24" } : undefined,
      };
    };
  const hemtjanst = (obligations: Obligation[]) =>
    obligations.filter(
      (obligation) => obligation.rule === "follow-up" && obligation.target.id === "hemtjanst",
    );

  test("hög: six months after the latest follow-up (30 August 2026), whatever the contract's own number says", () => {
    expect(hemtjanst(cycle("2027-01-10", assessed(4, 4, "hög")))).toEqual([]);
    expect(hemtjanst(cycle("2027-02-20", assessed(4, 4, "hög")))).toEqual([
      expect.objectContaining({
        status: "due",
        dueDate: "2027-02-28",
        committeeId: "VAN",
        period: "2026–2027",
        title: "Uppföljning av Hemtjänst enligt LOV (hög risk: två gånger per år)",
      }),
    ]);
  });

  test("låg: a strategic contract still once a year (every period), not every other year", () => {
    // Without an assessment, the contract's own three rounds a year: two are late in July.
    expect(hemtjanst(cycle("2027-07-05")).map((obligation) => obligation.status)).toEqual([
      "late",
      "late",
    ]);
    expect(hemtjanst(cycle("2027-07-05", assessed(1, 1, "hög")))).toEqual([]);
    expect(hemtjanst(cycle("2027-08-20", assessed(1, 1, "hög")))).toEqual([
      expect.objectContaining({
        status: "due",
        dueDate: "2027-08-30",
        title: "Uppföljning av Hemtjänst enligt LOV (låg risk: en gång per år)",
      }),
    ]);
    // A contract that is not strategic has no follow-up obligation in the årshjul at all.
    expect(
      hemtjanst(
        cycle("2027-08-20", (data) => {
          assessed(1, 1, "hög")(data);
          const contract = data.contracts.find((candidate) => candidate.id === "hemtjanst");
          if (contract) contract.strategic = false;
        }),
      ),
    ).toEqual([]);
  });

  test("the follow-ups owed in a period (the KS overview's expected count, the plan's time plan)", () => {
    const owed = (change?: (data: ReturnType<typeof demoDataset>) => void) => {
      const data = demoDataset("2026-11-24");
      change?.(data);
      const contract = data.contracts.find((candidate) => candidate.id === "hemtjanst");
      if (!contract) throw new Error("the demo has hemtjänst");
      return followUpDueDatesOf(data, contract, "VAN", periodStartingIn("july-june", 2026));
    };
    // Unassessed: the contract's own three a year.
    expect(owed()).toHaveLength(3);
    // Assessed: from the latest follow-up before the period (10 June 2026).
    expect(owed(assessed(4, 4))).toEqual(["2026-12-10", "2027-06-10"]);
    expect(owed(assessed(2, 2))).toEqual(["2027-06-10"]);
    // Låg, strategic: once in the period all the same.
    expect(owed(assessed(1, 1))).toEqual(["2027-06-10"]);
    // None after the contract has ended.
    expect(
      owed((data) => {
        assessed(4, 4)(data);
        const contract = data.contracts.find((candidate) => candidate.id === "hemtjanst");
        if (contract) contract.endDate = "2027-01-31";
      }),
    ).toEqual(["2026-12-10"]);
  });

  test("raised from medel to hög: an extra follow-up within two months of the raise", () => {
    const raised = hemtjanst(cycle("2026-12-15", assessed(4, 4, "medel")));
    expect(raised).toEqual([
      expect.objectContaining({
        status: "upcoming",
        dueDate: "2027-01-24",
        title: "Extra uppföljning av Hemtjänst enligt LOV: risknivån har höjts till hög risk",
      }),
    ]);
    // Once followed up after the raise, the regular rhythm resumes from that follow-up.
    const after = hemtjanst(
      cycle("2027-07-01", (data) => {
        assessed(4, 4, "medel")(data);
        const [done] = data.followUps.filter(
          (followUp) => followUp.contractId === "hemtjanst" && followUp.status === "klar",
        );
        if (!done) throw new Error("the demo has a follow-up of hemtjänst");
        data.followUps.push({ ...done, id: "extra", followUpDate: "2027-01-10" });
      }),
    );
    expect(after).toEqual([expect.objectContaining({ status: "due", dueDate: "2027-07-10" })]);
  });
});

test("a suggestion risen above the confirmed level: the owner reviews it before the next follow-up", () => {
  const withRisk = (data: ReturnType<typeof demoDataset>) => {
    const hemtjanst = data.contracts.find((contract) => contract.id === "hemtjanst");
    if (!hemtjanst) throw new Error("the demo has hemtjänst");
    hemtjanst.risk = {
      likelihood: 1,
      consequence: 4,
      reason: "Stabil utförare",
      confirmedBy: { id: "a", name: "Anna Lindqvist", email: "" },
      confirmedOn: "2026-06-01",
      suggestedLevel: "medel",
    };
  };
  const data = demoDataset("2026-11-24");
  withRisk(data);
  const review = (risenRisks?: ReadonlyMap<string, "låg" | "medel" | "hög">) =>
    annualCycle({ today: "2026-11-24", ...data, reports: [], risenRisks }).filter(
      (obligation) => obligation.rule === "risk-review",
    );
  expect(review()).toEqual([]);
  expect(review(new Map([["hemtjanst", "hög"]]))).toEqual([
    expect.objectContaining({
      status: "upcoming",
      committeeId: "VAN",
      // medel: a year after the latest follow-up (30 August 2026).
      dueDate: "2027-08-30",
      title:
        "Se över riskbedömningen av Hemtjänst enligt LOV: förslaget är nu hög risk, bedömningen medelhög risk",
      owner: expect.objectContaining({ name: "Anna Lindqvist" }),
    }),
  ]);
});
