import type { Committee } from "./model.ts";

/** Kommunstyrelsen first, then the nämnder by name: one order in every list and report. */
export function inCommitteeOrder(committees: readonly Committee[]): Committee[] {
  return [...committees].sort(
    (a, b) => Number(b.isKs) - Number(a.isKs) || a.name.localeCompare(b.name, "sv"),
  );
}
