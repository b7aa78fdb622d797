import { type Level, matrixSaysStrategic } from "../domain/classification.ts";
import { contractNumberKey } from "../domain/contract-number.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Committee, Contract, ContractStatus, Person, Provider } from "../domain/model.ts";
import { providerNames } from "../domain/providers.ts";
import { REGISTER_FIELDS } from "./fields.ts";
import { matchOf, namesPerson, type PeopleLookup, unmatchedReason } from "./people.ts";
import type { RowReport } from "./preview.ts";
import {
  type Duplicate,
  findDuplicates,
  RowReader,
  refusedReason,
  type SourceRow,
} from "./source-rows.ts";
import {
  amountFactorOfHeader,
  type PersonReference,
  parseAmount,
  parseBoolean,
  parseContractStatus,
  parseDate,
  parseLevel,
  parseOrgNumber,
  parsePerson,
  parseText,
} from "./values.ts";

/**
 * The register's rows against the register: each row matched to a contract
 * by its number (without regard to case and spaces, as SharePoint compares),
 * then created, updated with only what differs, left unchanged, or refused
 * with the reason. Fields the file does not have, and empty cells, leave
 * the stored value alone; nothing is deleted.
 */

export type ContractValues = Partial<
  Omit<Contract, "id" | "etag" | "sharedWithCommitteeIds" | "classified">
>;

export type ContractWrite =
  | { op: "create"; key: string; fields: ContractValues }
  | { op: "update"; id: string; etag: string; key: string; fields: ContractValues };

export interface PlannedRow<W> {
  report: RowReport;
  write?: W;
}

export interface Unmatched {
  text: string;
  reason: string;
  where: string;
}

export interface RegisterContext {
  sheet: string;
  /** The nämnd the import is for. */
  committee: Committee;
  committees: readonly Committee[];
  /** Every contract of the kommun: numbers are unique across nämnder. */
  contracts: readonly Contract[];
  people: PeopleLookup;
  today: IsoDate;
}

export interface RegisterPlan {
  rows: Array<PlannedRow<ContractWrite>>;
  unmatched: Unmatched[];
}

const LABELS: ReadonlyMap<string, string> = new Map(
  REGISTER_FIELDS.map((field) => [field.key, field.label]),
);

const singleLine = (max: number) => (value: Parameters<typeof parseText>[0]) =>
  parseText(value, { max });
const multiLine = (max: number) => (value: Parameters<typeof parseText>[0]) =>
  parseText(value, { max, multiline: true });

const same = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
const nameKey = (text: string) => text.replace(/\s+/g, " ").trim().toLocaleLowerCase("sv");
const kronor = (value: number | undefined) =>
  value === undefined ? "" : `${value.toLocaleString("sv-SE")} kr`;
const yesNo = (value: boolean) => (value ? "Ja" : "Nej");

export function planRegister(rows: readonly SourceRow[], context: RegisterContext): RegisterPlan {
  const existing = new Map(
    context.contracts.map((contract) => [contractNumberKey(contract.contractNumber), contract]),
  );
  const unmatched: Unmatched[] = [];
  const duplicates = findDuplicates(rows, (row) =>
    contractNumberKey(new RowReader(row, LABELS).written("contractNumber")),
  );
  const planned = rows.map((row): PlannedRow<ContractWrite> => {
    const reader = new RowReader(row, LABELS);
    const written = reader.written("contractNumber");
    const key = contractNumberKey(written);
    const report = (action: RowReport["action"], extra: Partial<RowReport> = {}): RowReport => ({
      sheet: context.sheet,
      kind: "register",
      row: row.row,
      action,
      contractNumber: written,
      label: reader.written("title") || existing.get(key)?.title || "",
      cells: [],
      ...extra,
    });
    if (key === "") {
      return {
        report: report("refused", {
          reason: "Avtalsnummer saknas. Varje avtal behöver ett nummer som det känns igen på.",
        }),
      };
    }
    const duplicate = duplicates.get(row);
    if (duplicate) return { report: duplicateReport(duplicate, report, `Avtalsnumret ${written}`) };
    const plan = planContract(reader, existing.get(key), context, (person, reason) =>
      unmatched.push({ text: person, reason, where: `${context.sheet} rad ${row.row}` }),
    );
    if (reader.refused > 0 || plan.reason) {
      return {
        report: report("refused", {
          reason: plan.reason ?? refusedReason(reader.refused),
          cells: reader.only("refused", "warning"),
        }),
      };
    }
    if (!plan.write) return { report: report("unchanged", { cells: reader.only("warning") }) };
    return {
      report: report(plan.write.op === "create" ? "created" : "updated", { cells: reader.notes }),
      write: plan.write,
    };
  });
  return { rows: planned, unmatched };
}

/** A copy of an earlier row changes nothing; rows that disagree are refused. */
export function duplicateReport(
  duplicate: Duplicate,
  report: (action: RowReport["action"], extra?: Partial<RowReport>) => RowReport,
  what: string,
): RowReport {
  return duplicate.kind === "copy"
    ? report("unchanged", {
        reason: `Samma uppgifter som rad ${duplicate.of}; importeras en gång.`,
      })
    : report("refused", {
        reason: `${what} står på raderna ${duplicate.rows.join(", ")} med olika uppgifter. Ta bort den rad som är fel och importera igen.`,
      });
}

interface ContractPlan {
  write?: ContractWrite;
  /** Why the row is refused although its cells could be read. */
  reason?: string;
}

function findCommittee(committees: readonly Committee[], text: string): Committee | undefined {
  const wanted = nameKey(text);
  return committees.find(
    (committee) => nameKey(committee.name) === wanted || nameKey(committee.code) === wanted,
  );
}

/** "A; B" or one per line: several providers (a LOV contract); "A, B och C" as the register writes them is one text. */
function providerList(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((name) => name.replace(/\s+/g, " ").trim())
    .filter((name) => name !== "");
}

function planContract(
  reader: RowReader,
  contract: Contract | undefined,
  context: RegisterContext,
  unmatched: (person: string, reason: string) => void,
): ContractPlan {
  const values = {
    title: reader.read("title", singleLine(255)),
    serviceArea: reader.read("serviceArea", singleLine(255)),
    provider: reader.read("provider", multiLine(2000)),
    orgNumber: reader.read("providerOrgNumber", parseOrgNumber),
    startDate: reader.read("startDate", parseDate),
    endDate: reader.read("endDate", parseDate),
    extensionOptions: reader.read("extensionOptions", singleLine(255)),
    extensionDecisionDate: reader.read("extensionDecisionDate", parseDate),
    annualValue: reader.read("annualValue", (cell, header) =>
      parseAmount(cell, amountFactorOfHeader(header)),
    ),
    owner: reader.read("owner", parsePerson),
    committee: reader.read("committee", singleLine(255)),
    ownRegime: reader.read("ownRegime", parseBoolean),
    valueClass: reader.read("valueClass", parseLevel),
    impactClass: reader.read("impactClass", parseLevel),
    status: reader.read("status", parseContractStatus),
    description: reader.read("description", multiLine(20_000)),
    internalNotes: reader.read("internalNotes", multiLine(20_000)),
  };
  const named =
    values.committee === undefined
      ? undefined
      : findCommittee(context.committees, values.committee);
  if (values.committee !== undefined && !named)
    reader.refuse("committee", `Nämnden ${values.committee} finns inte.`);
  const owner =
    values.owner && resolveOwner(reader, values.owner, contract?.owner, context.people, unmatched);
  checkDates(reader, {
    start: values.startDate ?? contract?.startDate,
    end: values.endDate ?? contract?.endDate,
    decision: values.extensionDecisionDate ?? contract?.extensionDecisionDate,
  });
  if (reader.refused > 0) return {};
  return contract
    ? updateContract(reader, contract, { ...values, named, owner }, context)
    : createContract(reader, { ...values, named, owner }, context);
}

function resolveOwner(
  reader: RowReader,
  reference: PersonReference,
  stored: Person | undefined,
  people: PeopleLookup,
  unmatched: (person: string, reason: string) => void,
): Person | undefined {
  const match = matchOf(people, reference);
  if (match.kind === "found") return match.person;
  // The register's own export names the owner as stored: that is no change, directory or not.
  if (stored && namesPerson(reference, stored)) return stored;
  const reason = unmatchedReason(match);
  reader.warn("owner", `${reason} Avtalsansvarig lämnas ${stored?.id ? "som den är" : "tom"}.`);
  unmatched(reader.written("owner"), reason);
  return undefined;
}

function checkDates(
  reader: RowReader,
  dates: { start?: IsoDate | undefined; end?: IsoDate | undefined; decision?: IsoDate | undefined },
): void {
  if (dates.start && dates.end && dates.end < dates.start) {
    reader.refuse(
      reader.has("endDate") ? "endDate" : "startDate",
      "Avtalsslut är före avtalsstart.",
    );
  }
  if (dates.decision && dates.end && dates.decision > dates.end) {
    reader.refuse(
      reader.has("extensionDecisionDate") ? "extensionDecisionDate" : "endDate",
      "Beslut om förlängning måste tas före avtalsslut.",
    );
  }
}

type RowValues = {
  title: string | undefined;
  serviceArea: string | undefined;
  provider: string | undefined;
  orgNumber: string | undefined;
  startDate: IsoDate | undefined;
  endDate: IsoDate | undefined;
  extensionOptions: string | undefined;
  extensionDecisionDate: IsoDate | undefined;
  annualValue: number | undefined;
  ownRegime: boolean | undefined;
  valueClass: Level | undefined;
  impactClass: Level | undefined;
  status: ContractStatus | undefined;
  description: string | undefined;
  internalNotes: string | undefined;
  named: Committee | undefined;
  owner: Person | undefined;
};

/** A new contract's status from its dates, when the file has none. */
function statusFromDates(values: RowValues, today: IsoDate): ContractStatus {
  if (values.endDate && values.endDate < today) return "avslutat";
  if (values.startDate && values.startDate > today) return "planerat";
  return "aktivt";
}

function createContract(
  reader: RowReader,
  values: RowValues,
  context: RegisterContext,
): ContractPlan {
  if (values.named && values.named.id !== context.committee.id) {
    return {
      reason: `Raden gäller ${values.named.name}, men importen görs för ${context.committee.name}. Importera den nämndens avtal för sig.`,
    };
  }
  if (!values.title) reader.refuse("title", "Ange avtalets namn för ett nytt avtal.");
  const names = values.provider ? providerList(values.provider) : [];
  if (names.length === 0) {
    reader.refuse(
      "provider",
      "Ange utförare för ett nytt avtal (för egen regi: den egna enhet som utför tjänsten).",
    );
  }
  if (reader.refused > 0) return {};
  const providers: Provider[] = names.map((name, index) => ({
    name,
    orgNumber: index === 0 ? (values.orgNumber ?? "") : "",
    email: "",
  }));
  const classified = values.valueClass !== undefined && values.impactClass !== undefined;
  if (!classified && (values.valueClass !== undefined || values.impactClass !== undefined)) {
    reader.warn(
      values.valueClass ? "valueClass" : "impactClass",
      "Ange både värde och påverkan för att klassificera avtalet; nu får nämnden klassificera det.",
    );
  }
  const fields: ContractValues = {
    title: values.title ?? "",
    contractNumber: reader.written("contractNumber").replace(/\s+/g, " "),
    committeeId: context.committee.id,
    serviceArea: values.serviceArea ?? "",
    providers,
    provider: providerNames(providers),
    providerOrgNumber: providers[0]?.orgNumber ?? "",
    ownRegime: values.ownRegime ?? false,
    owner: values.owner ?? { id: "", name: "", email: "" },
    // Without both, the classification columns stay empty: the nämnd classifies it.
    ...(values.valueClass && values.impactClass
      ? {
          valueClass: values.valueClass,
          impactClass: values.impactClass,
          strategic: matrixSaysStrategic(values.valueClass, values.impactClass),
        }
      : { strategic: false }),
    overrideReason: "",
    annualValue: values.annualValue,
    startDate: values.startDate,
    endDate: values.endDate,
    extensionOptions: values.extensionOptions ?? "",
    extensionDecisionDate: values.extensionDecisionDate,
    status: values.status ?? statusFromDates(values, context.today),
    followUpsPerYear: 1,
    description: values.description ?? "",
    publicFields: [],
    publicDescription: "",
    internalNotes: values.internalNotes ?? "",
  };
  for (const field of REGISTER_FIELDS)
    if (reader.has(field.key) && field.key !== "committee") reader.added(field.key);
  if (!classified) {
    reader.notes.push({
      field: "Klassificering",
      column: "",
      value: "",
      status: "warning",
      message: "Värde och påverkan saknas: avtalet visas som att klassificera på Översikt.",
    });
  }
  return { write: { op: "create", key: contractNumberKey(fields.contractNumber ?? ""), fields } };
}

function updateContract(
  reader: RowReader,
  contract: Contract,
  values: RowValues,
  context: RegisterContext,
): ContractPlan {
  const changes: ContractValues = {};
  const text = (
    field: "title" | "serviceArea" | "extensionOptions" | "description" | "internalNotes",
    value: string | undefined,
  ) => {
    if (value === undefined || same(value, contract[field])) return;
    changes[field] = value;
    reader.changed(field, contract[field]);
  };
  text("title", values.title);
  text("serviceArea", values.serviceArea);
  text("extensionOptions", values.extensionOptions);
  text("description", values.description);
  text("internalNotes", values.internalNotes);
  const date = (
    field: "startDate" | "endDate" | "extensionDecisionDate",
    value: IsoDate | undefined,
  ) => {
    if (value === undefined || value === contract[field]) return;
    changes[field] = value;
    reader.changed(field, contract[field] ?? "");
  };
  date("startDate", values.startDate);
  date("endDate", values.endDate);
  date("extensionDecisionDate", values.extensionDecisionDate);
  if (
    values.annualValue !== undefined &&
    (contract.annualValue === undefined ||
      Math.abs(values.annualValue - contract.annualValue) >= 0.005)
  ) {
    changes.annualValue = values.annualValue;
    reader.changed("annualValue", kronor(contract.annualValue));
  }
  if (values.ownRegime !== undefined && values.ownRegime !== contract.ownRegime) {
    changes.ownRegime = values.ownRegime;
    reader.changed("ownRegime", yesNo(contract.ownRegime));
  }
  if (values.status !== undefined && values.status !== contract.status) {
    changes.status = values.status;
    reader.changed("status", contract.status);
  }
  if (values.owner && values.owner.id !== contract.owner.id) {
    changes.owner = values.owner;
    reader.changed("owner", contract.owner.name);
  }
  const providers = changedProviders(reader, contract, values);
  if (providers) {
    changes.providers = providers;
    changes.provider = providerNames(providers);
    changes.providerOrgNumber = providers[0]?.orgNumber ?? "";
  }
  classify(reader, contract, values, changes);
  if (Object.keys(changes).length === 0) return {};
  if (contract.committeeId !== context.committee.id) {
    const owner = context.committees.find((committee) => committee.id === contract.committeeId);
    return {
      reason: `Avtalet hör till ${owner?.name ?? "en annan nämnd"}; där ändras det. ${context.committee.name} kan inte ändra det i importen.`,
    };
  }
  if (values.named && values.named.id !== contract.committeeId) {
    return {
      reason: `Avtalet hör till ${context.committee.name} men raden anger ${values.named.name}. Ett avtal flyttas till en annan nämnd på avtalet, inte i importen.`,
    };
  }
  return {
    write: {
      op: "update",
      id: contract.id,
      etag: contract.etag,
      key: contractNumberKey(contract.contractNumber),
      fields: changes,
    },
  };
}

/** The providers after the row, or undefined when the row changes none of them. */
function changedProviders(
  reader: RowReader,
  contract: Contract,
  values: RowValues,
): Provider[] | undefined {
  let providers = contract.providers;
  let changed = false;
  if (values.provider !== undefined) {
    const names = providerList(values.provider);
    const sameAsStored =
      (names.length === 1 && same(names[0] ?? "", contract.provider)) ||
      (names.length === providers.length &&
        names.every((name, index) => nameKey(name) === nameKey(providers[index]?.name ?? "")));
    if (!sameAsStored && names.length > 0) {
      providers = names.map(
        (name) =>
          contract.providers.find((provider) => nameKey(provider.name) === nameKey(name)) ?? {
            name,
            orgNumber: "",
            email: "",
          },
      );
      changed = true;
      reader.changed("provider", contract.provider);
    }
  }
  const first = providers[0];
  if (values.orgNumber !== undefined && first) {
    const digits = (text: string) => text.replace(/\D/g, "");
    if (digits(values.orgNumber) !== digits(first.orgNumber)) {
      providers = [{ ...first, orgNumber: values.orgNumber }, ...providers.slice(1)];
      changed = true;
      reader.changed("providerOrgNumber", first.orgNumber);
    }
  }
  return changed ? providers : undefined;
}

/**
 * Value and impact from the file. A contract not yet classified needs both;
 * a change keeps the nämnd's own decision (override) where it still differs
 * from the matrix, else the matrix decides.
 */
function classify(
  reader: RowReader,
  contract: Contract,
  values: RowValues,
  changes: ContractValues,
): void {
  if (values.valueClass === undefined && values.impactClass === undefined) return;
  if (
    !contract.classified &&
    (values.valueClass === undefined || values.impactClass === undefined)
  ) {
    reader.warn(
      values.valueClass ? "valueClass" : "impactClass",
      "Ange både värde och påverkan för att klassificera avtalet.",
    );
    return;
  }
  const valueClass = values.valueClass ?? contract.valueClass;
  const impactClass = values.impactClass ?? contract.impactClass;
  if (
    contract.classified &&
    valueClass === contract.valueClass &&
    impactClass === contract.impactClass
  )
    return;
  changes.valueClass = valueClass;
  changes.impactClass = impactClass;
  const overridden =
    contract.classified &&
    contract.overrideReason.trim() !== "" &&
    contract.strategic !== matrixSaysStrategic(contract.valueClass, contract.impactClass);
  const matrix = matrixSaysStrategic(valueClass, impactClass);
  const keepOverride = overridden && contract.strategic !== matrix;
  const strategic = keepOverride ? contract.strategic : matrix;
  // The nämnd's reason was for a decision against the old matrix; the new matrix now agrees with it.
  if (overridden && !keepOverride) changes.overrideReason = "";
  if (strategic !== contract.strategic) changes.strategic = strategic;
  const message =
    strategic === contract.strategic
      ? undefined
      : strategic
        ? "Avtalet blir strategiskt enligt matrisen."
        : "Avtalet är inte längre strategiskt enligt matrisen.";
  for (const field of ["valueClass", "impactClass"] as const) {
    const before = contract.classified ? contract[field] : "(ej klassificerat)";
    if (values[field] !== undefined && (values[field] !== contract[field] || !contract.classified))
      reader.changed(field, before, message);
  }
}
