import { useEffect, useMemo } from "react";
import { useApp } from "../../app-context.ts";
import type { DataSort } from "../../components/data-list/DataList.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { type Route, routeParams } from "../../routes.ts";
import { readStored, writeStored } from "../../storage.ts";
import type { ContractList } from "../../types.ts";
import { compareSv } from "../record-screen/list-query.ts";
import { filterContracts } from "./register-filter.ts";

const PAGE_SIZE = 50;

/** The register's search, filters, sorting and page, as address parameters. */
const PARAMETERS = [
  "q",
  "namnd",
  "omrade",
  "strategiskt",
  "status",
  "forfaller",
  "sort",
  "ordning",
  "sida",
] as const;
type Parameter = (typeof PARAMETERS)[number];

/**
 * The register's state: the contracts of the chosen nämnd (or all the
 * person's), filtered, sorted and paged from the address, which is also
 * remembered for the person's next visit.
 */
export function useContractRegister(route: Extract<Route, { screen: "avtal" }>) {
  const { api, me, committee, replaceRoute } = useApp();
  const params = routeParams(route);
  const get = (name: Parameter) => params.get(name) ?? "";
  const storageKey = `avtalsuppfoljning.lista.${me.user.id}.avtal`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the screen opens.
  useEffect(() => {
    if (route.query) return;
    const remembered = readStored("local", storageKey);
    if (remembered) replaceRoute({ screen: "avtal", query: remembered });
  }, []);

  const update = (changes: Partial<Record<Parameter, string>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!("sida" in changes)) next.delete("sida");
    const query = next.toString();
    writeStored("local", storageKey, query);
    replaceRoute({ screen: "avtal", ...(query ? { query } : {}) });
  };

  const scope = get("namnd") || "current";
  const scopeCommittee = scope === "current" ? committee?.id : scope === "all" ? undefined : scope;
  const contracts = useLoad(
    () =>
      api.get<ContractList>(
        `/api/contracts${scopeCommittee ? `?committeeId=${scopeCommittee}` : ""}`,
      ),
    `${scopeCommittee}`,
  );
  const sortKey = get("sort") || "title";
  const sortDirection = get("ordning") === "fallande" ? "descending" : "ascending";
  const sort: DataSort = { key: sortKey, direction: sortDirection };

  const committeeNames = useMemo(
    () => new Map(me.committees.map((candidate) => [candidate.id, candidate.name])),
    [me.committees],
  );
  const today = new Date().toISOString().slice(0, 10);
  const items = contracts.data?.items ?? [];
  const areas = useMemo(
    () => [...new Set(items.map((item) => item.serviceArea))].sort(compareSv),
    [items],
  );
  const [q, area, strategic, status, expires] = [
    get("q"),
    get("omrade"),
    get("strategiskt"),
    get("status"),
    get("forfaller"),
  ];
  const filtered = useMemo(
    () =>
      filterContracts(
        items,
        { q, area, strategic, status, expires },
        { key: sortKey, direction: sortDirection },
        committeeNames,
        today,
      ),
    [items, q, area, strategic, status, expires, sortKey, sortDirection, today, committeeNames],
  );

  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, Number(get("sida") || "1") - 1), pages - 1);
  const visible = filtered.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return {
    update,
    scope,
    contracts,
    items,
    areas,
    filter: { q, area, strategic, status, expires },
    sort,
    committeeNames,
    filtered,
    visible,
    pages,
    current,
  };
}
