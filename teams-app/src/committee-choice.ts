import type { CommitteeSummary, Me } from "./types.ts";

/** Where the tab remembers the nämnd last chosen (session storage). */
export const COMMITTEE_KEY = "avtalsuppfoljning.committee";

/**
 * Which nämnd the tab shows at start. In a team whose Microsoft 365 group is
 * a nämnd's, the team decides — a saved tab's ?namnd cannot override it, and
 * a person who may not read that nämnd is told so instead of being shown
 * another. Elsewhere: the configured tab's ?namnd, the last chosen, the
 * first the person works in, the first they may read.
 */
export type CommitteeChoice =
  | { committeeId: string | undefined }
  | { committeeId: undefined; unreadableTeam: true };

export function chooseCommittee(input: {
  me: Me;
  teamGroupId: string | undefined;
  /** The team's nämnd among all nämnder (not only readable), when the team is one. */
  teamCommittee: Pick<CommitteeSummary, "id" | "groupId"> | undefined;
  fromAddress: string | undefined;
  remembered: string | undefined;
}): CommitteeChoice {
  const { me } = input;
  const readable = (id: string | undefined) =>
    me.committees.find((committee) => committee.id === id);
  if (input.teamGroupId) {
    const team = me.committees.find((committee) => committee.groupId === input.teamGroupId);
    if (team) return { committeeId: team.id };
    if (input.teamCommittee) return { committeeId: undefined, unreadableTeam: true };
  }
  const chosen =
    readable(input.fromAddress) ??
    readable(input.remembered) ??
    me.committees.find((committee) => committee.canWrite) ??
    me.committees[0];
  return { committeeId: chosen?.id };
}
