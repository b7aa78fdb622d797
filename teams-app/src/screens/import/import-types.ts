import type { Problem } from "../../api.ts";

/** The import's answers and requests: the server's own shapes, and the tab's words for them. */

import type {
  FieldChoice,
  ImportDone,
  ImportInput,
  ImportLine,
  ImportPreview,
  ImportResultInput,
  SheetChoice,
  UploadedFile,
} from "../../../../api/src/http/api-shapes.ts";
import type {
  CellNote,
  ImportReport,
  RowAction,
  RowReport,
  SheetReport,
} from "../../../../api/src/import/preview.ts";

export type {
  CellNote,
  FieldChoice,
  ImportDone,
  ImportInput,
  ImportLine,
  ImportPreview,
  ImportReport,
  ImportResultInput,
  RowAction,
  RowReport,
  SheetChoice,
  SheetReport,
  UploadedFile,
};

export type SheetKind = SheetReport["kind"];

/** Preview (before) and result (after) in Swedish. */
export const PLANNED: Record<RowAction, string> = {
  created: "Skapas",
  updated: "Uppdateras",
  unchanged: "Oförändrad",
  refused: "Avvisas",
};
export const DONE: Record<RowAction, string> = {
  created: "Skapad",
  updated: "Uppdaterad",
  unchanged: "Oförändrad",
  refused: "Avvisad",
};

export function choicesOf(sheets: readonly SheetReport[]): SheetChoice[] {
  return sheets.map((sheet) => ({
    file: sheet.file,
    sheet: sheet.sheet,
    kind: sheet.kind,
    columns: sheet.columns.map((column) => column.field),
  }));
}

/** What a cell note says, in one line: "Avtalsslut: 2027-02-28 (var 2025-02-28)". */
export function cellText(cell: CellNote): string {
  const read = cell.readAs ? `${cell.readAs} (i filen: ${cell.value})` : cell.value;
  const value = read === "" ? "" : `: ${read}`;
  const before = cell.status === "changed" ? ` (var ${cell.before || "tomt"})` : "";
  const message = cell.message ? ` – ${cell.message}` : "";
  return `${cell.field}${value}${before}${message}`;
}

/** A file's bytes as base64, read by the browser. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("Filen kunde inte läsas"));
    reader.readAsDataURL(file);
  });
}

/** When the answer ends without a result. */
export const INTERRUPTED: Problem = {
  status: 503,
  code: "import-interrupted",
  title: "Importen avbröts",
  detail:
    "Importen avbröts innan den var klar. Det som hann sparas finns kvar; kör importen igen så fortsätter den där den slutade.",
};
