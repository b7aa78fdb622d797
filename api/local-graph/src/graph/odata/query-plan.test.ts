import { describe, expect, test } from "vitest";
import type { ColumnType, StoredColumn } from "../column-model.ts";
import { GraphError } from "../errors.ts";
import { parseFilter, parseOrderBy } from "./filter-parser.ts";
import { LIST_VIEW_THRESHOLD, planQuery, type QueryPlan } from "./query-plan.ts";

/**
 * The planner's SharePoint rules, from GRAPH-FACTS §1 (filters and sorts on
 * indexed columns, the Prefer header, the 5,000-item view threshold, lookup
 * ids) and §4b (listItem properties that Graph does not filter).
 */

function column(
  name: string,
  type: ColumnType,
  indexed: boolean,
  facet: Record<string, unknown> = {},
): StoredColumn {
  return {
    id: `col-${name}`,
    listId: "list-1",
    name,
    displayName: name,
    description: "",
    type,
    facet,
    indexed,
    enforceUniqueValues: false,
    required: false,
    hidden: false,
    readOnly: false,
  };
}

const COLUMNS = [
  column("committee", "text", true),
  column("note", "text", false),
  column("amount", "number", true),
  column("isOpen", "boolean", true),
  column("due", "dateTime", true),
  column("reviewed", "dateTime", false),
  column("status", "choice", true, { choices: ["öppen", "stängd"] }),
  column("contract", "lookup", true, { listId: "list-2", columnName: "Title" }),
  column("tags", "lookup", true, { listId: "list-3", allowMultipleValues: true }),
];

interface Query {
  filter?: string;
  orderBy?: string;
  itemCount?: number;
  prefer?: boolean;
}

function plan({ filter, orderBy, itemCount = 10, prefer = false }: Query): QueryPlan {
  return planQuery({
    filter: filter === undefined ? undefined : parseFilter(filter),
    orderBy: orderBy === undefined ? [] : parseOrderBy(orderBy),
    columns: COLUMNS,
    itemCount,
    honorNonIndexed: prefer,
  });
}

function refusal(query: Query): GraphError {
  try {
    plan(query);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`the query ${JSON.stringify(query)} was planned`);
}

const NOT_INDEXED =
  "Field 'note' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.";

describe("indexed and non-indexed columns around the view threshold", () => {
  test("the threshold is SharePoint's 5,000 items (§1)", () => {
    expect(LIST_VIEW_THRESHOLD).toBe(5000);
  });

  test("an indexed filter runs at any size, without the header", () => {
    for (const itemCount of [0, 5000, 5001, 100_000]) {
      expect(plan({ filter: "fields/committee eq 'SN'", itemCount }).filter).toEqual({
        kind: "compare",
        operator: "eq",
        target: { kind: "field", key: "committee", text: true },
        value: "SN",
      });
    }
  });

  test("a non-indexed filter without the Prefer header is 400 with SharePoint's exact message (§1)", () => {
    const error = refusal({ filter: "fields/note eq 'a'" });
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalidRequest");
    expect(error.message).toBe(NOT_INDEXED);
    // Even on a small list: the rule is about the column, not the size.
    expect(refusal({ filter: "fields/note eq 'a'", itemCount: 0 }).message).toBe(NOT_INDEXED);
  });

  test("with the Prefer header it runs up to 5,000 items and fails past them (§1)", () => {
    expect(
      plan({ filter: "fields/note eq 'a'", prefer: true, itemCount: 5000 }).filter,
    ).toBeDefined();
    const error = refusal({ filter: "fields/note eq 'a'", prefer: true, itemCount: 5001 });
    expect(error.status).toBe(500);
    expect(error.innerCode).toBe("SPQueryThrottledException");
    expect(error.message).toMatch(/list view threshold/);
  });

  test("the header changes nothing for indexed queries past the threshold", () => {
    expect(
      plan({ filter: "fields/committee eq 'SN'", prefer: true, itemCount: 100_000 }).filter,
    ).toBeDefined();
  });

  test("one non-indexed column anywhere in and/or makes the whole query non-indexed", () => {
    for (const filter of [
      "fields/committee eq 'SN' and fields/note eq 'a'",
      "fields/note eq 'a' and fields/committee eq 'SN'",
      "fields/committee eq 'SN' or (fields/amount gt 3 and startswith(fields/note,'x'))",
    ]) {
      expect(refusal({ filter }).message, filter).toBe(NOT_INDEXED);
      expect(refusal({ filter, prefer: true, itemCount: 5001 }).status, filter).toBe(500);
    }
  });
});

describe("orderby", () => {
  test("on an indexed column, each term with its direction (asc by default)", () => {
    expect(plan({ orderBy: "fields/due desc,fields/committee", itemCount: 9000 }).orderBy).toEqual([
      { target: { kind: "field", key: "due", text: false }, direction: "desc" },
      { target: { kind: "field", key: "committee", text: true }, direction: "asc" },
    ]);
  });

  test("by id: always indexed", () => {
    expect(plan({ orderBy: "id desc", itemCount: 9000 }).orderBy).toEqual([
      { target: { kind: "system", column: "id" }, direction: "desc" },
    ]);
  });

  test("on a non-indexed column: 400 without the header, 500 past the threshold with it (§1)", () => {
    expect(refusal({ orderBy: "fields/note" }).message).toBe(NOT_INDEXED);
    expect(plan({ orderBy: "fields/note", prefer: true, itemCount: 5000 }).orderBy).toHaveLength(1);
    expect(refusal({ orderBy: "fields/note", prefer: true, itemCount: 5001 }).status).toBe(500);
  });

  test("an indexed filter with a non-indexed sort is still non-indexed", () => {
    expect(
      refusal({ filter: "fields/committee eq 'SN'", orderBy: "fields/reviewed" }).message,
    ).toMatch(/^Field 'reviewed' cannot be referenced/);
  });

  test("createdDateTime and lastModifiedDateTime are refused, pointing at fields/Created and fields/Modified (§4b)", () => {
    expect(refusal({ orderBy: "lastModifiedDateTime desc" }).message).toContain("fields/Modified");
    const error = refusal({ filter: "createdDateTime ge 2026-01-01T00:00:00Z", prefer: true });
    expect(error.status).toBe(400);
    expect(error.message).toContain("fields/Created");
  });

  test("fields/Created and fields/Modified are filtered and sorted (as non-indexed columns)", () => {
    expect(
      plan({ filter: "fields/Created ge '2026-01-01T00:00:00Z'", prefer: true }).filter,
    ).toEqual({
      kind: "compare",
      operator: "ge",
      target: { kind: "system", column: "created" },
      value: "2026-01-01T00:00:00Z",
    });
    expect(refusal({ orderBy: "fields/Modified" }).status).toBe(400);
  });
});

describe("values and operators", () => {
  test("lookups are filtered by their XLookupId, as a number even when written as a string (§1)", () => {
    for (const filter of ["fields/contractLookupId eq 13", "fields/contractLookupId eq '13'"]) {
      expect(plan({ filter }).filter, filter).toEqual({
        kind: "compare",
        operator: "eq",
        target: { kind: "field", key: "contractLookupId", text: false },
        value: 13,
      });
    }
    expect(refusal({ filter: "fields/contract eq 13" }).message).toMatch(/not recognized/);
  });

  test("a multi-valued lookup cannot be filtered", () => {
    expect(refusal({ filter: "fields/tagsLookupId eq 2" }).message).toMatch(/multiple values/);
  });

  test("values take their column's type; a mismatch is 400", () => {
    const value = (filter: string) => {
      const planned = plan({ filter }).filter;
      return planned?.kind === "compare" ? planned.value : undefined;
    };
    expect(value("fields/isOpen eq true")).toBe(1);
    expect(value("fields/isOpen eq 0")).toBe(0);
    expect(value("fields/amount ge '12.5'")).toBe(12.5);
    expect(value("fields/due lt '2026-03-01'")).toBe("2026-03-01T00:00:00Z");
    expect(value("fields/due lt '2026-03-01T01:00:00+01:00'")).toBe("2026-03-01T00:00:00Z");
    for (const filter of [
      "fields/amount eq 'tolv'",
      "fields/committee eq 12",
      "fields/isOpen eq 'ja'",
      "fields/due lt '2026-02-30'",
    ]) {
      expect(refusal({ filter }).message, filter).toMatch(/does not match the field's type/);
    }
  });

  test("null compares only with eq and ne", () => {
    expect(plan({ filter: "fields/due eq null" }).filter).toMatchObject({ value: null });
    expect(plan({ filter: "fields/due ne null" }).filter).toMatchObject({ value: null });
    for (const operator of ["lt", "le", "gt", "ge"]) {
      expect(refusal({ filter: `fields/due ${operator} null` }).message).toMatch(/Only eq and ne/);
    }
  });

  test("startswith needs a text column", () => {
    expect(plan({ filter: "startswith(fields/committee,'S')" }).filter).toEqual({
      kind: "startswith",
      target: { kind: "field", key: "committee", text: true },
      value: "S",
    });
    expect(refusal({ filter: "startswith(fields/amount,'1')" }).message).toMatch(
      /needs a text field/,
    );
  });

  test("operators outside eq, ne, lt, gt, le, ge and startswith are refused with 400 (§1)", () => {
    for (const filter of [
      "not (fields/committee eq 'SN')",
      "contains(fields/committee,'S')",
      "endswith(fields/committee,'N')",
      "fields/committee in ('SN','KS')",
      "fields/committee has 'SN'",
    ]) {
      const error = refusal({ filter });
      expect(error.status, filter).toBe(400);
      expect(error.code, filter).toBe("invalidRequest");
    }
  });

  test("unknown fields and the people fields are refused, never ignored", () => {
    expect(refusal({ filter: "fields/nothing eq 'x'" }).status).toBe(400);
    expect(refusal({ filter: "fields/AuthorLookupId eq 1" }).status).toBe(501);
    expect(refusal({ orderBy: "fields/Editor" }).status).toBe(501);
    expect(refusal({ filter: "title eq 'x'" }).message).toContain("use fields/title");
  });
});
