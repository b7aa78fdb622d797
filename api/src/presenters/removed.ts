import type { RemovedRow } from "../store/app-store.ts";
import type { RemovableListKey } from "../store/schema.ts";

/** What a removed row is, in words, for kommunledningskontoret's list. */
export const REMOVABLE_LABELS: Record<RemovableListKey, string> = {
  contracts: "Avtal",
  plans: "Uppföljningsplan",
  kickoffs: "Uppstartsmöte",
  deviations: "Avvikelse",
  followUps: "Uppföljning",
  deficiencies: "Brist",
};

/** The same, definite ("avtalet", "uppföljningen"), for sentences. */
export const REMOVABLE_DEFINITE: Record<RemovableListKey, string> = {
  contracts: "avtalet",
  plans: "uppföljningsplanen",
  kickoffs: "uppstartsmötet",
  deviations: "avvikelsen",
  followUps: "uppföljningen",
  deficiencies: "bristen",
};

/** A removed record a removed row belongs to: it is restored first, or the row would lose it. */
export interface RestoreFirst {
  list: RemovableListKey;
  id: string;
  /** "Avtal", "Uppföljning" … */
  what: string;
  /** "avtalet", "uppföljningen" …, for sentences. */
  definite: string;
  title: string;
}

/** A removed record as the API sends it (GET /api/removed). */
export interface RemovedRecord extends Omit<RemovedRow, "eTag"> {
  etag: string;
  /** "Avvikelse", "Avtal" … */
  what: string;
  committeeName: string;
  /**
   * The contract a record belongs to, by name (empty for a contract or plan);
   * "… (borttaget avtal)" when that contract is removed too.
   */
  contractTitle: string;
  /** Set when what the record belongs to is removed as well: restore that first. */
  restoreFirst?: RestoreFirst;
}

/**
 * The removed record a row waits for: its contract, or a deficiency's
 * follow-up or deviation, when that is among the removed rows too.
 */
export function removedParentOf(
  row: Pick<RemovedRow, "list" | "contractId" | "followUpId" | "deviationId">,
  removed: ReadonlyMap<string, Pick<RemovedRow, "list" | "id" | "title">>,
): RestoreFirst | undefined {
  const links: Array<[RemovableListKey, string]> = [
    ["contracts", row.list === "contracts" ? "" : row.contractId],
    ["followUps", row.followUpId],
    ["deviations", row.deviationId],
  ];
  for (const [list, id] of links) {
    const parent = id ? removed.get(`${list}/${id}`) : undefined;
    if (parent)
      return {
        list: parent.list,
        id: parent.id,
        what: REMOVABLE_LABELS[list],
        definite: REMOVABLE_DEFINITE[list],
        title: parent.title,
      };
  }
  return undefined;
}

export function presentRemoved(
  row: RemovedRow,
  names: { committees: ReadonlyMap<string, string>; contracts: ReadonlyMap<string, string> },
  removed: ReadonlyMap<string, Pick<RemovedRow, "list" | "id" | "title">> = new Map(),
): RemovedRecord {
  const { eTag, ...rest } = row;
  const restoreFirst = removedParentOf(row, removed);
  return {
    ...rest,
    etag: eTag,
    what: REMOVABLE_LABELS[row.list],
    committeeName: names.committees.get(row.committeeId) ?? "",
    contractTitle: row.list === "contracts" ? "" : (names.contracts.get(row.contractId) ?? ""),
    ...(restoreFirst ? { restoreFirst } : {}),
  };
}
