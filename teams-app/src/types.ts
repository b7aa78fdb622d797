/**
 * The API's JSON shapes as the tab uses them, all of them the API's own
 * types: what it stores (contracts, records, reports, obligations, history),
 * what its presenters answer (summaries, dashboards) and what its routes take
 * (the zod schemas' input, in `api-shapes.ts`). Type imports only, so no
 * server code reaches the tab's bundle; the tab declares none of these itself.
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
} from "../../api/src/domain/model.ts";
import type { ContractAnswer } from "../../api/src/http/api-shapes.ts";
import type { HistoryEntry } from "../../api/src/presenters/history.ts";

export type { ReportingPeriod as Period } from "../../api/src/domain/reporting-period.ts";
export type {
  ChatActivity,
  ChatCard,
  ChatPage,
  CommitteeSummary,
  ContractInput,
  ContractList,
  ContractRisk,
  Dashboard,
  DeficiencyInput,
  DeviationInput,
  EvidenceItem,
  FlaggedProvider,
  FollowUpInput,
  ImportDone,
  ImportInput,
  ImportLine,
  ImportPreview,
  ImportResultInput,
  Items,
  KickoffInput,
  LocalPerson,
  Me,
  MyCommittee,
  Overview,
  OverviewRow,
  PlanInput,
  ProviderAnswerInput,
  ProviderContractRow,
  ProviderPage,
  ProviderQuestion,
  ProviderRegisterCard,
  ProviderRegisterEntry,
  ProviderRegisterInput,
  ProviderSummary,
  RecordRemoved,
  RecordRestored,
  ReminderProblem,
  ReminderResent,
  RemovedList,
  ReportInput,
  ReportLifeAnswer,
  ReportLifeInput,
  ReportMade,
  RiskAssessmentInput,
  RiskCadenceView,
  RiskMatrixView,
  RiskSettingsInput,
  RiskSettingsView,
  RiskWithdrawalInput,
  SheetChoice,
  UploadedFile,
} from "../../api/src/http/api-shapes.ts";
export type { RemovedRecord } from "../../api/src/presenters/removed.ts";

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

/**
 * `true` only when A and B have the same keys, else `false`: a form's fields
 * held against what the API takes, so a field renamed there fails the tab's
 * typecheck instead of being sent under its old name.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [
  never,
  never,
]
  ? true
  : false;

/**
 * The fields of a stored record that the API also takes: what a form edits.
 * A field renamed in the API's schema drops out, and the form's field for it
 * no longer compiles.
 */
export type FormOf<Stored, Input> = Pick<Stored, keyof Stored & keyof Input>;

/** A contract as the API sends it: with a warning when its nämnd's setup is incomplete. */
export type Contract = ContractAnswer;

/** A record of one of the nämnd's lists tied to a contract. */
export type ContractRecord = KickoffMeeting | Deviation | FollowUp | Deficiency;
