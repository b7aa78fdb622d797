/**
 * Calendar dates without time zones: the process deals in whole days
 * (deadlines, periods), so dates are ISO `YYYY-MM-DD` strings and arithmetic
 * is done in UTC, where no day has 23 or 25 hours.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`not an ISO date: ${value}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new RangeError(`no such date: ${value}`);
  }
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** The last day of a month (1–12). */
export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month + 1, 0);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return isoDate(year, month, day + days);
}

/** Adds months, clamping to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = Number(endOfMonth(target.getUTCFullYear(), target.getUTCMonth() + 1).slice(8));
  return isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(day, last));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/** Today's date in Sweden (Europe/Stockholm), whatever the server's zone. */
export function swedishDate(instant: Date): IsoDate {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

const MONTHS = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];

export function swedishMonthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new RangeError(`month ${month}`);
  return name;
}

/** "1 juli 2021" */
export function swedishLongDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day} ${swedishMonthName(month)} ${year}`;
}
