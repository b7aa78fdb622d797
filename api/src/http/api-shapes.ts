import type { z } from "zod";
import type { PublishOutcome, PublishResult } from "../documents/report-publisher.ts";
import type { Contract, ReportRecord } from "../domain/model.ts";
import type { ImportKind } from "../import/fields.ts";
import type { ImportReport } from "../import/preview.ts";
import type { IMPORT_LIMITS } from "../import/read-file.ts";
import type { PublicContract } from "../presenters/public-contract.ts";
import type { RemovedRecord } from "../presenters/removed.ts";
import type { ReminderRunResult } from "../reminders/reminder-runner.ts";
import type { RemovableListKey } from "../store/schema.ts";
import type { Problem } from "./problem.ts";
import type { contractSchema, providerSchema } from "./routes/contracts.ts";
import type { choiceSchema, fileSchema, importSchema, resultSchema } from "./routes/imports.ts";
import type { chatActivity } from "./routes/local-chat.ts";
import type { providerAnswerSchema, providerRegisterSchema } from "./routes/providers.ts";
import type {
  deficiencySchema,
  deviationSchema,
  followUpSchema,
  kickoffSchema,
  planSchema,
} from "./routes/record-schemas.ts";
import type { generateSchema, lifeSchema } from "./routes/reports.ts";
import type { riskAssessmentSchema, riskWithdrawalSchema } from "./routes/risk.ts";
import type { riskSettingsSchema } from "./routes/risk-settings.ts";

/**
 * The API's contract with the tab, in one place: what a route takes is its
 * zod schema's input, what it answers is the presenter's type. The tab
 * imports these with `import type` only — no server code reaches its bundle,
 * and a field renamed here breaks the tab's typecheck.
 */

export type { CommitteeSummary, Me, MyCommittee } from "../presenters/committee.ts";
export type { ContractRisk } from "../presenters/contract-risk.ts";
export type { Dashboard, Overview, OverviewRow, ReminderProblem } from "../presenters/dashboard.ts";
export type { EvidenceItem } from "../presenters/evidence.ts";
export type { FlaggedProviderView as FlaggedProvider } from "../presenters/provider-flags.ts";
export type {
  ProviderContractRow,
  ProviderDeficiencyRow,
  ProviderOtherCommittee,
  ProviderPage,
  ProviderSummary,
} from "../presenters/provider-page.ts";
export type {
  ProviderQuestion,
  ProviderRegisterCard,
  ProviderRegisterEntry,
} from "../presenters/provider-register.ts";
export type {
  RiskCadenceView,
  RiskMatrixView,
  RiskSettingsView,
} from "../presenters/risk-settings.ts";

/** `POST /api/<kind>/:id/evidence/:fileId/remove`: the file is marked removed. */
export interface EvidenceRemoved {
  id: string;
  removed: true;
}

/** A list answer: `{ items }`. */
export interface Items<T> {
  items: T[];
}

// ---- What the tab sends -------------------------------------------------

/** `POST /api/contracts` and `PATCH /api/contracts/:id` (the whole contract). */
export type ContractInput = z.input<typeof contractSchema>;
export type ProviderInput = z.input<typeof providerSchema>;
/** `PATCH /api/contracts/:id/risk`: a person's assessment (If-Match: the risk's etag). */
export type RiskAssessmentInput = z.input<typeof riskAssessmentSchema>;
/** `PUT /api/providers/:key/register`: the provider's register entry (If-Match when it exists). */
export type ProviderRegisterInput = z.input<typeof providerRegisterSchema>;
/** `DELETE /api/contracts/:id/risk`: why the assessment is withdrawn (If-Match: the risk's etag). */
export type RiskWithdrawalInput = z.input<typeof riskWithdrawalSchema>;
/** `PUT /api/settings/risk`: the kommun's matrix and cadence (If-Match: the settings' etag). */
export type RiskSettingsInput = z.input<typeof riskSettingsSchema>;
/** `POST /api/providers/:key/register/answers`: "Samma leverantör?" answered (If-Match: the entry's etag). */
export type ProviderAnswerInput = z.input<typeof providerAnswerSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type KickoffInput = z.input<typeof kickoffSchema>;
export type DeviationInput = z.input<typeof deviationSchema>;
export type FollowUpInput = z.input<typeof followUpSchema>;
export type DeficiencyInput = z.input<typeof deficiencySchema>;
/** `POST /api/reports`: which draft to make. */
export type ReportInput = z.input<typeof generateSchema>;
/** `PATCH /api/reports/:id`: the report's status and the nämnd's decision, merged onto the stored row. */
export type ReportLifeInput = Partial<z.input<typeof lifeSchema>>;
/** `POST /api/imports/preview` and `POST /api/imports`. */
export type ImportInput = z.input<typeof importSchema>;
/** One file of an import, its bytes as base64. */
export type UploadedFile = z.input<typeof fileSchema>;
/** One sheet's mapping as the person leaves it. */
export type SheetChoice = z.input<typeof choiceSchema>;
/** `POST /api/imports/result.xlsx`: the import's result, sent back for the workbook. */
export type ImportResultInput = z.input<typeof resultSchema>;

// ---- What the API answers -----------------------------------------------

/** A contract as the API sends it: with a warning when its nämnd's setup is incomplete. */
export type ContractAnswer = Contract & { warning?: string };

/** `GET /api/contracts`. */
export interface ContractList extends Items<Contract> {
  total: number;
}

/** `POST /api/reports`: the draft's row, what happened, and where the file is. */
export interface ReportMade {
  report: ReportRecord;
  outcome: PublishOutcome;
  message: string;
  path: string;
  template: PublishResult["template"];
}

/** `PATCH /api/reports/:id`: the stored row, with a note when its file could not be updated. */
export type ReportLifeAnswer = ReportRecord & { message?: string };

/** `POST /api/<list>/:id/remove`: the record marked removed, with its new ETag. */
export interface RecordRemoved {
  id: string;
  etag: string;
  removed: true;
}

/** `GET /api/removed`: kommunledningskontoret's list of removed records. */
export interface RemovedList {
  items: RemovedRecord[];
}

/** `POST /api/removed/:list/:id/restore`. */
export interface RecordRestored {
  list: RemovableListKey;
  id: string;
  etag: string;
  restored: true;
}

/** `POST /api/reminders/:id/release`: kommunledningskontoret's "send again". */
export interface ReminderResent {
  result: ReminderRunResult;
  message: string;
}

/** Local mode: one of the demo people in `GET /api/local-auth/users`. */
export interface LocalPerson {
  id: string;
  name: string;
  email: string;
  description: string;
}

/** A field an import sheet's column can be mapped to. */
export interface FieldChoice {
  key: string;
  label: string;
  required: boolean;
}

/** What each kind of sheet can be mapped to. */
export type FieldChoices = Record<ImportKind, { label: string; fields: FieldChoice[] }>;

/** The nämnd an import went to. */
export interface ImportCommittee {
  id: string;
  name: string;
  code: string;
}

/** `POST /api/imports/preview`. */
export interface ImportPreview {
  committee: ImportCommittee;
  report: ImportReport;
  choices: FieldChoices;
  limits: typeof IMPORT_LIMITS;
}

/** `POST /api/imports` answered as JSON. */
export interface ImportDone {
  committee: ImportCommittee;
  report: ImportReport;
}

/** `POST /api/imports` answered as lines of JSON: progress, then the result, or why it stopped. */
export type ImportLine =
  | { progress: { done: number; total: number } }
  | ImportDone
  | { problem: Problem };

/** Local mode: `POST /api/local-auth/token`, a token for one of the demo people. */
export interface LocalToken {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
}

/** Local mode: an activity of the chat panel (its text, cards, who and when). */
export type ChatActivity = z.infer<typeof chatActivity>;
/** An Adaptive Card of a chat activity, as the chat panel shows it. */
export type ChatCard = NonNullable<ChatActivity["attachments"]>[number]["content"];

/** Local mode: what the bot posted in a conversation, each activity with its sequence number. */
export interface ChatPage {
  /** `GET /api/committees/:id/channel`: the nämnd's channel, null when it has none. */
  channel?: string | null;
  items: Array<{ seq: number; activity: ChatActivity }>;
}

/** `GET /insyn/avtal.json`: the open data of every published contract. */
export interface OpenData {
  schemaVersion: number;
  municipality: string;
  generatedAt: string;
  contracts: PublicContract[];
}
