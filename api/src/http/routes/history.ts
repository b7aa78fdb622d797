import { EVIDENCE_KINDS, type EvidenceList } from "../../domain/evidence.ts";
import { withEvidence } from "../../presenters/evidence.ts";
import { type HistoryEntry, linkedIds, readableHistory } from "../../presenters/history.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { EvidenceFile } from "../../store/evidence-library.ts";
import type { RemovableListKey } from "../../store/schema.ts";

const EVIDENCE_LISTS: ReadonlySet<string> = new Set(
  Object.values(EVIDENCE_KINDS).map((kind) => kind.list),
);
export const takesEvidence = (list: RemovableListKey): list is EvidenceList & RemovableListKey =>
  EVIDENCE_LISTS.has(list);

/** The files attached to a record (and, when asked, those removed), from its nämnd's library. */
export async function evidenceOf(
  store: AppStore,
  list: RemovableListKey,
  id: string,
  committeeId: string | undefined,
  options: { includeRemoved?: boolean } = {},
): Promise<EvidenceFile[]> {
  const committee =
    committeeId && takesEvidence(list) ? await store.committee(committeeId) : undefined;
  if (!committee || !takesEvidence(list)) return [];
  return store.evidence.list(committee, list, id, options);
}

/**
 * A contract's or record's history as the tab shows it: readable, with names
 * for ids, and the files attached to it and removed from it (kept in the
 * library of `committeeId`, the record's nämnd).
 */
export async function historyOf(
  store: AppStore,
  list: RemovableListKey,
  id: string,
  committeeId?: string,
): Promise<HistoryEntry[]> {
  const [stored, files] = await Promise.all([
    store.history(list, id),
    evidenceOf(store, list, id, committeeId, { includeRemoved: true }),
  ]);
  const history = readableHistory(list, stored, await store.linkedNames(linkedIds(stored)));
  return withEvidence(history, files);
}
