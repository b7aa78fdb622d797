import chardet from "chardet";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { CellValue, MergedRange, ReadFile, Sheet } from "./sheet.ts";

/**
 * Reads an uploaded register into sheets of cells: Excel (.xlsx) with
 * exceljs, CSV with papaparse after chardet has told the encoding (Swedish
 * Excel saves "CSV (semikolonavgränsad)" in Windows-1252) and iconv-lite
 * has decoded it. Files over the limits are refused here, before anything
 * is planned or written.
 */

export const IMPORT_LIMITS = {
  /** Bytes per file: a register of 10,000 rows in Excel is about 1 MB. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Rows per sheet, the header included. */
  maxRows: 10_000,
} as const;

/** A file the import cannot read, with the reason in Swedish. */
export class ImportFileError extends Error {
  readonly code: "too-large" | "too-many-rows" | "unreadable" | "unsupported";
  constructor(code: ImportFileError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, prefix: number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

export async function readImportFile(name: string, bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.byteLength > IMPORT_LIMITS.maxFileBytes) {
    throw new ImportFileError(
      "too-large",
      `Filen ${name} är ${megabytes(bytes.byteLength)} MB. Importen tar filer på högst ${megabytes(IMPORT_LIMITS.maxFileBytes)} MB; dela upp registret i flera filer.`,
    );
  }
  if (bytes.byteLength === 0) throw new ImportFileError("unreadable", `Filen ${name} är tom.`);
  if (startsWith(bytes, OLE2)) {
    throw new ImportFileError(
      "unsupported",
      `Filen ${name} är i det gamla Excelformatet (.xls). Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx) eller CSV.`,
    );
  }
  const file = startsWith(bytes, ZIP) ? await readWorkbook(name, bytes) : readCsv(name, bytes);
  for (const sheet of file.sheets) checkRows(name, sheet.name, sheet.rows.length);
  return file;
}

function checkRows(fileName: string, sheetName: string, rows: number): void {
  if (rows <= IMPORT_LIMITS.maxRows) return;
  const where = sheetName === fileName ? fileName : `Bladet ${sheetName} i ${fileName}`;
  throw new ImportFileError(
    "too-many-rows",
    `${where} har ${rows} rader. Importen tar högst ${IMPORT_LIMITS.maxRows} rader per blad; dela upp registret i flera filer.`,
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString("sv-SE", { maximumFractionDigits: 1 });
}

// Excel

async function readWorkbook(name: string, bytes: Uint8Array): Promise<ReadFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(arrayBufferOf(bytes));
  } catch {
    throw new ImportFileError(
      "unreadable",
      `Filen ${name} kunde inte läsas som en Excel-arbetsbok (.xlsx). Kontrollera att den går att öppna i Excel.`,
    );
  }
  if (workbook.worksheets.length === 0) {
    throw new ImportFileError(
      "unreadable",
      `Filen ${name} har inga kalkylblad och är troligen inte en Excel-arbetsbok (kanske ett Word-dokument). Välj en .xlsx- eller .csv-fil.`,
    );
  }
  const sheets = workbook.worksheets
    .filter((worksheet) => worksheet.state !== "hidden" && worksheet.state !== "veryHidden")
    .map((worksheet) => {
      // Checked before the cells are copied: a sheet of a million rows is refused without building it.
      checkRows(name, worksheet.name, worksheet.rowCount);
      return readWorksheet(worksheet);
    });
  return { name, format: "xlsx", sheets };
}

/** The bytes as an ArrayBuffer of their own, which exceljs reads. */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function readWorksheet(worksheet: ExcelJS.Worksheet): Sheet {
  const width = worksheet.columnCount;
  const rows: CellValue[][] = [];
  for (let rowNumber = 1; rowNumber <= worksheet.rowCount; rowNumber += 1) {
    const row = worksheet.getRow(rowNumber);
    const cells: CellValue[] = [];
    for (let column = 1; column <= width; column += 1)
      cells.push(cellValue(row.getCell(column).value));
    rows.push(cells);
  }
  return { name: worksheet.name, rows, merges: worksheet.model.merges.flatMap(parseRange) };
}

/** Excel's cell contents as the import's cells: a formula gives its computed result. */
export function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    value instanceof Date
  )
    return value;
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellValue(value.result ?? null);
  if ("hyperlink" in value) {
    // A link's text may itself be rich text.
    const text: unknown = value.text;
    return typeof text === "string" ? text : richText(text);
  }
  return null;
}

function richText(value: unknown): string | null {
  if (typeof value !== "object" || value === null || !("richText" in value)) return null;
  const runs: unknown = value.richText;
  if (!Array.isArray(runs)) return null;
  return runs
    .map((run: unknown) =>
      typeof run === "object" && run !== null && "text" in run && typeof run.text === "string"
        ? run.text
        : "",
    )
    .join("");
}

/** "B2:C3" → its corners. */
function parseRange(range: string): MergedRange[] {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!match) return [];
  const [, left = "", top = "", right = "", bottom = ""] = match;
  return [
    {
      top: Number(top),
      left: columnNumber(left),
      bottom: Number(bottom),
      right: columnNumber(right),
    },
  ];
}

function columnNumber(letters: string): number {
  return [...letters].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0);
}

// CSV

const UTF8 = { iconv: "utf8", label: "UTF-8" };
// Windows-1252 is a superset of Latin-1 for every printable character; Swedish Excel writes it.
const WINDOWS_1252 = { iconv: "win1252", label: "Windows-1252" };

/** Single-byte and UTF-16 encodings a Swedish CSV comes in, by the names chardet gives them. */
const ENCODINGS: Record<string, { iconv: string; label: string }> = {
  "UTF-16LE": { iconv: "utf16le", label: "UTF-16" },
  "UTF-16BE": { iconv: "utf16be", label: "UTF-16" },
  "windows-1252": WINDOWS_1252,
  "ISO-8859-1": WINDOWS_1252,
  "ISO-8859-15": { iconv: "latin9", label: "ISO-8859-15" },
};

const DELIMITER_NAMES: Record<string, string> = {
  ";": "semikolon",
  ",": "kommatecken",
  "\t": "tabb",
  "|": "lodstreck",
};

/**
 * Text that is valid UTF-8 is UTF-8 (the platform's strict decoder says so;
 * plain ASCII is too). Otherwise chardet's best guess among the encodings a
 * Swedish file is saved in; a guess outside them (short files fool any
 * detector) means Windows-1252, what Swedish Excel writes.
 */
export function detectEncoding(bytes: Uint8Array): { iconv: string; label: string } {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return UTF8;
  } catch {
    // Not UTF-8: a single-byte encoding or UTF-16.
  }
  for (const candidate of chardet.analyse(bytes)) {
    const known = ENCODINGS[candidate.name];
    if (known) return known;
  }
  return WINDOWS_1252;
}

function readCsv(name: string, bytes: Uint8Array): ReadFile {
  const encoding = detectEncoding(bytes);
  // iconv-lite drops a byte order mark while decoding.
  const text = iconv.decode(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    encoding.iconv,
  );
  // papaparse guesses the separator from the first rows; empty rows would only blur its count of fields.
  const guess = Papa.parse<string[]>(text, {
    delimitersToGuess: [";", ",", "\t", "|"],
    skipEmptyLines: "greedy",
    preview: 50,
  });
  // Then every row, the empty ones too, so rows keep the numbers the spreadsheet shows.
  const parsed = Papa.parse<string[]>(text, {
    delimiter: guess.meta.delimiter,
    skipEmptyLines: false,
  });
  const rows = parsed.data.filter(
    // papaparse gives a last row of one empty cell for the file's final line break.
    (row, index) => !(index === parsed.data.length - 1 && row.length === 1 && row[0] === ""),
  );
  const width = Math.max(0, ...rows.map((row) => row.length));
  const delimiter = parsed.meta.delimiter;
  return {
    name,
    format: "csv",
    encoding: encoding.label,
    delimiter: DELIMITER_NAMES[delimiter] ?? delimiter,
    sheets: [
      {
        name,
        rows: rows.map((row) =>
          Array.from({ length: width }, (_, column): CellValue => row[column] ?? null),
        ),
        merges: [],
      },
    ],
  };
}
