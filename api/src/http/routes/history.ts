import { type HistoryEntry, linkedIds, readableHistory } from "../../presenters/history.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { RemovableListKey } from "../../store/schema.ts";

/** A contract's or record's history as the tab shows it: readable, with names for ids. */
export async function historyOf(
  store: AppStore,
  list: RemovableListKey,
  id: string,
): Promise<HistoryEntry[]> {
  const stored = await store.history(list, id);
  return readableHistory(list, stored, await store.linkedNames(linkedIds(stored)));
}
