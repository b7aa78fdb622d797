import { describe, expect, test } from "vitest";
import { ANNA, contract, ERIK, PEOPLE, TN, VAN } from "../../../test/support/import-fixtures.ts";
import { proposeMapping, sheetLayout } from "./headers.ts";
import { planRegister, type RegisterContext } from "./plan-register.ts";
import type { CellValue } from "./sheet.ts";
import { sourceRows } from "./source-rows.ts";

function plan(rows: CellValue[][], context: Partial<RegisterContext> = {}) {
  const sheet = { name: "Avtal", rows, merges: [] };
  const layout = sheetLayout(sheet);
  const mapping = proposeMapping("register", layout.columns);
  return planRegister(sourceRows(sheet, layout, mapping), {
    sheet: "Avtal",
    committee: VAN,
    committees: [VAN, TN],
    contracts: [contract()],
    people: PEOPLE,
    today: "2026-11-24",
    ...context,
  });
}

const HEADER = [
  "Avtalsnummer",
  "Avtal",
  "Leverantör",
  "Avtalsstart",
  "Avtalsslut",
  "Årsvärde",
  "Avtalsansvarig",
];

describe("a row of the register", () => {
  test("that matches a contract's number in another case and spacing, with the same values, changes nothing", () => {
    const result = plan([
      HEADER,
      [
        " åsby-1 ",
        "Hemtjänst",
        "Omsorg AB",
        "1 mars 2021",
        new Date("2025-02-28T00:00:00Z"),
        "1 250 000 kr",
        "Anna Lindqvist",
      ],
    ]);
    expect(result.rows.map((row) => row.report.action)).toEqual(["unchanged"]);
    expect(result.rows[0]?.write).toBeUndefined();
  });

  test("with other values updates only those, with the ETag read, and says what they were", () => {
    const result = plan([
      HEADER,
      [
        "ÅSBY-1",
        "Hemtjänst",
        "Omsorg AB",
        "2021-03-01",
        "2026-02-28",
        "1,3 mnkr",
        "erik johansson",
      ],
    ]);
    const [row] = result.rows;
    expect(row?.report.action).toBe("updated");
    expect(row?.write).toEqual({
      op: "update",
      id: "10",
      etag: '"e10"',
      key: "ÅSBY-1",
      fields: { endDate: "2026-02-28", annualValue: 1_300_000, owner: ERIK },
    });
    expect(row?.report.cells).toEqual([
      {
        field: "Avtalsslut",
        column: "E Avtalsslut",
        value: "2026-02-28",
        status: "changed",
        before: "2025-02-28",
      },
      {
        field: "Årsvärde (kr)",
        readAs: "1 300 000 kr",
        column: "F Årsvärde",
        value: "1,3 mnkr",
        status: "changed",
        before: "1\u00a0250\u00a0000 kr",
      },
      {
        field: "Avtalsansvarig",
        column: "G Avtalsansvarig",
        value: "erik johansson",
        status: "changed",
        before: "Anna Lindqvist",
      },
    ]);
  });

  test("that is new creates the contract, unclassified without value and impact, its status from its dates", () => {
    const result = plan([
      HEADER,
      [
        "ÅSBY-2",
        "Snöröjning",
        "Väg AB; Plog AB",
        "2020-01-01",
        "2022-12-31",
        "",
        "anna.lindqvist@asby.se",
      ],
    ]);
    const [row] = result.rows;
    expect(row?.report.action).toBe("created");
    expect(row?.write).toMatchObject({
      op: "create",
      key: "ÅSBY-2",
      fields: {
        title: "Snöröjning",
        contractNumber: "ÅSBY-2",
        committeeId: VAN.id,
        providers: [
          { name: "Väg AB", orgNumber: "", email: "" },
          { name: "Plog AB", orgNumber: "", email: "" },
        ],
        provider: "Väg AB och Plog AB",
        owner: ANNA,
        strategic: false,
        status: "avslutat",
      },
    });
    expect(row?.write?.fields).not.toHaveProperty("valueClass");
    expect(row?.report.cells.at(-1)).toMatchObject({
      field: "Klassificering",
      status: "warning",
      message: "Värde och påverkan saknas: avtalet visas som att klassificera på Översikt.",
    });
  });

  test("with cells that cannot be read is refused, each cell with its reason", () => {
    const result = plan([
      HEADER,
      ["ÅSBY-1", "Hemtjänst", "Omsorg AB", "1/3/2021", "2025-02-28", "mycket", ""],
    ]);
    const [row] = result.rows;
    expect(row?.report).toMatchObject({
      action: "refused",
      reason: "2 celler kunde inte läsas; rätta dem i filen och importera igen.",
    });
    expect(row?.report.cells.map((cell) => `${cell.column}: ${cell.message}`)).toEqual([
      "D Avtalsstart: 1/3/2021 kan vara både 1 mars och 3 januari 2021. Skriv datum som 2021-03-01 eller 1 mars 2021.",
      "F Årsvärde: mycket kunde inte läsas som ett belopp. Skriv t.ex. 1 250 000 kr eller 850 tkr.",
    ]);
    expect(row?.write).toBeUndefined();
  });

  test("without a number, or new without a name and provider, is refused", () => {
    const result = plan([HEADER, ["", "Hemtjänst", "Omsorg AB"], ["ÅSBY-9", "", ""]]);
    expect(result.rows.map((row) => row.report.reason)).toEqual([
      "Avtalsnummer saknas. Varje avtal behöver ett nummer som det känns igen på.",
      "2 celler kunde inte läsas; rätta dem i filen och importera igen.",
    ]);
    expect(result.rows[1]?.report.cells.map((cell) => cell.message)).toEqual([
      "Ange avtalets namn för ett nytt avtal.",
      "Ange utförare för ett nytt avtal (för egen regi: den egna enhet som utför tjänsten).",
    ]);
  });

  test("dates that contradict each other, also with the stored ones, are refused", () => {
    const result = plan([HEADER, ["ÅSBY-1", "", "", "2026-01-01", "", "", ""]]);
    expect(result.rows[0]?.report.cells.map((cell) => cell.message)).toEqual([
      "Avtalsslut är före avtalsstart.",
    ]);
  });

  test("twice in the file: a copy is imported once, rows that disagree are both refused", () => {
    const row = ["ÅSBY-3", "Simhall", "Bad AB", "", "", "", ""];
    const result = plan([
      HEADER,
      row,
      [...row],
      // The same row with its number written otherwise (case, spaces): a copy too.
      ["  åsby-3 ", "Simhall ", "Bad  AB", "", "", "", ""],
      ["ÅSBY-4", "Städning", "Städ AB"],
      ["åsby-4", "Städning", "Rent AB"],
    ]);
    expect(
      result.rows.map((planned) => [
        planned.report.row,
        planned.report.action,
        planned.report.reason,
      ]),
    ).toEqual([
      [2, "created", undefined],
      [3, "unchanged", "Samma uppgifter som rad 2; importeras en gång."],
      [4, "unchanged", "Samma uppgifter som rad 2; importeras en gång."],
      [
        5,
        "refused",
        "Avtalsnumret ÅSBY-4 står på raderna 5, 6 med olika uppgifter. Ta bort den rad som är fel och importera igen.",
      ],
      [
        6,
        "refused",
        "Avtalsnumret åsby-4 står på raderna 5, 6 med olika uppgifter. Ta bort den rad som är fel och importera igen.",
      ],
    ]);
  });

  test("people the directory does not know, or knows twice, are listed and not guessed", () => {
    const result = plan([
      HEADER,
      ["ÅSBY-1", "", "", "", "", "", "Okänd Person"],
      ["ÅSBY-5", "Färdtjänst", "Taxi AB", "", "", "", "Lisa Svensson"],
    ]);
    expect(result.rows.map((row) => row.report.action)).toEqual(["unchanged", "created"]);
    expect(result.rows[1]?.write?.fields.owner).toEqual({ id: "", name: "", email: "" });
    expect(result.unmatched).toEqual([
      {
        text: "Okänd Person",
        reason: "Finns inte i katalogen. Skriv personens e-postadress eller namn som i Teams.",
        where: "Avtal rad 2",
      },
      {
        text: "Lisa Svensson",
        reason: "2 personer i katalogen har det namnet; skriv e-postadressen i stället.",
        where: "Avtal rad 3",
      },
    ]);
  });
});

describe("nämnder", () => {
  const withNamnd = ["Avtalsnummer", "Avtal", "Leverantör", "Nämnd"];

  test("a new row of another nämnd, or an unknown nämnd, is refused", () => {
    const result = plan([
      withNamnd,
      ["ÅSBY-7", "Gata", "Väg AB", "TN"],
      ["ÅSBY-8", "Gata", "Väg AB", "Finns ej"],
    ]);
    expect(result.rows.map((row) => row.report.reason)).toEqual([
      "Raden gäller Tekniska nämnden, men importen görs för Vård- och äldrenämnden. Importera den nämndens avtal för sig.",
      "1 cell kunde inte läsas; rätta den i filen och importera igen.",
    ]);
  });

  test("another nämnd's contract is unchanged when the row agrees with it, refused when it would change it", () => {
    const theirs = contract({ committeeId: TN.id, sharedWithCommitteeIds: [VAN.id] });
    const agrees = plan([withNamnd, ["ÅSBY-1", "Hemtjänst", "Omsorg AB", "Tekniska nämnden"]], {
      contracts: [theirs],
    });
    expect(agrees.rows[0]?.report.action).toBe("unchanged");
    const changes = plan([withNamnd, ["ÅSBY-1", "Hemtjänst i Åsby", "Omsorg AB", "TN"]], {
      contracts: [theirs],
    });
    expect(changes.rows[0]?.report.reason).toBe(
      "Avtalet hör till Tekniska nämnden; där ändras det. Vård- och äldrenämnden kan inte ändra det i importen.",
    );
  });

  test("a row that would move the nämnd's contract to another is refused", () => {
    const result = plan([withNamnd, ["ÅSBY-1", "Hemtjänst ny", "Omsorg AB", "TN"]]);
    expect(result.rows[0]?.report.reason).toBe(
      "Avtalet hör till Vård- och äldrenämnden men raden anger Tekniska nämnden. Ett avtal flyttas till en annan nämnd på avtalet, inte i importen.",
    );
  });
});

describe("classification", () => {
  const header = ["Avtalsnummer", "Värde", "Påverkan"];

  test("value × impact from the file decides strategic by the matrix", () => {
    const result = plan([header, ["ÅSBY-1", "Låg", "Hög"]]);
    expect(result.rows[0]?.write?.fields).toEqual({
      valueClass: "låg",
      impactClass: "hög",
      strategic: false,
    });
    expect(result.rows[0]?.report.cells.map((cell) => cell.message)).toEqual([
      "Avtalet är inte längre strategiskt enligt matrisen.",
    ]);
  });

  test("the nämnd's own decision stays where it still differs from the matrix", () => {
    const overridden = contract({
      valueClass: "låg",
      impactClass: "hög",
      strategic: true,
      overrideReason: "Särskild risk",
    });
    const kept = plan([header, ["ÅSBY-1", "Låg", "Låg"]], { contracts: [overridden] });
    expect(kept.rows[0]?.write?.fields).toEqual({ valueClass: "låg", impactClass: "låg" });
    const agreed = plan([header, ["ÅSBY-1", "Hög", "Hög"]], { contracts: [overridden] });
    expect(agreed.rows[0]?.write?.fields).toEqual({
      valueClass: "hög",
      impactClass: "hög",
      overrideReason: "",
    });
  });

  test("an unclassified contract needs both", () => {
    const open = contract({
      classified: false,
      valueClass: "låg",
      impactClass: "låg",
      strategic: false,
    });
    const one = plan(
      [
        ["Avtalsnummer", "Värde"],
        ["ÅSBY-1", "Hög"],
      ],
      { contracts: [open] },
    );
    expect(one.rows[0]?.report.action).toBe("unchanged");
    expect(one.rows[0]?.report.cells[0]?.message).toBe(
      "Ange både värde och påverkan för att klassificera avtalet.",
    );
    const both = plan([header, ["ÅSBY-1", "låg", "låg"]], { contracts: [open] });
    expect(both.rows[0]?.write?.fields).toEqual({ valueClass: "låg", impactClass: "låg" });
  });
});
