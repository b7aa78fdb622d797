import type { CommitteeSummary } from "./types.ts";

/** Longest tab name the configuration page suggests (Teams shortens longer ones mid-word). */
export const TAB_NAME_MAX = 30;

/** A channel tab's suggested name: whole words only, the most telling one that fits. */
export function tabName(committee: Pick<CommitteeSummary, "name" | "code">): string {
  const candidates = [
    `Avtal – ${committee.name}`,
    committee.name,
    `Avtal – ${committee.code}`,
    "Avtalsuppföljning",
  ];
  return candidates.find((candidate) => candidate.length <= TAB_NAME_MAX) ?? "Avtal";
}
