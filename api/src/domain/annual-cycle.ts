import {
  cadenceFor,
  cadenceText,
  DEFAULT_CADENCE,
  dueDatesBetween,
  nextFollowUp,
} from "./cadence.ts";
import {
  addDays,
  addMonths,
  daysBetween,
  type IsoDate,
  parseIsoDate,
  swedishLongDate,
} from "./dates.ts";
import { mandatePeriodContaining } from "./mandate-period.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  Person,
  ReportRecord,
} from "./model.ts";
import {
  committeeReportDue,
  DEFAULT_REPORT_MONTH,
  latestCompletePeriod,
  type PeriodKind,
  periodContaining,
  previousPeriod,
  type ReportingPeriod,
} from "./reporting-period.ts";
import {
  DEFAULT_RISK_MATRIX,
  RISK_LEVEL_LABELS,
  type RiskConfirmation,
  type RiskLevel,
  raiseOf,
  riskLevelOf,
} from "./risk.ts";

/**
 * The annual cycle (årshjul) as one pure function: given the data and a date,
 * which obligations are upcoming, due and late. The dashboard, the bot and the
 * channel reminders all read this one answer.
 */

export const OBLIGATION_RULES = [
  "plan",
  "kickoff",
  "follow-up",
  "committee-report",
  "ks-report",
  "action-plan-check-up",
  "action-plan-deadline",
  "contract-end",
  "extension-decision",
  "risk-review",
] as const;
export type ObligationRule = (typeof OBLIGATION_RULES)[number];

export const OBLIGATION_STATUSES = ["upcoming", "due", "late"] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  upcoming: "Kommande",
  due: "Nu aktuell",
  late: "Försenad",
};

export interface ObligationTarget {
  kind: "committee" | "contract" | "plan" | "deficiency" | "report";
  id: string;
}

export interface Obligation {
  /** Stable identity: rule, target and due date (the reminder log's key uses it). */
  key: string;
  rule: ObligationRule;
  committeeId: string;
  status: ObligationStatus;
  dueDate: IsoDate;
  title: string;
  owner: Person | undefined;
  target: ObligationTarget;
  /** A follow-up's reporting period (its key, e.g. 2025–2026), so the task opens for that period. */
  period?: string | undefined;
}

/**
 * Who answers for an obligation: its owner; kommunledningskontoret for
 * kommunstyrelsen's compilation (it prepares it for KS); else the nämnd.
 */
export function responsibleFor(obligation: Pick<Obligation, "owner" | "rule">): string {
  if (obligation.owner?.name) return obligation.owner.name;
  return obligation.rule === "ks-report" ? "Kommunledningskontoret" : "Nämnden";
}

export interface AnnualCycleInput {
  today: IsoDate;
  municipality: Municipality;
  committees: Committee[];
  contracts: Contract[];
  plans: FollowUpPlan[];
  kickoffs: KickoffMeeting[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  reports: ReportRecord[];
  /**
   * Contracts whose suggested risk level now stands above the level a person
   * confirmed (id → the suggested level). The reminder run computes it
   * kommun-wide (`risenSuggestions`); without it there is no review to remind of.
   */
  risenRisks?: ReadonlyMap<string, RiskLevel> | undefined;
  options?: AnnualCycleOptions;
}

export interface AnnualCycleOptions {
  /** Days before the due date an obligation counts as due (not just upcoming). */
  dueWithinDays?: number;
  /** How long after a contract's start a missing kickoff is still reported late. */
  kickoffLateWindowDays?: number;
}

const DEFAULTS = { dueWithinDays: 14, kickoffLateWindowDays: 180 };

const STATUS_ORDER: Record<ObligationStatus, number> = { late: 0, due: 1, upcoming: 2 };

export function periodKindOf(committee: Committee, municipality: Municipality): PeriodKind {
  return committee.periodKind ?? municipality.defaultPeriodKind;
}

export function reportMonthOf(committee: Committee, municipality: Municipality): number {
  return committee.reportMonth ?? DEFAULT_REPORT_MONTH[periodKindOf(committee, municipality)];
}

/** Committees that report a contract: the owning one and those sharing it. */
export function reportingCommitteeIds(contract: Contract): string[] {
  return [
    contract.committeeId,
    ...contract.sharedWithCommitteeIds.filter((id) => id !== contract.committeeId),
  ];
}

function activeDuring(contract: Contract, period: ReportingPeriod): boolean {
  if (contract.status === "planerat") return false;
  if (contract.startDate && contract.startDate > period.end) return false;
  if (contract.endDate && contract.endDate < period.start) return false;
  return true;
}

/** Follow-up due dates within a period for a cadence of n per year. */
export function followUpDueDates(period: ReportingPeriod, perYear: number): IsoDate[] {
  const count = Math.max(1, Math.min(12, Math.round(perYear)));
  return Array.from({ length: count }, (_, index) =>
    addDays(addMonths(period.start, Math.round(((index + 1) * 12) / count)), -1),
  );
}

/** What every rule reads: the input, the options with their defaults, and today's mandate period. */
interface CycleContext extends AnnualCycleInput {
  options: Required<AnnualCycleOptions>;
  committeesById: Map<string, Committee>;
}

/**
 * One obligation if it is to be shown today: from `remindFrom` until done (and,
 * with `lateUntil`, no longer once that day has passed).
 */
function obligationIf(
  context: CycleContext,
  draft: Omit<Obligation, "status" | "key">,
  when: { remindFrom: IsoDate; done: boolean; lateUntil?: IsoDate },
): Obligation[] {
  const { today, options } = context;
  if (when.done || today < when.remindFrom) return [];
  if (when.lateUntil && today > when.lateUntil) return [];
  const daysLeft = daysBetween(today, draft.dueDate);
  const status: ObligationStatus =
    daysLeft < 0 ? "late" : daysLeft <= options.dueWithinDays ? "due" : "upcoming";
  return [
    {
      ...draft,
      status,
      key: `${draft.rule}|${draft.target.kind}:${draft.target.id}|${draft.committeeId}|${draft.dueDate}`,
    },
  ];
}

const openContracts = (context: CycleContext) =>
  context.contracts.filter((contract) => contract.status !== "avslutat");

/** The follow-up plan, once per nämnd and mandate period: due by 31 December the year after the election. */
function planObligations(context: CycleContext): Obligation[] {
  const mandate = mandatePeriodContaining(context.today);
  return context.committees.flatMap((committee) => {
    const plans = context.plans.filter(
      (plan) => plan.committeeId === committee.id && plan.mandatePeriod === mandate.key,
    );
    const draft = plans[0];
    return obligationIf(
      context,
      {
        rule: "plan",
        committeeId: committee.id,
        dueDate: mandate.planDue,
        title: `Uppföljningsplan för mandatperioden ${mandate.key} ska beslutas av nämnden`,
        owner: undefined,
        target: draft ? { kind: "plan", id: draft.id } : { kind: "committee", id: committee.id },
      },
      {
        remindFrom: addDays(mandate.planDue, -180),
        done: plans.some((plan) => plan.status === "beslutad"),
      },
    );
  });
}

/** A kickoff meeting before a contract starts: from 60 days ahead until held, late for a while after. */
function kickoffObligations(context: CycleContext): Obligation[] {
  return openContracts(context).flatMap((contract) => {
    if (!contract.startDate) return [];
    const held = context.kickoffs.some(
      (meeting) =>
        meeting.contractId === contract.id && meeting.contractStart === contract.startDate,
    );
    return obligationIf(
      context,
      {
        rule: "kickoff",
        committeeId: contract.committeeId,
        dueDate: contract.startDate,
        title: `Uppstartsmöte före avtalsstart ${swedishLongDate(contract.startDate)}: ${contract.title}`,
        owner: contract.owner,
        target: { kind: "contract", id: contract.id },
      },
      {
        remindFrom: addDays(contract.startDate, -60),
        done: held,
        lateUntil: addDays(contract.startDate, context.options.kickoffLateWindowDays),
      },
    );
  });
}

/**
 * What a contract's risk-based cadence starts from for one reporting nämnd:
 * the level in force and the latest follow-up the nämnd finished by `until`.
 */
function riskCadenceInput(
  input: Pick<AnnualCycleInput, "municipality" | "followUps">,
  contract: Contract,
  committeeId: string,
  risk: RiskConfirmation,
  until: IsoDate,
) {
  const matrix = input.municipality.riskMatrix ?? DEFAULT_RISK_MATRIX;
  const cadence = cadenceFor(contract.strategic, input.municipality.riskCadence ?? DEFAULT_CADENCE);
  const level = riskLevelOf(matrix, risk.likelihood, risk.consequence);
  let lastFollowUpOn: IsoDate | undefined;
  for (const followUp of input.followUps) {
    if (
      followUp.contractId === contract.id &&
      followUp.committeeId === committeeId &&
      followUp.status === "klar" &&
      followUp.followUpDate <= until &&
      (lastFollowUpOn === undefined || followUp.followUpDate > lastFollowUpOn)
    )
      lastFollowUpOn = followUp.followUpDate;
  }
  const start = {
    level,
    lastFollowUpOn,
    contractStart: contract.startDate,
    raisedFrom: raiseOf(risk, matrix),
  };
  return { start, level, cadence };
}

/**
 * The next follow-up of a contract whose risk a person has assessed: one
 * interval of the plan's cadence for its level after the latest follow-up this
 * nämnd finished (or the contract's start), brought forward after a raise.
 * Low risk is followed up every other year, so whole periods may pass without one.
 */
function nextRiskFollowUp(
  context: CycleContext,
  contract: Contract,
  committee: Committee,
  risk: RiskConfirmation,
) {
  const { start, level, cadence } = riskCadenceInput(
    context,
    contract,
    committee.id,
    risk,
    context.today,
  );
  return { next: nextFollowUp({ ...start, today: context.today }, cadence), level, cadence };
}

/**
 * The follow-ups a nämnd owes of a strategic contract in a period: at the
 * cadence of its assessed risk level (counted from the latest follow-up
 * finished before the period), or else as often per year as the contract
 * says. The KS overview's expected count and the plan's time plan use it, as
 * the årshjul does.
 */
export function followUpDueDatesOf(
  input: Pick<AnnualCycleInput, "municipality" | "followUps">,
  contract: Contract,
  committeeId: string,
  period: ReportingPeriod,
): IsoDate[] {
  if (!contract.risk) return followUpDueDates(period, contract.followUpsPerYear || 1);
  const { start, cadence } = riskCadenceInput(
    input,
    contract,
    committeeId,
    contract.risk,
    addDays(period.start, -1),
  );
  const until = contract.endDate && contract.endDate < period.end ? contract.endDate : period.end;
  return dueDatesBetween(start, period.start, until, cadence);
}

function riskBasedFollowUp(
  context: CycleContext,
  contract: Contract,
  committee: Committee,
): Obligation[] {
  if (!contract.risk) return [];
  const { next, level, cadence } = nextRiskFollowUp(context, contract, committee, contract.risk);
  // None falls due after the contract has ended.
  if (contract.endDate && next.dueDate > contract.endDate) return [];
  const period = periodContaining(periodKindOf(committee, context.municipality), next.dueDate);
  const label = RISK_LEVEL_LABELS[level].toLocaleLowerCase("sv");
  return obligationIf(
    context,
    {
      rule: "follow-up",
      committeeId: committee.id,
      dueDate: next.dueDate,
      title:
        next.basis === "raised"
          ? `Extra uppföljning av ${contract.title}: risknivån har höjts till ${label}`
          : `Uppföljning av ${contract.title} (${label}: ${cadenceText(level, cadence)})`,
      owner: contract.owner,
      target: { kind: "contract", id: contract.id },
      period: period.key,
    },
    { remindFrom: addDays(next.dueDate, -45), done: false },
  );
}

/**
 * Follow-ups of strategic contracts for each reporting nämnd: at the cadence of
 * the contract's assessed risk level, or else per reporting period as often as
 * the contract says.
 */
function followUpObligations(context: CycleContext): Obligation[] {
  return openContracts(context)
    .filter((contract) => contract.strategic)
    .flatMap((contract) =>
      reportingCommitteeIds(contract).flatMap((committeeId) => {
        const committee = context.committeesById.get(committeeId);
        if (!committee) return [];
        if (contract.risk) return riskBasedFollowUp(context, contract, committee);
        const current = periodContaining(
          periodKindOf(committee, context.municipality),
          context.today,
        );
        return [previousPeriod(current), current]
          .filter((period) => activeDuring(contract, period))
          .flatMap((period) => {
            const done = context.followUps.filter(
              (followUp) =>
                followUp.contractId === contract.id &&
                followUp.committeeId === committeeId &&
                followUp.period === period.key &&
                followUp.status === "klar",
            ).length;
            return followUpDueDates(period, contract.followUpsPerYear || 1).flatMap(
              (dueDate, index) =>
                obligationIf(
                  context,
                  {
                    rule: "follow-up",
                    committeeId,
                    dueDate,
                    title: `Uppföljning ${index + 1} av ${contract.title} för perioden ${period.key}`,
                    owner: contract.owner,
                    target: { kind: "contract", id: contract.id },
                    period: period.key,
                  },
                  { remindFrom: addDays(dueDate, -45), done: done > index },
                ),
            );
          });
      }),
    );
}

/** A contract's end, reminded the kommun's notice (in months) ahead. */
function contractEndObligations(context: CycleContext): Obligation[] {
  return openContracts(context).flatMap((contract) =>
    contract.endDate
      ? obligationIf(
          context,
          {
            rule: "contract-end",
            committeeId: contract.committeeId,
            dueDate: contract.endDate,
            title: `Avtalet ${contract.title} löper ut ${swedishLongDate(contract.endDate)}`,
            owner: contract.owner,
            target: { kind: "contract", id: contract.id },
          },
          {
            remindFrom: addMonths(contract.endDate, -context.municipality.noticeMonths),
            done: false,
          },
        )
      : [],
  );
}

/** The extension-option deadline, reminded the kommun's notice ahead, until the contract ends. */
function extensionDecisionObligations(context: CycleContext): Obligation[] {
  return openContracts(context).flatMap((contract) =>
    contract.extensionDecisionDate
      ? obligationIf(
          context,
          {
            rule: "extension-decision",
            committeeId: contract.committeeId,
            dueDate: contract.extensionDecisionDate,
            title: `Beslut om förlängning av ${contract.title} senast ${swedishLongDate(contract.extensionDecisionDate)}`,
            owner: contract.owner,
            target: { kind: "contract", id: contract.id },
          },
          {
            remindFrom: addMonths(
              contract.extensionDecisionDate,
              -context.municipality.noticeMonths,
            ),
            done: false,
            ...(contract.endDate ? { lateUntil: contract.endDate } : {}),
          },
        )
      : [],
  );
}

/** The nämnd's yearly report on its strategic contracts, in its report month. */
function committeeReportObligations(context: CycleContext): Obligation[] {
  return context.committees.flatMap((committee) => {
    const period = latestCompletePeriod(
      periodKindOf(committee, context.municipality),
      context.today,
    );
    const due = committeeReportDue(period, reportMonthOf(committee, context.municipality));
    const report = context.reports.find(
      (candidate) =>
        candidate.committeeId === committee.id &&
        candidate.reportType === "namnd" &&
        candidate.period === period.key,
    );
    return obligationIf(
      context,
      {
        rule: "committee-report",
        committeeId: committee.id,
        dueDate: due,
        title: `Nämndens redovisning av strategiska avtal för ${period.label}`,
        owner: undefined,
        // The committee, not the report row: the reminder's key must not change when a draft appears.
        target: { kind: "committee", id: committee.id },
      },
      // Met when the nämnd has decided its report, not when a draft exists.
      { remindFrom: addDays(due, -60), done: report?.status === "beslutad" },
    );
  });
}

/** Kommunstyrelsen's compilation of all nämnder, from October until year-end. */
function ksReportObligations(context: CycleContext): Obligation[] {
  const { year } = parseIsoDate(context.today);
  const finished = context.reports.some(
    (report) =>
      report.reportType === "ks" && report.period === String(year) && report.status === "beslutad",
  );
  return context.committees
    .filter((committee) => committee.isKs)
    .flatMap((committee) =>
      obligationIf(
        context,
        {
          rule: "ks-report",
          committeeId: committee.id,
          dueDate: `${year}-12-31`,
          title: `Kommunstyrelsens sammanställning av nämndernas uppföljning ${year}`,
          owner: undefined,
          target: { kind: "committee", id: committee.id },
        },
        { remindFrom: `${year}-10-01`, done: finished },
      ),
    );
}

const openDeficiencies = (context: CycleContext) =>
  context.deficiencies.filter((deficiency) => deficiency.status !== "åtgärdad");

function aboutContract(context: CycleContext, deficiency: Deficiency): string {
  const contract = context.contracts.find((candidate) => candidate.id === deficiency.contractId);
  return contract ? ` (${contract.title})` : "";
}

/** An action plan's check-up, from 30 days ahead until its result is recorded. */
function actionPlanCheckUpObligations(context: CycleContext): Obligation[] {
  return openDeficiencies(context).flatMap((deficiency) =>
    deficiency.checkUpDate
      ? obligationIf(
          context,
          {
            rule: "action-plan-check-up",
            committeeId: deficiency.committeeId,
            dueDate: deficiency.checkUpDate,
            title: `Uppföljning av handlingsplan${aboutContract(context, deficiency)}`,
            owner: deficiency.actionOwner,
            target: { kind: "deficiency", id: deficiency.id },
          },
          {
            remindFrom: addDays(deficiency.checkUpDate, -30),
            done: deficiency.checkUpResult.trim() !== "",
          },
        )
      : [],
  );
}

/** An action plan's deadline, from 30 days ahead until the deficiency is remedied. */
function actionPlanDeadlineObligations(context: CycleContext): Obligation[] {
  return openDeficiencies(context).flatMap((deficiency) =>
    deficiency.deadline
      ? obligationIf(
          context,
          {
            rule: "action-plan-deadline",
            committeeId: deficiency.committeeId,
            dueDate: deficiency.deadline,
            title: `Åtgärderna i handlingsplanen ska vara klara${aboutContract(context, deficiency)}`,
            owner: deficiency.actionOwner,
            target: { kind: "deficiency", id: deficiency.id },
          },
          { remindFrom: addDays(deficiency.deadline, -30), done: false },
        )
      : [],
  );
}

/**
 * The suggestion has risen above a confirmed risk level: the contract's owner
 * looks at the assessment again before its next follow-up. Gone once someone
 * assesses it anew (the suggestion then no longer stands above it).
 */
function riskReviewObligations(context: CycleContext): Obligation[] {
  const risen = context.risenRisks;
  if (!risen || risen.size === 0) return [];
  return openContracts(context).flatMap((contract) => {
    const suggested = risen.get(contract.id);
    const committee = context.committeesById.get(contract.committeeId);
    if (!suggested || !contract.risk || !committee) return [];
    const { next, level } = nextRiskFollowUp(context, contract, committee, contract.risk);
    const lower = (value: RiskLevel) => RISK_LEVEL_LABELS[value].toLocaleLowerCase("sv");
    return obligationIf(
      context,
      {
        rule: "risk-review",
        committeeId: contract.committeeId,
        dueDate: next.dueDate,
        title: `Se över riskbedömningen av ${contract.title}: förslaget är nu ${lower(suggested)}, bedömningen ${lower(level)}`,
        owner: contract.owner,
        target: { kind: "contract", id: contract.id },
      },
      { remindFrom: contract.risk.confirmedOn, done: false },
    );
  });
}

/** Every rule of the årshjul, one function each (the union above names them). */
const RULES: Record<ObligationRule, (context: CycleContext) => Obligation[]> = {
  plan: planObligations,
  kickoff: kickoffObligations,
  "follow-up": followUpObligations,
  "committee-report": committeeReportObligations,
  "ks-report": ksReportObligations,
  "action-plan-check-up": actionPlanCheckUpObligations,
  "action-plan-deadline": actionPlanDeadlineObligations,
  "contract-end": contractEndObligations,
  "extension-decision": extensionDecisionObligations,
  "risk-review": riskReviewObligations,
};

export function annualCycle(input: AnnualCycleInput): Obligation[] {
  const context: CycleContext = {
    ...input,
    options: { ...DEFAULTS, ...input.options },
    committeesById: new Map(input.committees.map((committee) => [committee.id, committee])),
  };
  return OBLIGATION_RULES.flatMap((rule) => RULES[rule](context)).sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.key.localeCompare(b.key),
  );
}

/** Counts per status, for dashboards and the KS overview. */
export function countByStatus(obligations: Obligation[]): Record<ObligationStatus, number> {
  const counts: Record<ObligationStatus, number> = { upcoming: 0, due: 0, late: 0 };
  for (const obligation of obligations) counts[obligation.status] += 1;
  return counts;
}
