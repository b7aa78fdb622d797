import { useEffect } from "react";
import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { NEW_RECORD, routeParams } from "../../routes.ts";
import type { CommitteeSummary } from "../../types.ts";
import { knownPeople } from "./known-people.ts";
import type { RecordRoute } from "./RecordScreen.tsx";
import type { RecordBase, RecordKindView } from "./record-kinds.ts";
import type { RecordData } from "./useRecordData.ts";

/**
 * One record's form: the record (from the list, or read by itself for a deep
 * link), its fields and first values, and whether the person may write it.
 */
export function useRecordEditor<T extends RecordBase>({
  view,
  route,
  id,
  loaded,
  committee,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  id: string;
  loaded: RecordData<T>;
  committee: CommitteeSummary;
}) {
  const { api, me, replaceRoute } = useApp();
  const isNew = id === NEW_RECORD;
  const listed = isNew ? undefined : loaded.records.find((record) => record.id === id);
  // A deep link to a record the list does not hold (e.g. another nämnd's): read it by itself.
  const single = useLoad(
    () => (isNew || listed ? Promise.resolve(undefined) : api.get<T>(`/api/${view.path}/${id}`)),
    `${view.path}|${id}|${Boolean(listed)}`,
  );
  const record = listed ?? single.data;
  const prefill = routeParams(route);

  // A due follow-up opens the period's draft when there is one, rather than a second follow-up.
  const existingDraft = isNew
    ? loaded.records.find(
        (candidate) =>
          view.path === "follow-ups" &&
          candidate.contractId === prefill.get("avtal") &&
          view.periodOf(candidate) === prefill.get("period") &&
          candidate.status === "utkast",
      )
    : undefined;
  useEffect(() => {
    if (existingDraft) replaceRoute({ screen: view.screen, id: existingDraft.id });
  }, [existingDraft, replaceRoute, view.screen]);

  const { contracts, dashboard, followUps, deviations } = loaded;
  const offered = view.strategicOnly
    ? contracts.filter((contract) => contract.strategic || contract.id === record?.contractId)
    : contracts;
  const fields = view.fields({
    contracts: offered,
    people: knownPeople(me.user, contracts),
    ...(followUps ? { followUps } : {}),
    ...(deviations ? { deviations } : {}),
  });
  const writable = record
    ? me.committees.some((candidate) => candidate.id === record.committeeId && candidate.canWrite)
    : committee.canWrite === true;
  const contract = contracts.find((candidate) => candidate.id === record?.contractId);
  const initial = record
    ? record
    : view.defaults({
        today: dashboard.today,
        period: dashboard.latestCompletePeriod.key,
        me: me.user,
        contracts: offered,
        prefill,
      });
  return { isNew, single, record, existingDraft, fields, writable, contract, initial };
}
