import type { ImportKind } from "./fields.ts";

/**
 * What the import tells the person (and the command line, and the result
 * workbook): per row what will be or was done and why, per cell. The tab
 * reads these shapes as they are.
 */

/** English words, for scripts reading the command line's output. */
export const ROW_ACTIONS = ["created", "updated", "unchanged", "refused"] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

export const ACTION_LABELS: Record<RowAction, string> = {
  created: "skapas",
  updated: "uppdateras",
  unchanged: "oförändrad",
  refused: "avvisas",
};

export const RESULT_LABELS: Record<RowAction, string> = {
  created: "skapad",
  updated: "uppdaterad",
  unchanged: "oförändrad",
  refused: "avvisad",
};

export type CellStatus = "new" | "changed" | "refused" | "warning";

/** One cell worth telling about: a value that is new or changed, or one that was refused. */
export interface CellNote {
  /** The field's name in the app. */
  field: string;
  /** Where it came from: "F Avtalsslut". */
  column: string;
  /** The cell as written in the file. */
  value: string;
  /**
   * The value as the register will hold it, when that reads differently from
   * the cell: a date from an Excel serial, an amount from "2,5 mnkr".
   */
  readAs?: string;
  status: CellStatus;
  /** The register's value before (changed cells). */
  before?: string;
  /** Why, in Swedish (refused cells and warnings). */
  message?: string;
}

export interface RowReport {
  /** The sheet (or CSV file) the row is in. */
  sheet: string;
  kind: ImportKind;
  /** The row's number as the spreadsheet shows it. */
  row: number;
  action: RowAction;
  /** The contract number as written. */
  contractNumber: string;
  /** What the row is about: the contract's name, the period, the deficiency. */
  label: string;
  /** Why the whole row is refused, or a note about it, in Swedish. */
  reason?: string;
  cells: CellNote[];
}

export interface ColumnReport {
  letter: string;
  header: string;
  /** The field the column is read into, null when it is not imported. */
  field: string | null;
}

export interface SheetReport {
  file: number;
  sheet: number;
  name: string;
  kind: ImportKind | "ignore";
  headerRow: number;
  dataStart: number;
  /** Rows with something in them below the header. */
  rows: number;
  columns: ColumnReport[];
  /** Why the sheet's rows cannot be read as they are mapped, in Swedish. */
  problems: string[];
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}

export interface UnmatchedPerson {
  /** As written in the file. */
  text: string;
  reason: string;
  /** Where: "Avtal rad 4". */
  rows: string[];
}

export interface ImportReport {
  files: Array<{ name: string; format: "xlsx" | "csv"; encoding?: string; delimiter?: string }>;
  sheets: SheetReport[];
  rows: RowReport[];
  counts: Counts;
  unmatchedPeople: UnmatchedPerson[];
}

export function countRows(rows: readonly RowReport[]): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const row of rows) counts[row.action] += 1;
  return counts;
}
