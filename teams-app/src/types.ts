/** The API's JSON shapes as the tab uses them; the nämnd's records are the domain's own types. */

import type {
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
} from "../../api/src/domain/model.ts";

export type { Deficiency, Deviation, FollowUp, FollowUpPlan, KickoffMeeting };

export interface Person {
  id: string;
  name: string;
  email: string;
}

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

export type ObligationStatus = "upcoming" | "due" | "late";

export interface Obligation {
  key: string;
  rule: string;
  committeeId: string;
  status: ObligationStatus;
  dueDate: string;
  title: string;
  owner?: Person;
  target: { kind: "committee" | "contract" | "plan" | "deficiency" | "report"; id: string };
  /** The reporting period a follow-up obligation is for. */
  period?: string;
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

export type Level = "låg" | "hög";

export interface Provider {
  name: string;
  orgNumber: string;
  email: string;
}

export interface Contract {
  id: string;
  etag: string;
  title: string;
  contractNumber: string;
  committeeId: string;
  sharedWithCommitteeIds: string[];
  serviceArea: string;
  /** All providers; a LOV or framework contract has several. */
  providers: Provider[];
  /** The providers' names as one text. */
  provider: string;
  providerOrgNumber: string;
  ownRegime: boolean;
  owner: Person;
  valueClass: Level;
  impactClass: Level;
  strategic: boolean;
  overrideReason: string;
  annualValue?: number;
  startDate?: string;
  endDate?: string;
  extensionOptions: string;
  extensionDecisionDate?: string;
  status: "planerat" | "aktivt" | "avslutat";
  followUpsPerYear: number;
  description: string;
  publicFields: string[];
  publicDescription: string;
  internalNotes: string;
  warning?: string;
}

export interface HistoryEntry {
  version: string;
  modified: string;
  modifiedBy: string;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
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
  /** Reminders that may not have reached their channel. */
  reminderProblems: ReminderProblem[];
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

export type ReportStatus = "utkast" | "klar för nämnd" | "beslutad";

export interface ReportRecord {
  id: string;
  etag: string;
  committeeId: string;
  reportType: string;
  period: string;
  status: ReportStatus;
  title: string;
  webUrl: string;
  generatedAt: string;
  decisionDate?: string;
  paragraph: string;
  registryNumber: string;
}

/** A record of one of the nämnd's lists tied to a contract. */
export type ContractRecord = KickoffMeeting | Deviation | FollowUp | Deficiency;
