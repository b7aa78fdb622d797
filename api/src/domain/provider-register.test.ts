import { describe, expect, test } from "vitest";
import type { Contract } from "./model.ts";
import { providerKeys } from "./provider-matching.ts";
import {
  answerQuestion,
  entryWithOrgNumber,
  freeTextSources,
  proposedEntry,
  questionId,
  readableKey,
  registerEntryFor,
  sameProviderQuestions,
} from "./provider-register.ts";
import { buildRiskIndex, suggestRisk } from "./risk.ts";

const entry = (id: string, name: string, orgNumber = "") => ({ id, name, orgNumber });
const keys = (name: string, orgNumber?: string) => providerKeys({ name, orgNumber });

describe("the register entry of a provider", () => {
  const register = [
    entry("1", "Åsby Taxi & Buss AB", "556910-3301"),
    entry("2", "Trygga Händer"),
    entry("3", "Omsorg AB", "556910-1107"),
  ];

  test("by organisationsnummer first, whatever the spelling", () => {
    expect(registerEntryFor(keys("Åsby Taxi", "5569103301"), register)?.id).toBe("1");
  });

  test("else by name key when either has no number", () => {
    expect(registerEntryFor(keys("trygga händer ab"), register)?.id).toBe("2");
    expect(registerEntryFor(keys("TRYGGA HÄNDER", "556910-2204"), register)?.id).toBe("2");
    expect(registerEntryFor(keys("omsorg"), register)?.id).toBe("3");
  });

  test("not by name when both have numbers and they differ: two companies", () => {
    expect(registerEntryFor(keys("Omsorg AB", "556910-2204"), register)).toBeUndefined();
  });

  test("an organisationsnummer belongs to one entry", () => {
    expect(entryWithOrgNumber(register, "556910 3301", "2")?.id).toBe("1");
    expect(entryWithOrgNumber(register, "556910-3301", "1")).toBeUndefined();
    expect(entryWithOrgNumber(register, "", undefined)).toBeUndefined();
  });
});

describe("a provider without an entry: proposal and questions", () => {
  const contract = (id: string, providers: Array<[string, string]>) =>
    ({
      id,
      providers: providers.map(([name, orgNumber]) => ({ name, orgNumber, email: "" })),
    }) as Pick<Contract, "id" | "providers"> as Contract;

  test("the contracts' spelling and their one valid number are proposed", () => {
    const sources = freeTextSources(
      [contract("a", [["Åsby Taxi AB", "556910-3301"]]), contract("b", [["åsby taxi", ""]])],
      keys("Åsby Taxi AB", "556910-3301"),
      providerKeys,
    );
    expect(sources.map((source) => source.name)).toEqual(["Åsby Taxi AB", "åsby taxi"]);
    expect(proposedEntry("Åsby Taxi AB", sources)).toEqual({
      name: "Åsby Taxi AB",
      orgNumber: "556910-3301",
    });
    expect(sameProviderQuestions(sources, [])).toEqual([]);
  });

  test("one name with two numbers, and one number under two names: asked, never guessed", () => {
    const sources = [
      { name: "Omsorg AB", orgNumber: "556910-1107", contractIds: ["a"] },
      { name: "omsorg", orgNumber: "556910-2204", contractIds: ["b"] },
      { name: "Vård i Hem AB", orgNumber: "556910-1107", contractIds: ["c"] },
    ];
    expect(proposedEntry("Omsorg AB", sources).orgNumber).toBe("");
    expect(sameProviderQuestions(sources, []).map((question) => question.text)).toEqual([
      "Samma namn förekommer med olika organisationsnummer (556910-1107, 556910-2204).",
      'Organisationsnummer 556910-1107 används med olika namn: "Omsorg AB", "Vård i Hem AB".',
    ]);
  });
});

describe("the register's notes in the risk suggestion", () => {
  const contract = {
    id: "c1",
    committeeId: "VAN",
    sharedWithCommitteeIds: [],
    providers: [{ name: "Omsorg AB", orgNumber: "556910-1107", email: "" }],
    status: "aktivt",
    strategic: false,
    classified: true,
    valueClass: "hög",
    impactClass: "hög",
    startDate: "2026-01-01",
  } as unknown as Contract;
  const reasons = (providers: Parameters<typeof buildRiskIndex>[0]["providers"]) => {
    const index = buildRiskIndex({
      today: "2026-11-24",
      contracts: [contract],
      deviations: [],
      deficiencies: [],
      followUps: [],
      ...(providers ? { providers } : {}),
    });
    return suggestRisk(contract, index).signals.map((signal) => signal.reason);
  };

  test("matched by organisationsnummer whatever the name in the register", () => {
    expect(
      reasons([
        {
          name: "Omsorg i Åsby",
          orgNumber: "556910-1107",
          weakFinances: true,
          ivoDecisionPending: false,
        },
      ]),
    ).toEqual(["Svag ekonomisk ställning noterad för Omsorg AB"]);
  });

  test("by name only when the register has no other number", () => {
    const noted = { name: "Omsorg", weakFinances: false, ivoDecisionPending: true };
    expect(reasons([{ ...noted, orgNumber: "" }])).toEqual(["Inväntar IVO:s beslut: Omsorg AB"]);
    expect(reasons([{ ...noted, orgNumber: "556910-2204" }])).toEqual([]);
  });
});

describe("Samma leverantör?: a person's answer", () => {
  const trygga = {
    id: "1",
    name: "Trygga Händer Hemtjänst AB",
    orgNumber: "556910-3301",
    sameAs: [] as string[],
    notSameAs: [] as string[],
  };
  const sources = [
    { name: "Trygga Händer Hemtjänst AB", orgNumber: "556910-3301", contractIds: ["a"] },
    { name: "trygga händer hemtjänst", orgNumber: "556910-5504", contractIds: ["b"] },
  ];
  const other = keys("trygga händer hemtjänst", "556910-5504");

  test("each question has a stable id from its keys, its text and the keys it asks about", () => {
    const [question, ...rest] = sameProviderQuestions(sources, [trygga]);
    expect(rest).toEqual([]);
    expect(question).toEqual({
      id: "same:name:trygga händer hemtjänst|org:556910-3301|org:556910-5504",
      text: "Samma namn förekommer med olika organisationsnummer (556910-3301, 556910-5504).",
      keys: ["name:trygga händer hemtjänst", "org:556910-3301", "org:556910-5504"],
      candidateIds: ["1"],
    });
    expect(questionId([...(question?.keys ?? [])].reverse())).toBe(question?.id);
  });

  test("unanswered, the other number gets nothing: never merged on a guess", () => {
    expect(registerEntryFor(other, [trygga])).toBeUndefined();
  });

  test("yes: the other spelling is also known as the entry, finds it, and is not asked again", () => {
    const [question] = sameProviderQuestions(sources, [trygga]);
    if (!question) throw new Error("no question");
    const answered = { ...trygga, ...answerQuestion(trygga, question, true) };
    expect(answered.sameAs).toEqual(["org:556910-5504"]);
    expect(answered.notSameAs).toEqual([]);
    expect(registerEntryFor(other, [answered])?.id).toBe("1");
    expect(sameProviderQuestions(sources, [answered], answered)).toEqual([]);
    expect(answered.sameAs.map(readableKey)).toEqual(["organisationsnummer 556910-5504"]);
  });

  test("no: noted as another provider, not asked again, and still no notes", () => {
    const [question] = sameProviderQuestions(sources, [trygga]);
    if (!question) throw new Error("no question");
    const answered = { ...trygga, ...answerQuestion(trygga, question, false) };
    expect(answered).toMatchObject({ sameAs: [], notSameAs: ["org:556910-5504"] });
    expect(registerEntryFor(other, [answered])).toBeUndefined();
    expect(sameProviderQuestions(sources, [answered], answered)).toEqual([]);
    // Changing one's mind moves the key.
    const again = { ...answered, ...answerQuestion(answered, question, true) };
    expect(again).toMatchObject({ sameAs: ["org:556910-5504"], notSameAs: [] });
  });

  test("a confirmed name stands for the spelling without a number only", () => {
    const entry = { ...trygga, sameAs: ["name:hemtjänst trygga"] };
    expect(registerEntryFor(keys("Hemtjänst Trygga"), [entry])?.id).toBe("1");
    expect(registerEntryFor(keys("Hemtjänst Trygga", "556910-2204"), [entry])).toBeUndefined();
  });

  test("a name confirmed as another provider is not matched by name", () => {
    const noNumber = { ...trygga, orgNumber: "", notSameAs: ["org:556910-5504"] };
    expect(registerEntryFor(other, [noNumber])).toBeUndefined();
    expect(registerEntryFor(keys("Trygga Händer Hemtjänst"), [noNumber])?.id).toBe("1");
  });

  test("the risk suggestion reads the confirmed keys as registerEntryFor does", () => {
    const contract = {
      id: "c1",
      committeeId: "VAN",
      sharedWithCommitteeIds: [],
      providers: [{ name: "trygga händer hemtjänst", orgNumber: "556910-5504", email: "" }],
      status: "aktivt",
      strategic: false,
      classified: true,
      valueClass: "låg",
      impactClass: "låg",
      startDate: "2026-01-01",
    } as unknown as Contract;
    const reasons = (sameAs: string[]) =>
      suggestRisk(
        contract,
        buildRiskIndex({
          today: "2026-11-24",
          contracts: [contract],
          deviations: [],
          deficiencies: [],
          followUps: [],
          providers: [{ ...trygga, weakFinances: true, ivoDecisionPending: false, sameAs }],
        }),
      ).signals.map((signal) => signal.reason);
    expect(reasons([])).toEqual([]);
    expect(reasons(["org:556910-5504"])).toEqual([
      "Svag ekonomisk ställning noterad för trygga händer hemtjänst",
    ]);
  });
});
