import { describe, expect, test } from "vitest";
import { matchCommittee, normalize, parseCommand } from "./commands.ts";

describe("parseCommand", () => {
  test.each([
    ["hjälp", { name: "hjalp" }],
    ["HJALP", { name: "hjalp" }],
    ["<at>Avtalsuppföljning</at> status", { name: "status", committee: undefined }],
    ["status för Socialnämnden", { name: "status", committee: "socialnamnden" }],
    ["kan du visa status tekniska", { name: "status", committee: "tekniska" }],
    ["avtal hemtjänst", { name: "avtal", query: "hemtjanst" }],
    ["sök skolskjuts", { name: "avtal", query: "skolskjuts" }],
    ["brister", { name: "brister" }],
    ["förfaller 30", { name: "forfaller", days: 30 }],
    ["forfaller inom 60 dagar", { name: "forfaller", days: 60 }],
    ["förfaller", { name: "forfaller", days: 90 }],
    ["Plan?", { name: "plan" }],
    ["rapporter", { name: "rapporter" }],
    ["försenat!", { name: "forsenat" }],
    ["koppla VAN", { name: "koppla", committee: "van" }],
    ["", { name: "hjalp" }],
    ["risk", { name: "risk" }],
    ["Visa risker", { name: "risk" }],
    [
      "leverantör Hemtjänst Nord i Åsby AB",
      { name: "leverantor", query: "hemtjanst nord i asby ab" },
    ],
    ["utförare trygga händer", { name: "leverantor", query: "trygga hander" }],
  ])("%s", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  test("unknown text and commands missing their argument", () => {
    expect(parseCommand("vad blir det för väder").name).toBe("okand");
    expect(parseCommand("avtal").name).toBe("okand");
    expect(parseCommand("koppla").name).toBe("okand");
    const noName = parseCommand("leverantör");
    expect(noName.name === "ogiltigt" && noName.explanation).toContain("leverantörens namn");
  });

  test("a bad number of days is explained in Swedish, not silently replaced", () => {
    const bad = parseCommand("förfaller abc");
    expect(bad.name).toBe("ogiltigt");
    expect(bad.name === "ogiltigt" && bad.explanation).toContain("”abc” är inget antal dagar");
    const zero = parseCommand("förfaller 0");
    expect(zero.name === "ogiltigt" && zero.explanation).toContain("från 1 till 3\u00a0650");
    expect(parseCommand("förfaller 99999").name).toBe("ogiltigt");
  });

  test("normalize drops mentions, case, diacritics and punctuation", () => {
    expect(normalize("<at>Bot</at>  Förfaller, ÅÄÖ!")).toBe("forfaller aao");
  });

  test("matching a nämnd by code, name or a unique part of it", () => {
    const committees = [
      { name: "Socialnämnden", code: "SN" },
      { name: "Tekniska nämnden", code: "TN" },
      { name: "Kultur- och fritidsnämnden", code: "KFN" },
    ];
    expect(matchCommittee(committees, "sn")?.code).toBe("SN");
    expect(matchCommittee(committees, "tekniska")?.code).toBe("TN");
    expect(matchCommittee(committees, "socialnamnden")?.code).toBe("SN");
    expect(matchCommittee(committees, "namnden")).toBeUndefined();
  });
});

test("export", () => {
  expect(parseCommand("exportera till excel")).toEqual({ name: "export" });
});
