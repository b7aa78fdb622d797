import type { StoredList } from "../../persistence/graph-persistence.ts";
import {
  columnTypeFromDefinition,
  encodeInternalName,
  fieldKey,
  type StoredColumn,
} from "../column-model.ts";
import { graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json } from "../graph-request.ts";
import { isoSeconds, newGuid } from "../ids.ts";
import type { ParsedQuery } from "../odata/query-options.ts";
import { presentColumn } from "../presenters.ts";
import { checkProperties, objectBody, onlyValue, requireObject } from "../request-body.ts";
import { applySelect, COLUMN, checkSelect } from "../select.ts";
import type { ServiceContext } from "../service-context.ts";
import { computedSystemColumns, SYSTEM_COLUMN_NAMES } from "../system-columns.ts";

/**
 * A list's columns (columnDefinition): list, get, create, update. The
 * system columns SharePoint adds (system-columns.ts) are listed too; they are
 * read-only. SharePoint's naming rules: the display name must be unique in
 * the list; an internal name already taken (by `Author`, say) gets `0`, `1`…
 * appended, as in Microsoft's own "Books" example (list-create.md), where the
 * column named `Author` becomes `Author0`.
 */

/** SharePoint allows at most 20 indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;

const COLUMN_BODY = {
  type: "microsoft.graph.columnDefinition",
  implemented: [
    "name",
    "displayName",
    "description",
    "columnGroup",
    "enforceUniqueValues",
    "hidden",
    "indexed",
    "readOnly",
    "required",
    "propagateChanges",
    "boolean",
    "choice",
    "dateTime",
    "lookup",
    "number",
    "personOrGroup",
    "text",
  ],
  unsupported: [
    "calculated",
    "contentApprovalStatus",
    "currency",
    "defaultValue",
    "geolocation",
    "hyperlinkOrPicture",
    "isSealed",
    "term",
    "thumbnail",
    "validation",
    "sourceColumn",
  ],
  readOnly: ["id", "isDeletable", "isReorderable", "sourceContentType", "type"],
} as const;

/** Facet properties per type: kept and shown as given (display settings) or checked by the store. */
const FACET_PROPERTIES: Record<string, { implemented: string[]; unsupported?: string[] }> = {
  text: {
    implemented: [
      "allowMultipleLines",
      "appendChangesToExistingText",
      "linesForEditing",
      "maxLength",
      "textType",
    ],
  },
  number: { implemented: ["decimalPlaces", "displayAs", "maximum", "minimum"] },
  choice: { implemented: ["allowTextEntry", "choices", "displayAs"] },
  dateTime: { implemented: ["displayAs", "format"] },
  lookup: {
    implemented: ["allowMultipleValues", "columnName", "listId"],
    unsupported: ["allowUnlimitedLength", "primaryLookupColumnId"],
  },
  personOrGroup: { implemented: ["allowMultipleSelection", "chooseFromType", "displayAs"] },
  boolean: { implemented: [] },
};

function checkFacets(definition: Record<string, unknown>): void {
  for (const [key, rule] of Object.entries(FACET_PROPERTIES)) {
    if (definition[key] === undefined) continue;
    const facet = requireObject(definition[key], `The '${key}' facet`);
    checkProperties(facet, {
      type: `microsoft.graph.${key}Column`,
      implemented: rule.implemented,
      ...(rule.unsupported ? { unsupported: rule.unsupported } : {}),
    });
  }
}

function checkColumnBody(definition: Record<string, unknown>): void {
  checkProperties(definition, COLUMN_BODY);
  // Propagating changes concerns site and content-type columns; a list column has nothing to propagate to.
  onlyValue(definition, "propagateChanges", false, "On a list column,");
  checkFacets(definition);
  for (const key of ["enforceUniqueValues", "hidden", "indexed", "readOnly", "required"]) {
    const value = definition[key];
    if (value !== undefined && typeof value !== "boolean") {
      throw graphErrors.invalidRequest(`'${key}' must be true or false.`);
    }
  }
  for (const key of ["name", "displayName", "description", "columnGroup"]) {
    const value = definition[key];
    if (value !== undefined && typeof value !== "string") {
      throw graphErrors.invalidRequest(`'${key}' must be a string.`);
    }
  }
}

/** Stored columns first (Title, the list's own), then SharePoint's computed system columns. */
export function allColumns(context: ServiceContext, list: StoredList): StoredColumn[] {
  return [...context.persistence.listColumns(list.id), ...computedSystemColumns(list)];
}

export function listColumns(
  context: ServiceContext,
  list: StoredList,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, COLUMN);
  // Hidden columns are listed only when `hidden` is selected (resources/columndefinition.md).
  const showHidden = query.select?.includes("hidden") === true;
  return json(200, {
    value: allColumns(context, list)
      .filter((column) => showHidden || !column.hidden)
      .map((column) => applySelect(presentColumn(column), query.select)),
  });
}

export function resolveColumn(
  context: ServiceContext,
  list: StoredList,
  columnRef: string,
): StoredColumn {
  const reference = decodeURIComponent(columnRef).toLowerCase();
  const column = allColumns(context, list).find(
    (candidate) =>
      candidate.id.toLowerCase() === reference || candidate.name.toLowerCase() === reference,
  );
  if (!column) throw graphErrors.itemNotFound("The column could not be found.");
  return column;
}

export function getColumn(column: StoredColumn, query: ParsedQuery): GraphResponse {
  checkSelect(query.select, COLUMN);
  return json(200, applySelect(presentColumn(column), query.select));
}

/** The internal name a new column gets: its name encoded, made unique with 0, 1, … if taken. */
function uniqueInternalName(name: string, taken: Set<string>): string {
  const encoded = encodeInternalName(name);
  if (!taken.has(encoded.toLowerCase())) return encoded;
  for (let suffix = 0; ; suffix += 1) {
    const candidate = `${encoded}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export function insertColumn(
  context: ServiceContext,
  list: StoredList,
  definition: unknown,
): StoredColumn {
  const raw = requireObject(definition, "A column definition");
  checkColumnBody(raw);
  if (typeof raw.name !== "string" || raw.name.trim() === "") {
    throw graphErrors.invalidRequest("A column needs a name.");
  }
  const existing = allColumns(context, list);
  const displayName =
    typeof raw.displayName === "string" && raw.displayName !== "" ? raw.displayName : raw.name;
  if (
    existing.some((c) => !c.system && c.displayName.toLowerCase() === displayName.toLowerCase())
  ) {
    throw graphErrors.nameAlreadyExists(`A duplicate field name "${displayName}" was found.`);
  }
  const taken = new Set([
    ...existing.map((column) => column.name.toLowerCase()),
    ...existing.map((column) => fieldKey(column).toLowerCase()),
    ...SYSTEM_COLUMN_NAMES,
  ]);
  const name = uniqueInternalName(raw.name, taken);
  const { type, facet } = columnTypeFromDefinition(raw);
  const indexed = raw.indexed === true;
  const enforceUniqueValues = raw.enforceUniqueValues === true;
  if (enforceUniqueValues && !indexed) {
    throw graphErrors.invalidRequest(`Column '${name}' must be indexed to enforce unique values.`);
  }
  if (indexed && (type === "note" || (type === "lookup" && facet.allowMultipleValues === true))) {
    throw graphErrors.invalidRequest(`Column '${name}' of this type cannot be indexed.`);
  }
  if (
    indexed &&
    existing.filter((column) => column.indexed && !column.system).length >= MAX_INDEXED_COLUMNS
  ) {
    throw graphErrors.invalidRequest(
      `A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns.`,
    );
  }
  if (type === "lookup" && !context.persistence.getListById(String(facet.listId))) {
    throw graphErrors.invalidRequest(`The lookup list '${String(facet.listId)}' does not exist.`);
  }
  const column: StoredColumn = {
    id: newGuid(),
    listId: list.id,
    name,
    displayName,
    description: typeof raw.description === "string" ? raw.description : "",
    type,
    facet,
    indexed,
    enforceUniqueValues,
    required: raw.required === true,
    hidden: raw.hidden === true,
    readOnly: raw.readOnly === true,
    columnGroup: typeof raw.columnGroup === "string" ? raw.columnGroup : undefined,
  };
  context.persistence.insertColumn(column);
  return column;
}

export function createColumn(
  context: ServiceContext,
  list: StoredList,
  request: GraphRequest,
): GraphResponse {
  const body = objectBody(request);
  const column = context.persistence.transaction(() => {
    const created = insertColumn(context, list, body);
    context.persistence.touchList(list.id, isoSeconds(context.now()), request.identity);
    return created;
  });
  return json(201, presentColumn(column));
}

/** PATCH a column: any property but `id` and the internal name (columndefinition-update.md). */
export function updateColumn(
  context: ServiceContext,
  list: StoredList,
  column: StoredColumn,
  request: GraphRequest,
): GraphResponse {
  const body = objectBody(request);
  checkColumnBody(body);
  if (column.system) {
    throw graphErrors.accessDenied(`The column '${column.name}' is a read-only system column.`);
  }
  if (body.name !== undefined && body.name !== column.name) {
    throw graphErrors.invalidRequest("The internal name of a column cannot be changed.");
  }
  const updated: StoredColumn = { ...column, facet: { ...column.facet } };
  if (typeof body.displayName === "string") updated.displayName = body.displayName;
  if (typeof body.description === "string") updated.description = body.description;
  if (typeof body.columnGroup === "string") updated.columnGroup = body.columnGroup;
  if (typeof body.required === "boolean") updated.required = body.required;
  if (typeof body.hidden === "boolean") updated.hidden = body.hidden;
  if (typeof body.readOnly === "boolean") updated.readOnly = body.readOnly;
  if (typeof body.indexed === "boolean") updated.indexed = body.indexed;
  if (typeof body.enforceUniqueValues === "boolean")
    updated.enforceUniqueValues = body.enforceUniqueValues;
  const facetKey = column.type === "note" ? "text" : column.type;
  for (const key of Object.keys(FACET_PROPERTIES)) {
    if (body[key] !== undefined && key !== facetKey) {
      throw graphErrors.invalidRequest(`The type of column '${column.name}' cannot be changed.`);
    }
  }
  const facetPatch = body[facetKey];
  if (facetPatch !== undefined) {
    Object.assign(updated.facet, requireObject(facetPatch, `The '${facetKey}' facet`));
    columnTypeFromDefinition({ [facetKey]: updated.facet });
  }
  if (
    updated.displayName.toLowerCase() !== column.displayName.toLowerCase() &&
    allColumns(context, list).some(
      (other) =>
        !other.system && other.displayName.toLowerCase() === updated.displayName.toLowerCase(),
    )
  ) {
    throw graphErrors.nameAlreadyExists(
      `A duplicate field name "${updated.displayName}" was found.`,
    );
  }
  if (updated.enforceUniqueValues && !updated.indexed) {
    throw graphErrors.invalidRequest(
      `Column '${column.name}' must be indexed to enforce unique values.`,
    );
  }
  const indexedCount = context.persistence
    .listColumns(list.id)
    .filter((c) => c.indexed && c.id !== column.id).length;
  if (updated.indexed && !column.indexed && indexedCount >= MAX_INDEXED_COLUMNS) {
    throw graphErrors.invalidRequest(
      `A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns.`,
    );
  }
  context.persistence.transaction(() => {
    if (updated.enforceUniqueValues && !column.enforceUniqueValues) {
      const key = fieldKey(updated);
      if (context.persistence.hasDuplicateValues(list.id, key)) {
        throw graphErrors.uniqueValueViolation(key);
      }
    }
    context.persistence.updateColumn(updated);
    context.persistence.touchList(list.id, isoSeconds(context.now()), request.identity);
  });
  return json(200, presentColumn(updated));
}

/** The Title column every list has; required in a generic list, optional in a library. */
export function titleColumn(list: StoredList): StoredColumn {
  return {
    id: newGuid(),
    listId: list.id,
    name: "Title",
    displayName: "Title",
    description: "",
    type: "text",
    facet: {
      allowMultipleLines: false,
      appendChangesToExistingText: false,
      linesForEditing: 0,
      maxLength: 255,
    },
    indexed: false,
    enforceUniqueValues: false,
    required: list.template === "genericList",
    hidden: false,
    readOnly: false,
  };
}

/** A library's file name column (FileLeafRef, shown as "Name"). */
export function fileNameColumn(list: StoredList): StoredColumn {
  return {
    id: newGuid(),
    listId: list.id,
    name: "FileLeafRef",
    displayName: "Name",
    description: "",
    type: "text",
    facet: { maxLength: 255, allowMultipleLines: false },
    indexed: false,
    enforceUniqueValues: false,
    required: true,
    hidden: false,
    readOnly: false,
  };
}
