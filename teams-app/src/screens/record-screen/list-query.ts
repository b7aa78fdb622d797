import type { DataSort } from "../../components/data-list/DataList.tsx";

/**
 * A list's search, filters and sorting as address parameters, so a link
 * shares them and the person's last choice can be kept per screen.
 */
export interface ListQuery {
  q: string;
  status: string;
  contract: string;
  period: string;
  owner: string;
  sort: DataSort | undefined;
}

const PARAMETERS = {
  q: "q",
  status: "status",
  contract: "avtal",
  period: "period",
  owner: "ansvarig",
} as const;

export function readListQuery(params: URLSearchParams, fallbackSort?: DataSort): ListQuery {
  const sortKey = params.get("sort");
  return {
    q: params.get(PARAMETERS.q) ?? "",
    status: params.get(PARAMETERS.status) ?? "",
    contract: params.get(PARAMETERS.contract) ?? "",
    period: params.get(PARAMETERS.period) ?? "",
    owner: params.get(PARAMETERS.owner) ?? "",
    sort: sortKey
      ? {
          key: sortKey,
          direction: params.get("ordning") === "fallande" ? "descending" : "ascending",
        }
      : fallbackSort,
  };
}

export function writeListQuery(query: ListQuery): string {
  const params = new URLSearchParams();
  const values: Array<[string, string]> = [
    [PARAMETERS.q, query.q],
    [PARAMETERS.status, query.status],
    [PARAMETERS.contract, query.contract],
    [PARAMETERS.period, query.period],
    [PARAMETERS.owner, query.owner],
  ];
  for (const [parameter, value] of values) if (value) params.set(parameter, value);
  if (query.sort) {
    params.set("sort", query.sort.key);
    params.set("ordning", query.sort.direction === "descending" ? "fallande" : "stigande");
  }
  return params.toString();
}

/** Text compared the Swedish way: case and accents as people expect, numbers in order. */
export const compareSv = (a: string, b: string) =>
  a.localeCompare(b, "sv", { numeric: true, sensitivity: "base" });
