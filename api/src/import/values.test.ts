import { describe, expect, test } from "vitest";
import {
  amountFactorOfHeader,
  parseAmount,
  parseBoolean,
  parseContractStatus,
  parseDate,
  parseLevel,
  parseOrgNumber,
  parsePeriod,
  parsePerson,
  parseRequirement,
  parseText,
} from "./values.ts";

const value = <T>(parsed: { kind: string; value?: T }) =>
  parsed.kind === "value" ? parsed.value : parsed.kind;
const message = (parsed: { kind: string; message?: string }) =>
  parsed.kind === "error" ? parsed.message : `no error (${parsed.kind})`;

describe("dates", () => {
  test.each([
    ["2021-03-01", "2021-03-01"],
    ["2021-3-1", "2021-03-01"],
    ["2021/03/01", "2021-03-01"],
    ["20210301", "2021-03-01"],
    ["1 mars 2021", "2021-03-01"],
    ["1 Mars 2021", "2021-03-01"],
    ["den 1:a mars 2021", "2021-03-01"],
    ["31 dec 2024", "2024-12-31"],
    ["15 okt. 2025", "2025-10-15"],
    ["2021-03-01 00:00:00", "2021-03-01"],
    ["2021-03-01T00:00:00Z", "2021-03-01"],
    // Day first, as in Sweden, when the other reading is impossible or the same
    ["13/3/2021", "2021-03-13"],
    ["13.03.2021", "2021-03-13"],
    ["5/5/2021", "2021-05-05"],
    // A month/day order written by American software: 3/13 cannot be day/month
    ["3/13/2021", "2021-03-13"],
    ["44256", "2021-03-01"],
  ])("%s → %s", (written, iso) => {
    expect(value(parseDate(written))).toBe(iso);
  });

  test("Excel's date cells and serial numbers", () => {
    expect(value(parseDate(new Date("2021-03-01T00:00:00Z")))).toBe("2021-03-01");
    expect(value(parseDate(44256))).toBe("2021-03-01");
    expect(value(parseDate(44256.75))).toBe("2021-03-01");
    expect(value(parseDate(20210301))).toBe("2021-03-01");
  });

  test("what could be two dates, or none, is refused with the reason", () => {
    expect(message(parseDate("1/3/2021"))).toBe(
      "1/3/2021 kan vara både 1 mars och 3 januari 2021. Skriv datum som 2021-03-01 eller 1 mars 2021.",
    );
    expect(message(parseDate("2021-02-30"))).toContain("är inget giltigt datum");
    expect(message(parseDate("1/3/21"))).toContain("fyra siffror");
    expect(message(parseDate("snart"))).toContain("kunde inte läsas som ett datum");
    expect(message(parseDate(12))).toContain("är inget datum");
    expect(message(parseDate("1 mars 1021"))).toContain("inte rimligt");
    expect(message(parseDate({ error: "#N/A" }))).toContain("formelfel (#N/A)");
  });

  test("an empty cell is no value and no error", () => {
    expect(parseDate(null).kind).toBe("empty");
    expect(parseDate("  ").kind).toBe("empty");
  });
});

describe("amounts", () => {
  test.each([
    ["1 250 000", 1_250_000],
    ["1 250 000 kr", 1_250_000],
    ["1\u00a0250\u00a0000 kr", 1_250_000],
    ["1 250 000:-", 1_250_000],
    ["SEK 400 000", 400_000],
    ["12 500,50", 12_500.5],
    ["850 tkr", 850_000],
    ["850tkr", 850_000],
    ["1,5 mnkr", 1_500_000],
    ["2 mkr", 2_000_000],
    ["1.250.000", 1_250_000],
    ["1,250,000", 1_250_000],
    ["1.250.000,75", 1_250_000.75],
    ["1,250,000.75", 1_250_000.75],
    ["1250.5", 1250.5],
    ["ca 300 000 kr", 300_000],
    ["0", 0],
  ])("%s → %d", (written, amount) => {
    expect(value(parseAmount(written))).toBe(amount);
  });

  test("a header's unit applies to bare numbers; the cell's own unit wins", () => {
    expect(amountFactorOfHeader("Årsvärde (tkr)")).toBe(1000);
    expect(amountFactorOfHeader("Avtalsvärde, mnkr")).toBe(1_000_000);
    expect(amountFactorOfHeader("Årsvärde (kr)")).toBe(1);
    expect(value(parseAmount(850, 1000))).toBe(850_000);
    expect(value(parseAmount("850", 1000))).toBe(850_000);
    expect(value(parseAmount("1 200 000 kr", 1000))).toBe(1_200_000);
  });

  test("what is not one amount is refused", () => {
    expect(message(parseAmount("1.250"))).toContain(
      "både med tusentalsavgränsare och med decimaler",
    );
    expect(message(parseAmount("100-200 tkr"))).toContain("kunde inte läsas som ett belopp");
    expect(message(parseAmount("okänt"))).toContain("kunde inte läsas som ett belopp");
    expect(message(parseAmount("500 euro"))).toContain("kunde inte läsas som ett belopp");
    expect(message(parseAmount(-5))).toContain("inget belopp som går att spara");
  });
});

describe("yes, no and choices", () => {
  test.each([
    ["Ja", true],
    ["x", true],
    ["X", true],
    ["Egen regi", true],
    ["Nej", false],
    ["nej", false],
    ["Privat", false],
  ])("%s → %s", (written, answer) => {
    expect(value(parseBoolean(written))).toBe(answer);
  });

  test("Excel's own booleans, and what is neither", () => {
    expect(value(parseBoolean(true))).toBe(true);
    expect(message(parseBoolean("kanske"))).toBe(
      "kanske är varken ja eller nej. Skriv Ja, Nej eller X.",
    );
  });

  test("levels, statuses and requirement answers in the words people use", () => {
    expect(value(parseLevel("Hög"))).toBe("hög");
    expect(value(parseLevel("lågt"))).toBe("låg");
    expect(value(parseLevel("Hög påverkan"))).toBe("hög");
    expect(message(parseLevel("mellan"))).toContain("Möjliga värden: låg, hög");
    expect(value(parseContractStatus("Aktiv"))).toBe("aktivt");
    expect(value(parseContractStatus("Upphört"))).toBe("avslutat");
    expect(value(parseRequirement("Delvis"))).toBe("delvis");
    expect(value(parseRequirement(false))).toBe("nej");
  });
});

describe("identifiers, periods, people and text", () => {
  test("organisation numbers are written NNNNNN-NNNN", () => {
    expect(value(parseOrgNumber("5569101107"))).toBe("556910-1107");
    expect(value(parseOrgNumber(5569101107))).toBe("556910-1107");
    expect(value(parseOrgNumber("16556910-1107"))).toBe("556910-1107");
    expect(value(parseOrgNumber(" 556910 - 1107 "))).toBe("556910-1107");
    expect(message(parseOrgNumber("556123"))).toBe(
      "556123 är inget organisationsnummer. Organisationsnumret ska ha tio siffror (NNNNNN-NNNN).",
    );
    expect(message(parseOrgNumber("556910-1101"))).toBe(
      "556910-1101: Organisationsnumret stämmer inte: kontrollsiffran (den sista siffran) är fel. Kontrollera numret.",
    );
    expect(message(parseOrgNumber("556910/1107"))).toContain("bara innehålla siffror");
  });

  test("periods as people type them", () => {
    expect(value(parsePeriod("2025/26"))).toBe("2025–2026");
    expect(value(parsePeriod(2025))).toBe("2025");
    expect(message(parsePeriod("förra året"))).toContain("ingen period");
  });

  test("people by e-mail address or by name", () => {
    expect(value(parsePerson("Anna Lindqvist <anna.lindqvist@asby.se>"))).toEqual({
      email: "anna.lindqvist@asby.se",
      name: "Anna Lindqvist",
    });
    expect(value(parsePerson("anna.lindqvist@asby.se"))).toEqual({
      email: "anna.lindqvist@asby.se",
    });
    expect(value(parsePerson("  Anna   Lindqvist "))).toEqual({ name: "Anna Lindqvist" });
  });

  test("text is trimmed, limited and free of control characters", () => {
    expect(value(parseText("  Hemtjänst   i  Åsby ", { max: 50 }))).toBe("Hemtjänst i Åsby");
    expect(value(parseText("rad 1\r\n  rad 2 ", { max: 50, multiline: true }))).toBe(
      "rad 1\nrad 2",
    );
    expect(value(parseText(12345, { max: 50 }))).toBe("12345");
    expect(message(parseText("a".repeat(61), { max: 60 }))).toBe(
      "Texten är 61 tecken; högst 60 får plats.",
    );
    expect(message(parseText("a\u0007b", { max: 60 }))).toBe("Texten innehåller otillåtna tecken.");
  });
});
