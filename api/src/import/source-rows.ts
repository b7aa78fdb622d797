import { contractNumberKey } from "../domain/contract-number.ts";
import type { Column, ColumnMapping, SheetLayout } from "./headers.ts";
import type { CellNote } from "./preview.ts";
import { type CellValue, isEmptyCell, type Sheet } from "./sheet.ts";
import { cellText, type Parsed } from "./values.ts";

/**
 * A sheet's data rows as the mapping reads them: each row's cells by field.
 * Rows with nothing in the mapped columns (empty rows, notes beside the
 * table) are not rows of the register.
 */

export interface SourceCell {
  column: Column;
  value: CellValue;
}

export interface SourceRow {
  /** The row's number as the spreadsheet shows it. */
  row: number;
  cells: Map<string, SourceCell>;
}

export function sourceRows(sheet: Sheet, layout: SheetLayout, mapping: ColumnMapping): SourceRow[] {
  const rows: SourceRow[] = [];
  for (let index = layout.dataStart - 1; index < sheet.rows.length; index += 1) {
    const values = sheet.rows[index] ?? [];
    const cells = new Map<string, SourceCell>();
    for (const column of layout.columns) {
      const field = mapping[column.index];
      const value = values[column.index] ?? null;
      if (field && !isEmptyCell(value)) cells.set(field, { column, value });
    }
    if (cells.size > 0) rows.push({ row: index + 1, cells });
  }
  return rows;
}

/**
 * The cells of one row as one text, to tell identical rows from different
 * ones: spaces and the way the contract number is written (case, spaces) do
 * not make rows different.
 */
export function rowSignature(row: SourceRow): string {
  const normalised = (field: string, text: string) =>
    field === "contractNumber" ? contractNumberKey(text) : text.replace(/\s+/g, " ").trim();
  return JSON.stringify(
    [...row.cells.entries()]
      .map(([field, cell]) => [field, normalised(field, cellText(cell.value))])
      .sort(([a = ""], [b = ""]) => a.localeCompare(b)),
  );
}

/**
 * Reads a row's cells and writes down what the preview says about them:
 * refused cells with the reason, new and changed values, warnings.
 */
export class RowReader {
  readonly notes: CellNote[] = [];
  private refusedCells = 0;
  /** Per field: the value read, as the register shows it, where it reads differently from the cell. */
  private readonly readAs = new Map<string, string>();
  private readonly source: SourceRow;
  private readonly labels: ReadonlyMap<string, string>;

  constructor(source: SourceRow, labels: ReadonlyMap<string, string>) {
    this.source = source;
    this.labels = labels;
  }

  get refused(): number {
    return this.refusedCells;
  }

  has(field: string): boolean {
    return this.source.cells.has(field);
  }

  /** The cell as written ("" when the column is not mapped or the cell is empty). */
  written(field: string): string {
    const cell = this.source.cells.get(field);
    return cell ? cellText(cell.value) : "";
  }

  /** The cell's value, or undefined when it is empty or refused (then noted with the reason). */
  read<T>(field: string, parse: (value: CellValue, header: string) => Parsed<T>): T | undefined {
    const cell = this.source.cells.get(field);
    if (!cell) return undefined;
    const parsed = parse(cell.value, cell.column.header);
    if (parsed.kind === "error") {
      this.refuse(field, parsed.message);
      return undefined;
    }
    if (parsed.kind !== "value") return undefined;
    const shown = shownValue(parsed.value);
    if (shown !== undefined && shown !== cellText(cell.value).trim()) this.readAs.set(field, shown);
    return parsed.value;
  }

  refuse(field: string, message: string): void {
    this.refusedCells += 1;
    this.note(field, "refused", { message });
  }

  warn(field: string, message: string): void {
    this.note(field, "warning", { message });
  }

  added(field: string): void {
    this.note(field, "new", {});
  }

  changed(field: string, before: string, message?: string): void {
    this.note(field, "changed", { before, ...(message ? { message } : {}) });
  }

  /** Notes of the kinds given (a refused row shows only what was wrong). */
  only(...statuses: CellNote["status"][]): CellNote[] {
    return this.notes.filter((note) => statuses.includes(note.status));
  }

  private note(field: string, status: CellNote["status"], extra: Partial<CellNote>): void {
    const cell = this.source.cells.get(field);
    this.notes.push({
      field: this.labels.get(field) ?? field,
      column: cell ? `${cell.column.letter} ${cell.column.header}`.trim() : "",
      value: cell ? cellText(cell.value) : "",
      ...(status !== "refused" && this.readAs.has(field)
        ? { readAs: this.readAs.get(field) ?? "" }
        : {}),
      status,
      ...extra,
    });
  }
}

/** A value read from a cell as the register shows it: dates as written, amounts with spaces, Ja/Nej, people by name. */
function shownValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // Amounts are the only numbers the import reads (parseAmount), shown as the register shows them.
  if (typeof value === "number")
    return `${value.toLocaleString("sv-SE").replace(/\u00a0/g, " ")} kr`;
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "object" && value !== null) {
    const name = "name" in value && typeof value.name === "string" ? value.name : undefined;
    const email = "email" in value && typeof value.email === "string" ? value.email : undefined;
    return name || email;
  }
  return undefined;
}

/** "1 cell kunde inte läsas", "3 celler kunde inte läsas". */
export function refusedReason(count: number): string {
  return `${count} ${count === 1 ? "cell" : "celler"} kunde inte läsas; rätta ${count === 1 ? "den" : "dem"} i filen och importera igen.`;
}

/** A row whose key another row has too: a copy of an earlier row, or one of rows that disagree. */
export type Duplicate = { kind: "copy"; of: number } | { kind: "conflict"; rows: number[] };

/**
 * Rows of the file that are about the same thing (the same contract, the
 * same period's follow-up): identical ones are imported once, rows that
 * disagree are all refused, since the file does not say which is right.
 */
export function findDuplicates(
  rows: readonly SourceRow[],
  keyOf: (row: SourceRow) => string,
): Map<SourceRow, Duplicate> {
  const groups = new Map<string, SourceRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== "") groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const duplicates = new Map<SourceRow, Duplicate>();
  for (const group of groups.values()) {
    const [first, ...rest] = group;
    if (!first || rest.length === 0) continue;
    if (rest.every((row) => rowSignature(row) === rowSignature(first))) {
      for (const row of rest) duplicates.set(row, { kind: "copy", of: first.row });
    } else {
      for (const row of group)
        duplicates.set(row, { kind: "conflict", rows: group.map((each) => each.row) });
    }
  }
  return duplicates;
}
