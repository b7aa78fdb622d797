import type { IndexedFieldOf, ListKey } from "./schema.ts";

/**
 * OData filter values are built here and nowhere else: strings are quoted
 * with doubled single quotes, so user input can never end a literal early
 * (`x' or 1 eq 1`), and field names are checked against a strict pattern.
 */

export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`not a field name: ${name}`);
  return `fields/${name}`;
}

export type ODataValue = string | number | boolean;

function literal(value: ODataValue): string {
  if (typeof value === "string") return odataString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("not a finite number");
    return String(value);
  }
  return value ? "true" : "false";
}

export const where = {
  eq: (name: string, value: ODataValue) => `${field(name)} eq ${literal(value)}`,
  ne: (name: string, value: ODataValue) => `${field(name)} ne ${literal(value)}`,
  ge: (name: string, value: ODataValue) => `${field(name)} ge ${literal(value)}`,
  le: (name: string, value: ODataValue) => `${field(name)} le ${literal(value)}`,
  startsWith: (name: string, value: string) => `startswith(${field(name)},${odataString(value)})`,
  and: (...parts: string[]) =>
    parts
      .filter((part) => part !== "")
      .map((part) => `(${part})`)
      .join(" and "),
  or: (...parts: string[]) => parts.map((part) => `(${part})`).join(" or "),
};

/** A date-only value as stored: noon UTC, so no time zone moves it to another day. */
export function dateValue(date: string): string {
  return `${date}T12:00:00Z`;
}

declare const LIST: unique symbol;

/** A `$filter` for list K, made only by `filterOf(K)`: it names only K's indexed columns. */
export type Filter<K extends ListKey> = string & { readonly [LIST]: K };

/** A `$orderby` for list K on one of its indexed columns. */
export type OrderBy<K extends ListKey> =
  `fields/${Extract<keyof IndexedFieldOf<K>, string>}${"" | " asc" | " desc"}`;

/**
 * Filters for one list, checked by the compiler: a column that is not
 * indexed (which SharePoint refuses past 5,000 items) does not type-check,
 * and each value has its column's type.
 */
export function filterOf<K extends ListKey>(_list: K) {
  type Indexed = IndexedFieldOf<K>;
  type Name = Extract<keyof Indexed, string>;
  const made = (text: string) => branded<K>(text);
  return {
    eq: <N extends Name>(name: N, value: Indexed[N] & ODataValue) =>
      made(where.eq(String(name), value)),
    ne: <N extends Name>(name: N, value: Indexed[N] & ODataValue) =>
      made(where.ne(String(name), value)),
    ge: <N extends Name>(name: N, value: Indexed[N] & ODataValue) =>
      made(where.ge(String(name), value)),
    le: <N extends Name>(name: N, value: Indexed[N] & ODataValue) =>
      made(where.le(String(name), value)),
    and: (...parts: Array<Filter<K> | undefined>) =>
      made(where.and(...parts.filter((part): part is Filter<K> => part !== undefined))),
    or: (...parts: Filter<K>[]) => made(where.or(...parts)),
  };
}

/** The one place a filter's text gets its list's brand ("built here, for list K"). */
function branded<K extends ListKey>(text: string): Filter<K> {
  return text as Filter<K>;
}

/** The lists whose nämnd lookup is indexed, and those whose contract lookup is. */
export type ListWithCommittee = {
  [K in ListKey]: "committeeLookupId" extends keyof IndexedFieldOf<K> ? K : never;
}[ListKey];
export type ListWithContract = {
  [K in ListKey]: "contractLookupId" extends keyof IndexedFieldOf<K> ? K : never;
}[ListKey];

/** Rows of one nämnd, on any list that has the indexed nämnd lookup. */
export function byCommittee<K extends ListWithCommittee>(_list: K, committeeId: string): Filter<K> {
  return branded(where.eq("committeeLookupId", Number(committeeId)));
}

/** Rows of one nämnd and/or contract (both indexed on the record lists). */
export function byRelation<K extends ListWithCommittee & ListWithContract>(
  list: K,
  relation: { committeeId?: string | undefined; contractId?: string | undefined },
): Filter<K> | undefined {
  const parts = [
    relation.committeeId ? byCommittee(list, relation.committeeId) : "",
    relation.contractId ? where.eq("contractLookupId", Number(relation.contractId)) : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? branded(where.and(...parts)) : undefined;
}

/** Rows marked removed (their `removedAt` is set; an empty one compares as nothing). */
export function removedRows<K extends ListKey>(_list: K): Filter<K> {
  return branded(where.ge("removedAt", "1900-01-01T00:00:00Z"));
}
