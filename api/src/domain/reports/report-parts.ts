import { reportingCommitteeIds } from "../annual-cycle.ts";
import { type IsoDate, swedishLongDate } from "../dates.ts";
import { deficiencyPeriodKey, progressText } from "../deficiency-progress.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  DeficiencyStatus,
  Deviation,
  FollowUp,
  ReportRecord,
  ReportType,
} from "../model.ts";
import { providerNames } from "../providers.ts";
import { paragraphLabel, REPORT_STATUS_LABELS } from "../report-life.ts";
import type { ReportingPeriod } from "../reporting-period.ts";
import { capitalized, numberWord } from "../swedish.ts";

import type {
  ContractSection,
  DeficiencyEntry,
  FollowUpResult,
  Handler,
  RegisterData,
  ReportBase,
  Signature,
} from "./report-types.ts";

/** What several report types share: the contract section, the period's deficiencies and contracts, signatures, decisions. */

const REQUIREMENT_LABELS = { ja: "Ja", delvis: "Delvis", nej: "Nej" } as const;

export const byTitle = (a: { title: string }, b: { title: string }) =>
  a.title.localeCompare(b.title, "sv");

/** The handläggare signs the tjänsteskrivelse, under the office's name where it is not the nämnd's own. */
export function handlerSignature(handler: Handler, office = ""): Signature {
  return { role: office, name: handler.name, title: handler.title, signedByHand: false };
}

export function handlerLine(handler: Handler): string {
  return [handler.name, handler.title, handler.email].filter(Boolean).join(", ");
}

export const noDecision = { status: "", date: "", paragraph: "" };

export function rowDecision(row: ReportRecord | undefined): ReportBase["decision"] {
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
  followUps: readonly FollowUp[],
  contractId: string,
  committeeId: string,
  period: string,
): FollowUp | undefined {
  return (grouped(followUpsByContract, followUps).get(contractId) ?? [])
    .filter(
      (followUp) =>
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
  const mine = (grouped(deficienciesByContract, data.deficiencies).get(contractId) ?? []).filter(
    (deficiency) => deficiency.committeeId === committee.id,
  );
  if (mine.length === 0) return [];
  const followUps = indexed(followUpIndexes, data.followUps);
  const deviations = indexed(deviationIndexes, data.deviations);
  return mine.filter(
    (deficiency) =>
      deficiencyPeriodKey(deficiency, period.kind, followUps, deviations) === period.key,
  );
}

// A compilation asks once per contract: the kommun's follow-ups, deficiencies
// and deviations are indexed once per list read (lists are not changed after
// they are read), by id and by contract.
const followUpIndexes = new WeakMap<readonly FollowUp[], ReadonlyMap<string, FollowUp>>();
const deviationIndexes = new WeakMap<readonly Deviation[], ReadonlyMap<string, Deviation>>();
const followUpsByContract = new WeakMap<
  readonly FollowUp[],
  ReadonlyMap<string, readonly FollowUp[]>
>();
const deficienciesByContract = new WeakMap<
  readonly Deficiency[],
  ReadonlyMap<string, readonly Deficiency[]>
>();

function indexed<T extends { id: string }>(
  cache: WeakMap<readonly T[], ReadonlyMap<string, T>>,
  items: readonly T[],
): ReadonlyMap<string, T> {
  const known = cache.get(items);
  if (known) return known;
  const index = new Map(items.map((item) => [item.id, item]));
  cache.set(items, index);
  return index;
}

function grouped<T extends { contractId: string }>(
  cache: WeakMap<readonly T[], ReadonlyMap<string, readonly T[]>>,
  items: readonly T[],
): ReadonlyMap<string, readonly T[]> {
  const known = cache.get(items);
  if (known) return known;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.contractId);
    if (group) group.push(item);
    else groups.set(item.contractId, [item]);
  }
  cache.set(items, groups);
  return groups;
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

export function contractSection(
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
  return strategicOf(data.contracts)
    .filter((contract) => reportingCommitteeIds(contract).includes(committeeId))
    .filter(
      (contract) =>
        (!contract.startDate || contract.startDate <= period.end) &&
        (!contract.endDate || contract.endDate >= period.start),
    )
    .sort(byTitle);
}

/**
 * The kommun's strategic contracts (not only planned), once per contracts
 * array: the KS compilation and overview ask once per nämnd, and only a few
 * in forty contracts are strategic.
 */
function strategicOf(contracts: readonly Contract[]): readonly Contract[] {
  let strategic = strategicContracts.get(contracts);
  if (!strategic) {
    strategic = contracts.filter(
      (contract) => contract.strategic && contract.status !== "planerat",
    );
    strategicContracts.set(contracts, strategic);
  }
  return strategic;
}

const strategicContracts = new WeakMap<readonly Contract[], readonly Contract[]>();

/**
 * The register narrowed to the records of strategic contracts: their
 * follow-ups and deficiencies, and the follow-ups and deviations those
 * deficiencies were found from. What a section asks of a strategic contract
 * is the same in it as in the whole register, but the KS compilation then
 * indexes a few thousand records, not the kommun's 100,000 follow-ups each
 * time one of them changed. Remembered by the lists it was picked from.
 */
export function strategicRecords<
  T extends Pick<RegisterData, "contracts" | "followUps" | "deficiencies" | "deviations">,
>(data: T): T {
  const known = pickedRecords.get(data.followUps);
  if (
    known &&
    known.contracts === data.contracts &&
    known.deficiencies === data.deficiencies &&
    known.deviations === data.deviations
  ) {
    return { ...data, ...known.picked };
  }
  const ids = new Set(strategicOf(data.contracts).map((contract) => contract.id));
  const deficiencies = data.deficiencies.filter((deficiency) => ids.has(deficiency.contractId));
  const foundBy = new Set<string>();
  const fromDeviation = new Set<string>();
  for (const deficiency of deficiencies) {
    if (deficiency.followUpId) foundBy.add(deficiency.followUpId);
    if (deficiency.deviationId) fromDeviation.add(deficiency.deviationId);
  }
  const picked = {
    followUps: data.followUps.filter(
      (followUp) => ids.has(followUp.contractId) || foundBy.has(followUp.id),
    ),
    deficiencies,
    deviations: data.deviations.filter((deviation) => fromDeviation.has(deviation.id)),
  };
  pickedRecords.set(data.followUps, {
    contracts: data.contracts,
    deficiencies: data.deficiencies,
    deviations: data.deviations,
    picked,
  });
  return { ...data, ...picked };
}

const pickedRecords = new WeakMap<
  readonly FollowUp[],
  {
    contracts: readonly Contract[];
    deficiencies: readonly Deficiency[];
    deviations: readonly Deviation[];
    picked: Pick<RegisterData, "followUps" | "deficiencies" | "deviations">;
  }
>();

export const hasDeficiencies = (section: ContractSection) =>
  section.deficiencies.length > 0 ||
  (section.followUp !== undefined && section.followUp.meetsRequirements !== "Ja");

export const committeeReportFileTitle = (periodKey: string) =>
  `Redovisning strategiska avtal ${periodKey}`;

export const ksCompilationFileTitle = (year: number) => `Kommunstyrelsens sammanställning ${year}`;

/** The nämnd's report row for a period, if one was generated. */
export function reportRow(
  data: RegisterData,
  committeeId: string,
  type: ReportType,
  period: string,
) {
  return data.reports.find(
    (report) =>
      report.committeeId === committeeId && report.reportType === type && report.period === period,
  );
}

export const timesPerYear = (count: number) =>
  count <= 1 ? "En gång per år" : `${capitalized(numberWord(count))} gånger per år`;
