import { graphErrors } from "../errors.ts";

/**
 * The query options a listItem collection accepts. Graph documents only
 * $filter/$expand (plus $select, $orderby, $top and server-driven paging);
 * $skip, $search and $count are refused rather than silently ignored.
 */

const REFUSED = new Set([
  "$skip",
  "$search",
  "$count",
  "$apply",
  "$compute",
  "skip",
  "search",
  "count",
]);

export interface ItemQueryOptions {
  filter: string | undefined;
  orderBy: string | undefined;
  top: number | undefined;
  skipToken: string | undefined;
  /** `expand=fields` given; with its select list if any. */
  expandFields: boolean;
  fieldSelect: Set<string> | undefined;
  select: Set<string> | undefined;
}

/** Both `$filter` and `filter` are accepted, as Graph does. */
function option(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

export const MAX_TOP = 5000;
export const DEFAULT_PAGE_SIZE = 200;

export function parseItemQueryOptions(
  query: URLSearchParams,
  allowed: Set<string>,
): ItemQueryOptions {
  for (const key of query.keys()) {
    const lower = key.toLowerCase();
    if (REFUSED.has(lower)) throw graphErrors.unsupportedQueryOption(key);
    const bare = lower.replace(/^\$/, "");
    if (!allowed.has(bare)) throw graphErrors.unsupportedQueryOption(key);
  }
  const topText = option(query, "top");
  let top: number | undefined;
  if (topText !== undefined) {
    if (!/^\d+$/.test(topText) || Number(topText) < 1 || Number(topText) > MAX_TOP) {
      throw graphErrors.invalidRequest(`$top must be an integer between 1 and ${MAX_TOP}.`);
    }
    top = Number(topText);
  }
  const { expandFields, fieldSelect } = parseExpand(option(query, "expand"));
  const selectText = option(query, "select");
  return {
    filter: option(query, "filter"),
    orderBy: option(query, "orderby"),
    top,
    skipToken: option(query, "skiptoken") ?? query.get("$skipToken") ?? undefined,
    expandFields,
    fieldSelect,
    select: selectText ? new Set(selectText.split(",").map((name) => name.trim())) : undefined,
  };
}

function parseExpand(expand: string | undefined): {
  expandFields: boolean;
  fieldSelect: Set<string> | undefined;
} {
  if (expand === undefined || expand.trim() === "")
    return { expandFields: false, fieldSelect: undefined };
  const match = /^fields(?:\((\$?select)=([^)]*)\))?$/i.exec(expand.trim());
  if (!match) {
    throw graphErrors.invalidRequest(
      `Expanding '${expand}' is not supported by the local Graph service; only 'fields' is.`,
    );
  }
  const names = match[2]
    ?.split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names?.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
    throw graphErrors.invalidRequest(`Invalid select list in '${expand}'.`);
  }
  return { expandFields: true, fieldSelect: names ? new Set(names) : undefined };
}
