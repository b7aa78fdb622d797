import { describe, expect, test } from "vitest";
import { parseFilter, parseOrderBy, referencedFields } from "./filter-parser.ts";

describe("parseFilter", () => {
  test("comparison on a field with a string literal", () => {
    expect(parseFilter("fields/committee eq 'Socialnämnden'")).toEqual({
      kind: "compare",
      operator: "eq",
      field: { scope: "fields", name: "committee" },
      value: { kind: "string", value: "Socialnämnden" },
    });
  });

  test("and binds tighter than or; parentheses override", () => {
    const tree = parseFilter("fields/a eq 1 or fields/b eq 2 and fields/c eq 3");
    expect(tree.kind).toBe("or");
    const grouped = parseFilter("(fields/a eq 1 or fields/b eq 2) and fields/c eq 3");
    expect(grouped.kind).toBe("and");
    expect(referencedFields(grouped).map((field) => field.name)).toEqual(["a", "b", "c"]);
  });

  test("literals: numbers, booleans, null, dates, doubled quotes", () => {
    const values = [
      "fields/n ge -12.5",
      "fields/b eq true",
      "fields/x eq null",
      "fields/d lt 2026-03-01T00:00:00Z",
      "fields/s eq 'O''Brien'",
    ].map((text) => {
      const node = parseFilter(text);
      return node.kind === "compare" ? node.value : undefined;
    });
    expect(values).toEqual([
      { kind: "number", value: -12.5 },
      { kind: "boolean", value: true },
      { kind: "null" },
      { kind: "datetime", value: "2026-03-01T00:00:00Z" },
      { kind: "string", value: "O'Brien" },
    ]);
  });

  test("startswith(field, 'text')", () => {
    expect(parseFilter("startswith(fields/Title, 'Hem')")).toEqual({
      kind: "startswith",
      field: { scope: "fields", name: "Title" },
      value: "Hem",
    });
  });

  test("injection attempts stay inside their literal or fail to parse", () => {
    const node = parseFilter("fields/a eq 'x'' or 1 eq 1 or ''y'");
    expect(node).toMatchObject({
      kind: "compare",
      value: { kind: "string", value: "x' or 1 eq 1 or 'y" },
    });
    for (const bad of [
      "fields/a eq 'x' or 1 eq 1",
      "fields/a eq",
      "fields/a like 'x'",
      "fields/a eq 'open",
      "",
      "not fields/a eq 1",
      "fields/a eq 1)",
    ]) {
      expect(() => parseFilter(bad), bad).toThrow();
    }
  });
});

describe("parseOrderBy", () => {
  test("terms with directions", () => {
    expect(parseOrderBy("fields/endDate desc, id")).toEqual([
      { field: { scope: "fields", name: "endDate" }, direction: "desc" },
      { field: { scope: "item", name: "id" }, direction: "asc" },
    ]);
    expect(() => parseOrderBy("fields/a sideways")).toThrow();
  });
});
