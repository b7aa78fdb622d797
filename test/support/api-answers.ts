import type {
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  ReportRecord,
} from "../../api/src/domain/model.ts";
import type {
  ChatPage,
  CommitteeSummary,
  ContractAnswer,
  ContractList,
  Dashboard,
  EvidenceItem,
  EvidenceRemoved,
  ImportDone,
  ImportPreview,
  Items,
  LocalPerson,
  LocalToken,
  Me,
  OpenData,
  Overview,
  RecordRemoved,
  RecordRestored,
  ReminderResent,
  RemovedList,
  ReportLifeAnswer,
  ReportMade,
} from "../../api/src/http/api-shapes.ts";
import type { Problem } from "../../api/src/http/problem.ts";
import type { ContractRisk } from "../../api/src/presenters/contract-risk.ts";
import type { HistoryEntry } from "../../api/src/presenters/history.ts";
import type { RiskSettingsView } from "../../api/src/presenters/risk-settings.ts";

/**
 * The body a test gets from `app.call`, typed from the method and the path
 * as the API's contract (`api-shapes.ts`) says: `GET /api/contracts/${id}`
 * is a contract, `POST /api/reports` the draft made. A refusal's problem
 * fields (code, detail, errors…) may be read on any answer; a route not
 * listed here answers only those (or say the type: `app.call<T>`).
 */

/** What a refusal adds (its status is the response's). */
export type ProblemFields = Partial<Omit<Problem, "status">>;

type Query = "" | `?${string}`;

/** The records' lists, by their path. */
interface RecordTypes {
  plans: FollowUpPlan;
  kickoffs: KickoffMeeting;
  deviations: Deviation;
  "follow-ups": FollowUp;
  deficiencies: Deficiency;
}

type RecordAnswer<M extends string, P extends string> = {
  [K in keyof RecordTypes]: P extends `/api/${K}/${string}/history${Query}`
    ? Items<HistoryEntry>
    : P extends `/api/${K}/${string}/remove`
      ? RecordRemoved
      : P extends `/api/${K}/${string}`
        ? RecordTypes[K]
        : P extends `/api/${K}${Query}`
          ? M extends "POST"
            ? RecordTypes[K]
            : Items<RecordTypes[K]>
          : never;
}[keyof RecordTypes];

type ContractRoute<
  M extends string,
  P extends string,
> = P extends `/api/contracts/${string}/history${Query}`
  ? Items<HistoryEntry>
  : P extends `/api/contracts/${string}/remove`
    ? RecordRemoved
    : P extends `/api/contracts/${string}/risk${Query}`
      ? ContractRisk
      : P extends `/api/contracts/${string}/shares/${string}`
        ? ProblemFields
        : P extends `/api/contracts/${string}`
          ? ContractAnswer
          : P extends `/api/contracts${Query}`
            ? M extends "POST"
              ? ContractAnswer
              : ContractList
            : never;

type CommitteeRoute<P extends string> = P extends `/api/committees/${string}/dashboard${Query}`
  ? Dashboard
  : P extends `/api/committees/${string}/channel${Query}`
    ? ChatPage
    : P extends `/api/committees${Query}`
      ? Items<CommitteeSummary>
      : never;

type ReportRoute<M extends string, P extends string> = P extends `/api/reports/${string}/content`
  ? string
  : P extends `/api/reports/${string}`
    ? ReportLifeAnswer
    : P extends `/api/reports${Query}`
      ? M extends "POST"
        ? ReportMade
        : Items<ReportRecord>
      : never;

type EvidenceRoute<
  M extends string,
  P extends string,
> = P extends `/api/${string}/${string}/evidence/${string}/remove`
  ? EvidenceRemoved
  : P extends `/api/${string}/${string}/evidence/${string}/content`
    ? string
    : M extends "POST"
      ? EvidenceItem
      : Items<EvidenceItem>;

type Routed<M extends string, P extends string> = P extends `/api/me${Query}`
  ? Me
  : P extends `/api/${string}/${string}/evidence${string}`
    ? EvidenceRoute<M, P>
    : P extends `/api/overview${Query}`
      ? Overview
      : P extends `/api/settings/risk${Query}`
        ? RiskSettingsView
        : P extends `/api/committees${string}`
          ? CommitteeRoute<P>
          : P extends `/api/contracts${string}`
            ? ContractRoute<M, P>
            : P extends `/api/reports${string}`
              ? ReportRoute<M, P>
              : P extends `/api/imports/preview${Query}`
                ? ImportPreview
                : P extends `/api/removed/${string}/${string}/restore`
                  ? RecordRestored
                  : P extends `/api/removed${Query}`
                    ? RemovedList
                    : P extends `/api/imports${Query}`
                      ? ImportDone
                      : P extends `/api/reminders/${string}/release`
                        ? ReminderResent
                        : P extends `/api/local-auth/users${Query}`
                          ? Items<LocalPerson>
                          : P extends `/api/local-auth/token`
                            ? LocalToken
                            : P extends `/api/chat${Query}`
                              ? ChatPage
                              : P extends `/insyn/avtal.json${Query}`
                                ? OpenData
                                : RecordAnswer<M, P>;

/** The answer's body: the route's type (when known) with a refusal's fields. */
export type AnswerOf<M extends string, P extends string> = [Routed<M, P>] extends [never]
  ? ProblemFields
  : Routed<M, P> & ProblemFields;
