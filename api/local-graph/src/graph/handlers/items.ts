import type {
  Identity,
  StoredItem,
  StoredItemVersion,
  StoredList,
  StoredSite,
} from "../../persistence/graph-persistence.ts";
import { fieldKey, isLookupLike, type StoredColumn } from "../column-model.ts";
import { checkIfMatch, etagOf } from "../conditions.ts";
import { graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json, noContent } from "../graph-request.ts";
import { honorsNonIndexed } from "../headers.ts";
import { isoSeconds, newGuid } from "../ids.ts";
import { parseFilter, parseOrderBy } from "../odata/filter-parser.ts";
import {
  checkExpand,
  type ExpandItem,
  expanded,
  type ParsedQuery,
} from "../odata/query-options.ts";
import { planQuery, type SqlValue } from "../odata/query-plan.ts";
import {
  listWebUrl,
  presentFields,
  presentItem,
  presentVersion,
  type SystemFieldValues,
} from "../presenters.ts";
import { checkProperties, objectBody } from "../request-body.ts";
import { applySelect, checkSelect, LIST_ITEM, LIST_ITEM_VERSION } from "../select.ts";
import type { ServiceContext } from "../service-context.ts";
import {
  computedSystemColumns,
  SHAREPOINT_APP_NAME,
  SHAREPOINT_APP_USER_ID,
} from "../system-columns.ts";
import { applyFieldWrites } from "./field-writes.ts";
import { fileOfListItem, libraryItemWebUrl, pathOf } from "./library.ts";
import { decodeSkipToken, encodeSkipToken, nextLink } from "./paging.ts";

export const MAX_TOP = 5000;
export const DEFAULT_PAGE_SIZE = 200;
/** "Up to 12 lookup fields may be requested in a single query" (resources/fieldvalueset.md). */
export const MAX_LOOKUPS_PER_QUERY = 12;

export interface ListScope {
  site: StoredSite;
  list: StoredList;
  /** The list's stored columns (Title, its own columns). */
  columns: StoredColumn[];
}

export const ITEM_EXPANSIONS = { fields: { select: true } } as const;

type ItemView = Pick<
  StoredItem,
  "id" | "guid" | "version" | "fields" | "created" | "modified" | "createdBy" | "modifiedBy"
>;

/** A person's or app's id in the site's user information list (what AuthorLookupId holds). */
export function siteUserId(context: ServiceContext, site: StoredSite, identity: Identity): number {
  if ("application" in identity) return SHAREPOINT_APP_USER_ID;
  return context.persistence.siteUserId(site.id, identity.user);
}

function displayNameOf(identity: Identity): string {
  return "user" in identity ? identity.user.displayName : SHAREPOINT_APP_NAME;
}

/**
 * Checks the names in `fields(select=…)`: columns (a lookup by its name, or
 * its `…LookupId`) and SharePoint's own fields; an unknown name is refused,
 * as are more than 12 lookups.
 */
function checkFieldSelect(scope: ListScope, select: string[] | undefined): void {
  if (!select) return;
  const known = new Set<string>();
  const lookups = new Set<string>(["author", "editor"]);
  for (const column of [...scope.columns, ...computedSystemColumns(scope.list)]) {
    known.add(column.name.toLowerCase());
    known.add(fieldKey(column).toLowerCase());
    if (isLookupLike(column) && !column.system) lookups.add(column.name.toLowerCase());
  }
  for (const name of ["id", "authorlookupid", "editorlookupid"]) known.add(name);
  for (const name of select) {
    if (!known.has(name.toLowerCase())) {
      throw graphErrors.invalidRequest(
        `Column '${name}' does not exist. It may have been deleted by another user.`,
      );
    }
  }
  if (select.filter((name) => lookups.has(name.toLowerCase())).length > MAX_LOOKUPS_PER_QUERY) {
    throw graphErrors.invalidRequest(
      "The query cannot be completed because the number of lookup columns it contains exceeds the lookup column threshold enforced by the administrator.",
    );
  }
}

function systemValues(
  context: ServiceContext,
  scope: ListScope,
  item: ItemView,
): { values: SystemFieldValues; webUrl: string; folderPath?: string } {
  const base = {
    authorId: siteUserId(context, scope.site, item.createdBy),
    editorId: siteUserId(context, scope.site, item.modifiedBy),
  };
  const file = fileOfListItem(context, scope.list, item.id);
  if (!file || !scope.list.driveId) {
    return {
      values: { ...base, contentType: "Item" },
      webUrl: `${listWebUrl(context.webOrigin(), scope.site, scope.list)}/${item.id}_.000`,
    };
  }
  const itemPath = pathOf(context, scope.list.driveId, file);
  const webUrl = libraryItemWebUrl(context, scope.site, scope.list, file, itemPath);
  const folder = `${scope.list.name}${itemPath.split("/").slice(0, -1).join("/")}`;
  return {
    values: {
      ...base,
      contentType: file.isFolder ? "Folder" : "Document",
      file: {
        name: file.name,
        isFolder: file.isFolder,
        size: file.size,
        children: file.isFolder
          ? context.persistence.countChildren(scope.list.driveId, file.id)
          : { files: 0, folders: 0 },
      },
    },
    webUrl,
    folderPath: folder.split("/").map(encodeURIComponent).join("/"),
  };
}

/** An item's fieldValueSet, with `select` (the names checked by the caller). */
export function fieldsFor(
  context: ServiceContext,
  scope: ListScope,
  item: ItemView,
  select: string[] | undefined,
  values = systemValues(context, scope, item).values,
): Record<string, unknown> {
  const shown = new Map<string, unknown>();
  for (const name of select ?? []) {
    const lower = name.toLowerCase();
    if (lower === "author") shown.set("Author", displayNameOf(item.createdBy));
    if (lower === "editor") shown.set("Editor", displayNameOf(item.modifiedBy));
    // Named lookup columns show the looked-up value, as SharePoint does.
    const column = scope.columns.find(
      (candidate) => candidate.type === "lookup" && candidate.name.toLowerCase() === lower,
    );
    if (!column) continue;
    const id = item.fields[`${column.name}LookupId`];
    if (typeof id !== "number") continue;
    const target = context.persistence.getItem(String(column.facet.listId), id);
    const value = target?.fields[String(column.facet.columnName ?? "Title")];
    if (value !== undefined) shown.set(column.name, value);
  }
  return presentFields(scope.columns, item, values, { select, values: shown });
}

/** A listItem as Graph shows it; `fields` when expanded; `$select` applied. */
export function presentListItem(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  expand: ExpandItem[],
  select: string[] | undefined,
): Record<string, unknown> {
  const { values, webUrl, folderPath } = systemValues(context, scope, item);
  const fields = expanded(expand, "fields");
  const body = presentItem(
    {
      site: scope.site,
      list: scope.list,
      webUrl,
      contentType: values.contentType,
      ...(folderPath !== undefined ? { folderPath } : {}),
    },
    item,
    fields ? fieldsFor(context, scope, item, fields.select, values) : undefined,
  );
  return applySelect(body, select && [...select, ...expand.map((entry) => entry.name)]);
}

export function checkItemQuery(
  scope: ListScope,
  query: Pick<ParsedQuery, "select" | "expand">,
): void {
  checkSelect(query.select, LIST_ITEM);
  checkExpand(query.expand, ITEM_EXPANSIONS, "a list item");
  checkFieldSelect(scope, expanded(query.expand, "fields")?.select);
}

function itemsPage(
  context: ServiceContext,
  scope: ListScope,
  query: Pick<ParsedQuery, "filter" | "orderby" | "top" | "skiptoken" | "select" | "expand">,
  honorNonIndexed: boolean,
) {
  checkItemQuery(scope, query);
  if (query.top !== undefined && query.top > MAX_TOP) {
    throw graphErrors.invalidRequest(`$top must be an integer between 1 and ${MAX_TOP}.`);
  }
  const plan = planQuery({
    filter: query.filter ? parseFilter(query.filter) : undefined,
    orderBy: query.orderby ? parseOrderBy(query.orderby) : [],
    columns: scope.columns,
    itemCount: context.persistence.countItems(scope.list.id),
    honorNonIndexed,
  });
  const fingerprint = `${scope.list.id}|${query.filter ?? ""}|${query.orderby ?? ""}`;
  const after = query.skiptoken
    ? decodeSkipToken<SqlValue[]>(query.skiptoken, fingerprint)
    : undefined;
  const page = context.persistence.queryItems(
    scope.list.id,
    plan,
    query.top ?? DEFAULT_PAGE_SIZE,
    after,
  );
  return {
    value: page.items.map((item) =>
      presentListItem(context, scope, item, query.expand, query.select),
    ),
    skiptoken: page.nextKeyset ? encodeSkipToken(page.nextKeyset, fingerprint) : undefined,
  };
}

export function listItems(
  context: ServiceContext,
  scope: ListScope,
  request: GraphRequest,
  query: ParsedQuery,
  path: string,
): GraphResponse {
  const page = itemsPage(context, scope, query, honorsNonIndexed(request.headers));
  const body: Record<string, unknown> = { value: page.value };
  if (page.skiptoken) {
    body["@odata.nextLink"] = nextLink(context.origin(), path, query.raw, page.skiptoken);
  }
  return json(200, body);
}

/** The first page of a list's items, for `GET …/lists/{id}?expand=items(…)`. */
export function firstItemsPage(
  context: ServiceContext,
  site: StoredSite,
  list: StoredList,
  items: ExpandItem,
): { value: unknown[]; nextLink: string | undefined } {
  const scope: ListScope = { site, list, columns: context.persistence.listColumns(list.id) };
  const page = itemsPage(
    context,
    scope,
    {
      filter: undefined,
      orderby: undefined,
      top: undefined,
      skiptoken: undefined,
      select: items.select,
      expand: items.expand,
    },
    false,
  );
  const query = new URLSearchParams();
  const fields = expanded(items.expand, "fields");
  if (fields) {
    query.set("$expand", fields.select ? `fields(select=${fields.select.join(",")})` : "fields");
  }
  return {
    value: page.value,
    nextLink: page.skiptoken
      ? nextLink(
          context.origin(),
          `/sites/${site.id}/lists/${list.id}/items`,
          query,
          page.skiptoken,
        )
      : undefined,
  };
}

export function resolveItem(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
): StoredItem {
  const id = /^\d+$/.test(itemRef) ? Number(itemRef) : Number.NaN;
  const item = Number.isSafeInteger(id)
    ? context.persistence.getItem(scope.list.id, id)
    : undefined;
  if (!item) throw graphErrors.itemNotFound("Item not found");
  return item;
}

export function getItem(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  query: Pick<ParsedQuery, "select" | "expand">,
): GraphResponse {
  checkItemQuery(scope, query);
  return json(200, presentListItem(context, scope, item, query.expand, query.select));
}

/** `GET …/items/{id}/fields`: the item's fieldValueSet. */
export function getItemFields(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  query: Pick<ParsedQuery, "select">,
): GraphResponse {
  checkFieldSelect(scope, query.select);
  return json(200, fieldsFor(context, scope, item, query.select));
}

const ITEM_BODY = {
  type: "microsoft.graph.listItem",
  implemented: ["fields"],
  unsupported: ["contentType", "description", "driveItem", "name", "versions"],
  readOnly: [
    "id",
    "createdBy",
    "createdDateTime",
    "eTag",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "parentReference",
    "sharepointIds",
    "webUrl",
  ],
} as const;

export function createItem(
  context: ServiceContext,
  scope: ListScope,
  request: GraphRequest,
): GraphResponse {
  const body = objectBody(request, "The request body (a listItem with 'fields')");
  checkProperties(body, ITEM_BODY);
  if (scope.list.template === "documentLibrary") {
    throw graphErrors.invalidRequest(
      "Files and folders should only be added to a DocumentLibrary via the OneDrive API",
    );
  }
  const written = body.fields ?? {};
  const item = context.persistence.transaction(() => {
    const fields = applyFieldWrites(context, scope.list, scope.columns, {}, written, undefined);
    const now = isoSeconds(context.now());
    const created: StoredItem = {
      listId: scope.list.id,
      id: context.persistence.nextItemId(scope.list.id),
      guid: newGuid(),
      version: 1,
      fields,
      created: now,
      modified: now,
      createdBy: request.identity,
      modifiedBy: request.identity,
    };
    context.persistence.insertItem(created);
    context.persistence.insertItemVersion(scope.list.id, created.id, {
      version: 1,
      fields,
      modified: now,
      modifiedBy: request.identity,
    });
    return created;
  });
  return json(
    201,
    presentListItem(
      context,
      scope,
      item,
      [{ name: "fields", select: undefined, expand: [] }],
      undefined,
    ),
  );
}

/** Writes fields with If-Match checked and a new version recorded; returns the stored item. */
function writeFields(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  written: unknown,
  request: GraphRequest,
): StoredItem {
  return context.persistence.transaction(() => {
    const item = resolveItem(context, scope, itemRef);
    checkIfMatch(request.headers["if-match"], etagOf(item.guid, item.version));
    const fields = applyFieldWrites(
      context,
      scope.list,
      scope.columns,
      item.fields,
      written,
      item.id,
    );
    const now = isoSeconds(context.now());
    const next: StoredItem = {
      ...item,
      fields,
      version: item.version + 1,
      modified: now,
      modifiedBy: request.identity,
    };
    context.persistence.updateItem(next);
    context.persistence.insertItemVersion(scope.list.id, item.id, {
      version: next.version,
      fields,
      modified: now,
      modifiedBy: request.identity,
    });
    return next;
  });
}

/** `PATCH …/items/{id}/fields`: a partial update; answers with the fieldValueSet. */
export function updateItemFields(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  request: GraphRequest,
): GraphResponse {
  const updated = writeFields(context, scope, itemRef, request.body, request);
  return json(200, fieldsFor(context, scope, updated, undefined), {
    ETag: etagOf(updated.guid, updated.version),
  });
}

/** `PATCH …/items/{id}` with `{ "fields": {…} }`: answers with the listItem. */
export function updateItem(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  request: GraphRequest,
): GraphResponse {
  const body = objectBody(request);
  checkProperties(body, ITEM_BODY);
  const updated = writeFields(context, scope, itemRef, body.fields ?? {}, request);
  return json(
    200,
    presentListItem(
      context,
      scope,
      updated,
      [{ name: "fields", select: undefined, expand: [] }],
      undefined,
    ),
    { ETag: etagOf(updated.guid, updated.version) },
  );
}

export function deleteItem(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  request: GraphRequest,
): GraphResponse {
  context.persistence.transaction(() => {
    const item = resolveItem(context, scope, itemRef);
    if (fileOfListItem(context, scope.list, item.id)) {
      throw graphErrors.invalidRequest(
        "This item is a file or folder of the library: delete it through the library's drive.",
      );
    }
    checkIfMatch(request.headers["if-match"], etagOf(item.guid, item.version));
    context.persistence.deleteItem(scope.list.id, item.id);
  });
  return noContent();
}

/** A version as Graph shows it, with the fields as they were at that version when expanded. */
function versionView(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  version: StoredItemVersion,
  query: Pick<ParsedQuery, "select" | "expand">,
) {
  const fields = expanded(query.expand, "fields");
  const atVersion = {
    ...item,
    version: version.version,
    fields: version.fields,
    modified: version.modified,
    modifiedBy: version.modifiedBy,
  };
  return applySelect(
    presentVersion(
      version,
      fields ? fieldsFor(context, scope, atVersion, fields.select) : undefined,
    ),
    query.select && [...query.select, ...query.expand.map((entry) => entry.name)],
  );
}

function checkVersionQuery(scope: ListScope, query: Pick<ParsedQuery, "select" | "expand">) {
  checkSelect(query.select, LIST_ITEM_VERSION);
  checkExpand(query.expand, ITEM_EXPANSIONS, "a list item version");
  checkFieldSelect(scope, expanded(query.expand, "fields")?.select);
}

export function listVersions(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  query: ParsedQuery,
): GraphResponse {
  checkVersionQuery(scope, query);
  const versions = context.persistence.listItemVersions(scope.list.id, item.id);
  return json(200, {
    value: versions.map((version) => versionView(context, scope, item, version, query)),
  });
}

export function getVersion(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  versionRef: string,
  query: ParsedQuery,
): GraphResponse {
  checkVersionQuery(scope, query);
  const number = /^\d+(\.0)?$/.test(versionRef) ? Number.parseInt(versionRef, 10) : Number.NaN;
  const version = context.persistence
    .listItemVersions(scope.list.id, item.id)
    .find((candidate) => candidate.version === number);
  if (!version) throw graphErrors.itemNotFound("The version could not be found.");
  return json(200, versionView(context, scope, item, version, query));
}
