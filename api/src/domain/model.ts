import type { Cadence } from "./cadence.ts";
import type { Level } from "./classification.ts";
import type { IsoDate } from "./dates.ts";
import type { PeriodKind } from "./reporting-period.ts";
import type { RiskConfirmation, RiskMatrix } from "./risk.ts";

/**
 * The domain's objects, named after DOMAIN.md's glossary. Ids are the
 * SharePoint list item ids (strings); `etag` is carried from read to write so
 * concurrent edits never silently overwrite each other.
 */

/** A person, kept as Entra object id + display name + UPN (DESIGN: not a person column). */
export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Municipality {
  name: string;
  defaultPeriodKind: PeriodKind;
  /** Months before a contract's end (or option deadline) to remind, default 3. */
  noticeMonths: number;
  /** The internal-control risk matrix (Inställningar); the common 4×4 when absent. */
  riskMatrix?: RiskMatrix | undefined;
  /** Follow-up intervals per risk level (the plan's cadence); SKR's defaults when absent. */
  riskCadence?: Cadence | undefined;
}

export interface Committee {
  id: string;
  etag: string;
  name: string;
  /** Short code, e.g. "SN"; unique. */
  code: string;
  /** Overrides the kommun's period setting. */
  periodKind?: PeriodKind | undefined;
  /** Month (1–12) the yearly report is due after a period; default by period kind. */
  reportMonth?: number | undefined;
  /** The nämnd's diarium address (Beslutet expedieras till). */
  registryEmail: string;
  /** Microsoft 365 group whose members are the nämnd's members. */
  groupId: string;
  /** Nämnd secretaries (Entra object ids). */
  secretaryIds: string[];
  /** Kommunstyrelsen itself (it receives the compilation). */
  isKs: boolean;
  teamId: string;
  channelId: string;
  driveId: string;
}

export const CONTRACT_STATUSES = ["planerat", "aktivt", "avslutat"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Fields of a contract that may be shown to the public (insynsrätt); chosen per contract. */
export const PUBLIC_FIELD_CHOICES = [
  "provider",
  "serviceArea",
  "period",
  "followedUp",
  "latestResult",
  "actionPlans",
] as const;
export type PublicField = (typeof PUBLIC_FIELD_CHOICES)[number];

/**
 * One provider of a contract. A contract in a valfrihetssystem (LOV) or a
 * framework agreement has several; deviations, deficiencies and feedback
 * letters name the one they concern.
 */
export interface Provider {
  name: string;
  orgNumber: string;
  /** Where the nämnd's feedback letter is sent. */
  email: string;
}

export interface Contract {
  id: string;
  etag: string;
  title: string;
  contractNumber: string;
  committeeId: string;
  /** Other nämnder that report their part of a shared contract. */
  sharedWithCommitteeIds: string[];
  serviceArea: string;
  /** The providers, at least one; the first is the main one. */
  providers: Provider[];
  /** The providers' names as one text ("A, B och C"), for the register, filters and insyn. */
  provider: string;
  /** The first provider's organisation number. */
  providerOrgNumber: string;
  /** Egen regi: the kommun's own operation, followed up alike since 2024-07-01. */
  ownRegime: boolean;
  owner: Person;
  valueClass: Level;
  impactClass: Level;
  /**
   * False for a contract brought in by the import without value and impact:
   * the nämnd has yet to classify it ("att klassificera" on Översikt).
   */
  classified: boolean;
  strategic: boolean;
  /** Set when the nämnd's decision differs from the matrix. */
  overrideReason: string;
  annualValue?: number | undefined;
  startDate?: IsoDate | undefined;
  endDate?: IsoDate | undefined;
  /** Free text like "1 + 1 år". */
  extensionOptions: string;
  /** Date by which the next extension must be decided (option deadline). */
  extensionDecisionDate?: IsoDate | undefined;
  status: ContractStatus;
  /** Follow-ups per year for this contract (risk-based cadence, SKR); 0 = per plan default. */
  followUpsPerYear: number;
  description: string;
  publicFields: PublicField[];
  /** What is followed up, in words for the public. */
  publicDescription: string;
  internalNotes: string;
  /**
   * A person's risk assessment: the suggestion confirmed or overridden with a
   * reason. Absent until someone assesses it; the suggestion is in force till then.
   */
  risk?: RiskConfirmation | undefined;
}

export const FOLLOW_UP_FORMS = ["tillsyn", "avtalsuppföljning", "verksamhetsuppföljning"] as const;
export type FollowUpForm = (typeof FOLLOW_UP_FORMS)[number];

export const PLAN_STATUSES = ["utkast", "beslutad"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Seed 001's five parts, per nämnd and mandate period. */
export interface FollowUpPlan {
  id: string;
  etag: string;
  committeeId: string;
  mandatePeriod: string;
  /** 1. Vad ska följas upp? */
  scope: string;
  /** 2. Hur? (forms) */
  forms: FollowUpForm[];
  formsDescription: string;
  /** 3. Vem ansvarar? */
  responsibility: string;
  /** 4. När? */
  timetable: string;
  /** 5. Återkoppling till nämnd och utförare. */
  feedback: string;
  status: PlanStatus;
  decisionDate?: IsoDate | undefined;
  registryNumber: string;
}

export const KICKOFF_REASONS = ["nytt avtal", "förlängning"] as const;
export type KickoffReason = (typeof KICKOFF_REASONS)[number];

export interface KickoffMeeting {
  id: string;
  etag: string;
  contractId: string;
  committeeId: string;
  reason: KickoffReason;
  /** The start (or extension start) the meeting prepares. */
  contractStart: IsoDate;
  meetingDate: IsoDate;
  attendees: string;
  continuousReporting: string;
  yearlyReporting: string;
  minutesRegistryNumber: string;
  notes: string;
}

export const SEVERITIES = ["låg", "medel", "hög"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const DEVIATION_STATUSES = ["öppen", "hanterad"] as const;
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

export interface Deviation {
  id: string;
  etag: string;
  contractId: string;
  committeeId: string;
  occurredOn: IsoDate;
  /** The provider it concerns; "" for the contract as a whole. */
  provider: string;
  description: string;
  severity: Severity;
  handling: string;
  status: DeviationStatus;
}

export const REQUIREMENT_ANSWERS = ["ja", "delvis", "nej"] as const;
export type RequirementAnswer = (typeof REQUIREMENT_ANSWERS)[number];
export const FOLLOW_UP_STATUSES = ["utkast", "klar"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** One follow-up of one contract (this nämnd's part) in one reporting period (DOMAIN.md req. 5). */
export interface FollowUp {
  id: string;
  etag: string;
  contractId: string;
  committeeId: string;
  period: string;
  followUpDate: IsoDate;
  form: FollowUpForm;
  meetsRequirements: RequirementAnswer;
  deficienciesSummary: string;
  goalImpact: string;
  actionPlanSummary: string;
  goalFulfilment: string;
  serviceEvaluation: string;
  controlSufficient: boolean;
  feedbackToProviderOn?: IsoDate | undefined;
  /**
   * What the nämnd has decided to tell the providers about the result: the
   * only free text of the follow-up that goes into the feedback letters.
   */
  providerFeedback: string;
  publicSummary: string;
  status: FollowUpStatus;
}

export const DEFICIENCY_STATUSES = ["öppen", "pågår", "åtgärdad", "eskalerad"] as const;
export type DeficiencyStatus = (typeof DEFICIENCY_STATUSES)[number];

/**
 * A deficiency with its action plan, found by a follow-up (and so in its
 * period) or by a deviation, concerning one provider or the whole contract.
 */
export interface Deficiency {
  id: string;
  etag: string;
  contractId: string;
  committeeId: string;
  followUpId?: string | undefined;
  deviationId?: string | undefined;
  /** The provider it concerns; "" for the contract as a whole. */
  provider: string;
  /** When it was registered (the list item's creation), for one linked to neither. */
  recordedOn?: IsoDate | undefined;
  description: string;
  goalImpact: string;
  actionOwner?: Person | undefined;
  measures: string;
  deadline?: IsoDate | undefined;
  checkUpDate?: IsoDate | undefined;
  checkUpResult: string;
  /** Consequence if not met: vitesstrappa, uppsägning … */
  sanctionNote: string;
  status: DeficiencyStatus;
}

export const REPORT_TYPES = ["namnd", "ks", "plan", "uppstart", "aterkoppling"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
/** A report's life: the app's draft, finished for the nämnd's meeting, decided by the nämnd. */
export const REPORT_STATUSES = ["utkast", "klar för nämnd", "beslutad"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A generated report as recorded in the Rapporter list, with the nämnd's decision once taken. */
export interface ReportRecord {
  id: string;
  etag: string;
  /** Unique per report: type, nämnd and what it is about (period, meeting, follow-up and provider). */
  reportKey: string;
  committeeId: string;
  reportType: ReportType;
  period: string;
  status: ReportStatus;
  title: string;
  webUrl: string;
  driveItemId: string;
  generatedAt: string;
  /** The nämnd's decision: date, paragraph (§) and the case's registry number. */
  decisionDate?: IsoDate | undefined;
  paragraph: string;
  registryNumber: string;
}
