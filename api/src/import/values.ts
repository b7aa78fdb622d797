import { LEVELS, type Level } from "../domain/classification.ts";
import { type IsoDate, isIsoDate, isoDate, swedishMonthName } from "../domain/dates.ts";
import {
  CONTRACT_STATUSES,
  type ContractStatus,
  DEFICIENCY_STATUSES,
  type DeficiencyStatus,
  FOLLOW_UP_FORMS,
  FOLLOW_UP_STATUSES,
  type FollowUpForm,
  type FollowUpStatus,
  REQUIREMENT_ANSWERS,
  type RequirementAnswer,
} from "../domain/model.ts";
import { parseOrganisationNumber } from "../domain/organisation-number.ts";
import { normalisePeriodKey } from "../domain/reporting-period.ts";
import { type CellValue, isEmptyCell, isFormulaError } from "./sheet.ts";

/**
 * Cells as people fill in a register, read into the domain's values: dates
 * as ISO, Swedish text ("1 mars 2021"), day/month only when it cannot be
 * month/day, and Excel's serial numbers; amounts with spaces, kr, tkr, mnkr
 * and decimal commas; Ja/Nej/X. What cannot be read is refused with the
 * reason in Swedish, never guessed.
 */

export type Parsed<T> =
  | { kind: "empty" }
  | { kind: "value"; value: T }
  | { kind: "error"; message: string };

const EMPTY = { kind: "empty" } as const;
const value = <T>(parsed: T): Parsed<T> => ({ kind: "value", value: parsed });
const error = (message: string): Parsed<never> => ({ kind: "error", message });

/** The cell as the person sees it, for messages and the preview. */
export function cellText(cell: CellValue): string {
  if (cell === null) return "";
  if (cell instanceof Date) return isoFromDate(cell);
  if (isFormulaError(cell)) return cell.error;
  if (typeof cell === "boolean") return cell ? "Ja" : "Nej";
  if (typeof cell === "number") return String(cell);
  return cell.trim();
}

/** A cell every parser starts with: empty, a formula error, or something to read. */
function precheck(cell: CellValue): Parsed<never> | undefined {
  if (isEmptyCell(cell)) return EMPTY;
  if (isFormulaError(cell)) return error(`Cellen innehåller ett formelfel (${cell.error}).`);
  return undefined;
}

// Text

/** C0 controls and DEL, except tab and line breaks (the API refuses them too). */
const hasControlCharacter = (text: string) =>
  [...text].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || code === 0x7f;
  });

/** Text, trimmed; single-line fields with their runs of spaces made one. */
export function parseText(
  cell: CellValue,
  options: { max: number; multiline?: boolean },
): Parsed<string> {
  const early = precheck(cell);
  if (early) return early;
  const raw = cellText(cell).replace(/\r\n?/g, "\n");
  if (hasControlCharacter(raw)) return error("Texten innehåller otillåtna tecken.");
  const text = options.multiline
    ? raw
        .split("\n")
        .map((line) => line.trim())
        .join("\n")
        .trim()
    : raw.replace(/\s+/g, " ").trim();
  if (text.length > options.max)
    return error(`Texten är ${text.length} tecken; högst ${options.max} får plats.`);
  return value(text);
}

// Dates

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augusti: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes that right from March 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** The years a contract date can plausibly be in; a number outside is no date. */
const YEARS = { min: 1950, max: 2150 };

function isoFromDate(date: Date): IsoDate {
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function checked(year: number, month: number, day: number, written: string): Parsed<IsoDate> {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isIsoDate(iso)) return error(`${written} är inget giltigt datum.`);
  if (year < YEARS.min || year > YEARS.max)
    return error(`${written}: året ${year} är inte rimligt för ett avtal.`);
  return value(iso);
}

function fromSerial(serial: number, written: string): Parsed<IsoDate> {
  if (!Number.isFinite(serial) || serial < 1) return error(`Talet ${written} är inget datum.`);
  const date = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  const year = date.getUTCFullYear();
  if (year < YEARS.min || year > YEARS.max) return error(`Talet ${written} är inget datum.`);
  return value(isoFromDate(date));
}

const HINT = "Skriv datum som 2021-03-01 eller 1 mars 2021.";

/**
 * Words of a date: numbers and month names, whatever separates them
 * ("2021-03-01", "1/3/2021", "1 mars 2021", "den 1:a mars, 2021").
 */
function dateWords(text: string): string[] {
  return text
    .toLocaleLowerCase("sv")
    .replace(/^den\s+/, "")
    .replace(/(\d+):[ae]\b/g, "$1")
    .split(/[\s/.,-]+/)
    .filter((word) => word !== "");
}

export function parseDate(cell: CellValue): Parsed<IsoDate> {
  const early = precheck(cell);
  if (early) return early;
  if (cell instanceof Date) return value(isoFromDate(cell));
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 29_991_231) {
      const digits = String(cell);
      return checked(
        Number(digits.slice(0, 4)),
        Number(digits.slice(4, 6)),
        Number(digits.slice(6)),
        digits,
      );
    }
    return fromSerial(cell, String(cell));
  }
  if (typeof cell === "boolean") return error(`${cellText(cell)} är inget datum. ${HINT}`);
  const written = cellText(cell);
  // A time of day after the date (an export's "2021-03-01 00:00:00") is not part of it.
  const text = written.replace(/[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, "");
  const words = dateWords(text);
  const numbers = words.map((word) => (/^\d+$/.test(word) ? Number(word) : undefined));
  if (words.length === 1 && /^\d{8}$/.test(words[0] ?? "")) {
    const digits = words[0] ?? "";
    return checked(
      Number(digits.slice(0, 4)),
      Number(digits.slice(4, 6)),
      Number(digits.slice(6)),
      written,
    );
  }
  if (words.length === 1 && /^\d{5}$/.test(words[0] ?? ""))
    return fromSerial(Number(words[0]), written);
  if (words.length === 3) {
    const [a, b, c] = numbers;
    const month = MONTHS[words[1] ?? ""];
    // 1 mars 2021
    if (a !== undefined && month !== undefined && c !== undefined && (words[2] ?? "").length === 4)
      return checked(c, month, a, written);
    // 2021-03-01
    if (a !== undefined && b !== undefined && c !== undefined && (words[0] ?? "").length === 4)
      return checked(a, b, c, written);
    // 1/3/2021: day first, as in Sweden, unless that cannot be
    if (a !== undefined && b !== undefined && c !== undefined && (words[2] ?? "").length === 4) {
      if (a <= 12 && b <= 12 && a !== b) {
        return error(
          `${written} kan vara både ${a} ${monthName(b)} och ${b} ${monthName(a)} ${c}. ${HINT}`,
        );
      }
      return a > 12 || a === b ? checked(c, b, a, written) : checked(c, a, b, written);
    }
    if (a !== undefined && b !== undefined && c !== undefined)
      return error(`${written}: skriv året med fyra siffror. ${HINT}`);
  }
  return error(`${written} kunde inte läsas som ett datum. ${HINT}`);
}

const monthName = (month: number) =>
  month >= 1 && month <= 12 ? swedishMonthName(month) : String(month);

// Amounts

const UNITS: Array<{ words: string[]; factor: number }> = [
  { words: ["mnkr", "mkr", "msek", "mn", "miljoner", "miljon", "milj"], factor: 1_000_000 },
  { words: ["tkr", "tsek", "tusen"], factor: 1000 },
  { words: ["kr", "kronor", "sek", ":-"], factor: 1 },
];

/** The unit a column's header names: "Årsvärde (tkr)" means thousands. */
export function amountFactorOfHeader(header: string): number {
  const words = header.toLocaleLowerCase("sv").split(/[^\p{L}\p{N}:-]+/u);
  for (const unit of UNITS) if (unit.words.some((word) => words.includes(word))) return unit.factor;
  return 1;
}

/**
 * A sum of money in kronor. `factor` is the header's unit; a unit written in
 * the cell wins. "1 250 000 kr", "1,5 mnkr", "850 tkr", "12 500,50".
 */
export function parseAmount(cell: CellValue, factor = 1): Parsed<number> {
  const early = precheck(cell);
  if (early) return early;
  if (typeof cell === "number") return amountValue(cell * factor, String(cell));
  if (typeof cell !== "string") return error(`${cellText(cell)} är inget belopp.`);
  const written = cellText(cell);
  const match = AMOUNT.exec(
    written
      .toLocaleLowerCase("sv")
      .replace(/[\u00a0\u202f]/g, " ")
      .trim(),
  );
  const unit = match
    ? UNITS.find((candidate) => candidate.words.includes(match[2] ?? ""))
    : undefined;
  const compact = (match?.[1] ?? "").replace(/\s/g, "");
  if (!match || (match[2] && !unit) || !/^\d[\d.,]*\d$|^\d$/.test(compact)) {
    return error(
      `${written} kunde inte läsas som ett belopp. Skriv t.ex. 1 250 000 kr eller 850 tkr.`,
    );
  }
  const number = readNumber(compact);
  if (number === undefined) {
    return error(
      `${written} kan läsas både med tusentalsavgränsare och med decimaler. Skriv beloppet utan punkt, t.ex. 1 250 eller 1,25.`,
    );
  }
  return amountValue(number * (unit?.factor ?? factor), written);
}

/** An amount as written: an optional "ca", the number, an optional unit. */
const AMOUNT = /^(?:(?:ca|cirka|ungefär)\.?\s*)?(?:sek\s*)?([\d][\d.,\s]*?)\s*([\p{L}:-]*)$/u;

function amountValue(amount: number, written: string): Parsed<number> {
  if (!Number.isFinite(amount) || amount < 0)
    return error(`${written} är inget belopp som går att spara.`);
  if (amount > 1e12) return error(`${written} är orimligt stort för ett årsvärde.`);
  return value(Math.round(amount * 100) / 100);
}

/**
 * Digits with thousands separators and a decimal part: the last of two
 * different separators is the decimal one; a single comma is Swedish decimal;
 * repeated separators group thousands; a single point before exactly three
 * digits could be either and is refused.
 */
function readNumber(text: string): number | undefined {
  const commas = text.split(",").length - 1;
  const points = text.split(".").length - 1;
  const groups = (separator: string, rest: string) =>
    rest
      .split(separator)
      .slice(1)
      .every((group) => group.length === 3);
  if (commas > 0 && points > 0) {
    const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    const [whole = "", fraction = ""] = text.split(decimal);
    if (text.split(decimal).length !== 2 || !groups(thousands, whole)) return undefined;
    return Number(`${whole.split(thousands).join("")}.${fraction}`);
  }
  if (commas + points === 0) return Number(text);
  const separator = commas > 0 ? "," : ".";
  const count = commas + points;
  if (count > 1)
    return groups(separator, text) ? Number(text.split(separator).join("")) : undefined;
  const [whole = "", fraction = ""] = text.split(separator);
  if (separator === "." && fraction.length === 3) return undefined;
  return Number(`${whole}.${fraction}`);
}

// Yes/no and choices

const YES = ["ja", "j", "x", "yes", "y", "sant", "true", "1", "✓", "✔", "egen regi", "egen"];
const NO = [
  "nej",
  "n",
  "no",
  "falskt",
  "false",
  "0",
  "-",
  "privat",
  "extern",
  "externt",
  "entreprenad",
];

export function parseBoolean(cell: CellValue): Parsed<boolean> {
  const early = precheck(cell);
  if (early) return early;
  if (typeof cell === "boolean") return value(cell);
  const text = cellText(cell).toLocaleLowerCase("sv");
  if (YES.includes(text)) return value(true);
  if (NO.includes(text)) return value(false);
  return error(`${cellText(cell)} är varken ja eller nej. Skriv Ja, Nej eller X.`);
}

function choice<T extends string>(
  cell: CellValue,
  words: Record<string, T>,
  allowed: readonly T[],
  what: string,
): Parsed<T> {
  const early = precheck(cell);
  if (early) return early;
  const text = cellText(cell).toLocaleLowerCase("sv").replace(/\s+/g, " ");
  const exact = allowed.find((candidate) => candidate === text) ?? words[text];
  if (exact) return value(exact);
  const start = Object.keys(words).find((word) => text.startsWith(`${word} `));
  if (start) {
    const found = words[start];
    if (found) return value(found);
  }
  return error(`${cellText(cell)} är ingen ${what}. Möjliga värden: ${allowed.join(", ")}.`);
}

const LEVEL_WORDS: Record<string, Level> = {
  hög: "hög",
  högt: "hög",
  h: "hög",
  stor: "hög",
  stort: "hög",
  high: "hög",
  låg: "låg",
  lågt: "låg",
  l: "låg",
  liten: "låg",
  litet: "låg",
  low: "låg",
};

export const parseLevel = (cell: CellValue) => choice(cell, LEVEL_WORDS, LEVELS, "nivå");

const CONTRACT_STATUS_WORDS: Record<string, ContractStatus> = {
  planerad: "planerat",
  kommande: "planerat",
  "ej startat": "planerat",
  aktiv: "aktivt",
  pågående: "aktivt",
  gällande: "aktivt",
  löpande: "aktivt",
  avslutad: "avslutat",
  upphört: "avslutat",
  upphörd: "avslutat",
  utgått: "avslutat",
  utgånget: "avslutat",
};

export const parseContractStatus = (cell: CellValue) =>
  choice(cell, CONTRACT_STATUS_WORDS, CONTRACT_STATUSES, "avtalsstatus");

export const parseFollowUpForm = (cell: CellValue) =>
  choice<FollowUpForm>(
    cell,
    {
      uppföljning: "avtalsuppföljning",
      avtal: "avtalsuppföljning",
      verksamhet: "verksamhetsuppföljning",
    },
    FOLLOW_UP_FORMS,
    "uppföljningsform",
  );

export const parseRequirement = (cell: CellValue) =>
  typeof cell === "boolean"
    ? value<RequirementAnswer>(cell ? "ja" : "nej")
    : choice<RequirementAnswer>(
        cell,
        {
          j: "ja",
          x: "ja",
          yes: "ja",
          n: "nej",
          no: "nej",
          "i huvudsak": "delvis",
          "till viss del": "delvis",
        },
        REQUIREMENT_ANSWERS,
        "bedömning",
      );

export const parseFollowUpStatus = (cell: CellValue) =>
  choice<FollowUpStatus>(
    cell,
    { klart: "klar", färdig: "klar", avslutad: "klar", pågår: "utkast", påbörjad: "utkast" },
    FOLLOW_UP_STATUSES,
    "status för uppföljningen",
  );

export const parseDeficiencyStatus = (cell: CellValue) =>
  choice<DeficiencyStatus>(
    cell,
    {
      öppet: "öppen",
      ny: "öppen",
      pågående: "pågår",
      påbörjad: "pågår",
      åtgärdat: "åtgärdad",
      klar: "åtgärdad",
      avslutad: "åtgärdad",
      stängd: "åtgärdad",
    },
    DEFICIENCY_STATUSES,
    "status för bristen",
  );

// Identifiers

/** Organisationsnummer as NNNNNN-NNNN (a 16 century prefix is dropped). */
export function parseOrgNumber(cell: CellValue): Parsed<string> {
  const early = precheck(cell);
  if (early) return early;
  const written = cellText(cell);
  // The same rule as everywhere in the app, its check digit included: a typo is caught per cell.
  const parsed = parseOrganisationNumber(written);
  if (parsed.ok) return value(parsed.value);
  return error(
    parsed.problem === "check-digit"
      ? `${written}: ${parsed.message}`
      : `${written} är inget organisationsnummer. ${parsed.message}`,
  );
}

export function parsePeriod(cell: CellValue): Parsed<string> {
  const early = precheck(cell);
  if (early) return early;
  const written = cellText(cell);
  const key = normalisePeriodKey(written);
  return key
    ? value(key)
    : error(`${written} är ingen period. Skriv ett år (2025) eller två år i följd (2025–2026).`);
}

/** A person as written: an e-mail address (also inside "Namn <e-post>") or a name. */
export interface PersonReference {
  email?: string;
  name?: string;
}

export function parsePerson(cell: CellValue): Parsed<PersonReference> {
  const text = parseText(cell, { max: 320 });
  if (text.kind !== "value") return text;
  const email = /[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/.exec(text.value)?.[0];
  const name = text.value.replace(/<[^>]*>/, "").trim();
  if (email) return value(name && name !== email ? { email, name } : { email });
  return value({ name });
}
