import { contractNumberKey } from "../domain/contract-number.ts";
import type { IsoDate } from "../domain/dates.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  DeficiencyStatus,
  FollowUp,
  FollowUpForm,
  FollowUpStatus,
  Person,
  RequirementAnswer,
} from "../domain/model.ts";
import { DEFICIENCY_FIELDS, FOLLOW_UP_FIELDS } from "./fields.ts";
import { matchOf, namesPerson, type PeopleLookup, unmatchedReason } from "./people.ts";
import { duplicateReport, type PlannedRow, type Unmatched } from "./plan-register.ts";
import type { RowReport } from "./preview.ts";
import { findDuplicates, RowReader, refusedReason, type SourceRow } from "./source-rows.ts";
import {
  parseBoolean,
  parseDate,
  parseDeficiencyStatus,
  parseFollowUpForm,
  parseFollowUpStatus,
  parsePeriod,
  parsePerson,
  parseRequirement,
  parseText,
} from "./values.ts";

/**
 * Last period's history, so the first year's report has it: follow-up
 * results and open deficiencies with their action plans, linked to the
 * contracts by number (also to contracts the same import creates). A
 * follow-up is the nämnd's for one contract and period; a deficiency is
 * known by its contract, provider and description.
 */

/** A contract or follow-up that exists (id) or that this import creates first (key). */
export type Ref = { id: string } | { key: string };

export type FollowUpValues = Omit<FollowUp, "id" | "etag" | "contractId" | "committeeId">;
export type DeficiencyValues = Omit<
  Deficiency,
  "id" | "etag" | "contractId" | "committeeId" | "followUpId" | "deviationId" | "recordedOn"
>;

export type FollowUpWrite =
  | { op: "create"; key: string; contract: Ref; fields: FollowUpValues }
  | { op: "update"; id: string; etag: string; fields: Partial<FollowUpValues> };

export type DeficiencyWrite =
  | { op: "create"; contract: Ref; followUp?: Ref; fields: DeficiencyValues }
  | { op: "update"; id: string; etag: string; followUp?: Ref; fields: Partial<DeficiencyValues> };

export interface HistoryContext {
  sheet: string;
  committee: Committee;
  committees: readonly Committee[];
  contracts: readonly Contract[];
  /** Contract numbers (as keys) the register's rows create in the same import. */
  newContracts: ReadonlySet<string>;
  /** Contract numbers (as keys) whose register rows were refused, with those rows. */
  refusedContracts: ReadonlyMap<string, readonly number[]>;
  /** The nämnd's own follow-ups and deficiencies. */
  followUps: readonly FollowUp[];
  deficiencies: readonly Deficiency[];
  people: PeopleLookup;
}

const text = (max: number) => (value: Parameters<typeof parseText>[0]) =>
  parseText(value, { max, multiline: true });
const nameKey = (value: string) => value.replace(/\s+/g, " ").trim().toLocaleLowerCase("sv");
const followUpKey = (contractKey: string, period: string) => `${contractKey}|${period}`;

type ContractMatch = { ref: Ref; key: string; contract?: Contract } | { reason: string };

/** The row's contract: the nämnd's own or one shared with it, or one the import creates. */
function contractOf(reader: RowReader, context: HistoryContext): ContractMatch {
  const written = reader.written("contractNumber");
  const key = contractNumberKey(written);
  const contract = context.contracts.find(
    (candidate) => contractNumberKey(candidate.contractNumber) === key,
  );
  if (contract) {
    if ([contract.committeeId, ...contract.sharedWithCommitteeIds].includes(context.committee.id))
      return { ref: { id: contract.id }, key, contract };
    const owner = context.committees.find((committee) => committee.id === contract.committeeId);
    return {
      reason: `Avtalet ${written} hör till ${owner?.name ?? "en annan nämnd"} och delas inte med ${context.committee.name}.`,
    };
  }
  if (context.newContracts.has(key)) return { ref: { key }, key };
  const refused = context.refusedContracts.get(key);
  if (refused) {
    return {
      reason: `Avtalet ${written} avvisades i registret (${refused.length === 1 ? "rad" : "raderna"} ${refused.join(", ")}); rätta det först, så kopplas raden till avtalet.`,
    };
  }
  return { reason: `Avtalsnumret ${written} finns inte i registret eller bland avtalen i filen.` };
}

function rowReport(
  context: HistoryContext,
  kind: RowReport["kind"],
  row: SourceRow,
  reader: RowReader,
  label: string,
) {
  return (action: RowReport["action"], extra: Partial<RowReport> = {}): RowReport => ({
    sheet: context.sheet,
    kind,
    row: row.row,
    action,
    contractNumber: reader.written("contractNumber"),
    label,
    cells: [],
    ...extra,
  });
}

function resolvePerson(
  reader: RowReader,
  field: string,
  reference: { email?: string; name?: string },
  stored: Person | undefined,
  people: PeopleLookup,
  unmatched: Unmatched[],
  where: string,
): Person | undefined {
  const match = matchOf(people, reference);
  if (match.kind === "found") return match.person;
  if (stored && namesPerson(reference, stored)) return stored;
  const reason = unmatchedReason(match);
  reader.warn(field, `${reason} Ansvarig lämnas ${stored ? "som den är" : "tom"}.`);
  unmatched.push({ text: reader.written(field), reason, where });
  return undefined;
}

// Follow-ups

const FOLLOW_UP_LABELS: ReadonlyMap<string, string> = new Map(
  FOLLOW_UP_FIELDS.map((field) => [field.key, field.label]),
);

export interface FollowUpPlan {
  rows: Array<PlannedRow<FollowUpWrite>>;
  /** Follow-ups the import creates, by contract key and period, for deficiencies to link to. */
  created: ReadonlySet<string>;
}

export function planFollowUps(rows: readonly SourceRow[], context: HistoryContext): FollowUpPlan {
  const created = new Set<string>();
  const keyOf = (row: SourceRow) => {
    const reader = new RowReader(row, FOLLOW_UP_LABELS);
    const period = reader.read("period", parsePeriod);
    const contract = contractNumberKey(reader.written("contractNumber"));
    return period && contract ? followUpKey(contract, period) : "";
  };
  const duplicates = findDuplicates(rows, keyOf);
  const planned = rows.map((row): PlannedRow<FollowUpWrite> => {
    const reader = new RowReader(row, FOLLOW_UP_LABELS);
    const report = rowReport(context, "followUps", row, reader, reader.written("period"));
    if (reader.written("contractNumber") === "")
      return { report: report("refused", { reason: "Avtalsnummer saknas." }) };
    const duplicate = duplicates.get(row);
    if (duplicate) return { report: duplicateReport(duplicate, report, "Uppföljningen") };
    const match = contractOf(reader, context);
    if ("reason" in match) return { report: report("refused", { reason: match.reason }) };
    const period = reader.read("period", parsePeriod);
    if (!period) reader.refuse("period", "Ange uppföljningsperioden, t.ex. 2025–2026.");
    const values = {
      followUpDate: reader.read("followUpDate", parseDate),
      form: reader.read("form", parseFollowUpForm),
      meetsRequirements: reader.read("meetsRequirements", parseRequirement),
      deficienciesSummary: reader.read("deficienciesSummary", text(20_000)),
      goalImpact: reader.read("goalImpact", text(20_000)),
      actionPlanSummary: reader.read("actionPlanSummary", text(20_000)),
      goalFulfilment: reader.read("goalFulfilment", text(20_000)),
      serviceEvaluation: reader.read("serviceEvaluation", text(20_000)),
      controlSufficient: reader.read("controlSufficient", parseBoolean),
      feedbackToProviderOn: reader.read("feedbackToProviderOn", parseDate),
      status: reader.read("status", parseFollowUpStatus),
    };
    const existing =
      "id" in match.ref && period
        ? context.followUps.find(
            (followUp) => followUp.contractId === match.contract?.id && followUp.period === period,
          )
        : undefined;
    if (!existing) {
      if (!values.followUpDate) reader.refuse("followUpDate", "Ange när uppföljningen gjordes.");
      if (!values.meetsRequirements)
        reader.refuse(
          "meetsRequirements",
          "Ange om utföraren uppfyller de väsentliga kvalitetskraven (Ja, Delvis eller Nej).",
        );
    }
    if (reader.refused > 0 || !period) {
      return {
        report: report("refused", {
          reason: refusedReason(reader.refused),
          cells: reader.only("refused", "warning"),
        }),
      };
    }
    if (existing) {
      const changes = followUpChanges(reader, existing, values);
      if (Object.keys(changes).length === 0) return { report: report("unchanged") };
      return {
        report: report("updated", { cells: reader.notes }),
        write: { op: "update", id: existing.id, etag: existing.etag, fields: changes },
      };
    }
    const key = followUpKey(match.key, period);
    created.add(key);
    for (const field of FOLLOW_UP_FIELDS) if (reader.has(field.key)) reader.added(field.key);
    return {
      report: report("created", { cells: reader.notes }),
      write: {
        op: "create",
        key,
        contract: match.ref,
        fields: {
          period,
          followUpDate: values.followUpDate ?? "",
          form: values.form ?? "avtalsuppföljning",
          meetsRequirements: values.meetsRequirements ?? "ja",
          deficienciesSummary: values.deficienciesSummary ?? "",
          goalImpact: values.goalImpact ?? "",
          actionPlanSummary: values.actionPlanSummary ?? "",
          goalFulfilment: values.goalFulfilment ?? "",
          serviceEvaluation: values.serviceEvaluation ?? "",
          controlSufficient: values.controlSufficient ?? false,
          feedbackToProviderOn: values.feedbackToProviderOn,
          providerFeedback: "",
          publicSummary: "",
          // Last period's results are finished results.
          status: values.status ?? "klar",
        },
      },
    };
  });
  return { rows: planned, created };
}

interface FollowUpRowValues {
  followUpDate: IsoDate | undefined;
  form: FollowUpForm | undefined;
  meetsRequirements: RequirementAnswer | undefined;
  deficienciesSummary: string | undefined;
  goalImpact: string | undefined;
  actionPlanSummary: string | undefined;
  goalFulfilment: string | undefined;
  serviceEvaluation: string | undefined;
  controlSufficient: boolean | undefined;
  feedbackToProviderOn: IsoDate | undefined;
  status: FollowUpStatus | undefined;
}

function followUpChanges(
  reader: RowReader,
  existing: FollowUp,
  values: FollowUpRowValues,
): Partial<FollowUpValues> {
  const changes: Partial<FollowUpValues> = {};
  const compare = <K extends keyof FollowUpRowValues & keyof FollowUpValues>(
    field: K,
    show: (value: FollowUp[K]) => string = (value) => String(value ?? ""),
  ) => {
    const value = values[field];
    if (value === undefined) return;
    const before = existing[field];
    const equal =
      typeof value === "string" && typeof before === "string"
        ? nameKey(value) === nameKey(before) && value.trim() === before.trim()
        : value === before;
    if (equal) return;
    Object.assign(changes, { [field]: value });
    reader.changed(field, show(before));
  };
  compare("followUpDate");
  compare("form");
  compare("meetsRequirements");
  compare("deficienciesSummary");
  compare("goalImpact");
  compare("actionPlanSummary");
  compare("goalFulfilment");
  compare("serviceEvaluation");
  compare("controlSufficient", (value) => (value ? "Ja" : "Nej"));
  compare("feedbackToProviderOn");
  compare("status");
  return changes;
}

// Deficiencies

const DEFICIENCY_LABELS: ReadonlyMap<string, string> = new Map(
  DEFICIENCY_FIELDS.map((field) => [field.key, field.label]),
);

export interface DeficiencyPlan {
  rows: Array<PlannedRow<DeficiencyWrite>>;
  unmatched: Unmatched[];
}

export function planDeficiencies(
  rows: readonly SourceRow[],
  context: HistoryContext & { newFollowUps: ReadonlySet<string> },
): DeficiencyPlan {
  const unmatched: Unmatched[] = [];
  const identity = (reader: RowReader) =>
    [
      contractNumberKey(reader.written("contractNumber")),
      nameKey(reader.written("provider")),
      nameKey(reader.written("description")),
    ].join("|");
  const duplicates = findDuplicates(rows, (row) => {
    const reader = new RowReader(row, DEFICIENCY_LABELS);
    return reader.written("contractNumber") && reader.written("description")
      ? identity(reader)
      : "";
  });
  const planned = rows.map((row): PlannedRow<DeficiencyWrite> => {
    const reader = new RowReader(row, DEFICIENCY_LABELS);
    const report = rowReport(context, "deficiencies", row, reader, reader.written("description"));
    if (reader.written("contractNumber") === "")
      return { report: report("refused", { reason: "Avtalsnummer saknas." }) };
    const duplicate = duplicates.get(row);
    if (duplicate) return { report: duplicateReport(duplicate, report, "Bristen") };
    const match = contractOf(reader, context);
    if ("reason" in match) return { report: report("refused", { reason: match.reason }) };
    const description = reader.read("description", text(20_000));
    if (!description) reader.refuse("description", "Beskriv bristen.");
    const values = {
      provider: reader.read("provider", text(255)),
      period: reader.read("period", parsePeriod),
      goalImpact: reader.read("goalImpact", text(20_000)),
      measures: reader.read("measures", text(20_000)),
      owner: reader.read("actionOwner", parsePerson),
      deadline: reader.read("deadline", parseDate),
      checkUpDate: reader.read("checkUpDate", parseDate),
      checkUpResult: reader.read("checkUpResult", text(20_000)),
      sanctionNote: reader.read("sanctionNote", text(20_000)),
      status: reader.read("status", parseDeficiencyStatus),
    };
    const existing = match.contract
      ? context.deficiencies.find(
          (deficiency) =>
            deficiency.contractId === match.contract?.id &&
            nameKey(deficiency.provider) === nameKey(values.provider ?? "") &&
            nameKey(deficiency.description) === nameKey(description ?? ""),
        )
      : undefined;
    const where = `${context.sheet} rad ${row.row}`;
    const owner =
      values.owner &&
      resolvePerson(
        reader,
        "actionOwner",
        values.owner,
        existing?.actionOwner,
        context.people,
        unmatched,
        where,
      );
    const followUp = values.period ? followUpOf(match, values.period, context) : undefined;
    if (values.period && !followUp) {
      reader.warn(
        "period",
        `Ingen uppföljning av avtalet för ${values.period} finns eller importeras; bristen registreras utan koppling till en uppföljning.`,
      );
    }
    if (reader.refused > 0 || !description) {
      return {
        report: report("refused", {
          reason: refusedReason(reader.refused),
          cells: reader.only("refused", "warning"),
        }),
      };
    }
    if (existing) {
      const changes = deficiencyChanges(reader, existing, { ...values, owner });
      const relink = followUp && !("id" in followUp && followUp.id === existing.followUpId);
      if (Object.keys(changes).length === 0 && !relink)
        return { report: report("unchanged", { cells: reader.only("warning") }) };
      if (relink) reader.changed("period", existing.followUpId ? "en annan uppföljning" : "");
      return {
        report: report("updated", { cells: reader.notes }),
        write: {
          op: "update",
          id: existing.id,
          etag: existing.etag,
          ...(relink ? { followUp } : {}),
          fields: changes,
        },
      };
    }
    for (const field of DEFICIENCY_FIELDS) if (reader.has(field.key)) reader.added(field.key);
    return {
      report: report("created", { cells: reader.notes }),
      write: {
        op: "create",
        contract: match.ref,
        ...(followUp ? { followUp } : {}),
        fields: {
          provider: values.provider ?? "",
          description,
          goalImpact: values.goalImpact ?? "",
          actionOwner: owner,
          measures: values.measures ?? "",
          deadline: values.deadline,
          checkUpDate: values.checkUpDate,
          checkUpResult: values.checkUpResult ?? "",
          sanctionNote: values.sanctionNote ?? "",
          status: values.status ?? "öppen",
        },
      },
    };
  });
  return { rows: planned, unmatched };
}

function followUpOf(
  match: { ref: Ref; key: string; contract?: Contract },
  period: string,
  context: HistoryContext & { newFollowUps: ReadonlySet<string> },
): Ref | undefined {
  const existing = match.contract
    ? context.followUps.find(
        (followUp) => followUp.contractId === match.contract?.id && followUp.period === period,
      )
    : undefined;
  if (existing) return { id: existing.id };
  const key = followUpKey(match.key, period);
  return context.newFollowUps.has(key) ? { key } : undefined;
}

interface DeficiencyRowValues {
  goalImpact: string | undefined;
  measures: string | undefined;
  owner: Person | undefined;
  deadline: IsoDate | undefined;
  checkUpDate: IsoDate | undefined;
  checkUpResult: string | undefined;
  sanctionNote: string | undefined;
  status: DeficiencyStatus | undefined;
}

function deficiencyChanges(
  reader: RowReader,
  existing: Deficiency,
  values: DeficiencyRowValues,
): Partial<DeficiencyValues> {
  const changes: Partial<DeficiencyValues> = {};
  const compare = <
    K extends
      | "goalImpact"
      | "measures"
      | "deadline"
      | "checkUpDate"
      | "checkUpResult"
      | "sanctionNote"
      | "status",
  >(
    field: K,
  ) => {
    const value = values[field];
    const before = existing[field];
    if (value === undefined || (value ?? "").trim() === (before ?? "").trim()) return;
    Object.assign(changes, { [field]: value });
    reader.changed(field, before ?? "");
  };
  compare("goalImpact");
  compare("measures");
  compare("deadline");
  compare("checkUpDate");
  compare("checkUpResult");
  compare("sanctionNote");
  compare("status");
  if (values.owner && values.owner.id !== existing.actionOwner?.id) {
    changes.actionOwner = values.owner;
    reader.changed("actionOwner", existing.actionOwner?.name ?? "");
  }
  return changes;
}
