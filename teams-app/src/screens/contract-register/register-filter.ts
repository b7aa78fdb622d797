import { daysUntil } from "../../format.ts";
import type { Contract } from "../../types.ts";
import { compareSv } from "../record-screen/list-query.ts";

/** What the register's search and filters ask for (empty = no filter). */
export interface RegisterFilter {
  q: string;
  area: string;
  /** "true" or "false". */
  strategic: string;
  status: string;
  /** Days until the contract's end. */
  expires: string;
}

export interface RegisterSort {
  key: string;
  direction: "ascending" | "descending";
}

/** The contracts that match, sorted as asked (Swedish collation, numbers as numbers). */
export function filterContracts(
  items: Contract[],
  filter: RegisterFilter,
  sort: RegisterSort,
  committeeNames: ReadonlyMap<string, string>,
  today: string,
): Contract[] {
  const needle = filter.q.trim().toLocaleLowerCase("sv");
  const result = items.filter(
    (item) =>
      (!needle ||
        [item.title, item.provider, item.contractNumber, item.serviceArea].some((value) =>
          value.toLocaleLowerCase("sv").includes(needle),
        )) &&
      (!filter.area || item.serviceArea === filter.area) &&
      (!filter.strategic || String(item.strategic) === filter.strategic) &&
      (!filter.status || item.status === filter.status) &&
      (!filter.expires ||
        (item.endDate !== undefined &&
          daysUntil(item.endDate, today) >= 0 &&
          daysUntil(item.endDate, today) <= Number(filter.expires))),
  );
  const value = (item: Contract): string | number => {
    switch (sort.key) {
      case "annualValue":
        return item.annualValue ?? -1;
      case "committee":
        return committeeNames.get(item.committeeId) ?? "";
      case "endDate":
        return item.endDate ?? "9999";
      case "provider":
        return item.provider;
      case "serviceArea":
        return item.serviceArea;
      default:
        return item.title;
    }
  };
  return result.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order =
      typeof x === "number" && typeof y === "number" ? x - y : compareSv(String(x), String(y));
    return sort.direction === "ascending" ? order : -order;
  });
}
