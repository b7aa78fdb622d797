import { swedishSize } from "../domain/evidence.ts";
import type { EvidenceFile } from "../store/evidence-library.ts";
import type { HistoryEntry } from "./history.ts";

/** One evidence file as the tab lists it: name, size, who and when, and where it opens. */
export interface EvidenceItem {
  id: string;
  /** Its metadata's ETag: removing it sends this as If-Match. */
  etag: string;
  name: string;
  size: number;
  /** "1,2 MB" */
  sizeText: string;
  period: string;
  /** ISO 8601 UTC. */
  uploadedAt: string;
  uploadedBy: { name: string; email: string };
  /** Opens the file in the library (Office for the web for Office files). */
  webUrl: string;
  /** Opens a Word file in the Word app (read-only), when it is one. */
  wordUrl?: string;
}

export function presentEvidence(file: EvidenceFile): EvidenceItem {
  return {
    id: file.id,
    etag: file.etag,
    name: file.name,
    size: file.size,
    sizeText: swedishSize(file.size),
    period: file.period,
    uploadedAt: file.uploadedAt,
    uploadedBy: { name: file.uploadedBy.name, email: file.uploadedBy.email },
    webUrl: file.webUrl,
    // Office URI scheme: `ofv` opens read-only in the desktop app.
    ...(/\.docx$/i.test(file.name) ? { wordUrl: `ms-word:ofv|u|${file.webUrl}` } : {}),
  };
}

/**
 * The history entries a record's evidence adds: each file added, and each
 * removed with who, when and why. Merged into the record's own history.
 */
export function evidenceHistory(files: readonly EvidenceFile[]): HistoryEntry[] {
  return files.flatMap((file): HistoryEntry[] => {
    const added: HistoryEntry = {
      version: `underlag-${file.id}`,
      modified: file.uploadedAt,
      modifiedBy: file.uploadedBy.name,
      by: file.uploadedBy,
      action: "evidence-added",
      summary: `Underlag tillagt: ${file.name}`,
      changes: [],
    };
    if (!file.removed) return [added];
    return [
      {
        version: `underlag-${file.id}-borttaget`,
        modified: file.removed.at,
        modifiedBy: file.removed.by.name,
        by: file.removed.by,
        action: "evidence-removed",
        summary: file.removed.reason
          ? `Underlag borttaget: ${file.name}. Anledning: ${file.removed.reason}`
          : `Underlag borttaget: ${file.name}`,
        changes: [],
      },
      added,
    ];
  });
}

/** A record's history with its evidence's entries, newest first. */
export function withEvidence(
  history: readonly HistoryEntry[],
  files: readonly EvidenceFile[],
): HistoryEntry[] {
  // A file is always added after its record was made: at the same second, it goes first.
  return [...evidenceHistory(files), ...history].sort((a, b) =>
    b.modified.localeCompare(a.modified),
  );
}
