import type {
  StoredItem,
  StoredItemVersion,
  StoredList,
  StoredSite,
} from "../../persistence/graph-persistence.ts";
import type { StoredColumn } from "../column-model.ts";
import { checkIfMatch, etagOf } from "../conditions.ts";
import { graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json, noContent } from "../graph-request.ts";
import { isoSeconds, newGuid } from "../ids.ts";
import { parseFilter, parseOrderBy } from "../odata/filter-parser.ts";
import { planQuery, type SqlValue } from "../odata/query-plan.ts";
import { type FieldSelection, presentFields, presentItem, presentVersion } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";
import { applyFieldWrites } from "./field-writes.ts";
import { decodeSkipToken, encodeSkipToken, nextLink } from "./paging.ts";
import { DEFAULT_PAGE_SIZE, parseItemQueryOptions } from "./query-options.ts";

const COLLECTION_OPTIONS = new Set(["filter", "orderby", "top", "skiptoken", "expand", "select"]);
const SINGLE_OPTIONS = new Set(["expand", "select"]);

export interface ListScope {
  site: StoredSite;
  list: StoredList;
  columns: StoredColumn[];
}

export function fieldsFor(
  context: ServiceContext,
  scope: ListScope,
  item: Pick<StoredItem, "id" | "guid" | "version" | "fields" | "created" | "modified">,
  select: Set<string> | undefined,
): Record<string, unknown> {
  const selection: FieldSelection = { select };
  if (select) {
    // Named lookup columns show the looked-up value, as SharePoint does.
    for (const column of scope.columns) {
      if (column.type !== "lookup" || !select.has(column.name)) continue;
      const id = item.fields[`${column.name}LookupId`];
      if (typeof id !== "number") continue;
      const target = context.persistence.getItem(String(column.facet.listId), id);
      const shown = target?.fields[String(column.facet.columnName ?? "Title")];
      selection.lookupValues ??= new Map();
      if (shown !== undefined) selection.lookupValues.set(column.name, shown);
    }
  }
  return presentFields(scope.columns, item, selection);
}

function present(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  expandFields: boolean,
  select?: Set<string>,
) {
  return presentItem(
    context.webOrigin(),
    scope.site,
    scope.list,
    item,
    expandFields ? fieldsFor(context, scope, item, select) : undefined,
  );
}

export function listItems(
  context: ServiceContext,
  scope: ListScope,
  request: GraphRequest,
  path: string,
): GraphResponse {
  const options = parseItemQueryOptions(request.query, COLLECTION_OPTIONS);
  const plan = planQuery({
    filter: options.filter ? parseFilter(options.filter) : undefined,
    orderBy: options.orderBy ? parseOrderBy(options.orderBy) : [],
    columns: scope.columns,
    itemCount: context.persistence.countItems(scope.list.id),
    honorNonIndexed: /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(
      request.headers.prefer ?? "",
    ),
  });
  const fingerprint = `${scope.list.id}|${options.filter ?? ""}|${options.orderBy ?? ""}`;
  const after = options.skipToken
    ? decodeSkipToken<SqlValue[]>(options.skipToken, fingerprint)
    : undefined;
  const page = context.persistence.queryItems(
    scope.list.id,
    plan,
    options.top ?? DEFAULT_PAGE_SIZE,
    after,
  );
  const body: Record<string, unknown> = {
    value: page.items.map((item) =>
      present(context, scope, item, options.expandFields, options.fieldSelect),
    ),
  };
  if (page.nextKeyset) {
    body["@odata.nextLink"] = nextLink(
      context.origin(),
      path,
      request.query,
      encodeSkipToken(page.nextKeyset, fingerprint),
    );
  }
  return json(200, body);
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
  request: GraphRequest,
): GraphResponse {
  const options = parseItemQueryOptions(request.query, SINGLE_OPTIONS);
  return json(200, present(context, scope, item, options.expandFields, options.fieldSelect));
}

export function createItem(
  context: ServiceContext,
  scope: ListScope,
  request: GraphRequest,
): GraphResponse {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw graphErrors.invalidRequest("The request body must be a JSON object with 'fields'.");
  }
  const written = (body as Record<string, unknown>).fields ?? {};
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
  return json(201, present(context, scope, item, true));
}

/** PATCH …/fields: partial update, If-Match checked, a new version recorded. */
export function updateItemFields(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  request: GraphRequest,
): GraphResponse {
  const updated = context.persistence.transaction(() => {
    const item = resolveItem(context, scope, itemRef);
    checkIfMatch(request.headers["if-match"], etagOf(item.guid, item.version));
    const fields = applyFieldWrites(
      context,
      scope.list,
      scope.columns,
      item.fields,
      request.body,
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
  const etag = etagOf(updated.guid, updated.version);
  return json(200, fieldsFor(context, scope, updated, undefined), { ETag: etag });
}

export function deleteItem(
  context: ServiceContext,
  scope: ListScope,
  itemRef: string,
  request: GraphRequest,
): GraphResponse {
  context.persistence.transaction(() => {
    const item = resolveItem(context, scope, itemRef);
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
  options: ReturnType<typeof parseItemQueryOptions>,
) {
  const fields = options.expandFields
    ? fieldsFor(
        context,
        scope,
        { ...item, version: version.version, fields: version.fields, modified: version.modified },
        options.fieldSelect,
      )
    : undefined;
  return presentVersion(version, fields);
}

export function listVersions(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  request: GraphRequest,
): GraphResponse {
  const options = parseItemQueryOptions(request.query, SINGLE_OPTIONS);
  const versions = context.persistence.listItemVersions(scope.list.id, item.id);
  return json(200, {
    value: versions.map((version) => versionView(context, scope, item, version, options)),
  });
}

export function getVersion(
  context: ServiceContext,
  scope: ListScope,
  item: StoredItem,
  versionRef: string,
  request: GraphRequest,
): GraphResponse {
  const options = parseItemQueryOptions(request.query, SINGLE_OPTIONS);
  const number = /^\d+(\.0)?$/.test(versionRef) ? Number.parseInt(versionRef, 10) : Number.NaN;
  const version = context.persistence
    .listItemVersions(scope.list.id, item.id)
    .find((candidate) => candidate.version === number);
  if (!version) throw graphErrors.itemNotFound("The version could not be found.");
  return json(200, versionView(context, scope, item, version, options));
}
