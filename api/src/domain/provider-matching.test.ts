import { describe, expect, test } from "vitest";
import {
  editDistance,
  type FreeTextProvider,
  matchProviders,
  normalisedProviderName,
  providerKeys,
  providerNameKey,
} from "./provider-matching.ts";

const source = (name: string, contractIds: string[] = ["c1"], orgNumber?: string) =>
  ({ name, contractIds, orgNumber }) satisfies FreeTextProvider;

describe("provider names", () => {
  test("case, spaces, punctuation and & are made alike", () => {
    expect(normalisedProviderName("  Åsby  Taxi &Buss AB ")).toBe("åsby taxi och buss ab");
    expect(normalisedProviderName("Åsby taxi och buss AB")).toBe("åsby taxi och buss ab");
    expect(normalisedProviderName("ÅSBY-TAXI, buss.")).toBe("åsby taxi buss");
  });

  test("the company form is not part of the key", () => {
    expect(providerNameKey("Åsby Taxi & Buss AB")).toBe("åsby taxi och buss");
    expect(providerNameKey("Åsby Taxi & Buss Aktiebolag")).toBe("åsby taxi och buss");
    expect(providerNameKey("AB Åsby Taxi & Buss")).toBe("åsby taxi och buss");
    expect(providerNameKey("Omsorg i Norr AB (publ)")).toBe("omsorg i norr");
    expect(providerNameKey("Unga Åsby ideell förening")).toBe("unga åsby");
    expect(providerNameKey("Lantmännen ek. för.")).toBe("lantmännen");
    // A word that merely ends in the letters stays.
    expect(providerNameKey("Kebab")).toBe("kebab");
    expect(providerNameKey("AB")).toBe("ab");
  });

  test("keys: the valid number and the name", () => {
    expect(providerKeys({ name: "Åsby Taxi AB", orgNumber: "5566778899" })).toEqual([
      "org:556677-8899",
      "name:åsby taxi",
    ]);
    expect(providerKeys({ name: "Åsby Taxi AB", orgNumber: "556677-8898" })).toEqual([
      "name:åsby taxi",
    ]);
  });

  test("edit distance, with an early stop", () => {
    expect(editDistance("hemtjänst nord", "hemtjänst norr")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
    expect(editDistance("", "ab")).toBe(2);
  });
});

describe("matching free-text providers to the register", () => {
  const register = [
    { id: "p1", name: "Åsby Taxi & Buss AB", orgNumber: "556677-8899" },
    { id: "p2", name: "Hemtjänst Väst AB", orgNumber: "" },
    { id: "p3", name: "Städservice Öst AB", orgNumber: "556012-5790" },
    { id: "p4", name: "Städservice Öst HB", orgNumber: "" },
  ];

  test("spellings of one name are one group, matched by name", () => {
    const [match, ...rest] = matchProviders(
      [source("Åsby taxi och buss", ["c1"]), source("ÅSBY TAXI & BUSS AB", ["c2", "c3"])],
      register,
    );
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ kind: "matched", providerId: "p1", by: "name" });
    expect(match?.sources.flatMap((item) => item.contractIds)).toEqual(["c1", "c2", "c3"]);
  });

  test("a valid organisationsnummer matches whatever the name", () => {
    expect(matchProviders([source("Taxibolaget", ["c1"], "5566778899")], register)).toEqual([
      expect.objectContaining({ kind: "matched", providerId: "p1", by: "orgNumber" }),
    ]);
  });

  test("a key shared by several register entries is for a person to choose", () => {
    const [match] = matchProviders([source("Städservice Öst")], register);
    expect(match).toMatchObject({ kind: "ambiguous", candidateIds: ["p3", "p4"] });
    expect(match?.kind === "ambiguous" && match.reason).toContain("liknande namn");
  });

  test("the same name with another number is not merged", () => {
    const [match] = matchProviders([source("Åsby Taxi & Buss", ["c1"], "556012-5790")], register);
    // 556012-5790 belongs to p3, so the number wins.
    expect(match).toMatchObject({ kind: "matched", providerId: "p3", by: "orgNumber" });
    const [other] = matchProviders([source("Åsby Taxi & Buss", ["c1"], "556703-7485")], register);
    expect(other).toMatchObject({ kind: "ambiguous", candidateIds: ["p1"] });
    expect(other?.kind === "ambiguous" && other.reason).toContain("556677-8899");
  });

  test("one name written with two numbers is ambiguous", () => {
    const [match] = matchProviders(
      [
        source("Nya Bolaget", ["c1"], "556703-7485"),
        source("Nya bolaget AB", ["c2"], "5566778899"),
      ],
      register,
    );
    expect(match).toMatchObject({ kind: "ambiguous", candidateIds: ["p1"] });
    expect(match?.kind === "ambiguous" && match.reason).toContain("olika organisationsnummer");
  });

  test("a typo of a register name is ambiguous, not new", () => {
    const [match] = matchProviders([source("Hemtjänst Vest AB")], register);
    expect(match).toMatchObject({ kind: "ambiguous", candidateIds: ["p2"] });
    expect(match?.kind === "ambiguous" && match.reason).toContain('"Hemtjänst Väst AB"');
  });

  test("unknown names are proposed as new providers, under their most used spelling", () => {
    const matches = matchProviders(
      [
        source("Snöfritt i Åsby", ["c1"]),
        source("Snöfritt i Åsby AB", ["c2", "c3"], "556703 7485"),
        source("Simhallsdrift Nord AB", ["c4"]),
      ],
      [],
    );
    expect(matches).toEqual([
      expect.objectContaining({
        kind: "new",
        name: "Snöfritt i Åsby AB",
        orgNumber: "556703-7485",
      }),
      expect.objectContaining({ kind: "new", name: "Simhallsdrift Nord AB", orgNumber: "" }),
    ]);
  });

  test("two new names a typo apart are flagged for a person", () => {
    const matches = matchProviders(
      [source("Hemtjänst Nord AB", ["c1"]), source("Hemtjänst Norr AB", ["c2"])],
      [],
    );
    expect(matches.map((match) => match.kind)).toEqual(["ambiguous", "ambiguous"]);
    expect(matches[0]?.kind === "ambiguous" && matches[0].reason).toContain("Hemtjänst Norr AB");
  });

  test("empty names are skipped", () => {
    expect(matchProviders([source("  "), source("AB ")], [])).toEqual([
      expect.objectContaining({ kind: "new", name: "AB" }),
    ]);
  });
});
