/**
 * A file as the import reads it: sheets of cells, whatever the format
 * (Excel or CSV). Cells keep the type the file gave them (Excel's date and
 * number cells, CSV's text), so each field can read them in its own way.
 */

/** A formula that Excel could not compute (#N/A, #REF! …). */
export interface FormulaError {
  error: string;
}

export type CellValue = string | number | boolean | Date | FormulaError | null;

/** Merged cells, 1-based and inclusive, as Excel names them (A1:D1 = 1,1,1,4). */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** Row 1 first; each row as many cells as the sheet's widest row. */
  rows: CellValue[][];
  merges: MergedRange[];
}

export interface ReadFile {
  name: string;
  format: "xlsx" | "csv";
  /** CSV: the encoding and separator found, for the person to check. */
  encoding?: string;
  delimiter?: string;
  sheets: Sheet[];
}

export function isFormulaError(value: CellValue): value is FormulaError {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

export function isEmptyCell(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
