import { type IsoDate, isoDate, parseIsoDate } from "./dates.ts";

/**
 * Mandate periods (mandatperioder). Swedish general elections are held every
 * fourth year in September (2018, 2022, 2026, …); the new fullmäktige takes
 * office on 15 October. The follow-up plan is due before the end of the year
 * after the election (seed 001): 2022 → 2023-12-31, 2026 → 2027-12-31.
 */

const REFERENCE_ELECTION_YEAR = 2022;
const TERM_START_MONTH = 10;
const TERM_START_DAY = 15;

export interface MandatePeriod {
  electionYear: number;
  start: IsoDate;
  end: IsoDate;
  /** "2026–2030": election year to election year, how plans are stored. */
  key: string;
  /** "2027–2030": the four calendar years of the term, as Swedes write a mandatperiod. */
  label: string;
  planDue: IsoDate;
}

export function isElectionYear(year: number): boolean {
  return (((year - REFERENCE_ELECTION_YEAR) % 4) + 4) % 4 === 0;
}

export function mandatePeriodAfterElection(electionYear: number): MandatePeriod {
  if (!isElectionYear(electionYear))
    throw new RangeError(`${electionYear} is not an election year`);
  return {
    electionYear,
    start: isoDate(electionYear, TERM_START_MONTH, TERM_START_DAY),
    end: isoDate(electionYear + 4, TERM_START_MONTH, TERM_START_DAY - 1),
    key: `${electionYear}–${electionYear + 4}`,
    label: `${electionYear + 1}–${electionYear + 4}`,
    planDue: isoDate(electionYear + 1, 12, 31),
  };
}

/** The mandate period a date falls in (the old term runs until 14 October of an election year). */
export function mandatePeriodContaining(date: IsoDate): MandatePeriod {
  const { year } = parseIsoDate(date);
  let election = year - ((((year - REFERENCE_ELECTION_YEAR) % 4) + 4) % 4);
  if (date < isoDate(election, TERM_START_MONTH, TERM_START_DAY)) election -= 4;
  return mandatePeriodAfterElection(election);
}

export function mandatePeriodFromKey(key: string): MandatePeriod | undefined {
  const match = /^(\d{4})\s*[–-]\s*(\d{4})$/.exec(key.trim());
  if (!match || Number(match[2]) !== Number(match[1]) + 4 || !isElectionYear(Number(match[1])))
    return undefined;
  return mandatePeriodAfterElection(Number(match[1]));
}
