import { periodKindOf } from "../domain/annual-cycle.ts";
import type { Committee, Person } from "../domain/model.ts";
import { PERIOD_KIND_LABELS, type PeriodKind } from "../domain/reporting-period.ts";
import type { Roles } from "../policies/access.ts";
import type { CycleData } from "../store/app-store.ts";

/** A nämnd as the API answers it: to everyone its name, to its readers more. */

/** What everyone signed in may know of a nämnd: enough to name it and pick it. */
export interface CommitteeName {
  id: string;
  name: string;
  code: string;
  isKs: boolean;
  periodKind: PeriodKind;
  periodLabel: string;
}

/** For the nämnd's readers: also its diarium address and its team. */
export interface CommitteeView extends CommitteeName {
  registryEmail: string;
  /** The nämnd's Microsoft 365 group, which is its team in Teams. */
  groupId: string;
}

/** A nämnd in `GET /api/me`: with what the person may do there. */
export interface MyCommittee extends CommitteeView {
  canWrite: boolean;
  canDecide: boolean;
  /** The nämnd has chosen to list its evidence under Beslutsunderlag in its report. */
  listsEvidence?: boolean;
}

/**
 * Any nämnd as one of the answers names it: the fields beyond its name come
 * only where the person may read the nämnd (or, for `groupId`, asked for it).
 */
export type CommitteeSummary = CommitteeName & Partial<Omit<MyCommittee, keyof CommitteeName>>;

export function presentCommitteeName(
  committee: Committee,
  settings: CycleData["settings"],
): CommitteeName {
  const kind = periodKindOf(committee, settings);
  return {
    id: committee.id,
    name: committee.name,
    code: committee.code,
    isKs: committee.isKs,
    periodKind: kind,
    periodLabel: PERIOD_KIND_LABELS[kind],
  };
}

export function presentCommittee(
  committee: Committee,
  settings: CycleData["settings"],
): CommitteeView {
  return {
    ...presentCommitteeName(committee, settings),
    registryEmail: committee.registryEmail,
    groupId: committee.groupId,
  };
}

/** `GET /api/me`: who the person is, their roles and the nämnder they may read. */
export interface Me {
  user: Person;
  roles: Roles;
  municipality: string;
  mode: "local" | "tenant";
  committees: MyCommittee[];
}
