import ExcelJS from "exceljs";
import { FIELDS, KIND_LABELS } from "./fields.ts";
import { type ImportReport, RESULT_LABELS } from "./preview.ts";

/**
 * The import's result as Excel, to keep or to send to whoever fixes the
 * file: one row per row of the file with what was done and why, and the
 * people the directory did not know.
 */

const STATUS_TEXT = { new: "ny", changed: "ändrad", refused: "avvisad", warning: "obs" } as const;

export async function resultWorkbook(report: ImportReport, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Avtalsuppföljning";
  workbook.title = title;
  const rows = workbook.addWorksheet("Resultat", { views: [{ state: "frozen", ySplit: 1 }] });
  rows.columns = [
    { header: "Blad", width: 20 },
    { header: "Innehåll", width: 16 },
    { header: "Rad", width: 6 },
    { header: "Avtalsnummer", width: 18 },
    { header: "Gäller", width: 36 },
    { header: "Resultat", width: 12 },
    { header: "Orsak", width: 50 },
    { header: "Celler", width: 80 },
  ];
  rows.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    const added = rows.addRow([
      row.sheet,
      KIND_LABELS[row.kind],
      row.row,
      row.contractNumber,
      row.label,
      RESULT_LABELS[row.action],
      row.reason ?? "",
      row.cells
        .map((cell) => {
          const read = cell.readAs ? `${cell.readAs} (i filen: ${cell.value})` : cell.value;
          const change = cell.status === "changed" ? `${cell.before || "(tomt)"} → ${read}` : read;
          return `${cell.field} (${STATUS_TEXT[cell.status]}): ${change}${cell.message ? ` – ${cell.message}` : ""}`;
        })
        .join("\n"),
    ]);
    added.alignment = { vertical: "top", wrapText: true };
  }
  rows.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 8 } };

  const people = workbook.addWorksheet("Personer som saknas", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  people.columns = [
    { header: "Som det står i filen", width: 30 },
    { header: "Varför", width: 60 },
    { header: "Rader", width: 40 },
  ];
  people.getRow(1).font = { bold: true };
  for (const person of report.unmatchedPeople)
    people.addRow([person.text, person.reason, person.rows.join(", ")]);

  const mapping = workbook.addWorksheet("Kolumner");
  mapping.columns = [
    { header: "Blad", width: 20 },
    { header: "Kolumn", width: 8 },
    { header: "Rubrik i filen", width: 30 },
    { header: "Läses in som", width: 30 },
  ];
  mapping.getRow(1).font = { bold: true };
  for (const sheet of report.sheets) {
    for (const column of sheet.columns) {
      const field =
        sheet.kind === "ignore"
          ? undefined
          : FIELDS[sheet.kind].find((candidate) => candidate.key === column.field);
      mapping.addRow([sheet.name, column.letter, column.header, field?.label ?? "(läses inte in)"]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
