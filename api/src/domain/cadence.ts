import { addMonths, type IsoDate, swedishLongDate } from "./dates.ts";
import { RISK_LEVEL_LABELS, RISK_ORDER, type RiskLevel, type SettingProblem } from "./risk.ts";

/**
 * Follow-up cadence from risk, as common Swedish guidance (SKR) puts it:
 * high-risk contracts several times a year, medium yearly, low every other
 * year. The plan may change the intervals; raising a contract's level brings
 * an extra follow-up forward instead of waiting for the next regular one.
 */

export interface Cadence {
  /** Months between follow-ups per risk level. */
  intervalMonths: Record<RiskLevel, number>;
  /** After a raise, the extra follow-up is due within this many months. */
  extraWithinMonths: number;
}

export const DEFAULT_CADENCE: Cadence = {
  intervalMonths: { hög: 6, medel: 12, låg: 24 },
  extraWithinMonths: 2,
};

/**
 * The cadence a contract is followed up at. A strategic contract is followed
 * up at least once every reporting period whatever its risk (its result is
 * part of the nämnd's yearly report and the KS compilation), so its
 * intervals are at most twelve months; others follow the plan's as they are.
 */
export function cadenceFor(strategic: boolean, cadence: Cadence = DEFAULT_CADENCE): Cadence {
  if (!strategic) return cadence;
  const capped = (months: number) => Math.min(months, 12);
  const { hög, medel, låg } = cadence.intervalMonths;
  return {
    ...cadence,
    intervalMonths: { hög: capped(hög), medel: capped(medel), låg: capped(låg) },
  };
}

const levelText = (level: RiskLevel) => RISK_LEVEL_LABELS[level].toLocaleLowerCase("sv");

/** Follow-ups per year for a level (0.5 = every other year), for the plan and the årshjul. */
export function followUpsPerYear(level: RiskLevel, cadence: Cadence = DEFAULT_CADENCE): number {
  return 12 / cadence.intervalMonths[level];
}

/** "två gånger per år", "en gång per år", "vartannat år": the plan document's words. */
export function cadenceText(level: RiskLevel, cadence: Cadence = DEFAULT_CADENCE): string {
  const months = cadence.intervalMonths[level];
  if (months === 24) return "vartannat år";
  if (months === 12) return "en gång per år";
  if (months > 12) return `var ${months}:e månad`;
  const perYear = 12 / months;
  if (Number.isInteger(perYear)) {
    const words = ["", "en", "två", "tre", "fyra", "fem", "sex"];
    return `${words[perYear] ?? perYear} gånger per år`;
  }
  return `var ${months}:e månad`;
}

/** The problems with the intervals as entered in Inställningar, each with its field; empty when usable. */
export function cadenceProblems(cadence: Cadence): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const level of ["hög", "medel", "låg"] as const) {
    const months = cadence.intervalMonths[level];
    if (!Number.isInteger(months) || months < 1 || months > 48) {
      problems.push({
        code: "interval-out-of-range",
        field: `intervalMonths.${level}`,
        message: `Intervallet för ${RISK_LEVEL_LABELS[level].toLocaleLowerCase("sv")} ska vara 1–48 månader.`,
      });
    }
  }
  const { hög, medel, låg } = cadence.intervalMonths;
  if (hög > medel || medel > låg) {
    problems.push({
      code: "intervals-out-of-order",
      field: hög > medel ? "intervalMonths.hög" : "intervalMonths.medel",
      message: "Högre risk ska följas upp minst lika ofta som lägre risk.",
    });
  }
  if (
    !Number.isInteger(cadence.extraWithinMonths) ||
    cadence.extraWithinMonths < 0 ||
    cadence.extraWithinMonths > 48
  ) {
    problems.push({
      code: "extra-out-of-range",
      field: "extraWithinMonths",
      message: "Tiden för en extra uppföljning ska vara ett helt antal månader (0–48).",
    });
  }
  return problems;
}

/** Swedish problems with the intervals as entered in the plan; empty when usable. */
export function checkCadence(cadence: Cadence): string[] {
  return cadenceProblems(cadence).map((problem) => problem.message);
}

export interface NextFollowUpInput {
  level: RiskLevel;
  /** The latest follow-up done (status klar). */
  lastFollowUpOn?: IsoDate | undefined;
  /** With no follow-up yet, the first is due one interval after the start. */
  contractStart?: IsoDate | undefined;
  /** The latest change of the contract's level, if it was raised. */
  raisedFrom?: { level: RiskLevel; on: IsoDate } | undefined;
  today: IsoDate;
}

export type NextFollowUpBasis = "first" | "regular" | "raised";

export interface NextFollowUp {
  dueDate: IsoDate;
  basis: NextFollowUpBasis;
  overdue: boolean;
  /** Why it is due then, in Swedish. */
  text: string;
}

/**
 * When a contract's next follow-up is due. A raise after the latest
 * follow-up schedules an extra one within `extraWithinMonths` of the raise,
 * unless the regular one comes sooner anyway.
 */
export function nextFollowUp(
  input: NextFollowUpInput,
  cadence: Cadence = DEFAULT_CADENCE,
): NextFollowUp {
  const interval = cadence.intervalMonths[input.level];
  const from = input.lastFollowUpOn ?? input.contractStart ?? input.today;
  const regular = addMonths(from, interval);
  let dueDate = regular;
  let basis: NextFollowUpBasis = input.lastFollowUpOn ? "regular" : "first";
  const raise = input.raisedFrom;
  const raisedSinceLast =
    raise !== undefined &&
    RISK_ORDER[input.level] > RISK_ORDER[raise.level] &&
    (input.lastFollowUpOn === undefined || raise.on > input.lastFollowUpOn);
  if (raise && raisedSinceLast) {
    const extra = addMonths(raise.on, cadence.extraWithinMonths);
    if (extra < regular) {
      dueDate = extra;
      basis = "raised";
    }
  }
  const when = swedishLongDate(dueDate);
  const rhythm = cadenceText(input.level, cadence);
  const text =
    basis === "raised" && raise
      ? `Extra uppföljning senast ${when}: risknivån höjdes från ${levelText(raise.level)} till ${levelText(input.level)} den ${swedishLongDate(raise.on)}.`
      : basis === "first"
        ? `Första uppföljningen senast ${when} (${levelText(input.level)}: ${rhythm}).`
        : `Nästa uppföljning senast ${when} (${levelText(input.level)}: ${rhythm}).`;
  return { dueDate, basis, overdue: dueDate < input.today, text };
}

/**
 * The due dates in [from, to] of a contract followed up at its level's
 * cadence: the next one (brought forward after a raise), then one interval
 * apart. One already overdue at `from` is still owed in the span: it counts
 * once, on `from`, and the rhythm goes on from there (overdue rounds do not
 * pile up).
 */
export function dueDatesBetween(
  input: Omit<NextFollowUpInput, "today">,
  from: IsoDate,
  to: IsoDate,
  cadence: Cadence = DEFAULT_CADENCE,
): IsoDate[] {
  const interval = cadence.intervalMonths[input.level];
  let due = nextFollowUp({ ...input, today: from }, cadence).dueDate;
  const dates: IsoDate[] = [];
  if (due < from) {
    dates.push(from);
    due = addMonths(from, interval);
  }
  for (; due <= to; due = addMonths(due, interval)) if (due >= from) dates.push(due);
  return dates;
}
