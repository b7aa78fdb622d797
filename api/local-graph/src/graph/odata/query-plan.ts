import {
  allowsMultipleValues,
  isLookupLike,
  normalizeDateTime,
  type StoredColumn,
} from "../column-model.ts";
import { graphErrors } from "../errors.ts";
import type { FieldReference, FilterNode, Literal, OrderByTerm } from "./filter-parser.ts";

/**
 * Checks a parsed `$filter`/`$orderby` against a list's columns the way
 * SharePoint does — unknown fields, type mismatches, non-indexed columns, the
 * list view threshold — and yields a typed plan the persistence layer runs.
 */

export const LIST_VIEW_THRESHOLD = 5000;

/** Where a value lives: a system column of the item row or a key in its fields. */
export type Target =
  | { kind: "system"; column: "id" | "created" | "modified" }
  | {
      kind: "field";
      key: string /** compared case-insensitively, as SharePoint does */;
      text: boolean;
    };

type ValueType = "string" | "number" | "boolean" | "dateTime";

export type SqlValue = string | number | null;

export type PlannedFilter =
  | {
      kind: "compare";
      operator: "eq" | "ne" | "lt" | "le" | "gt" | "ge";
      target: Target;
      value: SqlValue;
    }
  | { kind: "startswith"; target: Target; value: string }
  | { kind: "and" | "or"; left: PlannedFilter; right: PlannedFilter };

export interface PlannedOrder {
  target: Target;
  direction: "asc" | "desc";
}

interface ResolvedField {
  target: Target;
  type: ValueType;
  indexed: boolean;
  label: string;
}

const SYSTEM_FIELDS: Record<string, ResolvedField> = {
  id: { target: { kind: "system", column: "id" }, type: "number", indexed: true, label: "ID" },
  created: {
    target: { kind: "system", column: "created" },
    type: "dateTime",
    indexed: false,
    label: "Created",
  },
  modified: {
    target: { kind: "system", column: "modified" },
    type: "dateTime",
    indexed: false,
    label: "Modified",
  },
};

/**
 * Graph does not support `createdDateTime`/`lastModifiedDateTime` of a
 * listItem in `$filter` or `$orderby` (microsoft-graph-docs#18183); the
 * `fields/Created` and `fields/Modified` columns are what SharePoint filters.
 */
const UNFILTERABLE_ITEM_PROPERTIES: Record<string, string> = {
  createdDateTime: "fields/Created",
  lastModifiedDateTime: "fields/Modified",
};

/** SharePoint's person fields of every item; the local service keeps no index over them. */
const UNFILTERABLE_SYSTEM_FIELDS = new Set([
  "authorlookupid",
  "editorlookupid",
  "author",
  "editor",
]);

function resolveField(reference: FieldReference, columns: StoredColumn[]): ResolvedField {
  if (reference.scope === "item") {
    if (reference.name === "id") return SYSTEM_FIELDS.id!;
    const instead = UNFILTERABLE_ITEM_PROPERTIES[reference.name];
    throw graphErrors.invalidRequest(
      instead
        ? `The listItem property '${reference.name}' cannot be used in filter or orderby; use '${instead}'.`
        : `Property '${reference.name}' cannot be used in filter or orderby; use fields/${reference.name}.`,
    );
  }
  const name = reference.name;
  const lower = name.toLowerCase();
  if (lower === "id") return SYSTEM_FIELDS.id!;
  if (name === "Created") return SYSTEM_FIELDS.created!;
  if (name === "Modified") return SYSTEM_FIELDS.modified!;
  if (UNFILTERABLE_SYSTEM_FIELDS.has(lower)) {
    throw graphErrors.notSupported(`Filtering or ordering on 'fields/${name}'`);
  }
  for (const column of columns) {
    if (isLookupLike(column) && name === `${column.name}LookupId`) {
      if (allowsMultipleValues(column)) {
        throw graphErrors.invalidRequest(
          `Field '${name}' allows multiple values and cannot be filtered.`,
        );
      }
      return {
        target: { kind: "field", key: name, text: false },
        type: "number",
        indexed: column.indexed,
        label: name,
      };
    }
    if (column.name === name && !isLookupLike(column)) {
      const type: ValueType =
        column.type === "number"
          ? "number"
          : column.type === "boolean"
            ? "boolean"
            : column.type === "dateTime"
              ? "dateTime"
              : "string";
      return {
        target: { kind: "field", key: name, text: type === "string" },
        type,
        indexed: column.indexed,
        label: name,
      };
    }
  }
  throw graphErrors.invalidRequest(`Field '${name}' is not recognized.`);
}

function coerceLiteral(field: ResolvedField, literal: Literal): SqlValue {
  const fail = () =>
    graphErrors.invalidRequest(
      `The value in the filter for field '${field.label}' does not match the field's type.`,
    );
  if (literal.kind === "null") return null;
  switch (field.type) {
    case "string":
      if (literal.kind !== "string") throw fail();
      return literal.value;
    case "number":
      if (literal.kind === "number") return literal.value;
      if (literal.kind === "string" && /^-?\d+(\.\d+)?$/.test(literal.value))
        return Number(literal.value);
      throw fail();
    case "boolean":
      if (literal.kind === "boolean") return literal.value ? 1 : 0;
      if (literal.kind === "number" && (literal.value === 0 || literal.value === 1))
        return literal.value;
      throw fail();
    case "dateTime": {
      if (literal.kind !== "string" && literal.kind !== "datetime") throw fail();
      const normalized = normalizeDateTime(literal.value);
      if (!normalized) throw fail();
      return normalized;
    }
  }
}

export interface QueryPlanInput {
  filter: FilterNode | undefined;
  orderBy: OrderByTerm[];
  columns: StoredColumn[];
  itemCount: number;
  /** The `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` header was sent. */
  honorNonIndexed: boolean;
}

export interface QueryPlan {
  filter: PlannedFilter | undefined;
  orderBy: PlannedOrder[];
}

export function planQuery(input: QueryPlanInput): QueryPlan {
  const used: ResolvedField[] = [];
  const planFilter = (node: FilterNode): PlannedFilter => {
    switch (node.kind) {
      case "and":
      case "or":
        return { kind: node.kind, left: planFilter(node.left), right: planFilter(node.right) };
      case "startswith": {
        const field = resolveField(node.field, input.columns);
        used.push(field);
        if (field.type !== "string") {
          throw graphErrors.invalidRequest(
            `startswith needs a text field; '${field.label}' is not.`,
          );
        }
        return { kind: "startswith", target: field.target, value: node.value };
      }
      case "compare": {
        const field = resolveField(node.field, input.columns);
        used.push(field);
        const value = coerceLiteral(field, node.value);
        if (value === null && node.operator !== "eq" && node.operator !== "ne") {
          throw graphErrors.invalidRequest(
            `Only eq and ne can compare '${field.label}' with null.`,
          );
        }
        return { kind: "compare", operator: node.operator, target: field.target, value };
      }
    }
  };

  const filter = input.filter ? planFilter(input.filter) : undefined;
  const orderBy = input.orderBy.map((term) => {
    const field = resolveField(term.field, input.columns);
    used.push(field);
    return { target: field.target, direction: term.direction };
  });

  const nonIndexed = used.find((field) => !field.indexed);
  if (nonIndexed) {
    if (!input.honorNonIndexed) throw graphErrors.notIndexed(nonIndexed.label);
    // The header lets the query run, but past the view threshold SharePoint
    // would have to scan more rows than allowed, and fails.
    if (input.itemCount > LIST_VIEW_THRESHOLD) throw graphErrors.listViewThreshold();
  }
  return { filter, orderBy };
}
