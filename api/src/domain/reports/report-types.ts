import type { IsoDate } from "../dates.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  ReportRecord,
  ReportType,
} from "../model.ts";
import type { FlaggedProvider } from "../provider-signals.ts";

/**
 * The report models: what each draft holds, as plain data the Word layer and
 * a kommun's template lay out. Titles of the report types.
 */

export const REPORT_TYPE_TITLES: Record<ReportType, string> = {
  namnd: "Redovisning av strategiska avtal",
  ks: "Uppföljning av nämndernas strategiska avtal",
  plan: "Uppföljningsplan för strategiska avtal",
  uppstart: "Protokoll från uppstartsmöte",
  aterkoppling: "Återkoppling av uppföljning",
};

/** The person generating the draft, as the directory knows them (handläggare). */
export interface Handler {
  name: string;
  /** Job title from the directory; may be empty. */
  title: string;
  email: string;
}

/** A paragraph with a note to the writer, laid out as a Word comment (never as text). */
export interface Passage {
  text: string;
  note?: string | undefined;
}

/** One signature: a name and title, with a line to sign on where the document is signed by hand. */
export interface Signature {
  /** "Vid protokollet", "Justeras" … ; empty for a plain signature. */
  role: string;
  name: string;
  title: string;
  signedByHand: boolean;
}

/** A decision point with an optional list under it (e.g. one line per contract). */
export interface DecisionPoint {
  text: string;
  items: string[];
}

export interface ReportBase {
  type: ReportType;
  /** Title shown in the document, its properties and the Rapporter list. */
  title: string;
  /** File name without extension. */
  fileTitle: string;
  municipality: string;
  committeeName: string;
  /** Who writes it: "Kommunledningskontoret" for the KS compilation, else the nämnd. */
  office: string;
  /** "Tjänsteskrivelse", "Protokoll", "Brev", "Uppföljningsplan". */
  documentKind: string;
  /** Period key ("2021–2022"), mandate period or year. */
  period: string;
  /** Document date. */
  date: IsoDate;
  /** The case's registry number; empty until the secretary registers it. */
  registryNumber: string;
  handler: Handler;
  /** The document's own decision as far as it is known: status, decision date and paragraph. */
  decision: { status: string; date: string; paragraph: string };
  /** What the writer should check before sending; laid out as comments on the title. */
  notes: string[];
}

export interface DeficiencyEntry {
  description: string;
  /** The provider it concerns; empty for the whole contract. */
  provider: string;
  goalImpact: string;
  owner: string;
  measures: string;
  deadline: string;
  checkUp: string;
  checkUpResult: string;
  /** The action plan's check-up in words, tensed from its status and dates. */
  progress: string;
  sanction: string;
  status: string;
}

export interface FollowUpResult {
  date: string;
  form: string;
  meetsRequirements: string;
  deficiencies: string;
  goalImpact: string;
  actionPlan: string;
  goalFulfilment: string;
  serviceEvaluation: string;
  controlSufficient: string;
  feedbackToProvider: string;
}

export interface ContractSection {
  title: string;
  contractNumber: string;
  /** All providers' names. */
  provider: string;
  providerCount: number;
  serviceArea: string;
  ownRegime: boolean;
  /** The other nämnder that report their part of a shared contract. */
  sharedWith: string[];
  followUp: FollowUpResult | undefined;
  deficiencies: DeficiencyEntry[];
  /** "2 pågår, 1 åtgärdad" – the action plans' statuses, counted. */
  actionPlanStatus: string;
}

export interface CommitteeReportModel extends ReportBase {
  type: "namnd";
  periodLabel: string;
  proposal: DecisionPoint[];
  summary: string[];
  background: string[];
  sections: ContractSection[];
  basis: string[];
  distribution: string[];
  signatures: Signature[];
}

export interface KsCompilationModel extends ReportBase {
  type: "ks";
  /** Kommunstyrelsens förslag till kommunfullmäktige (seed 000). */
  proposal: string[];
  /** Kommunstyrelsens own decisions: one commission per nämnd whose follow-up must develop (seed 004). */
  decisions: string[];
  summary: string[];
  caseText: string[];
  /** Kommunledningskontorets sammantagna bedömning, pre-filled from the results for the writer to confirm. */
  assessment: Passage;
  basis: BasisEntry[];
  distribution: string[];
  strategicCount: number;
  withDeficiencies: string[];
  /** Uppsiktsplikt: providers failing in several nämnder, with a sentence for KS's assessment. */
  providerSignals: { heading: string; paragraphs: string[] };
  signatures: Signature[];
}

/** One nämnd's report in the KS compilation's Beslutsunderlag, with its decision as far as it is known. */
export interface BasisEntry extends Passage {
  committee: string;
  decided: boolean;
  decisionDate: string;
  paragraph: string;
  status: string;
}

export interface PlanSection {
  heading: string;
  paragraphs: string[];
  bullets: string[];
  subsections: Array<{ heading: string; paragraphs: string[] }>;
}

export interface PlanReportModel extends ReportBase {
  type: "plan";
  status: string;
  proposal: string[];
  sections: PlanSection[];
  contracts: Array<{ title: string; serviceArea: string; provider: string }>;
  timePlan: Array<{ title: string; frequency: string; months: string }>;
}

export interface KickoffReportModel extends ReportBase {
  type: "uppstart";
  contractTitle: string;
  contractNumber: string;
  provider: string;
  meetingDate: string;
  attendees: string[];
  items: Array<{ heading: string; paragraphs: string[] }>;
  signatures: Signature[];
}

export interface FeedbackLetterModel extends ReportBase {
  type: "aterkoppling";
  provider: string;
  /** Address block: the provider's name, organisation number and e-mail. */
  recipient: string[];
  contractTitle: string;
  greeting: string;
  paragraphs: string[];
  /** Only this provider's deficiencies, and only what the provider is to act on. */
  deficiencies: Array<{ description: string; measures: string; deadline: string; checkUp: string }>;
  reply: string;
  contact: string;
  signatures: Signature[];
}

export type ReportModel =
  | CommitteeReportModel
  | KsCompilationModel
  | PlanReportModel
  | KickoffReportModel
  | FeedbackLetterModel;

export interface RegisterData {
  municipality: Municipality;
  committees: Committee[];
  contracts: Contract[];
  plans: FollowUpPlan[];
  kickoffs: KickoffMeeting[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  deviations: Deviation[];
  reports: ReportRecord[];
  /**
   * Providers with open deficiencies or hög risk in two or more nämnder, from
   * the kommun-wide read model: only the KS compilation reads them.
   */
  flaggedProviders?: readonly FlaggedProvider[] | undefined;
}
