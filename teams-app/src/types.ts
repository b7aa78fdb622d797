/**
 * The API's JSON shapes as the tab uses them. What the API sends as it stores
 * it (contracts, records, reports, obligations, history) is the API's own
 * type, imported here so the two cannot drift; only the presenters' shapes
 * (summaries, dashboards) are declared below.
 */

import type { Obligation, ObligationStatus } from "../../api/src/domain/annual-cycle.ts";
import type { Level } from "../../api/src/domain/classification.ts";
import type {
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Person,
  Provider,
  ReportRecord,
  ReportStatus,
  Contract as StoredContract,
} from "../../api/src/domain/model.ts";
import type { HistoryEntry } from "../../api/src/store/app-store.ts";

export type {
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  HistoryEntry,
  KickoffMeeting,
  Level,
  Obligation,
  ObligationStatus,
  Person,
  Provider,
  ReportRecord,
  ReportStatus,
};

/** A contract as the API sends it: with a warning when its nämnd's setup is incomplete. */
export type Contract = StoredContract & { warning?: string };

export interface CommitteeSummary {
  id: string;
  name: string;
  code: string;
  isKs: boolean;
  periodKind: string;
  periodLabel: string;
  /** Only for nämnder the person may read. */
  registryEmail?: string;
  groupId?: string;
  canWrite?: boolean;
  canDecide?: boolean;
}

export interface Me {
  user: Person;
  roles: { klk: boolean; member: string[]; secretary: string[] };
  municipality: string;
  mode: "local" | "tenant";
  committees: CommitteeSummary[];
}

export interface Period {
  start: string;
  end: string;
  key: string;
  label: string;
}

export interface Dashboard {
  committee: CommitteeSummary;
  today: string;
  currentPeriod: Period;
  latestCompletePeriod: Period;
  mandatePeriod: { key: string; label: string; planDue: string };
  counts: {
    upcoming: number;
    due: number;
    late: number;
    contracts: number;
    strategic: number;
    openDeficiencies: number;
    toClassify: number;
  };
  /** The nämnd's contracts without value and impact (brought in by the import): "att klassificera". */
  toClassify: Array<{ id: string; title: string; contractNumber: string }>;
  warning?: string;
  obligations: Obligation[];
}

export interface OverviewRow {
  committee: CommitteeSummary;
  period: string;
  planStatus: string;
  followUps: { done: number; expected: number };
  strategicContracts: number;
  contractsWithDeficiencies: Array<{ id: string; title: string }>;
  openDeficiencies: number;
  reportStatus: string;
  /** The nämnd's decision on its report, once recorded. */
  reportDecision: { date: string; paragraph: string } | null;
  counts: { upcoming: number; due: number; late: number };
  late: Obligation[];
}

export interface Overview {
  today: string;
  mandatePeriod: { key: string; label: string; planDue: string };
  totals: { strategicContracts: number; late: number; committeesLate: number };
  committees: OverviewRow[];
  /** Providers with open deficiencies or hög risk in two or more nämnder (uppsiktsplikt). */
  flaggedProviders: FlaggedProvider[];
  /** Reminders that may not have reached their channel. */
  reminderProblems: ReminderProblem[];
}

export interface FlaggedProvider {
  name: string;
  orgNumber: string;
  places: Array<{
    committeeId: string;
    committeeName: string;
    contracts: number;
    openDeficiencies: number;
    highRiskContracts: number;
  }>;
  /** A sentence KS can use in its assessment. */
  sentence: string;
}

export interface ReminderProblem {
  id: string;
  title: string;
  committeeId: string;
  /** "skickas": stopped while sending (may have gone out); "misslyckad": Teams refused it. */
  status: "skickas" | "misslyckad";
  claimedAt: string;
  error: string;
}

/** A record of one of the nämnd's lists tied to a contract. */
export type ContractRecord = KickoffMeeting | Deviation | FollowUp | Deficiency;
