import {
  FIELDS,
  IMPORT_KINDS,
  type ImportKind,
  REQUIRED_FIELDS,
  SIGNATURE_FIELDS,
} from "./fields.ts";
import { type CellValue, columnLetter, isEmptyCell, type Sheet } from "./sheet.ts";
import { cellText } from "./values.ts";

/**
 * Where a sheet's header is and what its columns mean. Registers often start
 * with a title row, have a header over two rows (a merged "Avtalstid" over
 * "från" and "till") and write each field's header in their own way: the
 * header row is the one that names most known fields, and each column is
 * proposed the field whose Swedish headers it matches best.
 */

export interface Column {
  /** 0-based position in the sheet's rows. */
  index: number;
  /** Excel's letter for the column (A, B …). */
  letter: string;
  /** The header as written (two header rows joined by a space). */
  header: string;
}

export interface SheetLayout {
  /** 1-based row of the header (its first row, if it spans two). */
  headerRow: number;
  /** 1-based row of the first data row. */
  dataStart: number;
  columns: Column[];
}

/** A column's field, or null for a column that is not imported. */
export type ColumnMapping = Array<string | null>;

/** Headers compared as words: case, punctuation and hyphens do not matter ("Org.nr" = "org nr"). */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("sv")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * How well a header names a field: 4 exactly, 3 when it starts with one of
 * the field's headers ("Årsvärde (tkr)"), 2 when it ends with one ("E-post
 * avtalsansvarig"), 1 when it contains one; short headers (Id, År) only exactly.
 */
export function headerScore(header: string, headers: readonly string[]): number {
  const text = normaliseHeader(header);
  if (text === "") return 0;
  let best = 0;
  for (const candidate of headers) {
    const known = normaliseHeader(candidate);
    if (text === known || text.replace(/ /g, "") === known.replace(/ /g, "")) return 4;
    if (known.length < 4) continue;
    if (text.startsWith(`${known} `)) best = Math.max(best, 3);
    else if (text.endsWith(` ${known}`)) best = Math.max(best, 2);
    else if (` ${text} `.includes(` ${known} `)) best = Math.max(best, 1);
  }
  return best;
}

/** The merged range the cell lies in, if any. */
function mergeAt(sheet: Sheet, row: number, column: number) {
  return sheet.merges.find(
    (range) =>
      range.top <= row && row <= range.bottom && range.left <= column && column <= range.right,
  );
}

/** A cell inside a merged range other than its top-left one (which holds the value). */
function isMergeSlave(sheet: Sheet, row: number, column: number): boolean {
  const range = mergeAt(sheet, row, column);
  return range !== undefined && (range.top !== row || range.left !== column);
}

function spansColumns(sheet: Sheet, row: number, column: number): boolean {
  const range = mergeAt(sheet, row, column);
  return range !== undefined && range.right > range.left;
}

const cell = (sheet: Sheet, row: number, column: number): CellValue =>
  sheet.rows[row - 1]?.[column - 1] ?? null;

/** How many known fields a row names; a merged cell counts once. */
function rowScore(sheet: Sheet, row: number): number {
  const width = sheet.rows[row - 1]?.length ?? 0;
  let score = 0;
  for (let column = 1; column <= width; column += 1) {
    const value = cell(sheet, row, column);
    if (typeof value !== "string" || isMergeSlave(sheet, row, column)) continue;
    const best = Math.max(
      ...IMPORT_KINDS.flatMap((kind) =>
        FIELDS[kind].map((field) => headerScore(value, field.headers)),
      ),
    );
    if (best >= 2) score += 1;
  }
  return score;
}

/** The rows searched for a header: title rows and notes above it are common, pages of them are not. */
const HEADER_SEARCH_ROWS = 15;

export function sheetLayout(sheet: Sheet): SheetLayout {
  const nonEmpty = (row: number) =>
    (sheet.rows[row - 1] ?? []).some((value) => !isEmptyCell(value));
  let headerRow = 0;
  let best = 0;
  for (let row = 1; row <= Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); row += 1) {
    if (!nonEmpty(row)) continue;
    if (headerRow === 0) headerRow = row;
    const score = rowScore(sheet, row);
    if (score > best) {
      best = score;
      headerRow = row;
    }
  }
  if (headerRow === 0) return { headerRow: 1, dataStart: 2, columns: [] };
  const width = Math.max(0, ...sheet.rows.map((row) => row.length));
  // A header over two rows: a cell merged across columns in the first, the columns' own names below it.
  const below = headerRow + 1;
  const twoRows = Array.from({ length: width }, (_, index) => index + 1).some(
    (column) =>
      spansColumns(sheet, headerRow, column) &&
      !isMergeSlave(sheet, below, column) &&
      typeof cell(sheet, below, column) === "string" &&
      !isEmptyCell(cell(sheet, below, column)),
  );
  const columns = Array.from({ length: width }, (_, index): Column => {
    const column = index + 1;
    const parts = [cellText(cell(sheet, headerRow, column))];
    if (twoRows) parts.push(cellText(cell(sheet, below, column)));
    const header = [...new Set(parts.filter((part) => part !== ""))].join(" ");
    return { index, letter: columnLetter(column), header };
  });
  return { headerRow, dataStart: twoRows ? headerRow + 2 : headerRow + 1, columns };
}

/**
 * The proposed field for each column: a mapping the person chose before for
 * the same header (remembered per nämnd) first, then the best-matching
 * field; each field to one column only, the better match (then the leftmost) winning.
 */
export function proposeMapping(
  kind: ImportKind,
  columns: Column[],
  remembered: Record<string, string> = {},
): ColumnMapping {
  const fields = FIELDS[kind];
  const mapping: ColumnMapping = columns.map(() => null);
  const taken = new Set<string>();
  const decided = new Set<number>();
  for (const column of columns) {
    const choice = remembered[normaliseHeader(column.header)];
    if (choice === undefined || column.header === "") continue;
    decided.add(column.index);
    if (choice !== "" && fields.some((field) => field.key === choice) && !taken.has(choice)) {
      mapping[column.index] = choice;
      taken.add(choice);
    }
  }
  const candidates = columns
    .filter((column) => !decided.has(column.index))
    .flatMap((column) =>
      fields.map((field) => ({
        column: column.index,
        field: field.key,
        score: headerScore(column.header, field.headers),
      })),
    )
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.column - b.column);
  for (const candidate of candidates) {
    if (taken.has(candidate.field) || mapping[candidate.column] !== null) continue;
    mapping[candidate.column] = candidate.field;
    taken.add(candidate.field);
  }
  return mapping;
}

/** What a sheet holds, judged by its headers: the kind whose own fields it names best. */
export function kindScores(columns: Column[]): Array<{ kind: ImportKind; score: number }> {
  return IMPORT_KINDS.map((kind) => {
    const mapping = proposeMapping(kind, columns);
    const mapped = new Set(mapping.filter((key) => key !== null));
    if (!SIGNATURE_FIELDS[kind].some((key) => mapped.has(key))) return { kind, score: 0 };
    const score = columns.reduce((total, column) => {
      const key = mapping[column.index];
      const field = FIELDS[kind].find((candidate) => candidate.key === key);
      return total + (field ? headerScore(column.header, field.headers) : 0);
    }, 0);
    return { kind, score };
  })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
}

/** The fields a mapping must have before a sheet's rows can be matched, in Swedish. */
export function missingRequired(kind: ImportKind, mapping: ColumnMapping): string[] {
  return REQUIRED_FIELDS[kind]
    .filter((key) => !mapping.includes(key))
    .map((key) => FIELDS[kind].find((field) => field.key === key)?.label ?? key);
}
