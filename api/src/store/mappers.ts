import { LEVELS } from "../domain/classification.ts";
import {
  CONTRACT_STATUSES,
  type Committee,
  type Contract,
  DEFICIENCY_STATUSES,
  DEVIATION_STATUSES,
  type Deficiency,
  type Deviation,
  FOLLOW_UP_FORMS,
  FOLLOW_UP_STATUSES,
  type FollowUp,
  type FollowUpPlan,
  KICKOFF_REASONS,
  type KickoffMeeting,
  PLAN_STATUSES,
  type Provider,
  PUBLIC_FIELD_CHOICES,
  REPORT_STATUSES,
  REPORT_TYPES,
  REQUIREMENT_ANSWERS,
  type ReportRecord,
  type ReportStatus,
  SEVERITIES,
} from "../domain/model.ts";
import { providerNameKey } from "../domain/provider-matching.ts";
import type { ProviderEntry } from "../domain/provider-register.ts";
import { providerNames } from "../domain/providers.ts";
import { PERIOD_KINDS } from "../domain/reporting-period.ts";
import { RISK_LEVELS, type RiskConfirmation, type RiskScore } from "../domain/risk.ts";
import { isOneOf, stringOf } from "../graph/json.ts";
import type { StoredItem } from "./list-client.ts";
import { dateValue } from "./odata.ts";
import type { FieldsOf, ReadFieldsOf } from "./schema.ts";

/**
 * List items ↔ domain objects, one pair of functions per list. Reading is
 * forgiving (a missing value becomes the empty default, a choice SharePoint
 * holds that the app does not know becomes the default); writing produces
 * exactly the fields the schema defines (typed by `FieldsOf`).
 */

const text = (value: string | undefined): string => value ?? "";
const date = (value: string | undefined): string | undefined =>
  value !== undefined && value.length >= 10 ? value.slice(0, 10) : undefined;
const lookup = (value: string | undefined): string => value ?? "";
const split = (value: string | undefined, separator = ";"): string[] =>
  text(value)
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
const choiceOf = <const T extends readonly string[]>(
  choices: T,
  value: string | undefined,
  fallback: T[number],
): T[number] => (isOneOf(choices, value) ? value : fallback);
const choicesOf = <const T extends readonly string[]>(choices: T, values: string[]): T[number][] =>
  values.filter((value): value is T[number] => isOneOf(choices, value));

export const toDate = (value: string | undefined): string | null =>
  value ? dateValue(value) : null;
export const toLookup = (id: string | undefined): number | null =>
  id && /^\d+$/.test(id) ? Number(id) : null;

export function decodeCommittee(item: StoredItem<"committees">): Committee {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    name: text(f.Title),
    code: text(f.code),
    periodKind: isOneOf(PERIOD_KINDS, f.periodKind) ? f.periodKind : undefined,
    reportMonth: f.reportMonth,
    registryEmail: text(f.registryEmail),
    groupId: text(f.groupId),
    secretaryIds: split(f.secretaryIds),
    isKs: f.isKs === true,
    teamId: text(f.teamId),
    channelId: text(f.channelId),
    driveId: text(f.driveId),
  };
}

export function encodeCommittee(committee: Omit<Committee, "id" | "etag">): FieldsOf<"committees"> {
  return {
    Title: committee.name,
    code: committee.code,
    periodKind: committee.periodKind ?? null,
    reportMonth: committee.reportMonth ?? null,
    registryEmail: committee.registryEmail,
    groupId: committee.groupId,
    secretaryIds: committee.secretaryIds.join(";"),
    isKs: committee.isKs,
    teamId: committee.teamId,
    channelId: committee.channelId,
    driveId: committee.driveId,
  };
}

/**
 * A contract's providers, stored as JSON in a note column. Rows written
 * before the column existed have only the single provider's name and number.
 */
function decodeProviders(fields: ReadFieldsOf<"contracts">): Provider[] {
  if (fields.providers) {
    try {
      const parsed: unknown = JSON.parse(fields.providers);
      if (Array.isArray(parsed)) {
        const providers = parsed.flatMap((entry): Provider[] => {
          const name = stringOf(entry, "name") ?? "";
          return name.trim() === ""
            ? []
            : [
                {
                  name,
                  orgNumber: stringOf(entry, "orgNumber") ?? "",
                  email: stringOf(entry, "email") ?? "",
                },
              ];
        });
        if (providers.length > 0) return providers;
      }
    } catch {
      // Not JSON (edited by hand in SharePoint): fall back to the single provider.
    }
  }
  const name = text(fields.provider);
  return name ? [{ name, orgNumber: text(fields.providerOrgNumber), email: "" }] : [];
}

export function decodeContract(item: StoredItem<"contracts">, sharedWith: string[] = []): Contract {
  const f = item.fields;
  const providers = decodeProviders(f);
  return {
    id: item.id,
    etag: item.eTag,
    title: text(f.Title),
    contractNumber: text(f.contractNumber),
    committeeId: lookup(f.committeeLookupId),
    sharedWithCommitteeIds: sharedWith,
    serviceArea: text(f.serviceArea),
    providers,
    provider: text(f.provider),
    providerOrgNumber: text(f.providerOrgNumber),
    ownRegime: f.ownRegime === true,
    owner: { id: text(f.ownerId), name: text(f.ownerName), email: text(f.ownerEmail) },
    valueClass: choiceOf(LEVELS, f.valueClass, "låg"),
    impactClass: choiceOf(LEVELS, f.impactClass, "låg"),
    classified: text(f.valueClass) !== "" && text(f.impactClass) !== "",
    strategic: f.strategic === true,
    overrideReason: text(f.overrideReason),
    annualValue: f.annualValue,
    startDate: date(f.startDate),
    endDate: date(f.endDate),
    extensionOptions: text(f.extensionOptions),
    extensionDecisionDate: date(f.extensionDecisionDate),
    status: choiceOf(CONTRACT_STATUSES, f.status, "aktivt"),
    followUpsPerYear: f.followUpsPerYear ?? 1,
    description: text(f.description),
    publicFields: choicesOf(PUBLIC_FIELD_CHOICES, split(f.publicFields, ",")),
    publicDescription: text(f.publicDescription),
    internalNotes: text(f.internalNotes),
    risk: decodeRisk(f),
  };
}

const riskScoreOf = (value: number | undefined): RiskScore | undefined =>
  value === 1 || value === 2 || value === 3 || value === 4 ? value : undefined;

/** A person's risk assessment, when the row holds a whole one (a cell and its day). */
function decodeRisk(f: ReadFieldsOf<"contracts">): RiskConfirmation | undefined {
  const likelihood = riskScoreOf(f.riskLikelihood);
  const consequence = riskScoreOf(f.riskConsequence);
  const confirmedOn = date(f.riskConfirmedOn);
  const raisedOn = date(f.riskRaisedOn);
  if (!likelihood || !consequence || !confirmedOn) return undefined;
  return {
    likelihood,
    consequence,
    reason: text(f.riskReason),
    confirmedBy: { id: text(f.riskConfirmedById), name: text(f.riskConfirmedByName), email: "" },
    confirmedOn,
    suggestedLevel: choiceOf(RISK_LEVELS, f.riskSuggestedLevel, "låg"),
    raisedFrom:
      isOneOf(RISK_LEVELS, f.riskRaisedFrom) && raisedOn
        ? { level: f.riskRaisedFrom, on: raisedOn }
        : undefined,
  };
}

/**
 * The columns of a risk assessment; the level is stored beside the cell so the
 * list (and its history) reads it without the matrix. Undefined empties them.
 */
export function encodeRisk(
  risk: RiskConfirmation | undefined,
  level: RiskConfirmation["suggestedLevel"] | undefined,
): FieldsOf<"contracts"> {
  return {
    riskLikelihood: risk?.likelihood ?? null,
    riskConsequence: risk?.consequence ?? null,
    riskLevel: risk && level ? level : null,
    riskReason: risk?.reason ?? null,
    riskConfirmedOn: toDate(risk?.confirmedOn),
    riskConfirmedById: risk?.confirmedBy.id ?? null,
    riskConfirmedByName: risk?.confirmedBy.name ?? null,
    riskSuggestedLevel: risk?.suggestedLevel ?? null,
    riskRaisedFrom: risk?.raisedFrom?.level ?? null,
    riskRaisedOn: toDate(risk?.raisedFrom?.on),
  };
}

/** A contract's own fields; its risk assessment is written apart (`encodeRisk`). */
export type ContractFields = Omit<
  Contract,
  "id" | "etag" | "sharedWithCommitteeIds" | "classified" | "risk"
>;

export function encodeContract(contract: Partial<ContractFields>): FieldsOf<"contracts"> {
  const [first] = contract.providers ?? [];
  // The text columns follow the list, so the register, its filters and insyn show every provider.
  const providers =
    contract.providers && first
      ? {
          providers: JSON.stringify(contract.providers),
          provider: providerNames(contract.providers),
          providerOrgNumber: first.orgNumber,
        }
      : { provider: contract.provider, providerOrgNumber: contract.providerOrgNumber };
  const fields: FieldsOf<"contracts"> = {
    Title: contract.title,
    contractNumber: contract.contractNumber,
    ...(contract.committeeId !== undefined
      ? { committeeLookupId: toLookup(contract.committeeId) }
      : {}),
    serviceArea: contract.serviceArea,
    ...providers,
    ownRegime: contract.ownRegime,
    ...(contract.owner
      ? {
          ownerId: contract.owner.id,
          ownerName: contract.owner.name,
          ownerEmail: contract.owner.email,
        }
      : {}),
    valueClass: contract.valueClass,
    impactClass: contract.impactClass,
    strategic: contract.strategic,
    overrideReason: contract.overrideReason,
    ...("annualValue" in contract ? { annualValue: contract.annualValue ?? null } : {}),
    ...("startDate" in contract ? { startDate: toDate(contract.startDate) } : {}),
    ...("endDate" in contract ? { endDate: toDate(contract.endDate) } : {}),
    extensionOptions: contract.extensionOptions,
    ...("extensionDecisionDate" in contract
      ? { extensionDecisionDate: toDate(contract.extensionDecisionDate) }
      : {}),
    status: contract.status,
    followUpsPerYear: contract.followUpsPerYear,
    description: contract.description,
    ...(contract.publicFields ? { publicFields: contract.publicFields.join(",") } : {}),
    publicDescription: contract.publicDescription,
    internalNotes: contract.internalNotes,
  };
  // Only what the caller gave: a partial update leaves the other columns alone.
  return withoutUndefined(fields);
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    if (Reflect.get(value, key) === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}

export function decodePlan(item: StoredItem<"plans">): FollowUpPlan {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    committeeId: lookup(f.committeeLookupId),
    mandatePeriod: text(f.mandatePeriod),
    scope: text(f.scope),
    forms: choicesOf(FOLLOW_UP_FORMS, split(f.forms)),
    formsDescription: text(f.formsDescription),
    responsibility: text(f.responsibility),
    timetable: text(f.timetable),
    feedback: text(f.feedback),
    status: choiceOf(PLAN_STATUSES, f.status, "utkast"),
    decisionDate: date(f.decisionDate),
    registryNumber: text(f.registryNumber),
  };
}

export function encodePlan(plan: Omit<FollowUpPlan, "id" | "etag">): FieldsOf<"plans"> {
  return {
    planKey: `${plan.committeeId}|${plan.mandatePeriod}`,
    committeeLookupId: toLookup(plan.committeeId),
    mandatePeriod: plan.mandatePeriod,
    scope: plan.scope,
    forms: plan.forms.join(";"),
    formsDescription: plan.formsDescription,
    responsibility: plan.responsibility,
    timetable: plan.timetable,
    feedback: plan.feedback,
    status: plan.status,
    decisionDate: toDate(plan.decisionDate),
    registryNumber: plan.registryNumber,
  };
}

export function decodeKickoff(item: StoredItem<"kickoffs">): KickoffMeeting {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f.contractLookupId),
    committeeId: lookup(f.committeeLookupId),
    reason: choiceOf(KICKOFF_REASONS, f.reason, "nytt avtal"),
    contractStart: date(f.contractStart) ?? "",
    meetingDate: date(f.meetingDate) ?? "",
    attendees: text(f.attendees),
    continuousReporting: text(f.continuousReporting),
    yearlyReporting: text(f.yearlyReporting),
    minutesRegistryNumber: text(f.minutesRegistryNumber),
    notes: text(f.notes),
  };
}

export function encodeKickoff(meeting: Omit<KickoffMeeting, "id" | "etag">): FieldsOf<"kickoffs"> {
  return {
    contractLookupId: toLookup(meeting.contractId),
    committeeLookupId: toLookup(meeting.committeeId),
    reason: meeting.reason,
    contractStart: toDate(meeting.contractStart),
    meetingDate: toDate(meeting.meetingDate),
    attendees: meeting.attendees,
    continuousReporting: meeting.continuousReporting,
    yearlyReporting: meeting.yearlyReporting,
    minutesRegistryNumber: meeting.minutesRegistryNumber,
    notes: meeting.notes,
  };
}

export function decodeDeviation(item: StoredItem<"deviations">): Deviation {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f.contractLookupId),
    committeeId: lookup(f.committeeLookupId),
    occurredOn: date(f.occurredOn) ?? "",
    provider: text(f.provider),
    description: text(f.description),
    severity: choiceOf(SEVERITIES, f.severity, "låg"),
    handling: text(f.handling),
    status: choiceOf(DEVIATION_STATUSES, f.status, "öppen"),
  };
}

/** Records as written before a field existed: the new fields may be left out (they become empty). */
type Later<T, K extends keyof T> = Omit<T, K | "id" | "etag"> & Partial<Pick<T, K>>;

export function encodeDeviation(deviation: Later<Deviation, "provider">): FieldsOf<"deviations"> {
  return {
    contractLookupId: toLookup(deviation.contractId),
    committeeLookupId: toLookup(deviation.committeeId),
    occurredOn: toDate(deviation.occurredOn),
    provider: deviation.provider ?? "",
    description: deviation.description,
    severity: deviation.severity,
    handling: deviation.handling,
    status: deviation.status,
  };
}

export function decodeFollowUp(item: StoredItem<"followUps">): FollowUp {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f.contractLookupId),
    committeeId: lookup(f.committeeLookupId),
    period: text(f.period),
    followUpDate: date(f.followUpDate) ?? "",
    form: choiceOf(FOLLOW_UP_FORMS, f.form, "avtalsuppföljning"),
    meetsRequirements: choiceOf(REQUIREMENT_ANSWERS, f.meetsRequirements, "ja"),
    deficienciesSummary: text(f.deficienciesSummary),
    goalImpact: text(f.goalImpact),
    actionPlanSummary: text(f.actionPlanSummary),
    goalFulfilment: text(f.goalFulfilment),
    serviceEvaluation: text(f.serviceEvaluation),
    controlSufficient: f.controlSufficient === true,
    feedbackToProviderOn: date(f.feedbackToProviderOn),
    providerFeedback: text(f.providerFeedback),
    publicSummary: text(f.publicSummary),
    status: choiceOf(FOLLOW_UP_STATUSES, f.status, "utkast"),
  };
}

export function encodeFollowUp(
  followUp: Later<FollowUp, "providerFeedback">,
): FieldsOf<"followUps"> {
  return {
    contractLookupId: toLookup(followUp.contractId),
    committeeLookupId: toLookup(followUp.committeeId),
    period: followUp.period,
    followUpDate: toDate(followUp.followUpDate),
    form: followUp.form,
    meetsRequirements: followUp.meetsRequirements,
    deficienciesSummary: followUp.deficienciesSummary,
    goalImpact: followUp.goalImpact,
    actionPlanSummary: followUp.actionPlanSummary,
    goalFulfilment: followUp.goalFulfilment,
    serviceEvaluation: followUp.serviceEvaluation,
    controlSufficient: followUp.controlSufficient,
    feedbackToProviderOn: toDate(followUp.feedbackToProviderOn),
    providerFeedback: followUp.providerFeedback ?? "",
    publicSummary: followUp.publicSummary,
    status: followUp.status,
  };
}

export function decodeDeficiency(item: StoredItem<"deficiencies">): Deficiency {
  const f = item.fields;
  const ownerId = text(f.actionOwnerId);
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f.contractLookupId),
    committeeId: lookup(f.committeeLookupId),
    followUpId: f.followUpLookupId || undefined,
    deviationId: f.deviationLookupId || undefined,
    provider: text(f.provider),
    recordedOn: item.createdDateTime ? item.createdDateTime.slice(0, 10) : undefined,
    description: text(f.description),
    goalImpact: text(f.goalImpact),
    actionOwner: ownerId
      ? { id: ownerId, name: text(f.actionOwnerName), email: text(f.actionOwnerEmail) }
      : undefined,
    measures: text(f.measures),
    deadline: date(f.deadline),
    checkUpDate: date(f.checkUpDate),
    checkUpResult: text(f.checkUpResult),
    sanctionNote: text(f.sanctionNote),
    status: choiceOf(DEFICIENCY_STATUSES, f.status, "öppen"),
  };
}

export function encodeDeficiency(
  deficiency: Later<Deficiency, "provider" | "deviationId" | "recordedOn">,
): FieldsOf<"deficiencies"> {
  return {
    contractLookupId: toLookup(deficiency.contractId),
    committeeLookupId: toLookup(deficiency.committeeId),
    followUpLookupId: toLookup(deficiency.followUpId),
    deviationLookupId: toLookup(deficiency.deviationId),
    provider: deficiency.provider ?? "",
    description: deficiency.description,
    goalImpact: deficiency.goalImpact,
    actionOwnerId: deficiency.actionOwner?.id ?? "",
    actionOwnerName: deficiency.actionOwner?.name ?? "",
    actionOwnerEmail: deficiency.actionOwner?.email ?? "",
    measures: deficiency.measures,
    deadline: toDate(deficiency.deadline),
    checkUpDate: toDate(deficiency.checkUpDate),
    checkUpResult: deficiency.checkUpResult,
    sanctionNote: deficiency.sanctionNote,
    status: deficiency.status,
  };
}

/** Statuses written before the report's life had its present names. */
const EARLIER_REPORT_STATUSES: Record<string, ReportStatus> = {
  färdig: "klar för nämnd",
  diarieförd: "beslutad",
};

export function reportStatusOf(value: string | undefined): ReportStatus {
  if (isOneOf(REPORT_STATUSES, value)) return value;
  return EARLIER_REPORT_STATUSES[value ?? ""] ?? "utkast";
}

export function decodeReport(item: StoredItem<"reports">): ReportRecord {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    reportKey: text(f.reportKey),
    committeeId: lookup(f.committeeLookupId),
    reportType: choiceOf(REPORT_TYPES, f.reportType, "namnd"),
    period: text(f.period),
    status: reportStatusOf(f.status),
    title: text(f.Title),
    webUrl: text(f.webUrl),
    driveItemId: text(f.driveItemId),
    generatedAt: text(f.generatedAt),
    decisionDate: date(f.decisionDate),
    paragraph: text(f.paragraph),
    registryNumber: text(f.registryNumber),
  };
}

/** The report's life as Rapporter stores it (the file's metadata mirrors it). */
export function encodeReportDecision(
  report: Pick<ReportRecord, "status" | "decisionDate" | "paragraph" | "registryNumber">,
): FieldsOf<"reports"> {
  return {
    status: report.status,
    decisionDate: toDate(report.decisionDate),
    paragraph: report.paragraph,
    registryNumber: report.registryNumber,
  };
}

export function decodeProviderEntry(item: StoredItem<"providers">): ProviderEntry {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    name: text(f.Title),
    orgNumber: text(f.orgNumber),
    nameKey: text(f.nameKey),
    weakFinances: f.weakFinances === true,
    ivoDecisionPending: f.ivoDecisionPending === true,
    financesNote: text(f.financesNote),
    authorityNote: text(f.authorityNote),
    contactName: text(f.contactName),
    contactEmail: text(f.contactEmail),
    contactPhone: text(f.contactPhone),
    sameAs: keyLines(f.sameAs),
    notSameAs: keyLines(f.notSameAs),
  };
}

/** Provider keys kept one a line, so SharePoint shows them readably. */
function keyLines(value: string | undefined): string[] {
  return text(value)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** An empty organisationsnummer is stored as no value, so the unique column allows many. */
export function encodeProviderEntry(
  entry: Omit<ProviderEntry, "id" | "etag" | "nameKey">,
): FieldsOf<"providers"> {
  return {
    Title: entry.name,
    orgNumber: entry.orgNumber === "" ? null : entry.orgNumber,
    nameKey: providerNameKey(entry.name),
    weakFinances: entry.weakFinances,
    ivoDecisionPending: entry.ivoDecisionPending,
    financesNote: entry.financesNote,
    authorityNote: entry.authorityNote,
    contactName: entry.contactName,
    contactEmail: entry.contactEmail,
    contactPhone: entry.contactPhone,
    sameAs: entry.sameAs.join("\n"),
    notSameAs: entry.notSameAs.join("\n"),
  };
}
