import type { Problem } from "../../api.ts";

/** The import's answers as the tab reads them: the server's report shapes, and the mapping's choices. */

import type {
  CellNote,
  ImportReport,
  RowAction,
  RowReport,
  SheetReport,
} from "../../../../api/src/import/preview.ts";

export type { CellNote, ImportReport, RowAction, RowReport, SheetReport };

export type SheetKind = SheetReport["kind"];

export interface FieldChoice {
  key: string;
  label: string;
  required: boolean;
}

export interface PreviewAnswer {
  committee: { id: string; name: string; code: string };
  report: ImportReport;
  /** What each kind of sheet can be mapped to. */
  choices: Record<Exclude<SheetKind, "ignore">, { label: string; fields: FieldChoice[] }>;
  limits: { maxFileBytes: number; maxRows: number };
}

export interface ImportAnswer {
  committee: { id: string; name: string; code: string };
  report: ImportReport;
}

/** One sheet's mapping as the person leaves it, as the API takes it. */
export interface SheetChoice {
  file: number;
  sheet: number;
  kind: SheetKind;
  columns: Array<string | null>;
}

/** The file as the API takes it: its name and its bytes as base64. */
export interface UploadedFile {
  name: string;
  content: string;
}

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
  const value = cell.value === "" ? "" : `: ${cell.value}`;
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

/** One line of the import's answer: progress, then the result, or why it stopped. */
export interface ImportLine {
  progress?: { done: number; total: number };
  committee?: ImportAnswer["committee"];
  report?: ImportReport;
  problem?: Problem;
}
