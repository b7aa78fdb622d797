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

/** A removed record as the API sends it (GET /api/removed). */
export interface RemovedRecord extends Omit<RemovedRow, "eTag"> {
  etag: string;
  /** "Avvikelse", "Avtal" … */
  what: string;
  committeeName: string;
  /** The contract a record belongs to, by name (empty for a contract or plan). */
  contractTitle: string;
}

export function presentRemoved(
  row: RemovedRow,
  names: { committees: ReadonlyMap<string, string>; contracts: ReadonlyMap<string, string> },
): RemovedRecord {
  const { eTag, ...rest } = row;
  return {
    ...rest,
    etag: eTag,
    what: REMOVABLE_LABELS[row.list],
    committeeName: names.committees.get(row.committeeId) ?? "",
    contractTitle: row.list === "contracts" ? "" : (names.contracts.get(row.contractId) ?? ""),
  };
}
