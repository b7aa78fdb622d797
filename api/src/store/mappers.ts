import type { Level } from "../domain/classification.ts";
import type {
  Committee,
  Contract,
  ContractStatus,
  Deficiency,
  DeficiencyStatus,
  Deviation,
  DeviationStatus,
  FollowUp,
  FollowUpForm,
  FollowUpPlan,
  FollowUpStatus,
  KickoffMeeting,
  KickoffReason,
  PlanStatus,
  Provider,
  PublicField,
  ReportRecord,
  ReportStatus,
  ReportType,
  RequirementAnswer,
  Severity,
} from "../domain/model.ts";
import { REPORT_STATUSES } from "../domain/model.ts";
import { providerNames } from "../domain/providers.ts";
import type { PeriodKind } from "../domain/reporting-period.ts";
import type { Fields, ListItem } from "./list-client.ts";
import { dateValue } from "./odata.ts";

/**
 * List items ↔ domain objects, one pair of functions per list. Reading is
 * forgiving (a missing value becomes the empty default); writing produces
 * exactly the fields the schema defines.
 */

const str = (fields: Fields, name: string): string =>
  typeof fields[name] === "string" ? (fields[name] as string) : "";
const num = (fields: Fields, name: string): number | undefined =>
  typeof fields[name] === "number" ? (fields[name] as number) : undefined;
const bool = (fields: Fields, name: string): boolean => fields[name] === true;
const date = (fields: Fields, name: string): string | undefined => {
  const value = fields[name];
  return typeof value === "string" && value.length >= 10 ? value.slice(0, 10) : undefined;
};
const lookup = (fields: Fields, name: string): string => {
  const value = fields[`${name}LookupId`];
  return value === undefined || value === null ? "" : String(value);
};
const list = (fields: Fields, name: string, separator = ";"): string[] =>
  str(fields, name)
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");

export const toDate = (value: string | undefined): string | null =>
  value ? dateValue(value) : null;
export const toLookup = (id: string | undefined): number | null =>
  id && /^\d+$/.test(id) ? Number(id) : null;

export function decodeCommittee(item: ListItem): Committee {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    name: str(f, "Title"),
    code: str(f, "code"),
    periodKind: (str(f, "periodKind") || undefined) as PeriodKind | undefined,
    reportMonth: num(f, "reportMonth"),
    registryEmail: str(f, "registryEmail"),
    groupId: str(f, "groupId"),
    secretaryIds: list(f, "secretaryIds"),
    isKs: bool(f, "isKs"),
    teamId: str(f, "teamId"),
    channelId: str(f, "channelId"),
    driveId: str(f, "driveId"),
  };
}

export function encodeCommittee(committee: Omit<Committee, "id" | "etag">): Fields {
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
function decodeProviders(fields: Fields): Provider[] {
  const stored = str(fields, "providers");
  if (stored) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (Array.isArray(parsed)) {
        const providers = parsed.flatMap((entry): Provider[] => {
          if (typeof entry !== "object" || entry === null) return [];
          const value = entry as Record<string, unknown>;
          const text = (key: string) => (typeof value[key] === "string" ? value[key] : "");
          return text("name").trim() === ""
            ? []
            : [{ name: text("name"), orgNumber: text("orgNumber"), email: text("email") }];
        });
        if (providers.length > 0) return providers;
      }
    } catch {
      // Not JSON (edited by hand in SharePoint): fall back to the single provider.
    }
  }
  const name = str(fields, "provider");
  return name ? [{ name, orgNumber: str(fields, "providerOrgNumber"), email: "" }] : [];
}

export function decodeContract(item: ListItem, sharedWith: string[] = []): Contract {
  const f = item.fields;
  const providers = decodeProviders(f);
  return {
    id: item.id,
    etag: item.eTag,
    title: str(f, "Title"),
    contractNumber: str(f, "contractNumber"),
    committeeId: lookup(f, "committee"),
    sharedWithCommitteeIds: sharedWith,
    serviceArea: str(f, "serviceArea"),
    providers,
    provider: str(f, "provider"),
    providerOrgNumber: str(f, "providerOrgNumber"),
    ownRegime: bool(f, "ownRegime"),
    owner: { id: str(f, "ownerId"), name: str(f, "ownerName"), email: str(f, "ownerEmail") },
    valueClass: (str(f, "valueClass") || "låg") as Level,
    impactClass: (str(f, "impactClass") || "låg") as Level,
    classified: str(f, "valueClass") !== "" && str(f, "impactClass") !== "",
    strategic: bool(f, "strategic"),
    overrideReason: str(f, "overrideReason"),
    annualValue: num(f, "annualValue"),
    startDate: date(f, "startDate"),
    endDate: date(f, "endDate"),
    extensionOptions: str(f, "extensionOptions"),
    extensionDecisionDate: date(f, "extensionDecisionDate"),
    status: (str(f, "status") || "aktivt") as ContractStatus,
    followUpsPerYear: num(f, "followUpsPerYear") ?? 1,
    description: str(f, "description"),
    publicFields: list(f, "publicFields", ",") as PublicField[],
    publicDescription: str(f, "publicDescription"),
    internalNotes: str(f, "internalNotes"),
  };
}

export type ContractFields = Omit<
  Contract,
  "id" | "etag" | "sharedWithCommitteeIds" | "classified"
>;

export function encodeContract(contract: Partial<ContractFields>): Fields {
  const fields: Fields = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined) fields[name] = value;
  };
  set("Title", contract.title);
  set("contractNumber", contract.contractNumber);
  if (contract.committeeId !== undefined) fields.committeeLookupId = toLookup(contract.committeeId);
  set("serviceArea", contract.serviceArea);
  if (contract.providers && contract.providers.length > 0) {
    // The text columns follow the list, so the register, its filters and insyn show every provider.
    fields.providers = JSON.stringify(contract.providers);
    fields.provider = providerNames(contract.providers);
    fields.providerOrgNumber = contract.providers[0]!.orgNumber;
  } else {
    set("provider", contract.provider);
    set("providerOrgNumber", contract.providerOrgNumber);
  }
  set("ownRegime", contract.ownRegime);
  if (contract.owner) {
    fields.ownerId = contract.owner.id;
    fields.ownerName = contract.owner.name;
    fields.ownerEmail = contract.owner.email;
  }
  set("valueClass", contract.valueClass);
  set("impactClass", contract.impactClass);
  set("strategic", contract.strategic);
  set("overrideReason", contract.overrideReason);
  if ("annualValue" in contract) fields.annualValue = contract.annualValue ?? null;
  if ("startDate" in contract) fields.startDate = toDate(contract.startDate);
  if ("endDate" in contract) fields.endDate = toDate(contract.endDate);
  set("extensionOptions", contract.extensionOptions);
  if ("extensionDecisionDate" in contract)
    fields.extensionDecisionDate = toDate(contract.extensionDecisionDate);
  set("status", contract.status);
  set("followUpsPerYear", contract.followUpsPerYear);
  set("description", contract.description);
  if (contract.publicFields) fields.publicFields = contract.publicFields.join(",");
  set("publicDescription", contract.publicDescription);
  set("internalNotes", contract.internalNotes);
  return fields;
}

export function decodePlan(item: ListItem): FollowUpPlan {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    committeeId: lookup(f, "committee"),
    mandatePeriod: str(f, "mandatePeriod"),
    scope: str(f, "scope"),
    forms: list(f, "forms") as FollowUpForm[],
    formsDescription: str(f, "formsDescription"),
    responsibility: str(f, "responsibility"),
    timetable: str(f, "timetable"),
    feedback: str(f, "feedback"),
    status: (str(f, "status") || "utkast") as PlanStatus,
    decisionDate: date(f, "decisionDate"),
    registryNumber: str(f, "registryNumber"),
  };
}

export function encodePlan(plan: Omit<FollowUpPlan, "id" | "etag">): Fields {
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

export function decodeKickoff(item: ListItem): KickoffMeeting {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f, "contract"),
    committeeId: lookup(f, "committee"),
    reason: (str(f, "reason") || "nytt avtal") as KickoffReason,
    contractStart: date(f, "contractStart") ?? "",
    meetingDate: date(f, "meetingDate") ?? "",
    attendees: str(f, "attendees"),
    continuousReporting: str(f, "continuousReporting"),
    yearlyReporting: str(f, "yearlyReporting"),
    minutesRegistryNumber: str(f, "minutesRegistryNumber"),
    notes: str(f, "notes"),
  };
}

export function encodeKickoff(meeting: Omit<KickoffMeeting, "id" | "etag">): Fields {
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

export function decodeDeviation(item: ListItem): Deviation {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f, "contract"),
    committeeId: lookup(f, "committee"),
    occurredOn: date(f, "occurredOn") ?? "",
    provider: str(f, "provider"),
    description: str(f, "description"),
    severity: (str(f, "severity") || "låg") as Severity,
    handling: str(f, "handling"),
    status: (str(f, "status") || "öppen") as DeviationStatus,
  };
}

/** Records as written before a field existed: the new fields may be left out (they become empty). */
type Later<T, K extends keyof T> = Omit<T, K | "id" | "etag"> & Partial<Pick<T, K>>;

export function encodeDeviation(deviation: Later<Deviation, "provider">): Fields {
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

export function decodeFollowUp(item: ListItem): FollowUp {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f, "contract"),
    committeeId: lookup(f, "committee"),
    period: str(f, "period"),
    followUpDate: date(f, "followUpDate") ?? "",
    form: (str(f, "form") || "avtalsuppföljning") as FollowUpForm,
    meetsRequirements: (str(f, "meetsRequirements") || "ja") as RequirementAnswer,
    deficienciesSummary: str(f, "deficienciesSummary"),
    goalImpact: str(f, "goalImpact"),
    actionPlanSummary: str(f, "actionPlanSummary"),
    goalFulfilment: str(f, "goalFulfilment"),
    serviceEvaluation: str(f, "serviceEvaluation"),
    controlSufficient: bool(f, "controlSufficient"),
    feedbackToProviderOn: date(f, "feedbackToProviderOn"),
    providerFeedback: str(f, "providerFeedback"),
    publicSummary: str(f, "publicSummary"),
    status: (str(f, "status") || "utkast") as FollowUpStatus,
  };
}

export function encodeFollowUp(followUp: Later<FollowUp, "providerFeedback">): Fields {
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

export function decodeDeficiency(item: ListItem): Deficiency {
  const f = item.fields;
  const ownerId = str(f, "actionOwnerId");
  return {
    id: item.id,
    etag: item.eTag,
    contractId: lookup(f, "contract"),
    committeeId: lookup(f, "committee"),
    followUpId: lookup(f, "followUp") || undefined,
    deviationId: lookup(f, "deviation") || undefined,
    provider: str(f, "provider"),
    recordedOn: item.createdDateTime ? item.createdDateTime.slice(0, 10) : undefined,
    description: str(f, "description"),
    goalImpact: str(f, "goalImpact"),
    actionOwner: ownerId
      ? { id: ownerId, name: str(f, "actionOwnerName"), email: str(f, "actionOwnerEmail") }
      : undefined,
    measures: str(f, "measures"),
    deadline: date(f, "deadline"),
    checkUpDate: date(f, "checkUpDate"),
    checkUpResult: str(f, "checkUpResult"),
    sanctionNote: str(f, "sanctionNote"),
    status: (str(f, "status") || "öppen") as DeficiencyStatus,
  };
}

export function encodeDeficiency(
  deficiency: Later<Deficiency, "provider" | "deviationId" | "recordedOn">,
): Fields {
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

export function reportStatusOf(value: string): ReportStatus {
  if ((REPORT_STATUSES as readonly string[]).includes(value)) return value as ReportStatus;
  return EARLIER_REPORT_STATUSES[value] ?? "utkast";
}

export function decodeReport(item: ListItem): ReportRecord {
  const f = item.fields;
  return {
    id: item.id,
    etag: item.eTag,
    reportKey: str(f, "reportKey"),
    committeeId: lookup(f, "committee"),
    reportType: (str(f, "reportType") || "namnd") as ReportType,
    period: str(f, "period"),
    status: reportStatusOf(str(f, "status")),
    title: str(f, "Title"),
    webUrl: str(f, "webUrl"),
    driveItemId: str(f, "driveItemId"),
    generatedAt: str(f, "generatedAt"),
    decisionDate: date(f, "decisionDate"),
    paragraph: str(f, "paragraph"),
    registryNumber: str(f, "registryNumber"),
  };
}

/** The report's life as Rapporter stores it (the file's metadata mirrors it). */
export function encodeReportDecision(
  report: Pick<ReportRecord, "status" | "decisionDate" | "paragraph" | "registryNumber">,
): Fields {
  return {
    status: report.status,
    decisionDate: toDate(report.decisionDate),
    paragraph: report.paragraph,
    registryNumber: report.registryNumber,
  };
}
