import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { Contract, Dashboard, Deviation, FollowUp, Items } from "../../types.ts";
import type { RecordBase, RecordKindView } from "./record-kinds.ts";

/** What a record screen reads of its nämnd: the records, their contracts and the årshjul. */
export interface RecordData<T> {
  records: T[];
  contracts: Contract[];
  dashboard: Dashboard;
  /** Read only for a kind that links to them (deficiencies). */
  followUps?: FollowUp[];
  deviations?: Deviation[];
}

/** Reads a kind's records and what its list and form need, in parallel. */
export function useRecordData<T extends RecordBase>(view: RecordKindView<T>) {
  const { api, committee } = useApp();
  const committeeId = committee?.id;
  return useLoad(async (): Promise<RecordData<T> | undefined> => {
    if (!committeeId) return undefined;
    const [records, contracts, dashboard, followUps, deviations] = await Promise.all([
      api.get<Items<T>>(`/api/${view.path}?committeeId=${committeeId}`),
      api.get<Items<Contract>>(`/api/contracts?committeeId=${committeeId}`),
      api.get<Dashboard>(`/api/committees/${committeeId}/dashboard`),
      view.readsLinks
        ? api.get<Items<FollowUp>>(`/api/follow-ups?committeeId=${committeeId}`)
        : undefined,
      view.readsLinks
        ? api.get<Items<Deviation>>(`/api/deviations?committeeId=${committeeId}`)
        : undefined,
    ]);
    return {
      records: records.items,
      contracts: contracts.items,
      dashboard,
      ...(followUps ? { followUps: followUps.items } : {}),
      ...(deviations ? { deviations: deviations.items } : {}),
    };
  }, `${view.path}|${committeeId}`);
}
