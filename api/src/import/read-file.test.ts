import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { IMPORT_LIMITS, ImportFileError, readImportFile } from "./read-file.ts";

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("Excel", () => {
  test("cells keep their types; formulas give their results; merged cells their master's value", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Avtal");
      sheet.getCell("A1").value = "Avtalsregister";
      sheet.mergeCells("A1:D1");
      sheet.getRow(2).values = ["Avtalsnummer", "Avtalsstart", "Årsvärde", "Leverantör"];
      sheet.getCell("A3").value = "ÅSBY-1";
      sheet.getCell("B3").value = new Date("2021-03-01T00:00:00Z");
      sheet.getCell("C3").value = { formula: "1000*1250", result: 1_250_000 };
      sheet.getCell("D3").value = { richText: [{ text: "Omsorg " }, { text: "i Öst AB" }] };
      sheet.getCell("A4").value = { text: "ÅSBY-2", hyperlink: "https://example.org" };
      sheet.getCell("C4").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      workbook.addWorksheet("Dolt", { state: "hidden" }).getCell("A1").value = "hemligt";
    });
    const file = await readImportFile("register.xlsx", bytes);
    expect(file.format).toBe("xlsx");
    expect(file.sheets.map((sheet) => sheet.name)).toEqual(["Avtal"]);
    const [sheet] = file.sheets;
    expect(sheet?.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
    expect(sheet?.rows[0]).toEqual([
      "Avtalsregister",
      "Avtalsregister",
      "Avtalsregister",
      "Avtalsregister",
    ]);
    expect(sheet?.rows[2]).toEqual([
      "ÅSBY-1",
      new Date("2021-03-01T00:00:00Z"),
      1_250_000,
      "Omsorg i Öst AB",
    ]);
    expect(sheet?.rows[3]).toEqual(["ÅSBY-2", null, { error: "#DIV/0!" }, null]);
  });

  test("the old .xls format and broken files are refused in Swedish", async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readImportFile("gammal.xls", xls)).rejects.toThrow(/gamla Excelformatet/);
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(readImportFile("trasig.xlsx", broken)).rejects.toThrow(
      "Filen trasig.xlsx kunde inte läsas som en Excel-arbetsbok (.xlsx). Kontrollera att den går att öppna i Excel.",
    );
    await expect(readImportFile("tom.csv", new Uint8Array())).rejects.toThrow(
      "Filen tom.csv är tom.",
    );
  });

  test("a Word document renamed .xlsx (a zip like a workbook, but without sheets) is refused, not read as empty", async () => {
    const word = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph("Avtalsregister")] }] }),
    );
    await expect(readImportFile("register.xlsx", new Uint8Array(word))).rejects.toThrow(
      "Filen register.xlsx har inga kalkylblad och är troligen inte en Excel-arbetsbok (kanske ett Word-dokument). Välj en .xlsx- eller .csv-fil.",
    );
  });

  test("a sheet over the row limit is refused before it is read", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Stort");
      sheet.getCell(IMPORT_LIMITS.maxRows + 1, 1).value = "x";
    });
    const error = await readImportFile("stort.xlsx", bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(String(error)).toContain(
      `Bladet Stort i stort.xlsx har ${IMPORT_LIMITS.maxRows + 1} rader. Importen tar högst ${IMPORT_LIMITS.maxRows} rader per blad`,
    );
  });
});

describe("CSV", () => {
  test("Windows-1252 with semicolons, as Swedish Excel saves it", async () => {
    // Raw bytes: å = E5, ä = E4, ö = F6, Å = C5, Ö = D6 in Windows-1252.
    const bytes = Buffer.from(
      "Avtalsnummer;Avtalsnamn;Leverant\xf6r;\xc5rsv\xe4rde\r\n\xc5SBY-1;Hemtj\xe4nst;Omsorg i \xd6st AB;1 250 000 kr\r\n",
      "latin1",
    );
    const file = await readImportFile("register.csv", bytes);
    expect(file).toMatchObject({ format: "csv", encoding: "Windows-1252", delimiter: "semikolon" });
    expect(file.sheets[0]?.rows).toEqual([
      ["Avtalsnummer", "Avtalsnamn", "Leverantör", "Årsvärde"],
      ["ÅSBY-1", "Hemtjänst", "Omsorg i Öst AB", "1 250 000 kr"],
    ]);
  });

  test("UTF-8 with a byte order mark and commas; quoted cells with separators and line breaks", async () => {
    const text =
      '\uFEFFAvtalsnummer,Avtal,Leverantör\n"ÅSBY-1","Snöröjning, centrum","A AB\nB AB"\n';
    const file = await readImportFile("register.csv", Buffer.from(text, "utf8"));
    expect(file).toMatchObject({ encoding: "UTF-8", delimiter: "kommatecken" });
    expect(file.sheets[0]?.rows).toEqual([
      ["Avtalsnummer", "Avtal", "Leverantör"],
      ["ÅSBY-1", "Snöröjning, centrum", "A AB\nB AB"],
    ]);
  });

  test("UTF-8 without a byte order mark, semicolons, an empty row kept in place", async () => {
    const text = "Avtalsnummer;Avtal\r\nÅSBY-1;Städning\r\n;\r\nÅSBY-2;Skolskjuts\r\n";
    const file = await readImportFile("register.csv", Buffer.from(text, "utf8"));
    expect(file.encoding).toBe("UTF-8");
    expect(file.sheets[0]?.rows).toEqual([
      ["Avtalsnummer", "Avtal"],
      ["ÅSBY-1", "Städning"],
      ["", ""],
      ["ÅSBY-2", "Skolskjuts"],
    ]);
  });

  test("a file over the size limit is refused before it is read", async () => {
    const bytes = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1);
    await expect(readImportFile("jätte.csv", bytes)).rejects.toThrow(
      "Filen jätte.csv är 10 MB. Importen tar filer på högst 10 MB; dela upp registret i flera filer.",
    );
  });
});
