import { describe, expect, test } from "vitest";
import { contract } from "../../../test/support/import-fixtures.ts";
import { demoDataset, HEMTJANST_PROVIDERS } from "../demo/demo-data.ts";
import { addDays, addMonths } from "./dates.ts";
import type { Deficiency, Deviation, FollowUp } from "./model.ts";
import { parseOrganisationNumber } from "./organisation-number.ts";
import { flaggedProviders } from "./provider-signals.ts";
import {
  buildRiskIndex,
  checkRiskConfirmation,
  checkRiskMatrix,
  consequenceOf,
  DEFAULT_RISK_MATRIX,
  effectiveRisk,
  type RiskConfirmation,
  type RiskInput,
  raiseAfter,
  raiseOf,
  risenSuggestions,
  riskLevelOf,
  riskMatrixProblems,
  suggestRisk,
  suggestRisks,
} from "./risk.ts";

const TODAY = "2026-12-02";

function deviation(overrides: Partial<Deviation> = {}): Deviation {
  return {
    id: "d1",
    etag: "",
    contractId: "10",
    committeeId: "1",
    occurredOn: addDays(TODAY, -30),
    provider: "",
    description: "Sen hämtning",
    severity: "medel",
    handling: "",
    status: "öppen",
    ...overrides,
  };
}

function deficiency(overrides: Partial<Deficiency> = {}): Deficiency {
  return {
    id: "b1",
    etag: "",
    contractId: "10",
    committeeId: "1",
    followUpId: undefined,
    deviationId: undefined,
    provider: "",
    recordedOn: undefined,
    description: "Brist",
    goalImpact: "",
    actionOwner: undefined,
    measures: "",
    deadline: undefined,
    checkUpDate: undefined,
    checkUpResult: "",
    sanctionNote: "",
    status: "öppen",
    ...overrides,
  };
}

function followUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: "u1",
    etag: "",
    contractId: "10",
    committeeId: "1",
    period: "2025–2026",
    followUpDate: addMonths(TODAY, -3),
    form: "avtalsuppföljning",
    meetsRequirements: "ja",
    deficienciesSummary: "",
    goalImpact: "",
    actionPlanSummary: "",
    goalFulfilment: "",
    serviceEvaluation: "",
    controlSufficient: true,
    feedbackToProviderOn: undefined,
    providerFeedback: "",
    publicSummary: "",
    status: "klar",
    ...overrides,
  };
}

/** A well-run contract: followed up recently, nothing open, far from its end. */
const calm = contract({ startDate: "2022-01-01", endDate: "2029-12-31" });

function suggest(input: Partial<RiskInput> & { contracts?: RiskInput["contracts"] }) {
  const full: RiskInput = {
    today: TODAY,
    contracts: [calm],
    deviations: [],
    deficiencies: [],
    followUps: [followUp()],
    ...input,
  };
  const [first] = full.contracts;
  if (!first) throw new Error("no contract");
  return suggestRisk(first, buildRiskIndex(full));
}

describe("the matrix", () => {
  test("default thresholds: 1–3 låg, 4–8 medel, 9–16 hög", () => {
    expect(riskLevelOf(DEFAULT_RISK_MATRIX, 1, 3)).toBe("låg");
    expect(riskLevelOf(DEFAULT_RISK_MATRIX, 2, 2)).toBe("medel");
    expect(riskLevelOf(DEFAULT_RISK_MATRIX, 2, 4)).toBe("medel");
    expect(riskLevelOf(DEFAULT_RISK_MATRIX, 3, 3)).toBe("hög");
    expect(riskLevelOf(DEFAULT_RISK_MATRIX, 4, 4)).toBe("hög");
  });

  test("a kommun's own thresholds and labels", () => {
    const strict = { ...DEFAULT_RISK_MATRIX, thresholds: { medel: 3, hög: 6 } };
    expect(riskLevelOf(strict, 1, 3)).toBe("medel");
    expect(riskLevelOf(strict, 2, 3)).toBe("hög");
    expect(checkRiskMatrix(strict)).toEqual([]);
    expect(
      checkRiskMatrix({
        likelihoodLabels: ["a", " ", "c", "d"],
        consequenceLabels: ["a", "b", "c", "d"],
        thresholds: { medel: 9, hög: 9 },
      }),
    ).toEqual([
      "Gränsen för hög risk ska vara högre än den för medelhög risk.",
      "Ge varje nivå av sannolikhet ett namn.",
    ]);
    expect(checkRiskMatrix({ ...DEFAULT_RISK_MATRIX, thresholds: { medel: 0, hög: 17 } })).toEqual([
      "Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.",
      "Gränsen för hög risk ska vara ett heltal mellan 2 och 16.",
    ]);
  });

  test("each problem with a matrix names its field and a stable code, for Inställningar", () => {
    expect(
      riskMatrixProblems({
        likelihoodLabels: ["a", "b", "c", "d"],
        consequenceLabels: ["a", "b", "", "d"],
        thresholds: { medel: 1, hög: 4 },
      }),
    ).toEqual([
      {
        code: "threshold-out-of-range",
        field: "thresholds.medel",
        message: "Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.",
      },
      {
        code: "label-missing",
        field: "consequenceLabels.2",
        message: "Ge varje nivå av konsekvens ett namn.",
      },
    ]);
    expect(riskMatrixProblems(DEFAULT_RISK_MATRIX)).toEqual([]);
  });

  test("consequence from value × impact; impact weighs more than value", () => {
    const of = (valueClass: "hög" | "låg", impactClass: "hög" | "låg", strategic = false) =>
      consequenceOf({ valueClass, impactClass, classified: true, strategic }).score;
    expect(of("hög", "hög", true)).toBe(4);
    expect(of("låg", "hög")).toBe(3);
    expect(of("hög", "låg")).toBe(2);
    expect(of("låg", "låg")).toBe(1);
    // The nämnd's decision that a routine contract is strategic lifts it.
    expect(of("låg", "låg", true)).toBe(3);
    const unclassified = consequenceOf({
      valueClass: "låg",
      impactClass: "låg",
      classified: false,
      strategic: false,
    });
    expect(unclassified.score).toBe(2);
    expect(unclassified.reason).toContain("inte klassificerat");
  });
});

describe("suggested likelihood from signals", () => {
  test("no signals: likelihood 1, said so", () => {
    const suggestion = suggest({});
    expect(suggestion.cell).toMatchObject({ likelihood: 1, consequence: 4, level: "medel" });
    expect(suggestion.reasons).toEqual([
      "Medelhög risk: sannolikhet 1 (osannolik) × konsekvens 4 (mycket allvarlig) = 4",
      "Inga signaler om ökad sannolikhet",
      "Avtalet har högt värde och hög påverkan på verksamheten.",
    ]);
  });

  test("deviations in the last twelve months, count and severity", () => {
    const suggestion = suggest({
      deviations: [
        deviation({ id: "1", severity: "hög" }),
        deviation({ id: "2" }),
        deviation({ id: "3", occurredOn: addMonths(TODAY, -11) }),
        // Older than a year, another contract's, and a future date: not counted.
        deviation({ id: "4", occurredOn: addMonths(TODAY, -13) }),
        deviation({ id: "5", contractId: "99" }),
        deviation({ id: "6", occurredOn: addDays(TODAY, 1) }),
      ],
    });
    expect(suggestion.signals).toEqual([
      { kind: "deviations", points: 3, reason: "3 avvikelser senaste året, varav 1 allvarlig" },
    ]);
    expect(suggestion.cell.likelihood).toBe(3);
    expect(suggestion.cell.level).toBe("hög");
    expect(
      suggest({
        deviations: [deviation({ severity: "hög" }), deviation({ id: "2", severity: "hög" })],
      }).signals[0]?.reason,
    ).toBe("2 avvikelser senaste året, varav 2 allvarliga");
    expect(suggest({ deviations: [deviation()] }).signals[0]?.reason).toBe(
      "1 avvikelse senaste året",
    );
  });

  test("open deficiencies and overdue action plans; done ones do not count", () => {
    const suggestion = suggest({
      deficiencies: [
        deficiency({ id: "1", status: "eskalerad" }),
        deficiency({ id: "2", status: "pågår", deadline: addDays(TODAY, -1) }),
        deficiency({ id: "3", checkUpDate: addDays(TODAY, -3) }),
        deficiency({ id: "4", checkUpDate: addDays(TODAY, -3), checkUpResult: "Bättre" }),
        deficiency({ id: "5", status: "åtgärdad", deadline: addDays(TODAY, -100) }),
      ],
    });
    expect(suggestion.signals).toEqual([
      { kind: "open-deficiencies", points: 3, reason: "4 öppna brister, varav 1 eskalerad" },
      {
        kind: "overdue-action-plans",
        points: 1,
        reason: "2 handlingsplaner försenade (tidsfrist eller avstämning passerad)",
      },
    ]);
    expect(suggestion.cell.likelihood).toBe(3);
  });

  test("the latest follow-up's answer counts; drafts and future dates do not", () => {
    const failed = suggest({
      followUps: [
        followUp({ id: "1", followUpDate: "2026-03-01", meetsRequirements: "ja" }),
        followUp({ id: "2", followUpDate: "2026-09-15", meetsRequirements: "nej" }),
        followUp({ id: "3", followUpDate: "2026-11-01", status: "utkast" }),
        followUp({ id: "4", followUpDate: "2026-12-20" }),
      ],
    });
    expect(failed.signals).toEqual([
      {
        kind: "follow-up-result",
        points: 2,
        reason: "Senaste uppföljningen (15 september 2026): utföraren uppfyller inte kraven",
      },
    ]);
    const partly = suggest({ followUps: [followUp({ meetsRequirements: "delvis" })] });
    expect(partly.signals[0]?.reason).toContain("kraven uppfylls delvis");
    expect(partly.signals[0]?.points).toBe(1);
  });

  test("time since the last follow-up, or since the start when there is none", () => {
    expect(suggest({ followUps: [followUp({ followUpDate: "2025-11-01" })] }).signals).toEqual([
      { kind: "follow-up-age", points: 1, reason: "Ingen uppföljning på 13 månader" },
    ]);
    expect(
      suggest({ followUps: [followUp({ followUpDate: "2024-10-01" })] }).signals[0]?.points,
    ).toBe(2);
    expect(suggest({ followUps: [] }).signals).toEqual([
      {
        kind: "follow-up-age",
        points: 2,
        reason: "Ingen uppföljning registrerad sedan avtalsstart (59 månader)",
      },
    ]);
    // A new contract has not yet missed anything; nor has one not yet active.
    const young = contract({ startDate: addMonths(TODAY, -6), endDate: "2030-01-01" });
    expect(suggest({ contracts: [young], followUps: [] }).signals).toEqual([]);
    const planned = contract({ status: "planerat", startDate: "2020-01-01", endDate: undefined });
    expect(suggest({ contracts: [planned], followUps: [] }).signals).toEqual([]);
    // Nor is a missing record of a non-strategic contract's follow-up, kept under internal control.
    const routine = contract({ strategic: false, startDate: "2020-01-01", endDate: undefined });
    expect(suggest({ contracts: [routine], followUps: [] }).signals).toEqual([]);
    expect(
      suggest({ contracts: [routine], followUps: [followUp({ followUpDate: "2025-01-01" })] })
        .signals[0]?.kind,
    ).toBe("follow-up-age");
  });

  test("a contract near its end or extension decision", () => {
    const ending = contract({ startDate: "2022-01-01", endDate: addMonths(TODAY, 4) });
    expect(suggest({ contracts: [ending] }).signals).toEqual([
      { kind: "contract-end", points: 1, reason: "Avtalet löper ut 2 april 2027" },
    ]);
    const deciding = contract({
      startDate: "2022-01-01",
      endDate: addMonths(TODAY, 20),
      extensionDecisionDate: addMonths(TODAY, 5),
    });
    expect(suggest({ contracts: [deciding] }).signals[0]?.reason).toBe(
      "Beslut om förlängning ska tas senast 2 maj 2027",
    );
    const far = contract({ startDate: "2022-01-01", endDate: addMonths(TODAY, 7) });
    expect(suggest({ contracts: [far] }).signals).toEqual([]);
  });

  test("the provider's open deficiencies in other nämnder, not its own or shared ones", () => {
    const taxi = { name: "Åsby Taxi & Buss AB", orgNumber: "556677-8899", email: "" };
    const here = contract({ id: "10", providers: [taxi], endDate: "2030-01-01" });
    const elsewhere = (id: string, committeeId: string, name = taxi.name, orgNumber = "") =>
      contract({
        id,
        committeeId,
        providers: [{ name, orgNumber, email: "" }],
        endDate: "2030-01-01",
      });
    const input = {
      contracts: [
        here,
        // Same provider spelled differently, known by its number, and by name alone.
        elsewhere("20", "3", "Taxibolaget", "5566778899"),
        elsewhere("30", "4", "ÅSBY TAXI och buss"),
        elsewhere("40", "1"),
        // A LOV contract's whole-contract deficiency blames none of its providers.
        contract({
          id: "50",
          committeeId: "5",
          providers: [taxi, { name: "Annan AB", orgNumber: "", email: "" }],
        }),
      ],
      deficiencies: [
        deficiency({ id: "1", contractId: "20", committeeId: "3" }),
        deficiency({ id: "2", contractId: "30", committeeId: "4" }),
        deficiency({ id: "3", contractId: "40", committeeId: "1" }),
        deficiency({ id: "4", contractId: "50", committeeId: "5" }),
      ],
    };
    const suggestion = suggest(input);
    expect(suggestion.signals).toEqual([
      {
        kind: "provider-other-committees",
        points: 2,
        reason: "Åsby Taxi & Buss AB har öppna brister i 2 andra nämnder",
      },
    ]);
    // The LOV contract's deficiency naming the taxi does count.
    const named = suggest({
      ...input,
      deficiencies: [
        deficiency({
          id: "4",
          contractId: "50",
          committeeId: "5",
          provider: "åsby taxi & buss ab",
        }),
      ],
    });
    expect(named.signals[0]?.reason).toBe("Åsby Taxi & Buss AB har öppna brister i en annan nämnd");
  });

  test("weak finances and a pending IVO decision noted on a provider", () => {
    const providers = [
      { name: "Omsorg AB", orgNumber: "", weakFinances: true, ivoDecisionPending: true },
    ];
    const suggestion = suggest({ providers });
    expect(suggestion.signals.map((signal) => signal.reason)).toEqual([
      "Svag ekonomisk ställning noterad för Omsorg AB",
      "Inväntar IVO:s beslut: Omsorg AB",
    ]);
    expect(suggestion.cell).toMatchObject({ likelihood: 3, level: "hög" });
  });

  test("likelihood steps are options", () => {
    const suggestion = suggest({
      deviations: [deviation()],
      options: { likelihoodSteps: [2, 4, 6] },
    });
    expect(suggestion.points).toBe(1);
    expect(suggestion.cell.likelihood).toBe(1);
  });
});

describe("seed 000 in the demo data", () => {
  const data = demoDataset(TODAY);
  const [, , trygg] = HEMTJANST_PROVIDERS;
  // The demo's provider register: Trygga Händer's finances, Nord and Seniorservice awaiting IVO.
  const input = { ...data, today: TODAY };
  const suggestions = suggestRisks(input);

  test("hemtjänst, providers with weak finances awaiting IVO: hög", () => {
    const hemtjanst = suggestions.get("hemtjanst");
    expect(hemtjanst?.cell).toMatchObject({ likelihood: 4, consequence: 4, level: "hög" });
    expect(hemtjanst?.reasons).toEqual(
      expect.arrayContaining([
        "1 avvikelse senaste året, varav 1 allvarlig",
        "6 öppna brister",
        expect.stringContaining("Svag ekonomisk ställning noterad för"),
        expect.stringContaining(
          "Inväntar IVO:s beslut: Hemtjänst Nord i Åsby AB, Åsby Seniorservice AB",
        ),
      ]),
    );
    // Even without the register's notes, its open deficiencies make it hög.
    expect(suggestRisks({ ...input, providers: [] }).get("hemtjanst")?.cell.level).toBe("hög");
  });

  test("skolskjuts: raised by the late pick-up and the disputed invoice", () => {
    const skolskjuts = suggestions.get("skolskjuts");
    expect(skolskjuts?.signals.map((signal) => signal.kind)).toEqual([
      "deviations",
      "open-deficiencies",
      "overdue-action-plans",
      "follow-up-result",
    ]);
    expect(skolskjuts?.reasons).toContain("1 öppen brist");
    const without = suggestRisks({
      ...input,
      deviations: data.deviations.filter((item) => item.contractId !== "skolskjuts"),
      deficiencies: data.deficiencies.filter((item) => item.id !== "brist-faktura"),
    }).get("skolskjuts");
    expect(without?.cell).toMatchObject({ likelihood: 2, level: "medel" });
    expect(skolskjuts?.cell).toMatchObject({ likelihood: 3, level: "hög" });
  });

  test("one hemtjänst provider is flagged to KS: open deficiencies in VAN and SN", () => {
    const flagged = flaggedProviders(
      data.contracts,
      buildRiskIndex(input),
      suggestions,
      data.committees,
    );
    expect(flagged.map((provider) => provider.name)).toEqual([trygg?.[0]]);
    expect(flagged[0]).toMatchObject({
      orgNumber: "556910-3301",
      withDeficiencies: expect.arrayContaining(["VAN", "SN"]),
    });
    expect(flagged[0]?.sentence).toContain("Kommunstyrelsen bör i sin uppsiktsplikt");
  });

  test("every organisationsnummer of the demo passes its check digit", () => {
    const numbers = data.contracts.flatMap((item) => item.providers.map((p) => p.orgNumber));
    expect(numbers.length).toBeGreaterThan(20);
    for (const number of numbers)
      expect(parseOrganisationNumber(number), number).toMatchObject({ ok: true });
  });

  test("a quiet contract of the demo stays below hög", () => {
    const levels = [...suggestions.values()].map((suggestion) => suggestion.cell.level);
    expect(levels).toContain("låg");
    expect(levels.filter((level) => level === "hög").length).toBeLessThan(levels.length / 2);
  });
});

describe("a person's assessment wins", () => {
  const suggestion = suggest({ deviations: [deviation()] });
  const anna = { id: "anna", name: "Anna Lindqvist", email: "" };
  const confirmation: RiskConfirmation = {
    likelihood: 1,
    consequence: 2,
    reason: "Avvikelsen var en engångshändelse.",
    confirmedBy: anna,
    confirmedOn: "2026-11-20",
    suggestedLevel: "medel",
  };

  test("an override needs a reason; confirming the suggestion does not", () => {
    expect(checkRiskConfirmation({ ...confirmation, reason: " " }, suggestion)).toEqual({
      problem: "override-reason-missing",
      message: "Ange varför bedömningen skiljer sig från förslaget.",
    });
    expect(checkRiskConfirmation(confirmation, suggestion)).toBeUndefined();
    expect(
      checkRiskConfirmation({ likelihood: 2, consequence: 4, reason: "" }, suggestion),
    ).toBeUndefined();
  });

  test("the confirmed cell is used, with who and why", () => {
    const effective = effectiveRisk(suggestion, confirmation);
    expect(effective.source).toBe("confirmed");
    expect(effective.cell).toMatchObject({ likelihood: 1, consequence: 2, level: "låg" });
    expect(effective.reasons).toEqual([
      "Låg risk: sannolikhet 1 (osannolik) × konsekvens 2 (kännbar) = 2",
      "Bedömd av Anna Lindqvist 20 november 2026: Avvikelsen var en engångshändelse.",
    ]);
    expect(effective.suggestionRose).toBe(false);
    expect(effectiveRisk(suggestion, undefined)).toMatchObject({
      source: "suggested",
      cell: suggestion.cell,
    });
  });

  test("a later rise of the suggestion is told, a known one is not", () => {
    const risen = suggest({
      deviations: [deviation(), deviation({ id: "2" }), deviation({ id: "3", severity: "hög" })],
    });
    expect(risen.cell.level).toBe("hög");
    const effective = effectiveRisk(risen, confirmation);
    expect(effective.suggestionRose).toBe(true);
    expect(effective.reasons.at(-1)).toBe("Förslaget är nu hög risk; se över bedömningen.");
    expect(effectiveRisk(risen, { ...confirmation, suggestedLevel: "hög" }).suggestionRose).toBe(
      false,
    );
  });

  test("the raise an assessment made, for the next follow-up", () => {
    // 1 × 2 is låg: from medel that is no raise; 3 × 4 (hög) from medel is.
    const raise = { level: "medel", on: "2026-11-20" } as const;
    expect(raiseOf({ ...confirmation, raisedFrom: raise })).toBeUndefined();
    expect(raiseOf(confirmation)).toBeUndefined();
    expect(raiseOf({ ...confirmation, likelihood: 3, consequence: 4, raisedFrom: raise })).toEqual(
      raise,
    );
    expect(raiseOf(undefined)).toBeUndefined();
  });

  test("a raise is kept while the level stays, dropped when it is lowered", () => {
    const raise = { level: "medel", on: "2026-10-01" } as const;
    const before = { level: "hög", confirmation: { ...confirmation, raisedFrom: raise } } as const;
    expect(raiseAfter(before, "hög", "2026-11-24")).toEqual(raise);
    expect(raiseAfter(before, "medel", "2026-11-24")).toBeUndefined();
    expect(raiseAfter({ level: "låg", confirmation: undefined }, "hög", "2026-11-24")).toEqual({
      level: "låg",
      on: "2026-11-24",
    });
  });
});

test("risen suggestions: only assessed contracts, only when the suggestion rose past the assessment", () => {
  const data = demoDataset("2026-11-24");
  const input = { today: "2026-11-24", ...data, deviations: [] };
  expect(risenSuggestions(input).size).toBe(0);
  const hemtjanst = data.contracts.find((contract) => contract.id === "hemtjanst");
  if (!hemtjanst) throw new Error("the demo has hemtjänst");
  const anna = { id: "anna", name: "Anna Lindqvist", email: "" };
  hemtjanst.risk = {
    likelihood: 1,
    consequence: 1,
    reason: "Engångshändelser",
    confirmedBy: anna,
    confirmedOn: "2026-06-01",
    suggestedLevel: "låg",
  };
  expect(risenSuggestions(input)).toEqual(new Map([["hemtjanst", "hög"]]));
  // Overridden knowingly while the suggestion was already hög: no reminder.
  hemtjanst.risk = { ...hemtjanst.risk, suggestedLevel: "hög" };
  expect(risenSuggestions(input).size).toBe(0);
});
