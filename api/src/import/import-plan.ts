import { contractNumberKey } from "../domain/contract-number.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Committee, Contract, Deficiency, FollowUp } from "../domain/model.ts";
import { FIELDS, type ImportKind, KIND_LABELS } from "./fields.ts";
import {
  type ColumnMapping,
  kindScores,
  missingRequired,
  normaliseHeader,
  proposeMapping,
  type SheetLayout,
  sheetLayout,
} from "./headers.ts";
import type { PeopleLookup } from "./people.ts";
import { personKey } from "./people.ts";
import {
  type DeficiencyWrite,
  type FollowUpWrite,
  planDeficiencies,
  planFollowUps,
} from "./plan-history.ts";
import {
  type ContractWrite,
  type PlannedRow,
  planRegister,
  type Unmatched,
} from "./plan-register.ts";
import { countRows, type ImportReport, type SheetReport } from "./preview.ts";
import type { ReadFile, Sheet } from "./sheet.ts";
import { RowReader, type SourceRow, sourceRows } from "./source-rows.ts";
import { type PersonReference, parsePerson } from "./values.ts";

/**
 * The whole import, pure: which sheet holds what and how its columns map
 * (proposed, or as the person chose), then the plan for every row against
 * the register as read. The store's import adapter reads the register,
 * asks the directory for the people named and carries out the plan.
 */

export type SheetKind = ImportKind | "ignore";

/** The person's choice for one sheet: what it holds and each column's field. */
export interface SheetChoice {
  file: number;
  sheet: number;
  kind: SheetKind;
  columns: ColumnMapping;
}

/** Mappings chosen before, per kind: a header (normalised) → its field, "" for a column left out. */
export type RememberedMapping = Partial<Record<ImportKind, Record<string, string>>>;

export interface AnalysedSheet {
  file: number;
  sheet: number;
  source: Sheet;
  layout: SheetLayout;
  kind: SheetKind;
  columns: ColumnMapping;
  rows: SourceRow[];
  problems: string[];
}

/** A mapping sent by the tab that does not fit the file. */
export class MappingError extends Error {}

export function analyse(
  files: readonly ReadFile[],
  remembered: RememberedMapping,
  requested?: readonly SheetChoice[],
): AnalysedSheet[] {
  const taken = new Set<ImportKind>();
  const sheets = files.flatMap((file, fileIndex) =>
    file.sheets.map((source, sheetIndex) => ({
      fileIndex,
      sheetIndex,
      source,
      layout: sheetLayout(source),
    })),
  );
  const chosen = sheets.map(({ fileIndex, sheetIndex, source, layout }): AnalysedSheet => {
    const choice = requested?.find(
      (entry) => entry.file === fileIndex && entry.sheet === sheetIndex,
    );
    let kind: SheetKind;
    let columns: ColumnMapping;
    if (choice) {
      kind = choice.kind;
      columns = checkChoice(choice, layout, source.name);
    } else {
      kind = kindScores(layout.columns).find((entry) => !taken.has(entry.kind))?.kind ?? "ignore";
      columns =
        kind === "ignore"
          ? layout.columns.map(() => null)
          : proposeMapping(kind, layout.columns, remembered[kind]);
    }
    if (kind !== "ignore") {
      if (taken.has(kind))
        throw new MappingError(
          `Bara ett blad kan innehålla ${KIND_LABELS[kind].toLowerCase()}; välj ett.`,
        );
      taken.add(kind);
    }
    const rows = kind === "ignore" ? [] : sourceRows(source, layout, columns);
    const missing = kind === "ignore" ? [] : missingRequired(kind, columns);
    return {
      file: fileIndex,
      sheet: sheetIndex,
      source,
      layout,
      kind,
      columns,
      rows,
      problems: missing.map(
        (label) => `Ingen kolumn är kopplad till ${label}; koppla den kolumn som har det.`,
      ),
    };
  });
  return chosen;
}

function checkChoice(choice: SheetChoice, layout: SheetLayout, name: string): ColumnMapping {
  if (choice.columns.length !== layout.columns.length)
    throw new MappingError(`Kopplingen för ${name} har fel antal kolumner; ladda upp filen igen.`);
  if (choice.kind === "ignore") return choice.columns.map(() => null);
  const fields = FIELDS[choice.kind];
  const seen = new Set<string>();
  for (const key of choice.columns) {
    if (key === null) continue;
    const field = fields.find((candidate) => candidate.key === key);
    if (!field)
      throw new MappingError(
        `Fältet ${key} finns inte för ${KIND_LABELS[choice.kind].toLowerCase()}.`,
      );
    if (seen.has(key))
      throw new MappingError(`${field.label} är kopplat till två kolumner i ${name}; välj en.`);
    seen.add(key);
  }
  return choice.columns;
}

/** The choices as they stand, for remembering: each header of a mapped sheet and its field. */
export function rememberedFrom(
  sheets: readonly AnalysedSheet[],
  before: RememberedMapping,
): RememberedMapping {
  const next: RememberedMapping = { ...before };
  for (const sheet of sheets) {
    if (sheet.kind === "ignore") continue;
    const kind = sheet.kind;
    const mapping = { ...(next[kind] ?? {}) };
    for (const column of sheet.layout.columns) {
      if (column.header === "") continue;
      mapping[normaliseHeader(column.header)] = sheet.columns[column.index] ?? "";
    }
    next[kind] = mapping;
  }
  return next;
}

/** Everyone the file names (contract owners, action plan owners), once each, for the directory. */
export function personReferences(sheets: readonly AnalysedSheet[]): PersonReference[] {
  const found = new Map<string, PersonReference>();
  for (const sheet of sheets) {
    const field =
      sheet.kind === "register"
        ? "owner"
        : sheet.kind === "deficiencies"
          ? "actionOwner"
          : undefined;
    if (!field) continue;
    for (const row of sheet.rows) {
      const reference = new RowReader(row, new Map()).read(field, parsePerson);
      if (reference && (reference.email || reference.name))
        found.set(personKey(reference), reference);
    }
  }
  return [...found.values()];
}

export interface RegisterState {
  committee: Committee;
  committees: readonly Committee[];
  /** Every contract of the kommun. */
  contracts: readonly Contract[];
  /** The nämnd's follow-ups and deficiencies. */
  followUps: readonly FollowUp[];
  deficiencies: readonly Deficiency[];
  people: PeopleLookup;
  today: IsoDate;
}

export interface ImportPlan {
  report: ImportReport;
  contracts: Array<PlannedRow<ContractWrite>>;
  followUps: Array<PlannedRow<FollowUpWrite>>;
  deficiencies: Array<PlannedRow<DeficiencyWrite>>;
}

export function planImport(
  files: readonly ReadFile[],
  sheets: readonly AnalysedSheet[],
  state: RegisterState,
): ImportPlan {
  const sheetOf = (kind: ImportKind) =>
    sheets.find((sheet) => sheet.kind === kind && sheet.problems.length === 0);
  const register = sheetOf("register");
  const contracts = register
    ? planRegister(register.rows, { ...state, sheet: register.source.name })
    : { rows: [], unmatched: [] };
  const newContracts = new Set(
    contracts.rows.flatMap((row) => (row.write?.op === "create" ? [row.write.key] : [])),
  );
  // A contract whose row the register refused: the history rows about it say so, not "not in the file".
  const refusedContracts = new Map<string, number[]>();
  for (const { report } of contracts.rows) {
    const key = contractNumberKey(report.contractNumber);
    if (report.action !== "refused" || key === "" || newContracts.has(key)) continue;
    refusedContracts.set(key, [...(refusedContracts.get(key) ?? []), report.row]);
  }
  const followUpSheet = sheetOf("followUps");
  const history = { ...state, newContracts, refusedContracts };
  const followUps = followUpSheet
    ? planFollowUps(followUpSheet.rows, { ...history, sheet: followUpSheet.source.name })
    : { rows: [], created: new Set<string>() };
  const deficiencySheet = sheetOf("deficiencies");
  const deficiencies = deficiencySheet
    ? planDeficiencies(deficiencySheet.rows, {
        ...history,
        sheet: deficiencySheet.source.name,
        newFollowUps: followUps.created,
      })
    : { rows: [], unmatched: [] };
  const rows = [...contracts.rows, ...followUps.rows, ...deficiencies.rows].map(
    (row) => row.report,
  );
  return {
    report: {
      files: files.map((file) => ({
        name: file.name,
        format: file.format,
        ...(file.encoding ? { encoding: file.encoding } : {}),
        ...(file.delimiter ? { delimiter: file.delimiter } : {}),
      })),
      sheets: sheets.map(sheetReport),
      rows,
      counts: countRows(rows),
      unmatchedPeople: groupUnmatched([...contracts.unmatched, ...deficiencies.unmatched]),
    },
    contracts: contracts.rows,
    followUps: followUps.rows,
    deficiencies: deficiencies.rows,
  };
}

function sheetReport(sheet: AnalysedSheet): SheetReport {
  return {
    file: sheet.file,
    sheet: sheet.sheet,
    name: sheet.source.name,
    kind: sheet.kind,
    headerRow: sheet.layout.headerRow,
    dataStart: sheet.layout.dataStart,
    rows: sheet.rows.length,
    columns: sheet.layout.columns.map((column) => ({
      letter: column.letter,
      header: column.header,
      field: sheet.columns[column.index] ?? null,
    })),
    problems: sheet.problems,
  };
}

function groupUnmatched(entries: readonly Unmatched[]): ImportReport["unmatchedPeople"] {
  const groups = new Map<string, ImportReport["unmatchedPeople"][number]>();
  for (const entry of entries) {
    const key = entry.text.trim().toLocaleLowerCase("sv");
    const group = groups.get(key) ?? { text: entry.text, reason: entry.reason, rows: [] };
    group.rows.push(entry.where);
    groups.set(key, group);
  }
  return [...groups.values()];
}
