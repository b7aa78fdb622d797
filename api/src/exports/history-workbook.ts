import ExcelJS from "exceljs";
import {
  type EvidenceItem,
  type HistoryExport,
  internalNote,
  stockholmWallClock,
  swedishDateTime,
} from "../presenters/history-export.ts";

/**
 * A record's history as Excel: "Historik", one row per changed field (when,
 * who, what happened, the field's Swedish label, before, after) as the tab
 * shows it; "Om utdraget", what the record is and who exported it; and
 * "Underlag", the record's evidence, when the export has a list of it.
 */

function headerRow(worksheet: ExcelJS.Worksheet, count: number): void {
  worksheet.getRow(1).font = { bold: true };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: count } };
}

function historySheet(workbook: ExcelJS.Workbook, model: HistoryExport): void {
  const sheet = workbook.addWorksheet("Historik", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "När (svensk tid)", width: 18, style: { numFmt: "yyyy-mm-dd hh:mm" } },
    { header: "Vem", width: 26 },
    { header: "Händelse", width: 30 },
    { header: "Fält", width: 34 },
    { header: "Före", width: 40, style: { alignment: { wrapText: true, vertical: "top" } } },
    { header: "Efter", width: 40, style: { alignment: { wrapText: true, vertical: "top" } } },
  ];
  headerRow(sheet, 6);
  for (const entry of model.entries) {
    const when = stockholmWallClock(entry.modified);
    const who = entry.by.name || entry.modifiedBy || "okänd";
    // A change with no field of its own (a removal, a restore) is still a row: when, who, what.
    const changes = entry.changes.length > 0 ? entry.changes : [undefined];
    for (const change of changes) {
      sheet.addRow([
        when,
        who,
        entry.summary,
        change?.label ?? "",
        change && entry.action !== "created" ? change.from : "",
        change?.to ?? "",
      ]);
    }
  }
}

function aboutSheet(workbook: ExcelJS.Workbook, model: HistoryExport): void {
  const sheet = workbook.addWorksheet("Om utdraget");
  sheet.columns = [
    { header: "Uppgift", width: 24 },
    { header: "Värde", width: 70, style: { alignment: { wrapText: true, vertical: "top" } } },
  ];
  headerRow(sheet, 2);
  const rows: Array<[string, string]> = [
    ["Kommun", model.municipality],
    ["Post", `${model.what}: ${model.title}`],
    ["Nämnd", model.committeeName],
    ["Avtal", model.contractTitle],
    ["Utdrag gjort", swedishDateTime(model.exportedAt)],
    ["Utdrag gjort av", model.exportedBy],
    ["Ändringar", String(model.entries.length)],
    ["Interna anteckningar", internalNote(model)],
  ];
  // A contract or plan belongs to no contract: that row is left out.
  for (const row of rows) if (row[1] !== "") sheet.addRow(row);
}

/** The evidence sheet: one row per document. The seam for the attachments list. */
export function evidenceSheet(workbook: ExcelJS.Workbook, evidence: readonly EvidenceItem[]): void {
  const sheet = workbook.addWorksheet("Underlag", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Dokument", width: 40 },
    { header: "Tillagt (svensk tid)", width: 18, style: { numFmt: "yyyy-mm-dd hh:mm" } },
    { header: "Tillagt av", width: 26 },
    { header: "Storlek (kB)", width: 12, style: { numFmt: "# ##0" } },
    { header: "Länk", width: 50 },
  ];
  headerRow(sheet, 5);
  for (const item of evidence) {
    sheet.addRow([
      item.name,
      stockholmWallClock(item.addedAt),
      item.addedBy,
      item.size === undefined ? null : Math.ceil(item.size / 1024),
      item.webUrl ?? "",
    ]);
  }
}

export async function historyWorkbook(model: HistoryExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Avtalsuppföljning";
  workbook.title = `Ändringshistorik: ${model.what} ${model.title}`;
  historySheet(workbook, model);
  if (model.evidence) evidenceSheet(workbook, model.evidence);
  aboutSheet(workbook, model);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
