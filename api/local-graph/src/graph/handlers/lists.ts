import type { Identity, StoredList, StoredSite } from "../../persistence/graph-persistence.ts";
import {
  columnTypeFromDefinition,
  encodeInternalName,
  fieldKey,
  type StoredColumn,
} from "../column-model.ts";
import { graphErrors } from "../errors.ts";
import {
  type GraphRequest,
  type GraphResponse,
  json,
  requireObjectBody,
} from "../graph-request.ts";
import { isoSeconds, newDriveId, newDriveItemId, newGuid } from "../ids.ts";
import { presentColumn, presentList } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";

/** SharePoint allows at most 20 indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;

export function resolveList(
  context: ServiceContext,
  site: StoredSite,
  listRef: string,
): StoredList {
  const list = context.persistence.getList(site.id, decodeURIComponent(listRef));
  if (!list) throw graphErrors.itemNotFound("The list could not be found.");
  return list;
}

export function listLists(context: ServiceContext, site: StoredSite): GraphResponse {
  const origin = context.webOrigin();
  return json(200, {
    value: context.persistence.listLists(site.id).map((list) => presentList(origin, site, list)),
  });
}

export function getList(
  context: ServiceContext,
  site: StoredSite,
  list: StoredList,
): GraphResponse {
  return json(200, presentList(context.webOrigin(), site, list));
}

const SYSTEM_COLUMN_NAMES = new Set([
  "id",
  "title",
  "created",
  "modified",
  "author",
  "editor",
  "fileleafref",
]);

function bodyOf(request: GraphRequest): Record<string, unknown> {
  try {
    return requireObjectBody(request);
  } catch {
    throw graphErrors.invalidRequest("The request body must be a JSON object.");
  }
}

export function createList(
  context: ServiceContext,
  site: StoredSite,
  request: GraphRequest,
): GraphResponse {
  const body = bodyOf(request);
  const displayName = body.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw graphErrors.invalidRequest("displayName is required.");
  }
  const listFacet = (body.list ?? {}) as Record<string, unknown>;
  const template = listFacet.template ?? "genericList";
  if (template !== "genericList" && template !== "documentLibrary") {
    throw graphErrors.invalidRequest(
      `List template '${String(template)}' is not supported by the local Graph service.`,
    );
  }
  const name = typeof body.name === "string" && body.name !== "" ? body.name : displayName;
  if (
    context.persistence.getList(site.id, name) ||
    context.persistence.getList(site.id, displayName)
  ) {
    throw graphErrors.nameAlreadyExists(
      `A list, survey, discussion board, or document library with the specified title already exists in this Web site.`,
    );
  }
  const columns = body.columns === undefined ? [] : body.columns;
  if (!Array.isArray(columns)) throw graphErrors.invalidRequest("columns must be an array.");

  const now = isoSeconds(context.now());
  const list: StoredList = {
    id: newGuid(),
    siteId: site.id,
    name,
    displayName,
    description: typeof body.description === "string" ? body.description : "",
    template,
    created: now,
    modified: now,
    driveId: null,
  };
  storeList(context, list, columns, request.identity);
  return json(201, presentList(context.webOrigin(), site, list));
}

/**
 * Stores a new list with its system columns and the given column
 * definitions; a document library also gets its drive and root folder.
 */
export function storeList(
  context: ServiceContext,
  list: StoredList,
  columns: unknown[],
  identity: Identity,
): void {
  const now = list.created;
  context.persistence.transaction(() => {
    if (list.template === "documentLibrary") list.driveId = newDriveId();
    context.persistence.insertList(list);
    addSystemColumns(context, list);
    for (const definition of columns) insertColumn(context, list, definition);
    if (list.driveId) {
      context.persistence.insertDrive({
        id: list.driveId,
        siteId: list.siteId,
        listId: list.id,
        name: list.displayName,
        created: now,
      });
      context.persistence.insertDriveItem({
        id: newDriveItemId(),
        driveId: list.driveId,
        parentId: null,
        name: "root",
        isFolder: true,
        size: 0,
        mimeType: null,
        created: now,
        modified: now,
        version: 1,
        listItemId: null,
        createdBy: identity,
        modifiedBy: identity,
      });
    }
  });
}

function systemColumn(list: StoredList, name: string, displayName: string): StoredColumn {
  return {
    id: newGuid(),
    listId: list.id,
    name,
    displayName,
    description: "",
    type: "text",
    facet: { maxLength: 255, allowMultipleLines: false },
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    hidden: false,
    readOnly: false,
  };
}

function addSystemColumns(context: ServiceContext, list: StoredList): void {
  context.persistence.insertColumn(systemColumn(list, "Title", "Title"));
  if (list.template === "documentLibrary") {
    context.persistence.insertColumn(systemColumn(list, "FileLeafRef", "Name"));
  }
}

function insertColumn(
  context: ServiceContext,
  list: StoredList,
  definition: unknown,
): StoredColumn {
  if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
    throw graphErrors.invalidRequest("A column definition must be a JSON object.");
  }
  const raw = definition as Record<string, unknown>;
  if (typeof raw.name !== "string" || raw.name.trim() === "") {
    throw graphErrors.invalidRequest("A column needs a name.");
  }
  const name = encodeInternalName(raw.name);
  const existing = context.persistence.listColumns(list.id);
  if (
    SYSTEM_COLUMN_NAMES.has(name.toLowerCase()) ||
    existing.some((c) => c.name.toLowerCase() === name.toLowerCase())
  ) {
    throw graphErrors.nameAlreadyExists(`A column named '${name}' already exists in the list.`);
  }
  const { type, facet } = columnTypeFromDefinition(raw);
  const indexed = raw.indexed === true;
  const enforceUniqueValues = raw.enforceUniqueValues === true;
  if (enforceUniqueValues && !indexed) {
    throw graphErrors.invalidRequest(`Column '${name}' must be indexed to enforce unique values.`);
  }
  if (indexed && (type === "note" || (type === "lookup" && facet.allowMultipleValues === true))) {
    throw graphErrors.invalidRequest(`Column '${name}' of this type cannot be indexed.`);
  }
  if (indexed && existing.filter((column) => column.indexed).length >= MAX_INDEXED_COLUMNS) {
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
    displayName:
      typeof raw.displayName === "string" && raw.displayName !== "" ? raw.displayName : raw.name,
    description: typeof raw.description === "string" ? raw.description : "",
    type,
    facet,
    indexed,
    enforceUniqueValues,
    required: raw.required === true,
    hidden: raw.hidden === true,
    readOnly: false,
  };
  context.persistence.insertColumn(column);
  return column;
}

export function listColumns(context: ServiceContext, list: StoredList): GraphResponse {
  return json(200, { value: context.persistence.listColumns(list.id).map(presentColumn) });
}

export function createColumn(
  context: ServiceContext,
  list: StoredList,
  request: GraphRequest,
): GraphResponse {
  const body = bodyOf(request);
  const column = context.persistence.transaction(() => {
    const created = insertColumn(context, list, body);
    context.persistence.touchList(list.id, isoSeconds(context.now()));
    return created;
  });
  return json(201, presentColumn(column));
}

export function getColumn(column: StoredColumn): GraphResponse {
  return json(200, presentColumn(column));
}

export function resolveColumn(
  context: ServiceContext,
  list: StoredList,
  columnRef: string,
): StoredColumn {
  const reference = decodeURIComponent(columnRef).toLowerCase();
  const column = context.persistence
    .listColumns(list.id)
    .find(
      (candidate) =>
        candidate.id.toLowerCase() === reference || candidate.name.toLowerCase() === reference,
    );
  if (!column) throw graphErrors.itemNotFound("The column could not be found.");
  return column;
}

/** PATCH a column: display name, description, indexed, unique, required, hidden, choices. */
export function updateColumn(
  context: ServiceContext,
  list: StoredList,
  column: StoredColumn,
  request: GraphRequest,
): GraphResponse {
  const body = bodyOf(request);
  for (const key of Object.keys(body)) {
    if (key === "name" && body.name !== column.name) {
      throw graphErrors.invalidRequest("The internal name of a column cannot be changed.");
    }
  }
  const updated: StoredColumn = { ...column, facet: { ...column.facet } };
  if (typeof body.displayName === "string") updated.displayName = body.displayName;
  if (typeof body.description === "string") updated.description = body.description;
  if (typeof body.required === "boolean") updated.required = body.required;
  if (typeof body.hidden === "boolean") updated.hidden = body.hidden;
  if (typeof body.indexed === "boolean") updated.indexed = body.indexed;
  if (typeof body.enforceUniqueValues === "boolean")
    updated.enforceUniqueValues = body.enforceUniqueValues;
  const facetKey = column.type === "note" ? "text" : column.type;
  const facetPatch = body[facetKey];
  if (facetPatch !== undefined) {
    if (typeof facetPatch !== "object" || facetPatch === null) {
      throw graphErrors.invalidRequest(`The '${facetKey}' facet must be an object.`);
    }
    Object.assign(updated.facet, facetPatch);
    columnTypeFromDefinition({ [facetKey]: updated.facet });
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
    context.persistence.touchList(list.id, isoSeconds(context.now()));
  });
  return json(200, presentColumn(updated));
}
