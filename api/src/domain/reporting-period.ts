import { endOfMonth, type IsoDate, isoDate, parseIsoDate, swedishLongDate } from "./dates.ts";

/**
 * Reporting periods (uppföljningsperioder): a kommun follows up by calendar
 * year, May–April (seed 001) or July–June (seed 004), and a nämnd may differ.
 */

export const PERIOD_KINDS = ["calendar", "may-april", "july-june"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  calendar: "Kalenderår",
  "may-april": "Maj–april",
  "july-june": "Juli–juni",
};

const START_MONTH: Record<PeriodKind, number> = { calendar: 1, "may-april": 5, "july-june": 7 };

/**
 * The month the nämnd's yearly report is due after a period ends: May for
 * May–April (seed 001), September for July–June, March for calendar years
 * (with the annual accounts, seed 002). A nämnd may set its own.
 */
export const DEFAULT_REPORT_MONTH: Record<PeriodKind, number> = {
  calendar: 3,
  "may-april": 5,
  "july-june": 9,
};

export interface ReportingPeriod {
  kind: PeriodKind;
  start: IsoDate;
  end: IsoDate;
  /** Stable key: "2022" for calendar years, "2021–2022" otherwise. */
  key: string;
  /** "1 juli 2021 – 30 juni 2022" */
  label: string;
}

export function periodStartingIn(kind: PeriodKind, startYear: number): ReportingPeriod {
  const startMonth = START_MONTH[kind];
  const start = isoDate(startYear, startMonth, 1);
  const end =
    kind === "calendar" ? endOfMonth(startYear, 12) : endOfMonth(startYear + 1, startMonth - 1);
  return {
    kind,
    start,
    end,
    key: kind === "calendar" ? String(startYear) : `${startYear}–${startYear + 1}`,
    label: `${swedishLongDate(start)} – ${swedishLongDate(end)}`,
  };
}

export function periodContaining(kind: PeriodKind, date: IsoDate): ReportingPeriod {
  return periodStartingIn(kind, startYearContaining(kind, date));
}

/** The key of the period containing a date, without the label (a compilation asks thousands of times). */
export function periodKeyContaining(kind: PeriodKind, date: IsoDate): string {
  const startYear = startYearContaining(kind, date);
  return kind === "calendar" ? String(startYear) : `${startYear}–${startYear + 1}`;
}

function startYearContaining(kind: PeriodKind, date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= START_MONTH[kind] ? year : year - 1;
}

export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  return periodStartingIn(period.kind, parseIsoDate(period.start).year - 1);
}

/** The last complete period on a date (the one reports are written about). */
export function latestCompletePeriod(kind: PeriodKind, date: IsoDate): ReportingPeriod {
  return previousPeriod(periodContaining(kind, date));
}

/** Parses a period key ("2022" or "2021–2022"/"2021-2022") for a period kind. */
export function periodFromKey(kind: PeriodKind, key: string): ReportingPeriod | undefined {
  const match = /^(\d{4})(?:\s*[–-]\s*(\d{4}))?$/.exec(key.trim());
  if (!match) return undefined;
  const startYear = Number(match[1]);
  if (kind === "calendar")
    return match[2] === undefined ? periodStartingIn(kind, startYear) : undefined;
  if (match[2] !== undefined && Number(match[2]) !== startYear + 1) return undefined;
  return periodStartingIn(kind, match[2] === undefined ? startYear - 1 : startYear);
}

/** The date the nämnd's report for a period is due: the end of its report month after the period. */
export function committeeReportDue(period: ReportingPeriod, reportMonth: number): IsoDate {
  const end = parseIsoDate(period.end);
  const year = reportMonth > end.month ? end.year : end.year + 1;
  return endOfMonth(year, reportMonth);
}

/**
 * A period as people type it, written the one way periods are stored:
 * "2026–2027" (en dash) or "2026". Accepts 2026-2027, 2026 - 2027,
 * 2026/2027, 2026/27 and 2026–27; the second year must follow the first.
 * Undefined for anything else.
 */
export function normalisePeriodKey(input: string): string | undefined {
  const text = input.trim();
  if (/^\d{4}$/.test(text)) return text;
  const [, start, written] = /^(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})$/.exec(text) ?? [];
  if (start === undefined || written === undefined) return undefined;
  const first = Number(start);
  const second =
    written.length === 4 ? Number(written) : Math.floor((first + 1) / 100) * 100 + Number(written);
  return second === first + 1 ? `${first}–${second}` : undefined;
}
