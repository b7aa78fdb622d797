import type { RemovableListKey } from "../store/schema.ts";
import type { HistoryEntry } from "./history.ts";
import { REMOVABLE_LABELS } from "./removed.ts";

/**
 * A record's history as handed out — to an inspection or as an allmän
 * handling: the readable history (presenters/history.ts) with the record
 * named, who exported it and when, and the internal notes left out unless
 * the person asked for them. Pure: the history and the names come in.
 */

/**
 * Columns that are the administration's internal notes: shown in the tab to
 * whoever reads the record, but left out of an export unless asked for,
 * since an export is usually handed outside. Only the contract's "Interna
 * anteckningar" is internal by name; every other free-text field is part of
 * the follow-up the nämnd reports (the nämnd report prints a deficiency's
 * sanction, the kickoff minutes the meeting's notes), so it stays in.
 */
export const INTERNAL_FIELDS: Partial<Record<RemovableListKey, ReadonlySet<string>>> = {
  contracts: new Set(["internalNotes"]),
};

/** What an internal value left out reads as: the reader sees that something was, and that it changed. */
export const LEFT_OUT = "(intern anteckning, ej med i utdraget)";

/** One document of the record's evidence (Underlag), as the attachments list gives it. */
export interface EvidenceItem {
  name: string;
  /** When it was added, ISO 8601. */
  addedAt: string;
  addedBy: string;
  /** Size in bytes, when known. */
  size?: number;
  /** Where it opens (SharePoint), when known. */
  webUrl?: string;
}

export interface HistoryExport {
  list: RemovableListKey;
  id: string;
  /** "Avtal", "Uppföljning" … */
  what: string;
  /** The record's own name: a contract's title, a follow-up's period … */
  title: string;
  municipality: string;
  committeeName: string;
  /** The contract the record belongs to (empty for a contract or plan). */
  contractTitle: string;
  /** When the export was made, ISO 8601. */
  exportedAt: string;
  exportedBy: string;
  /** Whether internal notes are in it (asked for and allowed). */
  internal: boolean;
  /** Whether the record has internal fields at all (so the document says what it left out). */
  hasInternalFields: boolean;
  /** Newest first, as the tab shows them. */
  entries: HistoryEntry[];
  /**
   * The record's evidence (Underlag), when the app keeps a list of it;
   * undefined leaves the section out. The seam for the attachments list.
   */
  evidence?: EvidenceItem[];
}

/** The history with internal notes kept or replaced by LEFT_OUT. */
export function exportedEntries(
  list: RemovableListKey,
  entries: readonly HistoryEntry[],
  internal: boolean,
): HistoryEntry[] {
  const hidden = INTERNAL_FIELDS[list];
  if (internal || !hidden) return [...entries];
  return entries.map((entry) => ({
    ...entry,
    changes: entry.changes.map((change) =>
      hidden.has(change.field) ? { ...change, from: LEFT_OUT, to: LEFT_OUT } : change,
    ),
  }));
}

export function historyExport(input: {
  list: RemovableListKey;
  id: string;
  title: string;
  municipality: string;
  committeeName: string;
  contractTitle: string;
  exportedAt: string;
  exportedBy: string;
  internal: boolean;
  entries: readonly HistoryEntry[];
  evidence?: EvidenceItem[] | undefined;
}): HistoryExport {
  const { evidence, ...rest } = input;
  return {
    ...rest,
    what: REMOVABLE_LABELS[input.list],
    hasInternalFields: INTERNAL_FIELDS[input.list] !== undefined,
    entries: exportedEntries(input.list, input.entries, input.internal),
    ...(evidence ? { evidence } : {}),
  };
}

/** The file's name without extension: "Historik Avtal Hemtjänst LOV". */
export function historyFileTitle(model: Pick<HistoryExport, "what" | "title" | "id">): string {
  // Characters Windows and SharePoint refuse in file names become spaces.
  const title = model.title
    .replace(/[\\/:*?"<>|#%\r\n\t]+/g, " ")
    .trim()
    .slice(0, 80);
  return `Historik ${model.what} ${title || model.id}`.replace(/\s+/g, " ").trim();
}

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

/** "24 november 2026 08:00", Swedish time. */
export function swedishDateTime(iso: string): string {
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? iso : dateTime.format(moment);
}

/** Swedish wall-clock time as a Date whose UTC fields hold it (Excel has no time zones). */
export function stockholmWallClock(iso: string): Date | null {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return null;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(moment);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return new Date(
    Date.UTC(
      part("year"),
      part("month") - 1,
      part("day"),
      part("hour"),
      part("minute"),
      part("second"),
    ),
  );
}

/** What the document says about the internal notes. */
export function internalNote(model: Pick<HistoryExport, "internal" | "hasInternalFields">): string {
  if (!model.hasInternalFields) return "Posten har inga interna anteckningar.";
  return model.internal
    ? "Utdraget innehåller interna anteckningar."
    : "Interna anteckningar ingår inte i utdraget; där de har ändrats står det att de är utelämnade.";
}
