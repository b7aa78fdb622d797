import type { Identity, StoredList, StoredSite } from "../../persistence/graph-persistence.ts";
import { graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json } from "../graph-request.ts";
import { isoSeconds, newDriveId, newDriveItemId, newGuid } from "../ids.ts";
import { parseFilter } from "../odata/filter-parser.ts";
import { checkExpand, expanded, type ParsedQuery } from "../odata/query-options.ts";
import { presentColumn, presentList } from "../presenters.ts";
import { checkProperties, objectBody, onlyValue, requireObject } from "../request-body.ts";
import { applySelect, COLUMN, checkSelect, LIST } from "../select.ts";
import type { ServiceContext } from "../service-context.ts";
import { allColumns, fileNameColumn, insertColumn, titleColumn } from "./columns.ts";
import { firstItemsPage } from "./items.ts";

/** Lists of a site: list (with `$filter` on displayName), get, create. */

const TEMPLATES = ["genericList", "documentLibrary"];
/** Templates SharePoint has that the local service does not emulate. */
const OTHER_TEMPLATES = [
  "announcements",
  "contacts",
  "customList",
  "documentLibraryLegacy",
  "events",
  "genericListLegacy",
  "issueTracking",
  "links",
  "survey",
  "tasks",
  "tasksWithTimelineAndHierarchy",
];

export function resolveList(
  context: ServiceContext,
  site: StoredSite,
  listRef: string,
): StoredList {
  const list = context.persistence.getList(site.id, decodeURIComponent(listRef));
  if (!list) throw graphErrors.itemNotFound("The list could not be found.");
  return list;
}

/**
 * `$filter` on the lists collection: Graph filters lists by `displayName`
 * (eq); any other property or operator is refused.
 */
function listFilter(text: string): (list: StoredList) => boolean {
  const tree = parseFilter(text);
  const test = (node: typeof tree): ((list: StoredList) => boolean) => {
    switch (node.kind) {
      case "and":
      case "or": {
        const left = test(node.left);
        const right = test(node.right);
        return node.kind === "and"
          ? (list) => left(list) && right(list)
          : (list) => left(list) || right(list);
      }
      case "compare":
        if (
          node.field.scope === "item" &&
          node.field.name === "displayName" &&
          node.operator === "eq" &&
          node.value.kind === "string"
        ) {
          const wanted = node.value.value.toLowerCase();
          return (list) => list.displayName.toLowerCase() === wanted;
        }
        break;
      case "startswith":
        break;
    }
    throw graphErrors.invalidRequest(
      "Only 'displayName eq '…'' can filter the lists of a site in the local Graph service.",
    );
  };
  return test(tree);
}

const LIST_EXPANSIONS = { columns: { select: true } } as const;
const SINGLE_LIST_EXPANSIONS = {
  columns: { select: true },
  items: { select: true, expand: ["fields"] },
} as const;

function presentExpandedList(
  context: ServiceContext,
  site: StoredSite,
  list: StoredList,
  query: ParsedQuery,
): Record<string, unknown> {
  const body: Record<string, unknown> = presentList(context.webOrigin(), site, list);
  const columns = expanded(query.expand, "columns");
  if (columns) {
    checkSelect(columns.select, COLUMN);
    body.columns = allColumns(context, list)
      .filter((column) => !column.hidden || columns.select?.includes("hidden"))
      .map((column) => applySelect(presentColumn(column), columns.select));
  }
  const items = expanded(query.expand, "items");
  if (items) {
    const page = firstItemsPage(context, site, list, items);
    body.items = page.value;
    if (page.nextLink) body["items@odata.nextLink"] = page.nextLink;
  }
  return applySelect(body, query.select && [...query.select, ...query.expand.map((e) => e.name)]);
}

export function listLists(
  context: ServiceContext,
  site: StoredSite,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, LIST);
  checkExpand(query.expand, LIST_EXPANSIONS, "the lists of a site");
  const matches = query.filter ? listFilter(query.filter) : () => true;
  return json(200, {
    value: context.persistence
      .listLists(site.id)
      .filter(matches)
      .map((list) => presentExpandedList(context, site, list, query)),
  });
}

export function getList(
  context: ServiceContext,
  site: StoredSite,
  list: StoredList,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, LIST);
  checkExpand(query.expand, SINGLE_LIST_EXPANSIONS, "a list");
  return json(200, presentExpandedList(context, site, list, query));
}

/** `DELETE /sites/{s}/lists/{l}`: the list, its items and (a library's) files go. */
export function deleteList(context: ServiceContext, list: StoredList): GraphResponse {
  context.persistence.transaction(() => context.persistence.deleteList(list.id));
  return { status: 204 };
}

const LIST_BODY = {
  type: "microsoft.graph.list",
  implemented: ["displayName", "name", "description", "columns", "list"],
  unsupported: ["contentTypes", "drive", "items", "operations", "subscriptions"],
  readOnly: [
    "id",
    "createdBy",
    "createdDateTime",
    "eTag",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "parentReference",
    "sharepointIds",
    "system",
    "webUrl",
  ],
} as const;

export function createList(
  context: ServiceContext,
  site: StoredSite,
  request: GraphRequest,
): GraphResponse {
  const body = objectBody(request);
  checkProperties(body, LIST_BODY);
  const displayName = body.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw graphErrors.invalidRequest("displayName is required.");
  }
  const listFacet = requireObject(body.list ?? {}, "The 'list' facet");
  checkProperties(listFacet, {
    type: "microsoft.graph.listInfo",
    implemented: ["template", "hidden", "contentTypesEnabled"],
  });
  onlyValue(listFacet, "hidden", false, "A list with");
  onlyValue(listFacet, "contentTypesEnabled", false, "A list with");
  const template = listFacet.template ?? "genericList";
  if (typeof template !== "string" || !TEMPLATES.includes(template)) {
    if (OTHER_TEMPLATES.includes(String(template))) {
      throw graphErrors.notSupported(`The list template '${String(template)}'`);
    }
    throw graphErrors.invalidRequest(`Unknown list template '${String(template)}'.`);
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
    template: template as StoredList["template"],
    created: now,
    modified: now,
    driveId: null,
    createdBy: request.identity,
    modifiedBy: request.identity,
  };
  storeList(context, list, columns, request.identity);
  return json(201, presentList(context.webOrigin(), site, list));
}

/**
 * Stores a new list with its Title (and a library's file name) column and the
 * given column definitions; a document library also gets its drive and root folder.
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
    context.persistence.insertColumn(titleColumn(list));
    if (list.template === "documentLibrary") context.persistence.insertColumn(fileNameColumn(list));
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
