import {
  followUpDueDates,
  periodKindOf,
  reportingCommitteeIds,
  reportMonthOf,
} from "./annual-cycle.ts";
import { inCommitteeOrder } from "./committee-order.ts";
import { addDays, type IsoDate, parseIsoDate, swedishLongDate, swedishMonthName } from "./dates.ts";
import {
  actionPlanSentences,
  deficiencyPeriodKey,
  hasActionPlan,
  progressText,
} from "./deficiency-progress.ts";
import { mandatePeriodContaining } from "./mandate-period.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  DeficiencyStatus,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  Provider,
  ReportRecord,
  ReportType,
} from "./model.ts";
import { concernsProvider, providerNames } from "./providers.ts";
import { decisionReference, paragraphLabel, REPORT_STATUS_LABELS } from "./report-life.ts";
import {
  latestCompletePeriod,
  PERIOD_KIND_LABELS,
  periodContaining,
  periodFromKey,
  type ReportingPeriod,
} from "./reporting-period.ts";
import {
  capitalized,
  genitive,
  lowerFirst,
  numberWord,
  numberWordCommon,
  paragraphsOf,
  sentence,
  swedishList,
} from "./swedish.ts";

export { numberWord, swedishList } from "./swedish.ts";

/**
 * The content of each report as plain data, built from the register. The
 * Word layer only lays it out; every sentence and fact is decided here, from
 * the data as it stands on the document's date, so a draft never asserts
 * what the register contradicts. Wording follows the sources: seed 000 (the
 * KS protocol), 001 (a nämnd's plan), 002/003 (what a nämnd reports per
 * strategic contract) and 004 (KS's tjänsteskrivelse).
 */

export const REPORT_TYPE_TITLES: Record<ReportType, string> = {
  namnd: "Redovisning av strategiska avtal",
  ks: "Uppföljning av nämndernas strategiska avtal",
  plan: "Uppföljningsplan för strategiska avtal",
  uppstart: "Protokoll från uppstartsmöte",
  aterkoppling: "Återkoppling av uppföljning",
};

const REQUIREMENT_LABELS = { ja: "Ja", delvis: "Delvis", nej: "Nej" } as const;

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
}

const byTitle = (a: { title: string }, b: { title: string }) =>
  a.title.localeCompare(b.title, "sv");

function handlerSignature(handler: Handler): Signature {
  return { role: "", name: handler.name, title: handler.title, signedByHand: false };
}

function handlerLine(handler: Handler): string {
  return [handler.name, handler.title, handler.email].filter(Boolean).join(", ");
}

const noDecision = { status: "", date: "", paragraph: "" };

function rowDecision(row: ReportRecord | undefined): ReportBase["decision"] {
  if (!row) return { ...noDecision, status: REPORT_STATUS_LABELS.utkast };
  return {
    status: REPORT_STATUS_LABELS[row.status],
    date: row.status === "beslutad" ? (row.decisionDate ?? "") : "",
    paragraph: row.status === "beslutad" ? paragraphLabel(row.paragraph) : "",
  };
}

function deficiencyEntry(deficiency: Deficiency, today: IsoDate): DeficiencyEntry {
  return {
    description: deficiency.description,
    provider: deficiency.provider,
    goalImpact: deficiency.goalImpact,
    owner: deficiency.actionOwner?.name ?? "",
    measures: deficiency.measures,
    deadline: deficiency.deadline ? swedishLongDate(deficiency.deadline) : "",
    checkUp: deficiency.checkUpDate ? swedishLongDate(deficiency.checkUpDate) : "",
    checkUpResult: deficiency.checkUpResult,
    progress: progressText(deficiency, today),
    sanction: deficiency.sanctionNote,
    status: capitalized(deficiency.status),
  };
}

const STATUS_PLURALS: Record<DeficiencyStatus, string> = {
  öppen: "öppna",
  pågår: "pågår",
  eskalerad: "eskalerade",
  åtgärdad: "åtgärdade",
};

/** "2 öppna, 4 pågår": the action plans counted by status. */
function actionPlanStatus(deficiencies: Deficiency[]): string {
  if (deficiencies.length === 0) return "–";
  const order: DeficiencyStatus[] = ["öppen", "pågår", "eskalerad", "åtgärdad"];
  return order
    .map((status) => ({
      status,
      count: deficiencies.filter((deficiency) => deficiency.status === status).length,
    }))
    .filter((entry) => entry.count > 0)
    .map(
      (entry) =>
        `${entry.count} ${entry.count === 1 ? entry.status : STATUS_PLURALS[entry.status]}`,
    )
    .join(", ");
}

/** The follow-up a report uses for a contract in a period: the latest finished one. */
export function reportedFollowUp(
  followUps: FollowUp[],
  contractId: string,
  committeeId: string,
  period: string,
): FollowUp | undefined {
  return followUps
    .filter(
      (followUp) =>
        followUp.contractId === contractId &&
        followUp.committeeId === committeeId &&
        followUp.period === period &&
        followUp.status === "klar",
    )
    .sort((a, b) => b.followUpDate.localeCompare(a.followUpDate))[0];
}

/** The deficiencies of one contract that belong to the period (found by its follow-ups or deviations). */
export function periodDeficiencies(
  data: Pick<RegisterData, "deficiencies" | "followUps" | "deviations">,
  contractId: string,
  committee: Committee,
  period: ReportingPeriod,
): Deficiency[] {
  const followUps = new Map(data.followUps.map((followUp) => [followUp.id, followUp]));
  const deviations = new Map(data.deviations.map((deviation) => [deviation.id, deviation]));
  return data.deficiencies.filter(
    (deficiency) =>
      deficiency.contractId === contractId &&
      deficiency.committeeId === committee.id &&
      deficiencyPeriodKey(deficiency, period.kind, followUps, deviations) === period.key,
  );
}

function followUpResult(followUp: FollowUp): FollowUpResult {
  return {
    date: swedishLongDate(followUp.followUpDate),
    form: capitalized(followUp.form),
    meetsRequirements: REQUIREMENT_LABELS[followUp.meetsRequirements],
    deficiencies: followUp.deficienciesSummary,
    goalImpact: followUp.goalImpact,
    actionPlan: followUp.actionPlanSummary,
    goalFulfilment: followUp.goalFulfilment,
    serviceEvaluation: followUp.serviceEvaluation,
    controlSufficient: followUp.controlSufficient ? "Ja" : "Nej",
    feedbackToProvider: followUp.feedbackToProviderOn
      ? swedishLongDate(followUp.feedbackToProviderOn)
      : "Inte återkopplat ännu",
  };
}

function contractSection(
  data: RegisterData,
  contract: Contract,
  committee: Committee,
  period: ReportingPeriod,
  today: IsoDate,
): ContractSection {
  const followUp = reportedFollowUp(data.followUps, contract.id, committee.id, period.key);
  const deficiencies = periodDeficiencies(data, contract.id, committee, period).sort(
    (a, b) =>
      (a.checkUpDate ?? "9999").localeCompare(b.checkUpDate ?? "9999") ||
      a.description.localeCompare(b.description, "sv"),
  );
  const names = new Map(data.committees.map((candidate) => [candidate.id, candidate.name]));
  return {
    title: contract.title,
    contractNumber: contract.contractNumber,
    provider: providerNames(contract.providers) || contract.provider,
    providerCount: contract.providers.length,
    serviceArea: contract.serviceArea,
    ownRegime: contract.ownRegime,
    sharedWith: reportingCommitteeIds(contract)
      .filter((id) => id !== committee.id)
      .map((id) => names.get(id) ?? "")
      .filter(Boolean),
    followUp: followUp && followUpResult(followUp),
    deficiencies: deficiencies.map((deficiency) => deficiencyEntry(deficiency, today)),
    actionPlanStatus: actionPlanStatus(deficiencies),
  };
}

/**
 * The strategic contracts a nämnd reports for a period (its own and its part
 * of shared ones): active at some time in the period — a contract that starts
 * after the period, or is only planned, is not counted in it.
 */
export function strategicContractsOf(
  data: Pick<RegisterData, "contracts">,
  committeeId: string,
  period: ReportingPeriod,
): Contract[] {
  return data.contracts
    .filter(
      (contract) =>
        contract.strategic &&
        contract.status !== "planerat" &&
        reportingCommitteeIds(contract).includes(committeeId),
    )
    .filter(
      (contract) =>
        (!contract.startDate || contract.startDate <= period.end) &&
        (!contract.endDate || contract.endDate >= period.start),
    )
    .sort(byTitle);
}

const hasDeficiencies = (section: ContractSection) =>
  section.deficiencies.length > 0 ||
  (section.followUp !== undefined && section.followUp.meetsRequirements !== "Ja");

export const committeeReportFileTitle = (periodKey: string) =>
  `Redovisning strategiska avtal ${periodKey}`;

export const ksCompilationFileTitle = (year: number) => `Kommunstyrelsens sammanställning ${year}`;

/** The nämnd's report row for a period, if one was generated. */
function reportRow(data: RegisterData, committeeId: string, type: ReportType, period: string) {
  return data.reports.find(
    (report) =>
      report.committeeId === committeeId && report.reportType === type && report.period === period,
  );
}

/** Whether the providers meet the essential quality requirements, grouped by the follow-ups' answers. */
function requirementSentence(sections: ContractSection[]): string {
  const followed = sections.filter((section) => section.followUp);
  if (followed.length === 0) return "";
  const titles = (answer: string) =>
    followed
      .filter((section) => section.followUp!.meetsRequirements === answer)
      .map((section) => lowerFirst(section.title));
  if (titles("Ja").length === followed.length)
    return `Nämnden bedömer att utförarna av ${followed.length === 1 ? "det uppföljda strategiska avtalet" : "samtliga uppföljda strategiska avtal"} uppfyller de väsentliga kvalitetskraven enligt avtalen.`;
  const groups = [
    { verb: "uppfyller", rest: "", titles: titles("Ja") },
    { verb: "uppfyller", rest: " delvis", titles: titles("Delvis") },
    { verb: "uppfyller", rest: " inte", titles: titles("Nej") },
  ].filter((group) => group.titles.length > 0);
  const parts = groups.map(
    (group, index) =>
      `${group.verb} ${index === 0 ? `de väsentliga kvalitetskraven enligt avtalen${group.rest}` : `dem${group.rest}`} för ${swedishList(group.titles)}`,
  );
  return `Nämnden bedömer att utförarna ${swedishList(parts)}.`;
}

export function committeeReport(
  data: RegisterData,
  committee: Committee,
  period: ReportingPeriod,
  date: IsoDate,
  handler: Handler,
): CommitteeReportModel {
  const contracts = strategicContractsOf(data, committee.id, period);
  const sections = contracts.map((contract) =>
    contractSection(data, contract, committee, period, date),
  );
  const withDeficiencies = sections.filter(hasDeficiencies);
  const missing = sections.filter((section) => !section.followUp);
  const insufficient = sections.filter((section) => section.followUp?.controlSufficient === "Nej");
  const row = reportRow(data, committee.id, "namnd", period.key);
  const ks = data.committees.find((candidate) => candidate.isKs);

  const summary = [
    `Redovisningen avser perioden ${period.label}. ${committee.name} har ${numberWord(contracts.length)} strategiska avtal${contracts.length > 0 ? `: ${swedishList(contracts.map((contract) => lowerFirst(contract.title)))}` : ""}.`,
    contracts.length === 0
      ? "Nämnden har inga avtal som klassificerats som strategiska under perioden. Nämndens övriga avtal följs upp inom ramen för den interna kontrollen."
      : withDeficiencies.length === 0
        ? missing.length === 0
          ? "Samtliga strategiska avtal har följts upp och utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen."
          : "Inga brister har iakttagits i de avtal som har följts upp."
        : `${capitalized(numberWord(withDeficiencies.length))} avtal innehåller brister: ${swedishList(withDeficiencies.map((section) => lowerFirst(section.title)))}.`,
    ...(missing.length > 0
      ? [
          `Uppföljning för perioden saknas för ${swedishList(missing.map((section) => lowerFirst(section.title)))}.`,
        ]
      : []),
  ];

  const mandate = mandatePeriodContaining(period.end);
  const plan = data.plans.find(
    (candidate) =>
      candidate.committeeId === committee.id && candidate.mandatePeriod === mandate.key,
  );
  const background = [
    "Enligt kommunens riktlinjer för uppföljning och insyn ska nämnden följa upp samtliga avtal i syfte att säkra en likvärdig kvalitet i de tjänster som kommunen tillhandahåller, oavsett om de utförs i egen regi eller av en privat utförare, och tillgodose allmänhetens insyn i hur uppdragen utförs. Återrapporteringen till kommunstyrelsen och kommunfullmäktige begränsas till nämndens strategiska avtal; övriga avtal följs upp inom ramen för den interna kontrollen.",
    "Redovisningen ska visa vilka strategiska avtal som har följts upp och inom vilka verksamhetsområden, om utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen, vilka brister som i så fall har iakttagits, hur bristerna har påverkat nämndens måluppfyllelse och vilka handlingsplaner som har upprättats. Uppföljningen ska kopplas till nämndens måluppfyllelse.",
    plan?.status === "beslutad" && plan.decisionDate
      ? `Uppföljningen har gjorts enligt nämndens uppföljningsplan för mandatperioden ${mandate.key}, beslutad den ${swedishLongDate(plan.decisionDate)}${plan.registryNumber ? ` (dnr ${plan.registryNumber})` : ""}.`
      : `Nämnden har ingen beslutad uppföljningsplan för mandatperioden ${mandate.key}.`,
  ];

  const proposal: DecisionPoint[] = [
    {
      text: `${committee.name} godkänner redovisningen av uppföljningen av nämndens strategiska avtal för perioden ${period.label} och överlämnar den till ${ks ? lowerFirst(ks.name) : "kommunstyrelsen"} för kännedom.`,
      items: [],
    },
  ];
  if (contracts.length > 0) {
    const requirement = requirementSentence(sections);
    if (requirement) proposal.push({ text: requirement, items: [] });
    proposal.push({
      text: "Nämnden bedömer graden av måluppfyllelse utifrån avtalen och den levererade tjänsten enligt följande:",
      items: sections.map((section) =>
        section.followUp
          ? `${section.title}: ${[
              section.followUp.goalFulfilment,
              section.followUp.serviceEvaluation,
            ]
              .map((text) => lowerFirst(text.trim().replace(/[.]$/, "")))
              .filter(Boolean)
              .join("; ")}.`
          : `${section.title}: uppföljning för perioden saknas.`,
      ),
    });
    const followed = sections.filter((section) => section.followUp);
    if (followed.length > 0) {
      proposal.push({
        text:
          insufficient.length === 0
            ? "Nämnden bedömer att befintlig kontroll av verksamheten är tillräcklig för samtliga uppföljda strategiska avtal."
            : `Nämnden bedömer att befintlig kontroll av verksamheten inte är tillräcklig för ${swedishList(insufficient.map((section) => lowerFirst(section.title)))} och att kontrollen ska utvecklas${insufficient.length < followed.length ? "; för övriga avtal är den tillräcklig" : ""}.`,
        items: [],
      });
    }
    if (withDeficiencies.length > 0) {
      proposal.push({
        text: `Bristerna i ${swedishList(withDeficiencies.map((section) => lowerFirst(section.title)))} rapporteras tillsammans med handlingsplanerna till ${ks ? lowerFirst(ks.name) : "kommunstyrelsen"} för kännedom.`,
        items: [],
      });
    }
  }

  const sharing = [...new Set(sections.flatMap((section) => section.sharedWith))].flatMap((name) =>
    data.committees.filter((candidate) => candidate.name === name),
  );
  const distribution = [
    ...(ks && ks.id !== committee.id ? [ks] : []),
    ...inCommitteeOrder(sharing).filter((candidate) => candidate.id !== ks?.id),
  ].map((candidate) => `${genitive(candidate.name)} diarium, ${candidate.registryEmail}`);

  const basis = [
    `Tjänsteskrivelse ${date}`,
    ...(plan?.status === "beslutad" && plan.decisionDate
      ? [
          `Uppföljningsplan för strategiska avtal ${plan.mandatePeriod}, beslutad ${plan.decisionDate}`,
        ]
      : []),
  ];

  return {
    type: "namnd",
    title: `${REPORT_TYPE_TITLES.namnd} ${period.key}`,
    fileTitle: committeeReportFileTitle(period.key),
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Tjänsteskrivelse",
    period: period.key,
    periodLabel: period.label,
    date,
    registryNumber: row?.registryNumber ?? "",
    handler,
    decision: rowDecision(row),
    notes:
      missing.length > 0
        ? [
            `Uppföljning för perioden saknas för ${swedishList(missing.map((section) => section.title))}. Registrera uppföljningen och ta fram utkastet igen, eller förklara i texten varför den saknas.`,
          ]
        : [],
    proposal,
    summary,
    background,
    sections,
    basis,
    distribution,
    signatures: [handlerSignature(handler)],
  };
}

/** Each nämnd's period in the KS compilation's year: the latest complete one at year-end. */
export function ksPeriodOf(
  committee: Committee,
  municipality: Municipality,
  year: number,
): ReportingPeriod {
  return latestCompletePeriod(periodKindOf(committee, municipality), `${year}-12-31`);
}

interface CommitteeResult {
  committee: Committee;
  period: ReportingPeriod;
  contracts: Contract[];
  sections: ContractSection[];
  deficiencies: Map<string, Deficiency[]>;
  report: ReportRecord | undefined;
}

function committeeResults(data: RegisterData, year: number, today: IsoDate): CommitteeResult[] {
  return inCommitteeOrder(data.committees).map((committee) => {
    const period = ksPeriodOf(committee, data.municipality, year);
    const contracts = strategicContractsOf(data, committee.id, period);
    return {
      committee,
      period,
      contracts,
      sections: contracts.map((contract) =>
        contractSection(data, contract, committee, period, today),
      ),
      deficiencies: new Map(
        contracts.map((contract) => [
          contract.id,
          periodDeficiencies(data, contract.id, committee, period),
        ]),
      ),
      report: reportRow(data, committee.id, "namnd", period.key),
    };
  });
}

/** The commission KS gives a nämnd whose follow-up the data shows must develop (seed 004), if any. */
function commission(result: CommitteeResult): string | undefined {
  const titles = (sections: ContractSection[]) =>
    swedishList(sections.map((section) => lowerFirst(section.title)));
  const missing = result.sections.filter((section) => !section.followUp);
  const incomplete = result.sections.filter(
    (section) =>
      section.followUp &&
      (section.followUp.goalFulfilment.trim() === "" ||
        section.followUp.serviceEvaluation.trim() === ""),
  );
  const insufficient = result.sections.filter(
    (section) => section.followUp?.controlSufficient === "Nej",
  );
  const tasks = [
    missing.length > 0 ? `följa upp ${titles(missing)}` : "",
    incomplete.length > 0
      ? `utveckla uppföljningen av ${titles(incomplete)} så att resultatet även omfattar måluppfyllelse och levererad kvalitet`
      : "",
    insufficient.length > 0
      ? `utveckla kontrollen av ${titles(insufficient)}, där nämnden har bedömt att befintlig kontroll inte är tillräcklig`
      : "",
  ].filter(Boolean);
  return tasks.length === 0
    ? undefined
    : `${result.committee.name} uppdras att till kommande års redovisning ${swedishList(tasks)}.`;
}

export function ksCompilation(
  data: RegisterData,
  year: number,
  date: IsoDate,
  handler: Handler,
): KsCompilationModel {
  const ks = data.committees.find((committee) => committee.isKs);
  const results = committeeResults(data, year, date).filter(
    (result) => !result.committee.isKs || result.contracts.length > 0,
  );
  const strategic = new Map(
    results.flatMap((result) => result.contracts.map((contract) => [contract.id, contract])),
  );

  // Contracts with deficiencies, by title: one order whatever order the nämnder were read in.
  const deficient = results
    .flatMap((result) =>
      result.sections.filter(hasDeficiencies).map((section) => ({ result, section })),
    )
    .sort((a, b) => byTitle(a.section, b.section));
  const deficientTitles = [...new Set(deficient.map((entry) => entry.section.title))];
  const missing = results.flatMap((result) =>
    result.sections.filter((section) => !section.followUp).map((section) => ({ result, section })),
  );

  const details: string[] = [];
  const missed: Deficiency[] = [];
  const withoutPlan: Deficiency[] = [];
  for (const { result, section } of deficient) {
    const contract = result.contracts.find((candidate) => candidate.title === section.title);
    const deficiencies = contract ? (result.deficiencies.get(contract.id) ?? []) : [];
    const found = section.followUp?.deficiencies.trim()
      ? sentence(section.followUp.deficiencies)
      : deficiencies.length > 0
        ? `Följande brister har iakttagits: ${swedishList([...new Set(deficiencies.map((deficiency) => lowerFirst(deficiency.description.trim().replace(/[.]$/, ""))))])}.`
        : "Utföraren uppfyller inte fullt ut de väsentliga kvalitetskraven enligt avtalet.";
    const plans = actionPlanSentences(deficiencies, contract, date);
    missed.push(...plans.missed);
    withoutPlan.push(...plans.withoutPlan);
    details.push(
      [
        `Avseende ${lowerFirst(section.title)} (${result.committee.name}): ${found}`,
        ...plans.sentences,
      ].join(" "),
    );
  }
  if (missing.length > 0) {
    details.push(
      `Uppföljning för perioden saknas för ${swedishList(missing.map(({ result, section }) => `${lowerFirst(section.title)} (${result.committee.name})`))}.`,
    );
  }

  const openPlans = results
    .flatMap((result) => [...result.deficiencies.values()].flat())
    .filter((deficiency) => deficiency.status !== "åtgärdad" && hasActionPlan(deficiency));
  const shortfalls = [
    missing.length > 0
      ? `uppföljning saknas för ${numberWord(missing.length)} strategiska avtal`
      : "",
    withoutPlan.length > 0
      ? `handlingsplan saknas för ${withoutPlan.length === 1 ? "en brist" : `${numberWord(withoutPlan.length)} brister`}`
      : "",
    missed.length > 0
      ? `uppföljningen av ${missed.length === 1 ? "en handlingsplan" : `${numberWord(missed.length)} handlingsplaner`} har inte redovisats`
      : "",
  ].filter(Boolean);
  const openSentence =
    openPlans.length > 0
      ? ` Vid sammanställningen är ${openPlans.length === 1 ? "en handlingsplan" : `${numberWord(openPlans.length)} handlingsplaner`} fortfarande ${openPlans.length === 1 ? "öppen" : "öppna"} och följs upp under kommande år.`
      : "";
  const assessment: Passage = {
    text:
      (shortfalls.length === 0
        ? "Kommunledningskontorets sammantagna bedömning är att de åtgärder som är vidtagna och de åtgärder som är planerade säkerställer att syftet med uppföljningen uppnås."
        : `Kommunledningskontorets sammantagna bedömning är att syftet med uppföljningen ännu inte helt uppnås: ${swedishList(shortfalls)}.`) +
      openSentence,
    note: "Bedömningen är förifylld utifrån registrets uppgifter (uppföljningar, handlingsplaner och deras uppföljning). Bekräfta eller ändra den innan skrivelsen skickas.",
  };

  const periodGroups = new Map<string, string[]>();
  for (const result of results) {
    periodGroups.set(result.period.label, [
      ...(periodGroups.get(result.period.label) ?? []),
      result.committee.name,
    ]);
  }
  const [mainPeriod, ...otherPeriods] = [...periodGroups.entries()].sort(
    (a, b) => b[1].length - a[1].length,
  );
  const periodSentence = mainPeriod
    ? `Uppföljningen avser perioden ${mainPeriod[0]}${otherPeriods.length > 0 ? ` (${otherPeriods.map(([label, names]) => `för ${swedishList(names)} ${label}`).join("; ")})` : ""}.`
    : "";

  const factSentence =
    `Antalet strategiska avtal år ${year} uppgick till ${strategic.size} stycken. ` +
    (deficientTitles.length === 0
      ? "Inget avtal innehåller brister."
      : `${capitalized(numberWord(deficientTitles.length))} avtal innehåller brister: ${swedishList(deficientTitles.map(lowerFirst))}.`);

  const decided = results.filter((result) => result.report?.status === "beslutad");
  const undecidedNames = results
    .filter((result) => result.report?.status !== "beslutad")
    .map((result) => result.committee.name);
  const reportSentence =
    undecidedNames.length === 0
      ? "Samtliga nämnders redovisningar är beslutade."
      : `${decided.length === 0 ? "Ingen" : capitalized(numberWordCommon(decided.length))} av ${numberWord(results.length)} nämnders redovisningar är ${decided.length > 1 ? "beslutade" : "beslutad"}. Ännu inte beslutade är redovisningarna från ${swedishList(undecidedNames)}.`;

  const basis: BasisEntry[] = results.map((result) => {
    const name = `${genitive(result.committee.name)} redovisning av strategiska avtal ${result.period.key}`;
    const report = result.report;
    const entry = {
      committee: result.committee.name,
      decided: report?.status === "beslutad",
      decisionDate: report?.status === "beslutad" ? (report.decisionDate ?? "") : "",
      paragraph: report?.status === "beslutad" ? paragraphLabel(report.paragraph) : "",
      status: report ? REPORT_STATUS_LABELS[report.status] : "Saknas",
    };
    if (report?.status === "beslutad")
      return { ...entry, text: `${name}, ${decisionReference(report)}` };
    const state = report ? REPORT_STATUS_LABELS[report.status].toLowerCase() : "inget utkast ännu";
    return {
      ...entry,
      text: `${name} (ej beslutad, ${state})`,
      note: `${genitive(result.committee.name)} redovisning är inte beslutad (${state}). Komplettera med beslutsdatum och paragraf när nämnden har beslutat – registrera beslutet under Rapporter och ta fram sammanställningen igen.`,
    };
  });
  const distribution = [...(ks ? [ks] : []), ...results.map((result) => result.committee)]
    .filter(
      (committee, index, all) => all.findIndex((other) => other.id === committee.id) === index,
    )
    .map((committee) => `${genitive(committee.name)} diarium, ${committee.registryEmail}`);

  const decisions = results.map(commission).filter((text): text is string => text !== undefined);
  const row = ks ? reportRow(data, ks.id, "ks", String(year)) : undefined;
  const undecided = basis.filter((passage) => passage.note).length;

  return {
    type: "ks",
    title: `${REPORT_TYPE_TITLES.ks} ${year}`,
    fileTitle: ksCompilationFileTitle(year),
    municipality: data.municipality.name,
    committeeName: ks?.name ?? "Kommunstyrelsen",
    office: "Kommunledningskontoret",
    documentKind: "Tjänsteskrivelse",
    period: String(year),
    date,
    registryNumber: row?.registryNumber ?? "",
    handler,
    decision: rowDecision(row),
    notes:
      undecided > 0
        ? [
            `${capitalized(numberWord(undecided))} av nämndernas redovisningar är inte beslutade; de är markerade "(ej beslutad)" under Beslutsunderlag.`,
          ]
        : [],
    strategicCount: strategic.size,
    withDeficiencies: deficientTitles,
    proposal: [
      `Kommunfullmäktige noterar informationen och lägger den årliga uppföljningen av strategiska avtal ${year} till handlingarna.`,
    ],
    decisions,
    summary: [
      "Kommuner får enligt 10 kap. 7–9 §§ kommunallagen (2017:725) lämna över verksamhet till privata utförare. Kommunen är fortfarande ansvarig gentemot medborgarna för sådana verksamheter på samma sätt som för verksamhet som bedrivs i egen regi. Nämnderna redovisar årligen uppföljningen av sina strategiska avtal, och kommunledningskontoret sammanställer redovisningarna till kommunstyrelsen och kommunfullmäktige.",
      `${periodSentence} ${factSentence}`,
    ],
    caseText: [
      "I enlighet med riktlinjerna för uppföljning och insyn ska varje nämnd följa upp samtliga avtal i syfte att säkra en likvärdig kvalitet i de tjänster som kommunen tillhandahåller oavsett om de utförs i egen regi eller av en privat utförare. Ytterligare ett syfte är att tillgodose allmänhetens insyn i hur uppdragen utförs. Återrapportering ska ske till fullmäktige men begränsas till kommunens strategiska avtal.",
      `${factSentence} ${reportSentence}`,
      ...details,
    ],
    assessment,
    basis,
    distribution,
    signatures: [handlerSignature(handler)],
  };
}

/** "oktober, februari och juni": the months of the follow-ups in a period of this kind. */
function followUpMonths(kind: ReportingPeriod["kind"], perYear: number, today: IsoDate): string {
  const period = periodContaining(kind, today);
  return swedishList(
    followUpDueDates(period, perYear || 1).map((due) => swedishMonthName(parseIsoDate(due).month)),
  );
}

const timesPerYear = (count: number) =>
  count <= 1 ? "En gång per år" : `${capitalized(numberWord(count))} gånger per år`;

export function planReport(
  data: RegisterData,
  committee: Committee,
  plan: FollowUpPlan,
  date: IsoDate,
  handler: Handler,
): PlanReportModel {
  const kind = periodKindOf(committee, data.municipality);
  const reportMonth = swedishMonthName(reportMonthOf(committee, data.municipality));
  const periodWords = PERIOD_KIND_LABELS[kind].toLowerCase();
  const ks = data.committees.find((candidate) => candidate.isKs);
  const ksName = ks ? lowerFirst(ks.name) : "kommunstyrelsen";
  const contracts = data.contracts
    .filter(
      (contract) =>
        contract.strategic &&
        contract.status !== "avslutat" &&
        reportingCommitteeIds(contract).includes(committee.id),
    )
    .sort(byTitle);
  const decided = plan.status === "beslutad" && plan.decisionDate;
  const formsText = plan.forms.length > 0 ? `${capitalized(swedishList(plan.forms))}.` : "";
  return {
    type: "plan",
    title: `${REPORT_TYPE_TITLES.plan} ${plan.mandatePeriod}`,
    fileTitle: `Uppföljningsplan ${plan.mandatePeriod}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Plan",
    period: plan.mandatePeriod,
    date,
    registryNumber: plan.registryNumber,
    handler,
    decision: {
      status: decided ? "Beslutad" : "Utkast",
      date: decided ? plan.decisionDate! : "",
      paragraph: "",
    },
    notes: [],
    status: decided ? `Beslutad av nämnden den ${swedishLongDate(plan.decisionDate!)}` : "Utkast",
    proposal: decided
      ? []
      : [
          `${committee.name} antar uppföljningsplanen för strategiska avtal för mandatperioden ${plan.mandatePeriod}.`,
          `Planen redovisas till ${ksName} för kännedom.`,
        ],
    sections: [
      {
        heading: "Inledning",
        paragraphs: [
          "Kommunfullmäktige har antagit ett program för uppföljning av verksamhet som utförs av privata utförare. Utifrån programmet ska varje nämnd ta fram en uppföljningsplan där det framgår när och på vilket sätt avtal och verksamheter ska följas upp och utvärderas. Uppföljningsplanen ska redovisas till kommunstyrelsen en gång per mandatperiod, före årsskiftet året efter att riksdagsval har hållits.",
          "Planen innehåller en sammanfattning av nämndens uppföljningsansvar, vilka former av uppföljning som används, vem som ansvarar för att genomföra uppföljningarna, en tidsplan och hur resultatet av uppföljningen återkopplas till nämnden och till utförarna.",
        ],
        bullets: [],
        subsections: [],
      },
      {
        heading: "Syfte",
        paragraphs: ["Uppföljningens huvudsakliga syfte är att:"],
        bullets: ["kontrollera att tecknade avtal följs", "möjliggöra allmänhetens insyn"],
        subsections: [],
      },
      {
        heading: "1. Nämndens uppföljningsansvar – vad ska följas upp",
        paragraphs: [
          ...paragraphsOf(plan.scope),
          contracts.length === 0
            ? "Nämnden har inga avtal som klassificerats som strategiska."
            : `Nämndens strategiska avtal, som redovisas till kommunstyrelsen och kommunfullmäktige, är ${numberWord(contracts.length)} till antalet och framgår av tabellen nedan. Övriga avtal följs upp inom ramen för nämndens interna kontroll.`,
        ],
        bullets: [],
        subsections: [],
      },
      {
        heading: "2. Former för uppföljning – hur ska det följas upp",
        paragraphs: [formsText, ...paragraphsOf(plan.formsDescription)].filter(Boolean),
        bullets: [],
        subsections: [
          {
            heading: "Inför",
            paragraphs: [
              "Inför nya avtal eller förlängning av avtal hålls ett uppstartsmöte där avtalet gås igenom för att säkerställa att kraven på den upphandlade tjänsten uppfylls enligt förfrågningsunderlaget.",
              "På mötet fastställs vilken rapportering som ska ske löpande och årligen för att tillgodose allmänhetens insynsrätt. Uppstartsmötet dokumenteras i ett protokoll som diarieförs.",
            ],
          },
          {
            heading: "Löpande",
            paragraphs: [
              "Avvikelser dokumenteras och hanteras löpande när de inträffar. Brister som upptäcks följs upp med en handlingsplan med ansvarig, åtgärder, sista dag och uppföljning.",
            ],
          },
          {
            heading: "Rapportering",
            paragraphs: [
              `Uppföljningen av de strategiska avtalen återrapporteras årligen till ${lowerFirst(committee.name)} i ${reportMonth} och till ${ksName} för kännedom innan årets slut. Uppföljningsperioden är ${periodWords}.`,
            ],
          },
        ],
      },
      {
        heading: "3. Ansvar för uppföljning – vem",
        paragraphs: paragraphsOf(plan.responsibility),
        bullets: [],
        subsections: [],
      },
      {
        heading: "4. Tidsplan – när",
        paragraphs: [
          ...paragraphsOf(plan.timetable),
          ...(contracts.length > 0
            ? [
                "Tabellen visar hur ofta varje strategiskt avtal följs upp och i vilka månader uppföljningen ska vara klar.",
              ]
            : []),
        ],
        bullets: [],
        subsections: [],
      },
      {
        heading: "5. Återkoppling av resultatet",
        paragraphs: [
          ...paragraphsOf(plan.feedback),
          `Uppföljningen sammanställs i en rapport som överlämnas till ${lowerFirst(committee.name)} i ${reportMonth} för beslut. Beslutet ska innehålla graden av måluppfyllelse utifrån avtal, en utvärdering av levererad tjänst och en bedömning av om befintlig kontroll av verksamheten är tillräcklig.`,
          `Beslutet rapporteras som information till ${ksName}. Brister rapporteras tillsammans med en handlingsplan för dem till ${ksName} för kännedom. Uppföljningen återkopplas även skriftligt till utföraren.`,
        ],
        bullets: [],
        subsections: [],
      },
    ],
    contracts: contracts.map((contract) => ({
      title: contract.title,
      serviceArea: contract.serviceArea,
      provider: providerNames(contract.providers) || contract.provider,
    })),
    timePlan: contracts.map((contract) => ({
      title: contract.title,
      frequency: timesPerYear(contract.followUpsPerYear || 1),
      months: capitalized(followUpMonths(kind, contract.followUpsPerYear, date)),
    })),
  };
}

export function kickoffReport(
  data: RegisterData,
  committee: Committee,
  meeting: KickoffMeeting,
  contract: Contract,
  handler: Handler,
): KickoffReportModel {
  const kind = periodKindOf(committee, data.municipality);
  const firstPeriod = periodContaining(kind, meeting.contractStart);
  const dueDates = followUpDueDates(firstPeriod, contract.followUpsPerYear || 1).filter(
    (due) => due >= meeting.contractStart,
  );
  const reportMonth = swedishMonthName(reportMonthOf(committee, data.municipality));
  const provider = providerNames(contract.providers) || contract.provider;
  const items: KickoffReportModel["items"] = [
    {
      heading: "Avtalet",
      paragraphs: [
        `${contract.title} (${contract.contractNumber}) med ${provider}. ${capitalized(meeting.reason)} med start den ${swedishLongDate(meeting.contractStart)}${contract.endDate ? ` och slut den ${swedishLongDate(contract.endDate)}` : ""}${contract.extensionOptions ? `, med option på förlängning ${contract.extensionOptions}` : ""}.`,
      ],
    },
    {
      heading: "Genomgång av avtalet",
      paragraphs: [
        "Avtalet gicks igenom för att säkerställa att kraven på den upphandlade tjänsten uppfylls enligt förfrågningsunderlaget.",
      ],
    },
    {
      heading: "Löpande rapportering",
      paragraphs: paragraphsOf(meeting.continuousReporting).length
        ? paragraphsOf(meeting.continuousReporting)
        : ["Ingen löpande rapportering utöver avvikelser har bestämts."],
    },
    {
      heading: "Årlig rapportering för allmänhetens insyn",
      paragraphs: paragraphsOf(meeting.yearlyReporting).length
        ? paragraphsOf(meeting.yearlyReporting)
        : ["Ingen årlig rapportering har bestämts."],
    },
    {
      heading: "Uppföljning",
      paragraphs: [
        `Avtalet följs upp ${timesPerYear(contract.followUpsPerYear || 1).toLowerCase()}${contract.strategic ? " som strategiskt avtal" : " inom ramen för nämndens interna kontroll"}.${dueDates.length > 0 ? ` Uppföljning under perioden ${firstPeriod.key} ska vara klar senast den ${swedishList(dueDates.map(swedishLongDate))}.` : ""}`,
        contract.strategic
          ? `Resultatet redovisas för ${lowerFirst(committee.name)} i ${reportMonth} och återkopplas skriftligt till utföraren.`
          : "Resultatet återkopplas skriftligt till utföraren.",
        "Avvikelser rapporteras till kommunen löpande när de inträffar.",
      ],
    },
    ...(paragraphsOf(meeting.notes).length > 0
      ? [{ heading: "Övrigt", paragraphs: paragraphsOf(meeting.notes) }]
      : []),
  ];
  return {
    type: "uppstart",
    title: `${REPORT_TYPE_TITLES.uppstart}: ${contract.title}`,
    fileTitle: `Protokoll uppstartsmöte ${contract.contractNumber} ${meeting.meetingDate}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Protokoll",
    period: meeting.meetingDate.slice(0, 4),
    // The minutes are dated by the meeting, not by the day they were drawn up.
    date: meeting.meetingDate,
    registryNumber: meeting.minutesRegistryNumber,
    handler,
    decision: noDecision,
    notes: meeting.minutesRegistryNumber
      ? []
      : [
          "Protokollet har inget diarienummer ännu. Diarieför protokollet och för in numret på uppstartsmötet, så kommer det med när protokollet tas fram igen.",
        ],
    contractTitle: contract.title,
    contractNumber: contract.contractNumber,
    provider,
    meetingDate: swedishLongDate(meeting.meetingDate),
    attendees: paragraphsOf(meeting.attendees),
    items,
    signatures: [
      {
        role: "Vid protokollet",
        name: contract.owner.name || handler.name,
        title: "avtalsansvarig",
        signedByHand: true,
      },
      { role: "Justeras", name: "", title: `för ${provider}`, signedByHand: true },
    ],
  };
}

/**
 * The feedback letter to one provider about one follow-up. Only what the
 * nämnd has decided to tell the provider about its own performance goes in:
 * the follow-up's feedback text and this provider's deficiencies with what it
 * is to do. Never the nämnd's internal assessments (goal impact, evaluation,
 * control), internal notes, sanctions under consideration, or anything about
 * another provider.
 */
export function feedbackLetter(
  data: RegisterData,
  committee: Committee,
  contract: Contract,
  followUp: FollowUp,
  provider: Provider,
  date: IsoDate,
  handler: Handler,
): FeedbackLetterModel {
  const several = contract.providers.length > 1;
  const own = data.deficiencies
    .filter(
      (deficiency) =>
        deficiency.followUpId === followUp.id &&
        deficiency.contractId === contract.id &&
        (concernsProvider(deficiency.provider, provider) ||
          (!several && deficiency.provider.trim() === "")),
    )
    .sort(
      (a, b) =>
        (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") ||
        a.description.localeCompare(b.description, "sv"),
    );
  const open = own.filter((deficiency) => deficiency.status !== "åtgärdad");
  const periodText =
    periodFromKey(periodKindOf(committee, data.municipality), followUp.period)?.label ??
    followUp.period;
  const earliestDeadline = open
    .map((deficiency) => deficiency.deadline)
    .filter((deadline): deadline is IsoDate => deadline !== undefined && deadline > date)
    .sort()[0];
  const replyBy = [addDays(date, 30), earliestDeadline]
    .filter((candidate): candidate is IsoDate => candidate !== undefined)
    .sort()[0]!;
  const result =
    own.length === 0
      ? several
        ? "Vid uppföljningen iakttogs inga brister i er verksamhet."
        : followUp.meetsRequirements === "ja"
          ? "Uppföljningen visar att ni uppfyller de väsentliga kvalitetskraven enligt avtalet."
          : "Vid uppföljningen iakttogs inga brister som ni behöver åtgärda."
      : open.length === 0
        ? "Vid uppföljningen iakttogs brister i er verksamhet. De är nu åtgärdade, vilket framgår nedan."
        : "Vid uppföljningen iakttogs brister i er verksamhet som ni ska åtgärda. De framgår nedan med vad vi förväntar oss och när.";
  const contact = contract.owner.name
    ? `${contract.owner.name}, avtalsansvarig${contract.owner.email ? `, ${contract.owner.email}` : ""}`
    : handlerLine(handler);
  return {
    type: "aterkoppling",
    title: `${REPORT_TYPE_TITLES.aterkoppling}: ${contract.title}`,
    fileTitle: `Återkoppling ${contract.contractNumber} ${followUp.period}${several ? ` ${provider.name}` : ""}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Brev",
    period: followUp.period,
    date,
    registryNumber: "",
    handler,
    decision: noDecision,
    notes: provider.email
      ? []
      : [
          `Utförarens e-postadress saknas i avtalet. Fyll i den under Avtal (utförare) eller skicka brevet på annat sätt.`,
        ],
    provider: provider.name,
    recipient: [
      provider.name,
      ...(provider.orgNumber ? [`Org.nr ${provider.orgNumber}`] : []),
      ...(provider.email ? [provider.email] : []),
    ],
    contractTitle: contract.title,
    greeting: `Till ${provider.name}`,
    paragraphs: [
      `${committee.name} har följt upp avtalet ${contract.title} (${contract.contractNumber}) för perioden ${periodText} genom ${followUp.form} den ${swedishLongDate(followUp.followUpDate)}. Här återkopplar vi resultatet av uppföljningen av er verksamhet.`,
      ...paragraphsOf(followUp.providerFeedback),
      result,
    ],
    deficiencies: own.map((deficiency) => ({
      description: sentence(deficiency.description),
      measures: deficiency.measures.trim() ? sentence(deficiency.measures) : "",
      deadline:
        deficiency.status === "åtgärdad"
          ? "Åtgärdad"
          : deficiency.deadline
            ? swedishLongDate(deficiency.deadline)
            : "–",
      checkUp:
        deficiency.status === "åtgärdad"
          ? deficiency.checkUpDate
            ? `Uppföljd den ${swedishLongDate(deficiency.checkUpDate)}`
            : "–"
          : deficiency.checkUpDate && deficiency.checkUpDate >= date
            ? `Vi följer upp den ${swedishLongDate(deficiency.checkUpDate)}`
            : "Tid för uppföljning meddelas",
    })),
    reply:
      open.length > 0
        ? `Vi vill att ni senast den ${swedishLongDate(replyBy)} skriftligen redovisar hur ni åtgärdar bristerna. Skicka svaret till kontaktpersonen nedan.`
        : `Har ni synpunkter på återkopplingen vill vi ha dem senast den ${swedishLongDate(replyBy)}. Skicka dem till kontaktpersonen nedan.`,
    contact,
    signatures: [
      {
        role: "Med vänliga hälsningar",
        name: handler.name,
        title: [handler.title, committee.name].filter(Boolean).join(", "),
        signedByHand: false,
      },
    ],
  };
}
