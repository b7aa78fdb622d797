import type { Actor } from "../domain/actor.ts";
import { readableKey } from "../domain/provider-register.ts";
import type { StoredHistoryEntry } from "../store/app-store.ts";
import { type Column, type HistoryListKey, SCHEMA } from "../store/schema.ts";

/**
 * A record's change history as a person reads it: one entry per saved
 * change with who and when, each changed field under its Swedish label and
 * its values as the form shows them (Ja/Nej, dates, choices, names rather
 * than ids). Pure: the names of linked nämnder, contracts and records come in.
 */

/** What a version of the record's own row did. */
type VersionAction = "created" | "changed" | "removed" | "restored";
export type HistoryAction =
  | VersionAction
  /** A file attached to the record as evidence, or one removed (presenters/evidence.ts). */
  | "evidence-added"
  | "evidence-removed";

export interface HistoryChange {
  /** The column's internal name (stable, for code). */
  field: string;
  /** Its Swedish label. */
  label: string;
  from: string;
  to: string;
}

export interface HistoryEntry {
  version: string;
  /** When, ISO 8601 UTC. */
  modified: string;
  /** Who, by name (also in `by`). */
  modifiedBy: string;
  by: Actor;
  action: HistoryAction;
  /** "Skapad", "Ändrad", "Borttagen: <reason>", "Återställd", "Underlag tillagt: <fil>". */
  summary: string;
  changes: HistoryChange[];
}

/** Names of what lookups point at, by id: the presenter shows these instead of ids. */
export interface HistoryNames {
  committees: ReadonlyMap<string, string>;
  contracts: ReadonlyMap<string, string>;
  followUps: ReadonlyMap<string, string>;
  deviations: ReadonlyMap<string, string>;
}

export const NO_NAMES: HistoryNames = {
  committees: new Map(),
  contracts: new Map(),
  followUps: new Map(),
  deviations: new Map(),
};

/** Shown for an empty value. */
export const EMPTY = "–";

/**
 * Columns a person does not read in the history: a person's id and e-mail
 * change with the name shown beside them, and the removal columns are told
 * by the entry's summary.
 */
const HIDDEN = new Set([
  "ownerId",
  "ownerEmail",
  "actionOwnerId",
  "actionOwnerEmail",
  "riskConfirmedById",
  "removedAt",
  "removedById",
  "removedByName",
  "removedReason",
  // The provider register's name key follows the name.
  "nameKey",
]);

/** Where the form's label differs from the column's display name in SharePoint. */
const LABELS: Partial<Record<HistoryListKey, Record<string, string>>> = {
  contracts: {
    Title: "Namn",
    providers: "Utförare (alla)",
    ownerName: "Avtalsansvarig",
    sharedWith: "Delas med",
    riskLikelihood: "Risk: sannolikhet",
    riskConsequence: "Risk: konsekvens",
    riskLevel: "Risknivå (bedömd)",
    riskReason: "Motivering till riskbedömningen",
  },
  deficiencies: { actionOwnerName: "Ansvarig för åtgärder" },
  providers: { Title: "Namn" },
};

const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});
const numberFormat = new Intl.NumberFormat("sv-SE");

function columnNamed(list: HistoryListKey, field: string): Column | undefined {
  const columns: readonly Column[] = SCHEMA[list].columns;
  return columns.find((column) =>
    column.type.kind === "lookup" ? `${column.name}LookupId` === field : column.name === field,
  );
}

/** The Swedish label of a field of list `list`. */
export function fieldLabel(list: HistoryListKey, field: string): string {
  const own = LABELS[list]?.[field];
  if (own) return own;
  if (field === "Title") return "Rubrik";
  return columnNamed(list, field)?.displayName ?? field;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A contract's providers, stored as JSON: "Namn; orgnr; e-post / …" as the form lists them. */
function shownProviders(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return value;
    return parsed
      .map((provider: unknown) =>
        typeof provider === "object" && provider !== null
          ? ["name", "orgNumber", "email"]
              .map((key) => Reflect.get(provider, key))
              .filter((part): part is string => typeof part === "string" && part !== "")
              .join("; ")
          : String(provider),
      )
      .join(" / ");
  } catch {
    return value;
  }
}

/** A stored value as the form shows it. */
export function shownValue(
  list: HistoryListKey,
  field: string,
  value: unknown,
  names: HistoryNames = NO_NAMES,
): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const type = columnNamed(list, field)?.type;
  if (typeof value === "boolean" || type?.kind === "boolean") return value ? "Ja" : "Nej";
  if (field === "providers" && typeof value === "string") return shownProviders(value);
  // The answers to "Samma leverantör?": provider keys, one a line.
  if (list === "providers" && (field === "sameAs" || field === "notSameAs")) {
    return String(value)
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => readableKey(line.trim()))
      .join(", ");
  }
  const text = String(value);
  switch (type?.kind) {
    case "date": {
      const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(day.getTime()) ? text : dateFormat.format(day);
    }
    case "dateTime": {
      const moment = new Date(text);
      return Number.isNaN(moment.getTime()) ? text : dateTimeFormat.format(moment);
    }
    case "number":
      return typeof value === "number" ? numberFormat.format(value) : text;
    case "choice":
      return capitalised(text);
    case "lookup": {
      const byList: Partial<Record<string, ReadonlyMap<string, string>>> = {
        committees: names.committees,
        contracts: names.contracts,
        followUps: names.followUps,
        deviations: names.deviations,
      };
      return byList[type.list]?.get(text) ?? `nr ${text}`;
    }
    default:
      return text;
  }
}

function actionOf(entry: StoredHistoryEntry): VersionAction {
  if (entry.created) return "created";
  const removal = entry.changes.find((change) => change.field === "removedAt");
  if (removal) return removal.to ? "removed" : "restored";
  return "changed";
}

function summaryOf(action: VersionAction, entry: StoredHistoryEntry): string {
  switch (action) {
    case "created":
      return "Skapad";
    case "changed":
      return "Ändrad";
    case "removed": {
      const reason = entry.changes.find((change) => change.field === "removedReason")?.to;
      return typeof reason === "string" && reason ? `Borttagen: ${reason}` : "Borttagen";
    }
    case "restored":
      return "Återställd";
  }
}

/** A record's history, newest first, as a person reads it. */
export function readableHistory(
  list: HistoryListKey,
  entries: readonly StoredHistoryEntry[],
  names: HistoryNames = NO_NAMES,
): HistoryEntry[] {
  return entries.map((entry) => {
    const action = actionOf(entry);
    return {
      version: entry.version,
      modified: entry.modified,
      modifiedBy: entry.modifiedBy,
      by: entry.by,
      action,
      summary: summaryOf(action, entry),
      changes: entry.changes
        .filter((change) => !HIDDEN.has(change.field))
        .map((change) => ({
          field: change.field,
          label: fieldLabel(list, change.field),
          from: shownValue(list, change.field, change.from, names),
          to: shownValue(list, change.field, change.to, names),
        }))
        // A created record lists what it was created with, not every empty field.
        .filter((change) => action !== "created" || change.to !== EMPTY),
    };
  });
}

/** The ids a history's lookups point at, per list, for the caller to name. */
export function linkedIds(entries: readonly StoredHistoryEntry[]): {
  committees: string[];
  contracts: string[];
  followUps: string[];
  deviations: string[];
} {
  const ids = (field: string) => [
    ...new Set(
      entries.flatMap((entry) =>
        entry.changes
          .filter((change) => change.field === field)
          .flatMap((change) => [change.from, change.to])
          .filter((value) => typeof value === "number" || (typeof value === "string" && value))
          .map(String),
      ),
    ),
  ];
  return {
    committees: ids("committeeLookupId"),
    contracts: ids("contractLookupId"),
    followUps: ids("followUpLookupId"),
    deviations: ids("deviationLookupId"),
  };
}
