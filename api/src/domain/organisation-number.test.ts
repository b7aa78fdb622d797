import { describe, expect, test } from "vitest";
import {
  luhnCheckDigit,
  normalisedOrganisationNumber,
  parseOrganisationNumber,
} from "./organisation-number.ts";

describe("organisationsnummer", () => {
  test.each([
    ["556677-8899", "556677-8899"],
    ["5566778899", "556677-8899"],
    ["165566778899", "556677-8899"],
    ["16556677-8899", "556677-8899"],
    [" 556012-5790 ", "556012-5790"],
    ["556703 7485", "556703-7485"],
    ["212000-0142", "212000-0142"],
  ])("%s is valid and stored as %s", (input, stored) => {
    expect(parseOrganisationNumber(input)).toEqual({
      ok: true,
      value: stored,
      kind: "legal-person",
    });
  });

  test("the check digit is Luhn over the first nine digits", () => {
    expect(luhnCheckDigit("556677889")).toBe(9);
    expect(luhnCheckDigit("556012579")).toBe(0);
    expect(luhnCheckDigit("212000014")).toBe(2);
  });

  test("a sole trader's personnummer passes, told apart", () => {
    expect(parseOrganisationNumber("811228-9874")).toEqual({
      ok: true,
      value: "811228-9874",
      kind: "sole-trader",
    });
  });

  test.each([
    ["", "empty", "Ange organisationsnumret."],
    ["   ", "empty", "Ange organisationsnumret."],
    ["556677-889A", "characters", "bara innehålla siffror"],
    ["556677–8899", "characters", "bara innehålla siffror"],
    ["556677-88-99", "characters", "bara innehålla siffror"],
    ["556677-889", "length", "tio siffror"],
    ["55667788990", "length", "tio siffror"],
    ["5566-778899", "length", "tio siffror"],
    ["195566778899", "century-prefix", "börjar med 16"],
    ["556677-8898", "check-digit", "kontrollsiffran"],
    ["556910-3303", "check-digit", "kontrollsiffran"],
    ["165566778898", "check-digit", "kontrollsiffran"],
  ])("%j is refused (%s) with a Swedish message", (input, problem, message) => {
    const result = parseOrganisationNumber(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(problem);
    expect(result.message).toContain(message);
  });

  test("normalisedOrganisationNumber gives the stored form or nothing", () => {
    expect(normalisedOrganisationNumber("16 556677 8899")).toBe("556677-8899");
    expect(normalisedOrganisationNumber("556677-8898")).toBeUndefined();
  });
});
