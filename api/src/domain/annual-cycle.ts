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
] as const;
export type ObligationRule = (typeof OBLIGATION_RULES)[number];

export type ObligationStatus = "upcoming" | "due" | "late";

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

export function annualCycle(input: AnnualCycleInput): Obligation[] {
  const options = { ...DEFAULTS, ...input.options };
  const { today, municipality } = input;
  const obligations: Obligation[] = [];
  const committeesById = new Map(input.committees.map((committee) => [committee.id, committee]));

  const add = (
    draft: Omit<Obligation, "status" | "key">,
    remindFrom: IsoDate,
    done: boolean,
    lateUntil?: IsoDate,
  ) => {
    if (done || today < remindFrom) return;
    if (lateUntil && today > lateUntil) return;
    const daysLeft = daysBetween(today, draft.dueDate);
    const status: ObligationStatus =
      daysLeft < 0 ? "late" : daysLeft <= options.dueWithinDays ? "due" : "upcoming";
    obligations.push({
      ...draft,
      status,
      key: `${draft.rule}|${draft.target.kind}:${draft.target.id}|${draft.committeeId}|${draft.dueDate}`,
    });
  };

  // The follow-up plan, once per nämnd and mandate period.
  const mandate = mandatePeriodContaining(today);
  for (const committee of input.committees) {
    const decided = input.plans.some(
      (plan) =>
        plan.committeeId === committee.id &&
        plan.mandatePeriod === mandate.key &&
        plan.status === "beslutad",
    );
    const draft = input.plans.find(
      (plan) => plan.committeeId === committee.id && plan.mandatePeriod === mandate.key,
    );
    add(
      {
        rule: "plan",
        committeeId: committee.id,
        dueDate: mandate.planDue,
        title: `Uppföljningsplan för mandatperioden ${mandate.key} ska beslutas av nämnden`,
        owner: undefined,
        target: draft ? { kind: "plan", id: draft.id } : { kind: "committee", id: committee.id },
      },
      addDays(mandate.planDue, -180),
      decided,
    );
  }

  for (const contract of input.contracts) {
    if (contract.status === "avslutat") continue;

    // Kickoff before a new contract starts.
    if (contract.startDate) {
      const held = input.kickoffs.some(
        (meeting) =>
          meeting.contractId === contract.id && meeting.contractStart === contract.startDate,
      );
      add(
        {
          rule: "kickoff",
          committeeId: contract.committeeId,
          dueDate: contract.startDate,
          title: `Uppstartsmöte före avtalsstart ${swedishLongDate(contract.startDate)}: ${contract.title}`,
          owner: contract.owner,
          target: { kind: "contract", id: contract.id },
        },
        addDays(contract.startDate, -60),
        held,
        addDays(contract.startDate, options.kickoffLateWindowDays),
      );
    }

    // Follow-ups of strategic contracts per reporting period and cadence, for each reporting nämnd.
    if (contract.strategic) {
      for (const committeeId of reportingCommitteeIds(contract)) {
        const committee = committeesById.get(committeeId);
        if (!committee) continue;
        const current = periodContaining(periodKindOf(committee, municipality), today);
        for (const period of [previousPeriod(current), current]) {
          if (!activeDuring(contract, period)) continue;
          const done = input.followUps.filter(
            (followUp) =>
              followUp.contractId === contract.id &&
              followUp.committeeId === committeeId &&
              followUp.period === period.key &&
              followUp.status === "klar",
          ).length;
          followUpDueDates(period, contract.followUpsPerYear || 1).forEach((dueDate, index) => {
            add(
              {
                rule: "follow-up",
                committeeId,
                dueDate,
                title: `Uppföljning ${index + 1} av ${contract.title} för perioden ${period.key}`,
                owner: contract.owner,
                target: { kind: "contract", id: contract.id },
                period: period.key,
              },
              addDays(dueDate, -45),
              done > index,
            );
          });
        }
      }
    }

    // Contract end and the extension-option deadline, with the kommun's notice.
    if (contract.endDate) {
      add(
        {
          rule: "contract-end",
          committeeId: contract.committeeId,
          dueDate: contract.endDate,
          title: `Avtalet ${contract.title} löper ut ${swedishLongDate(contract.endDate)}`,
          owner: contract.owner,
          target: { kind: "contract", id: contract.id },
        },
        addMonths(contract.endDate, -municipality.noticeMonths),
        false,
      );
    }
    if (contract.extensionDecisionDate) {
      add(
        {
          rule: "extension-decision",
          committeeId: contract.committeeId,
          dueDate: contract.extensionDecisionDate,
          title: `Beslut om förlängning av ${contract.title} senast ${swedishLongDate(contract.extensionDecisionDate)}`,
          owner: contract.owner,
          target: { kind: "contract", id: contract.id },
        },
        addMonths(contract.extensionDecisionDate, -municipality.noticeMonths),
        false,
        contract.endDate,
      );
    }
  }

  // The nämnd's yearly report on its strategic contracts.
  for (const committee of input.committees) {
    const period = latestCompletePeriod(periodKindOf(committee, municipality), today);
    const due = committeeReportDue(period, reportMonthOf(committee, municipality));
    const finished = input.reports.some(
      (report) =>
        report.committeeId === committee.id &&
        report.reportType === "namnd" &&
        report.period === period.key &&
        report.status !== "utkast",
    );
    add(
      {
        rule: "committee-report",
        committeeId: committee.id,
        dueDate: due,
        title: `Nämndens redovisning av strategiska avtal för ${period.label}`,
        owner: undefined,
        target: { kind: "committee", id: committee.id },
      },
      addDays(due, -60),
      finished,
    );
  }

  // Kommunstyrelsens compilation before year-end.
  const { year } = parseIsoDate(today);
  for (const committee of input.committees.filter((candidate) => candidate.isKs)) {
    const finished = input.reports.some(
      (report) =>
        report.reportType === "ks" && report.period === String(year) && report.status !== "utkast",
    );
    add(
      {
        rule: "ks-report",
        committeeId: committee.id,
        dueDate: `${year}-12-31`,
        title: `Kommunstyrelsens sammanställning av nämndernas uppföljning ${year}`,
        owner: undefined,
        target: { kind: "committee", id: committee.id },
      },
      `${year}-10-01`,
      finished,
    );
  }

  // Action plans: check-ups and deadlines of open deficiencies.
  for (const deficiency of input.deficiencies) {
    if (deficiency.status === "åtgärdad") continue;
    const contract = input.contracts.find((candidate) => candidate.id === deficiency.contractId);
    const about = contract ? ` (${contract.title})` : "";
    if (deficiency.checkUpDate) {
      add(
        {
          rule: "action-plan-check-up",
          committeeId: deficiency.committeeId,
          dueDate: deficiency.checkUpDate,
          title: `Uppföljning av handlingsplan${about}`,
          owner: deficiency.actionOwner,
          target: { kind: "deficiency", id: deficiency.id },
        },
        addDays(deficiency.checkUpDate, -30),
        deficiency.checkUpResult.trim() !== "",
      );
    }
    if (deficiency.deadline) {
      add(
        {
          rule: "action-plan-deadline",
          committeeId: deficiency.committeeId,
          dueDate: deficiency.deadline,
          title: `Åtgärderna i handlingsplanen ska vara klara${about}`,
          owner: deficiency.actionOwner,
          target: { kind: "deficiency", id: deficiency.id },
        },
        addDays(deficiency.deadline, -30),
        false,
      );
    }
  }

  return obligations.sort(
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
