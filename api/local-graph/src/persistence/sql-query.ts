import type { PlannedFilter, PlannedOrder, SqlValue, Target } from "../graph/odata/query-plan.ts";

/**
 * Translates a checked query plan into SQL over the `items` table, where a
 * list item's fields are one JSON document. Indexed columns have expression
 * indexes on exactly the expressions produced here, so filters stay fast at
 * 100,000 items.
 */

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

const SAFE_KEY = /^[A-Za-z0-9_]+$/;

export function fieldExpression(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe field key ${key}`);
  return `json_extract(fields, '$.${key}')`;
}

/** `unindexed`: a unary + keeps SQLite from using this term's index (another term's is better). */
export function targetExpression(target: Target, unindexed = false): string {
  const plus = unindexed ? "+" : "";
  if (target.kind === "system") return `${plus}${target.column}`;
  const expression = `${plus}${fieldExpression(target.key)}`;
  return target.text ? `${expression} COLLATE NOCASE` : expression;
}

/**
 * How good a term is to drive the search: an id, then a lookup id (a few rows
 * per value), then any other equality, then ranges and prefixes. SQLite has no
 * statistics on these expression indexes, so it is told.
 */
function selectivity(filter: PlannedFilter): number {
  if (filter.kind !== "compare" && filter.kind !== "startswith") return 9;
  const target = filter.target;
  const equality = filter.kind === "compare" && filter.operator === "eq" && filter.value !== null;
  if (!equality) return 4;
  if (target.kind === "system") return target.column === "id" ? 0 : 3;
  return target.key.endsWith("LookupId") ? 1 : 2;
}

/** The terms of an AND chain. */
function conjuncts(filter: PlannedFilter): PlannedFilter[] {
  return filter.kind === "and" ? [...conjuncts(filter.left), ...conjuncts(filter.right)] : [filter];
}

const OPERATORS = { eq: "=", ne: "<>", lt: "<", le: "<=", gt: ">", ge: ">=" } as const;

export function filterToSql(filter: PlannedFilter, unindexed = false): SqlFragment {
  switch (filter.kind) {
    case "and": {
      // Only the most selective term uses its index; the rest filter what it finds.
      const terms = conjuncts(filter);
      const best = terms.reduce((a, b) => (selectivity(b) < selectivity(a) ? b : a));
      const parts = terms.map((term) => filterToSql(term, unindexed || term !== best));
      return {
        sql: `(${parts.map((part) => part.sql).join(" AND ")})`,
        params: parts.flatMap((part) => part.params),
      };
    }
    case "or": {
      const left = filterToSql(filter.left, unindexed);
      const right = filterToSql(filter.right, unindexed);
      return {
        sql: `(${left.sql} ${filter.kind.toUpperCase()} ${right.sql})`,
        params: [...left.params, ...right.params],
      };
    }
    case "startswith": {
      const escaped = filter.value.replace(/[\\%_]/g, (char) => `\\${char}`);
      return {
        sql: `${targetExpression(filter.target, unindexed)} LIKE ? ESCAPE '\\'`,
        params: [`${escaped}%`],
      };
    }
    case "compare": {
      const expression = targetExpression(filter.target, unindexed);
      if (filter.value === null) {
        return {
          sql: `${expression} IS ${filter.operator === "eq" ? "" : "NOT "}NULL`,
          params: [],
        };
      }
      if (filter.operator === "ne") {
        return { sql: `(${expression} IS NULL OR ${expression} <> ?)`, params: [filter.value] };
      }
      return { sql: `${expression} ${OPERATORS[filter.operator]} ?`, params: [filter.value] };
    }
  }
}

/** Order keys of a query: the requested ones, then `id` so every order is total. */
export function orderKeys(orderBy: PlannedOrder[]): PlannedOrder[] {
  const keys = [...orderBy];
  if (!keys.some((key) => key.target.kind === "system" && key.target.column === "id")) {
    keys.push({ target: { kind: "system", column: "id" }, direction: "asc" });
  }
  return keys;
}

export function orderToSql(keys: PlannedOrder[]): string {
  return keys
    .map((key) => `${targetExpression(key.target)} ${key.direction.toUpperCase()}`)
    .join(", ");
}

/**
 * Keyset condition "comes after the row with these key values" for the given
 * order, with SQLite's NULL ordering (NULLs first ascending, last descending).
 */
export function keysetToSql(keys: PlannedOrder[], values: SqlValue[]): SqlFragment {
  const alternatives: string[] = [];
  const params: SqlValue[] = [];
  keys.forEach((key, index) => {
    const parts: string[] = [];
    const partParams: SqlValue[] = [];
    for (let before = 0; before < index; before += 1) {
      parts.push(`${targetExpression(keys[before]!.target)} IS ?`);
      partParams.push(values[before] ?? null);
    }
    const expression = targetExpression(key.target);
    const value = values[index] ?? null;
    if (key.direction === "asc") {
      if (value === null) parts.push(`${expression} IS NOT NULL`);
      else {
        parts.push(`${expression} > ?`);
        partParams.push(value);
      }
    } else if (value === null) {
      parts.push("0");
    } else {
      parts.push(`(${expression} < ? OR ${expression} IS NULL)`);
      partParams.push(value);
    }
    alternatives.push(`(${parts.join(" AND ")})`);
    params.push(...partParams);
  });
  return { sql: `(${alternatives.join(" OR ")})`, params };
}
