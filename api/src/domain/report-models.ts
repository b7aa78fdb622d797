import { periodKindOf, reportingCommitteeIds } from "./annual-cycle.ts";
import { type IsoDate, swedishLongDate } from "./dates.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  ReportRecord,
  ReportType,
} from "./model.ts";
import { latestCompletePeriod, type ReportingPeriod } from "./reporting-period.ts";

/**
 * The content of each report as plain data, built from the register. The
 * Word layer only lays this out; all wording and facts are decided here.
 */

export const REPORT_TYPE_TITLES: Record<ReportType, string> = {
  namnd: "Redovisning av strategiska avtal",
  ks: "Kommunstyrelsens sammanställning",
  plan: "Uppföljningsplan",
  uppstart: "Protokoll från uppstartsmöte",
  aterkoppling: "Återkoppling till utföraren",
};

const REQUIREMENT_LABELS = { ja: "Ja", delvis: "Delvis", nej: "Nej" } as const;
const NUMBER_WORDS = [
  "inga",
  "ett",
  "två",
  "tre",
  "fyra",
  "fem",
  "sex",
  "sju",
  "åtta",
  "nio",
  "tio",
  "elva",
  "tolv",
];

export function numberWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "a, b och c" */
export function swedishList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items.at(-1)}`;
}

export interface ReportBase {
  type: ReportType;
  /** Title shown in the document and the Rapporter list. */
  title: string;
  /** File name without extension. */
  fileTitle: string;
  municipality: string;
  committeeName: string;
  /** Period key ("2021–2022"), mandate period or year. */
  period: string;
  /** Document date. */
  date: IsoDate;
  /** The case's registry number; empty until the secretary registers it. */
  registryNumber: string;
}

export interface DeficiencyEntry {
  description: string;
  goalImpact: string;
  owner: string;
  measures: string;
  deadline: string;
  checkUp: string;
  checkUpResult: string;
  sanction: string;
  status: string;
}

export interface ContractSection {
  title: string;
  contractNumber: string;
  provider: string;
  serviceArea: string;
  ownRegime: boolean;
  followUp:
    | {
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
    | undefined;
  deficiencies: DeficiencyEntry[];
}

export interface CommitteeReportModel extends ReportBase {
  type: "namnd";
  periodLabel: string;
  decision: string[];
  summary: string[];
  sections: ContractSection[];
}

export interface KsCompilationModel extends ReportBase {
  type: "ks";
  decision: string[];
  summary: string[];
  caseText: string[];
  basis: string[];
  distribution: string[];
  strategicCount: number;
  withDeficiencies: string[];
}

export interface PlanReportModel extends ReportBase {
  type: "plan";
  parts: Array<{ heading: string; text: string }>;
  contracts: Array<{ title: string; serviceArea: string; provider: string }>;
  status: string;
}

export interface KickoffReportModel extends ReportBase {
  type: "uppstart";
  contractTitle: string;
  provider: string;
  meetingDate: string;
  rows: Array<{ heading: string; text: string }>;
}

export interface FeedbackLetterModel extends ReportBase {
  type: "aterkoppling";
  provider: string;
  contractTitle: string;
  greeting: string;
  paragraphs: string[];
  section: ContractSection;
  signature: string;
}

export type ReportModel =
  | CommitteeReportModel
  | KsCompilationModel
  | PlanReportModel
  | KickoffReportModel
  | FeedbackLetterModel;

function deficiencyEntry(deficiency: Deficiency): DeficiencyEntry {
  return {
    description: deficiency.description,
    goalImpact: deficiency.goalImpact,
    owner: deficiency.actionOwner?.name ?? "",
    measures: deficiency.measures,
    deadline: deficiency.deadline ? swedishLongDate(deficiency.deadline) : "",
    checkUp: deficiency.checkUpDate ? swedishLongDate(deficiency.checkUpDate) : "",
    checkUpResult: deficiency.checkUpResult,
    sanction: deficiency.sanctionNote,
    status: capitalized(deficiency.status),
  };
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

function contractSection(
  contract: Contract,
  committeeId: string,
  period: string,
  followUps: FollowUp[],
  deficiencies: Deficiency[],
): ContractSection {
  const followUp = reportedFollowUp(followUps, contract.id, committeeId, period);
  return {
    title: contract.title,
    contractNumber: contract.contractNumber,
    provider: contract.provider,
    serviceArea: contract.serviceArea,
    ownRegime: contract.ownRegime,
    followUp: followUp && {
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
    },
    deficiencies: deficiencies
      .filter(
        (deficiency) =>
          deficiency.contractId === contract.id && deficiency.committeeId === committeeId,
      )
      .filter(
        (deficiency) =>
          !followUp || deficiency.followUpId === undefined || deficiency.followUpId === followUp.id,
      )
      .map(deficiencyEntry),
  };
}

export interface RegisterData {
  municipality: Municipality;
  committees: Committee[];
  contracts: Contract[];
  plans: FollowUpPlan[];
  kickoffs: KickoffMeeting[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  reports: ReportRecord[];
}

/** The strategic contracts a nämnd reports for a period (its own and its part of shared ones). */
export function strategicContractsOf(
  data: RegisterData,
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
    .sort((a, b) => a.title.localeCompare(b.title, "sv"));
}

export const committeeReportFileTitle = (periodKey: string) =>
  `Redovisning strategiska avtal ${periodKey}`;

export const ksCompilationFileTitle = (year: number) => `Kommunstyrelsens sammanställning ${year}`;

export function committeeReport(
  data: RegisterData,
  committee: Committee,
  period: ReportingPeriod,
  date: IsoDate,
): CommitteeReportModel {
  const contracts = strategicContractsOf(data, committee.id, period);
  const sections = contracts.map((contract) =>
    contractSection(contract, committee.id, period.key, data.followUps, data.deficiencies),
  );
  const withDeficiencies = sections.filter(
    (section) =>
      section.deficiencies.length > 0 ||
      (section.followUp && section.followUp.meetsRequirements !== "Ja"),
  );
  const missing = sections.filter((section) => !section.followUp);
  const summary = [
    `Redovisningen avser perioden ${period.label}. ${committee.name} har ${numberWord(contracts.length)} strategiska avtal${contracts.length > 0 ? `: ${swedishList(contracts.map((contract) => contract.title))}` : ""}.`,
    contracts.length === 0
      ? "Nämnden har inga avtal som klassificerats som strategiska under perioden. Nämndens övriga avtal följs upp inom ramen för den interna kontrollen."
      : withDeficiencies.length === 0
        ? "Samtliga strategiska avtal har följts upp och utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen."
        : `${capitalized(numberWord(withDeficiencies.length))} avtal innehåller brister: ${swedishList(withDeficiencies.map((section) => section.title))}. Handlingsplaner har upprättats och följs upp.`,
    ...(missing.length > 0
      ? [`Uppföljning saknas för ${swedishList(missing.map((section) => section.title))}.`]
      : []),
  ];
  return {
    type: "namnd",
    title: `${REPORT_TYPE_TITLES.namnd} ${period.key}`,
    fileTitle: committeeReportFileTitle(period.key),
    municipality: data.municipality.name,
    committeeName: committee.name,
    period: period.key,
    periodLabel: period.label,
    date,
    registryNumber: "",
    decision: [
      `${committee.name} godkänner redovisningen av uppföljningen av nämndens strategiska avtal för perioden ${period.label} och överlämnar den till kommunstyrelsen.`,
    ],
    summary,
    sections,
  };
}

export function ksCompilation(data: RegisterData, year: number, date: IsoDate): KsCompilationModel {
  const ks = data.committees.find((committee) => committee.isKs);
  const reporting = data.committees.filter(
    (committee) =>
      committee.id !== ks?.id ||
      strategicContractsOf(
        data,
        committee.id,
        latestCompletePeriod(periodKindOf(committee, data.municipality), `${year}-12-31`),
      ).length > 0,
  );
  const perCommittee = data.committees.map((committee) => {
    const period = latestCompletePeriod(
      periodKindOf(committee, data.municipality),
      `${year}-12-31`,
    );
    return { committee, period, report: committeeReport(data, committee, period, date) };
  });
  const strategic = new Map<string, Contract>();
  for (const committee of data.committees) {
    const period = latestCompletePeriod(
      periodKindOf(committee, data.municipality),
      `${year}-12-31`,
    );
    for (const contract of strategicContractsOf(data, committee.id, period))
      strategic.set(contract.id, contract);
  }
  const deficient = perCommittee.flatMap(({ committee, report }) =>
    report.sections
      .filter(
        (section) =>
          section.deficiencies.length > 0 ||
          (section.followUp && section.followUp.meetsRequirements !== "Ja"),
      )
      .map((section) => ({ committee, section })),
  );
  const deficientTitles = [...new Set(deficient.map((entry) => entry.section.title))];
  const periods = [...new Set(perCommittee.map((entry) => entry.period.label))];
  const factSentence =
    `Antalet strategiska avtal uppgick till ${strategic.size} stycken. ` +
    (deficientTitles.length === 0
      ? "Inget avtal innehåller brister."
      : `${capitalized(numberWord(deficientTitles.length))} avtal innehåller brister: ${swedishList(deficientTitles.map((title) => title.charAt(0).toLowerCase() + title.slice(1)))}.`);
  const details = deficient.map(({ committee, section }) => {
    const parts = [
      `Avseende ${section.title.charAt(0).toLowerCase() + section.title.slice(1)} (${committee.name}):`,
      section.followUp?.deficiencies ||
        `${swedishList(section.deficiencies.map((entry) => entry.description.toLowerCase()))}.`,
      section.followUp?.actionPlan ?? "",
      section.deficiencies.some((entry) => entry.checkUp)
        ? `Handlingsplanerna följs upp ${swedishList([...new Set(section.deficiencies.map((entry) => entry.checkUp).filter(Boolean))])}.`
        : "",
    ];
    return parts.filter((part) => part.trim() !== "").join(" ");
  });
  const basis = reporting.map((committee) => {
    const entry = perCommittee.find((candidate) => candidate.committee.id === committee.id)!;
    const record = data.reports.find(
      (report) =>
        report.committeeId === committee.id &&
        report.reportType === "namnd" &&
        report.period === entry.period.key,
    );
    return record
      ? `${REPORT_TYPE_TITLES.namnd} ${entry.period.key} från ${committee.name}, ${record.generatedAt.slice(0, 10)}`
      : `${REPORT_TYPE_TITLES.namnd} ${entry.period.key} från ${committee.name} (redovisning saknas ännu)`;
  });
  const distribution = [
    ...(ks ? [`${ks.name}s diarium, ${ks.registryEmail}`] : []),
    ...data.committees
      .filter((committee) => committee.id !== ks?.id)
      .map((committee) => `${committee.name}s diarium, ${committee.registryEmail}`),
  ];
  return {
    type: "ks",
    title: `Redovisning av uppföljningen av privata utförare ${year}`,
    fileTitle: ksCompilationFileTitle(year),
    municipality: data.municipality.name,
    committeeName: ks?.name ?? "Kommunstyrelsen",
    period: String(year),
    date,
    registryNumber: "",
    strategicCount: strategic.size,
    withDeficiencies: deficientTitles,
    decision: [
      "Kommunstyrelsens rapport godkänns och läggs till handlingarna.",
      "Informationen från nämnderna läggs till handlingarna.",
      "[Beslutets innebörd ska framgå i klartext och vara utformat som om kommunstyrelsen redan hade fattat beslutet.]",
    ],
    summary: [
      "Kommuner får enligt 10 kap. 7–9 §§ kommunallagen (2017:725) lämna över verksamhet till privata utförare. Kommunen är fortfarande ansvarig gentemot medborgarna för sådana verksamheter på samma sätt som för verksamhet som bedrivs i egen regi.",
      `Uppföljningen avser ${swedishList(periods)}. ${factSentence}`,
    ],
    caseText: [
      "I enlighet med programmet för uppföljning och insyn ska varje nämnd följa upp samtliga avtal i syfte att säkra en likvärdig kvalitet i de tjänster som kommunen tillhandahåller, oavsett om de utförs i egen regi eller av en privat utförare. Ytterligare ett syfte är att tillgodose allmänhetens insyn i hur uppdragen utförs. Återrapporteringen till fullmäktige begränsas till kommunens strategiska avtal.",
      factSentence,
      ...details,
      "[Kommunledningskontorets sammantagna bedömning av om de åtgärder som är vidtagna och planerade säkerställer att syftet med uppföljningen uppnås.]",
    ],
    basis,
    distribution,
  };
}

export function planReport(
  data: RegisterData,
  committee: Committee,
  plan: FollowUpPlan,
  date: IsoDate,
): PlanReportModel {
  return {
    type: "plan",
    title: `${REPORT_TYPE_TITLES.plan} för ${committee.name} ${plan.mandatePeriod}`,
    fileTitle: `Uppföljningsplan ${plan.mandatePeriod}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    period: plan.mandatePeriod,
    date,
    registryNumber: plan.registryNumber,
    status:
      plan.status === "beslutad" && plan.decisionDate
        ? `Beslutad ${swedishLongDate(plan.decisionDate)}`
        : "Utkast",
    parts: [
      { heading: "Vad ska följas upp", text: plan.scope },
      {
        heading: "Hur ska det följas upp",
        text: [plan.forms.map(capitalized).join(", "), plan.formsDescription]
          .filter(Boolean)
          .join(". "),
      },
      { heading: "Vem ansvarar", text: plan.responsibility },
      { heading: "Tidsplan", text: plan.timetable },
      { heading: "Återkoppling till nämnd och utförare", text: plan.feedback },
    ],
    contracts: data.contracts
      .filter(
        (contract) =>
          contract.strategic &&
          contract.status !== "avslutat" &&
          reportingCommitteeIds(contract).includes(committee.id),
      )
      .map((contract) => ({
        title: contract.title,
        serviceArea: contract.serviceArea,
        provider: contract.provider,
      })),
  };
}

export function kickoffReport(
  data: RegisterData,
  committee: Committee,
  meeting: KickoffMeeting,
  contract: Contract,
  date: IsoDate,
): KickoffReportModel {
  return {
    type: "uppstart",
    title: `${REPORT_TYPE_TITLES.uppstart}: ${contract.title}`,
    fileTitle: `Protokoll uppstartsmöte ${contract.contractNumber} ${meeting.meetingDate}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    period: meeting.meetingDate.slice(0, 4),
    date,
    registryNumber: meeting.minutesRegistryNumber,
    contractTitle: contract.title,
    provider: contract.provider,
    meetingDate: swedishLongDate(meeting.meetingDate),
    rows: [
      { heading: "Anledning", text: capitalized(meeting.reason) },
      { heading: "Avtalsstart", text: swedishLongDate(meeting.contractStart) },
      { heading: "Deltagare", text: meeting.attendees },
      {
        heading: "Genomgång av avtalet",
        text: "Avtalet gicks igenom för att säkerställa att kraven på den upphandlade tjänsten uppfylls enligt förfrågningsunderlaget.",
      },
      { heading: "Rapportering löpande", text: meeting.continuousReporting },
      { heading: "Rapportering årligen för allmänhetens insyn", text: meeting.yearlyReporting },
      { heading: "Övrigt", text: meeting.notes },
    ],
  };
}

export function feedbackLetter(
  data: RegisterData,
  committee: Committee,
  contract: Contract,
  followUp: FollowUp,
  date: IsoDate,
): FeedbackLetterModel {
  const section = contractSection(
    contract,
    committee.id,
    followUp.period,
    [followUp],
    data.deficiencies,
  );
  return {
    type: "aterkoppling",
    title: `${REPORT_TYPE_TITLES.aterkoppling}: ${contract.title}`,
    fileTitle: `Återkoppling ${contract.contractNumber} ${followUp.period}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    period: followUp.period,
    date,
    registryNumber: "",
    provider: contract.provider,
    contractTitle: contract.title,
    greeting: `Till ${contract.provider}`,
    paragraphs: [
      `${committee.name} har följt upp avtalet ${contract.title} (${contract.contractNumber}) för perioden ${followUp.period}. Här återkopplar vi resultatet av uppföljningen.`,
      followUp.meetsRequirements === "ja"
        ? "Uppföljningen visar att ni uppfyller de väsentliga kvalitetskraven enligt avtalet."
        : "Uppföljningen visar att ni inte fullt ut uppfyller de väsentliga kvalitetskraven enligt avtalet. Bristerna och de åtgärder vi förväntar oss framgår nedan.",
    ],
    section,
    signature: contract.owner.name
      ? `${contract.owner.name}, avtalsansvarig${contract.owner.email ? `, ${contract.owner.email}` : ""}`
      : committee.name,
  };
}
