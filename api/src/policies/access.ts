import type { Committee, Contract } from "../domain/model.ts";

/**
 * Who may do what, in one place, used by the API, the bot and the exports.
 * Members of a nämnd's Microsoft 365 group work with its data; nämnd
 * secretaries also decide plans and finish reports; a contract's owner may
 * edit that contract; kommunledningskontoret reads every nämnd (oversight),
 * and writes only where it is a member.
 */

export interface Principal {
  userId: string;
  name: string;
  email: string;
  memberOf: ReadonlySet<string>;
  secretaryOf: ReadonlySet<string>;
  klk: boolean;
}

export interface Roles {
  klk: boolean;
  member: string[];
  secretary: string[];
}

export function principalFor(
  user: { id: string; name: string; email: string },
  groupIds: ReadonlySet<string>,
  committees: Committee[],
  klkGroupId: string,
): Principal {
  const memberOf = new Set(
    committees
      .filter((committee) => committee.groupId !== "" && groupIds.has(committee.groupId))
      .map((committee) => committee.id),
  );
  const secretaryOf = new Set(
    committees
      .filter((committee) => committee.secretaryIds.includes(user.id))
      .map((committee) => committee.id),
  );
  // A secretary works with the nämnd even if not in its group.
  for (const id of secretaryOf) memberOf.add(id);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    memberOf,
    secretaryOf,
    klk: klkGroupId !== "" && groupIds.has(klkGroupId),
  };
}

export function rolesOf(principal: Principal): Roles {
  return {
    klk: principal.klk,
    member: [...principal.memberOf],
    secretary: [...principal.secretaryOf],
  };
}

export const can = {
  readCommittee: (principal: Principal, committeeId: string) =>
    principal.klk || principal.memberOf.has(committeeId),
  writeCommittee: (principal: Principal, committeeId: string) =>
    principal.memberOf.has(committeeId),
  /** Decide plans, finish and register reports. */
  decideForCommittee: (principal: Principal, committeeId: string) =>
    principal.secretaryOf.has(committeeId),
  readContract: (principal: Principal, contract: Contract) =>
    principal.klk ||
    principal.userId === contract.owner.id ||
    [contract.committeeId, ...contract.sharedWithCommitteeIds].some((id) =>
      principal.memberOf.has(id),
    ),
  /** The owning nämnd's members and the contract owner edit the contract itself. */
  writeContract: (principal: Principal, contract: Contract) =>
    principal.userId === contract.owner.id || principal.memberOf.has(contract.committeeId),
  /**
   * Move a contract to another nämnd: write access to both, the one it leaves
   * and the one it joins (its owner alone may edit it, not give it away).
   */
  moveContract: (principal: Principal, contract: Contract, toCommitteeId: string) =>
    principal.memberOf.has(contract.committeeId) && principal.memberOf.has(toCommitteeId),
  /**
   * Put a nämnd on a contract's shares: the nämnd then gets obligations,
   * reminders and report rows, so only its own members (or kommunledningskontoret) may.
   */
  shareWith: (principal: Principal, committeeId: string) =>
    principal.klk || principal.memberOf.has(committeeId),
  /** Take a nämnd off a contract's shares: whoever edits the contract, and always the nämnd itself. */
  unshare: (principal: Principal, contract: Contract, committeeId: string) =>
    principal.klk ||
    principal.memberOf.has(committeeId) ||
    principal.userId === contract.owner.id ||
    principal.memberOf.has(contract.committeeId),
  /** A nämnd records follow-ups, deficiencies, kickoffs and deviations for contracts it owns or shares. */
  recordForContract: (principal: Principal, contract: Contract, committeeId: string) =>
    [contract.committeeId, ...contract.sharedWithCommitteeIds].includes(committeeId) &&
    (principal.memberOf.has(committeeId) ||
      (principal.userId === contract.owner.id && committeeId === contract.committeeId)),
  /**
   * A contract's risk assessment and its reasons: internal, for whoever reads
   * the contract (never public insight). Its reasons name other nämnder only
   * as counts, so reading it reveals nothing of their rows.
   */
  readContractRisk: (principal: Principal, contract: Contract): boolean =>
    can.readContract(principal, contract),
  /**
   * Confirm or override a contract's suggested risk: whoever may edit the
   * contract (the assessment is kept on it and sets its follow-up cadence).
   */
  assessContractRisk: (principal: Principal, contract: Contract): boolean =>
    can.writeContract(principal, contract),
  /**
   * A contract's internal notes ("Interna anteckningar"): the tab shows them to
   * whoever reads the contract, so they may also take them into a history
   * export — which leaves them out unless asked, since an export is handed out.
   */
  readInternalNotes: (principal: Principal, contract: Contract): boolean =>
    can.readContract(principal, contract),
  seeKommunOverview: (principal: Principal) => principal.klk,
  /**
   * See the records removed by mistake and restore them: kommunledningskontoret,
   * which answers for the kommun's register as a whole. (Removing a record is
   * for whoever may edit it.)
   */
  restoreRemoved: (principal: Principal) => principal.klk,
  /**
   * Change the kommun's risk matrix and follow-up cadence (Inställningar):
   * kommunledningskontoret, as they are the kommun's internal control, the same
   * for every nämnd. Everyone signed in may read them.
   */
  changeRiskSettings: (principal: Principal) => principal.klk,
  /** Import a register into a nämnd (many contracts at once): its secretaries, or kommunledningskontoret for any. */
  importRegister: (principal: Principal, committeeId: string) =>
    principal.secretaryOf.has(committeeId) || principal.klk,
  /**
   * Note what is known of a provider in the register (finances, IVO, contact):
   * kommunledningskontoret, or a member of a nämnd that holds (or shares) a
   * contract with it — those who follow it up. Everyone may read the notes.
   */
  editProviderRegister: (principal: Principal, contracts: readonly Contract[]): boolean =>
    principal.klk ||
    contracts.some((contract) =>
      [contract.committeeId, ...contract.sharedWithCommitteeIds].some((id) =>
        principal.memberOf.has(id),
      ),
    ),
  /** Link a Teams channel to a nämnd (its reminders go there): its secretaries, or kommunledningskontoret. */
  linkChannel: (principal: Principal, committeeId: string) =>
    principal.secretaryOf.has(committeeId) || principal.klk,
};

/** The nämnder a person can read, for menus and default filters. */
export function readableCommittees(principal: Principal, committees: Committee[]): Committee[] {
  return committees.filter((committee) => can.readCommittee(principal, committee.id));
}
