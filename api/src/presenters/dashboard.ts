import type { Obligation, ObligationStatus } from "../domain/annual-cycle.ts";
import type { MandatePeriod } from "../domain/mandate-period.ts";
import type { ReportingPeriod } from "../domain/reporting-period.ts";
import type { ReminderStatus } from "../store/schema.ts";
import type { CommitteeView } from "./committee.ts";
import type { FlaggedProviderView } from "./provider-flags.ts";

/** The answers of the nämnd's dashboard (the årshjul) and kommunledningskontoret's overview. */

/** Obligations counted by where they stand. */
export type StatusCounts = Record<ObligationStatus, number>;

/** `GET /api/committees/:id/dashboard`. */
export interface Dashboard {
  committee: CommitteeView;
  today: string;
  currentPeriod: ReportingPeriod;
  latestCompletePeriod: ReportingPeriod;
  mandatePeriod: MandatePeriod;
  counts: StatusCounts & {
    contracts: number;
    strategic: number;
    openDeficiencies: number;
    toClassify: number;
  };
  /** The nämnd's contracts without value and impact (brought in by the import): "att klassificera". */
  toClassify: Array<{ id: string; title: string; contractNumber: string }>;
  /** Past the guidelines' number of strategic contracts. */
  warning?: string;
  obligations: Obligation[];
}

/** One nämnd's row of the overview, for its latest complete period. */
export interface OverviewRow {
  committee: CommitteeView;
  period: string;
  /** The plan's status, "ej påbörjad" before its deadline, "saknas" after. */
  planStatus: string;
  followUps: { done: number; expected: number };
  strategicContracts: number;
  contractsWithDeficiencies: Array<{ id: string; title: string }>;
  openDeficiencies: number;
  reportStatus: string;
  /** The nämnd's decision on its report, once recorded in Rapporter. */
  reportDecision: { date: string; paragraph: string } | null;
  counts: StatusCounts;
  late: Obligation[];
}

/** A reminder that may not have reached its channel. */
export interface ReminderProblem {
  id: string;
  title: string;
  committeeId: string;
  /** "skickas": stopped while sending (may have gone out); "misslyckad": Teams refused it. */
  status: ReminderStatus;
  claimedAt: string;
  error: string;
}

/** `GET /api/overview`: kommunledningskontoret's view of every nämnd. */
export interface Overview {
  today: string;
  mandatePeriod: MandatePeriod;
  totals: { strategicContracts: number; late: number; committeesLate: number };
  committees: OverviewRow[];
  /** Providers with open deficiencies or hög risk in two or more nämnder (uppsiktsplikt). */
  flaggedProviders: FlaggedProviderView[];
  reminderProblems: ReminderProblem[];
}
