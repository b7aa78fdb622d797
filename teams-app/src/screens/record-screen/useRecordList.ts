import { useMemo } from "react";
import type { Contract } from "../../types.ts";
import { compareSv } from "./list-query.ts";
import type { RecordRoute } from "./RecordScreen.tsx";
import type { RecordBase, RecordKindView } from "./record-kinds.ts";
import { useListQuery } from "./useListQuery.ts";

/**
 * A record list's search, filters and sorting (kept in the address), the
 * choices the filters offer, and the rows they leave.
 */
export function useRecordList<T extends RecordBase>({
  view,
  route,
  records,
  contracts,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  records: T[];
  contracts: Contract[];
}) {
  const { query, update } = useListQuery(
    route,
    (next) => ({ screen: view.screen, ...(next ? { query: next } : {}) }),
    { key: "datum", direction: "descending" },
  );
  const contractsById = useMemo(
    () => new Map(contracts.map((contract) => [contract.id, contract])),
    [contracts],
  );
  const titleOf = (record: T) => contractsById.get(record.contractId)?.title ?? "(okänt avtal)";
  const ownerOf = (record: T) => view.ownerOf(record, contractsById.get(record.contractId));

  const choices = useMemo(() => {
    const periods = [...new Set(records.map((record) => view.periodOf(record)).filter(Boolean))];
    const owners = new Map<string, string>();
    for (const record of records) {
      const owner = view.ownerOf(record, contractsById.get(record.contractId));
      if (owner) owners.set(owner.id, owner.name);
    }
    const used = new Set(records.map((record) => record.contractId));
    return {
      periods: periods.map(String).sort((a, b) => compareSv(b, a)),
      owners: [...owners].sort((a, b) => compareSv(a[1], b[1])),
      contracts: contracts
        .filter((contract) => used.has(contract.id))
        .sort((a, b) => compareSv(a.title, b.title)),
    };
  }, [records, contracts, contractsById, view]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: titleOf and ownerOf read contractsById.
  const rows = useMemo(() => {
    const needle = query.q.trim().toLocaleLowerCase("sv");
    const filtered = records.filter(
      (record) =>
        (!needle ||
          `${titleOf(record)} ${view.searchText(record)}`
            .toLocaleLowerCase("sv")
            .includes(needle)) &&
        (!query.status ||
          record.status === query.status ||
          (view.statusGroups
            ?.find((group) => group.value === query.status)
            ?.matches(record.status ?? "") ??
            false)) &&
        (!query.contract || record.contractId === query.contract) &&
        (!query.period || view.periodOf(record) === query.period) &&
        (!query.owner || ownerOf(record)?.id === query.owner),
    );
    const sortValue = (record: T): string => {
      switch (query.sort?.key) {
        case "avtal":
          return titleOf(record);
        case "ansvarig":
          return ownerOf(record)?.name ?? "";
        case "status":
          return record.status ?? "";
        case "datum":
          return view.dateOf(record) ?? "";
        default:
          return view.columns.find((column) => column.key === query.sort?.key)?.value(record) ?? "";
      }
    };
    const direction = query.sort?.direction === "descending" ? -1 : 1;
    return filtered.sort((a, b) => direction * compareSv(sortValue(a), sortValue(b)));
  }, [records, query, view, contractsById]);

  const filtering = Boolean(
    query.q || query.status || query.contract || query.period || query.owner,
  );
  return { query, update, choices, rows, filtering, titleOf, ownerOf };
}
