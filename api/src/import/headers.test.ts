import { describe, expect, test } from "vitest";
import { kindScores, missingRequired, proposeMapping, sheetLayout } from "./headers.ts";
import type { CellValue, Sheet } from "./sheet.ts";

const sheet = (rows: CellValue[][], merges: Sheet["merges"] = []): Sheet => ({
  name: "Blad1",
  rows,
  merges,
});

describe("the header row", () => {
  test("is found below title rows and notes", () => {
    const layout = sheetLayout(
      sheet([
        ["Avtalsregister Vård- och äldrenämnden", null, null],
        ["Uppdaterat 2026-01-15", null, null],
        [null, null, null],
        ["Avtalsnr", "Avtalets namn", "Leverantör"],
        ["ÅSBY-1", "Hemtjänst", "Omsorg AB"],
      ]),
    );
    expect(layout).toMatchObject({ headerRow: 4, dataStart: 5 });
    expect(layout.columns.map((column) => `${column.letter} ${column.header}`)).toEqual([
      "A Avtalsnr",
      "B Avtalets namn",
      "C Leverantör",
    ]);
  });

  test("spans two rows under a merged group header, whose parts name the columns", () => {
    // Excel gives every cell of a merged range the range's value.
    const layout = sheetLayout(
      sheet(
        [
          ["Avtalsregister", "Avtalsregister", "Avtalsregister", "Avtalsregister"],
          ["Avtalsnummer", "Avtalstid", "Avtalstid", "Leverantör"],
          ["Avtalsnummer", "från", "till", "Leverantör"],
          ["ÅSBY-1", "2021-03-01", "2024-02-29", "Omsorg AB"],
        ],
        [
          { top: 1, left: 1, bottom: 1, right: 4 },
          { top: 2, left: 2, bottom: 2, right: 3 },
          { top: 2, left: 1, bottom: 3, right: 1 },
          { top: 2, left: 4, bottom: 3, right: 4 },
        ],
      ),
    );
    expect(layout).toMatchObject({ headerRow: 2, dataStart: 4 });
    expect(layout.columns.map((column) => column.header)).toEqual([
      "Avtalsnummer",
      "Avtalstid från",
      "Avtalstid till",
      "Leverantör",
    ]);
    expect(proposeMapping("register", layout.columns)).toEqual([
      "contractNumber",
      "startDate",
      "endDate",
      "provider",
    ]);
  });
});

describe("the proposed mapping", () => {
  const columns = (headers: string[]) =>
    sheetLayout(sheet([headers, headers.map(() => "x")])).columns;

  test("recognises the headers Swedish registers use", () => {
    expect(
      proposeMapping(
        "register",
        columns([
          "Dnr",
          "Avtalsnamn",
          "Utförare",
          "Org.nr",
          "Verksamhetsområde",
          "Giltig fr.o.m.",
          "Avtalsslut",
          "Förlängning/Option",
          "Avtalsvärde (tkr)",
          "Avtalsansvarig",
          "Nämnd",
          "Egen regi",
          "Värde",
          "Påverkan",
          "Strategiskt",
        ]),
      ),
    ).toEqual([
      "contractNumber",
      "title",
      "provider",
      "providerOrgNumber",
      "serviceArea",
      "startDate",
      "endDate",
      "extensionOptions",
      "annualValue",
      "owner",
      "committee",
      "ownRegime",
      "valueClass",
      "impactClass",
      null,
    ]);
  });

  test("gives each field to one column: the better match, then the leftmost", () => {
    expect(
      proposeMapping("register", columns(["Avtalsnummer", "Diarienummer", "Avtal", "Benämning"])),
    ).toEqual(["contractNumber", null, "title", null]);
  });

  test("the nämnd's remembered choices come first, a column left out included", () => {
    expect(
      proposeMapping("register", columns(["Nr", "Benämning", "Ansvarig", "Kontakt"]), {
        nr: "contractNumber",
        ansvarig: "",
        kontakt: "owner",
      }),
    ).toEqual(["contractNumber", "title", null, "owner"]);
  });

  test("names the fields a sheet still needs", () => {
    expect(missingRequired("followUps", ["contractNumber", null])).toEqual(["Period"]);
  });
});

describe("what a sheet holds", () => {
  test("is told by its headers", () => {
    const kind = (headers: string[]) =>
      kindScores(sheetLayout(sheet([headers])).columns)[0]?.kind ?? "ignore";
    expect(kind(["Avtalsnummer", "Avtal", "Leverantör", "Avtalsslut"])).toBe("register");
    expect(
      kind([
        "Avtalsnummer",
        "Period",
        "Datum",
        "Uppfyller väsentliga kvalitetskrav",
        "Iakttagna brister",
      ]),
    ).toBe("followUps");
    expect(kind(["Avtalsnummer", "Brist", "Åtgärder", "Ansvarig", "Senast"])).toBe("deficiencies");
    expect(kind(["Namn", "Telefon"])).toBe("ignore");
  });
});
