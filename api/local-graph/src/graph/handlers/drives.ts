import { createHash } from "node:crypto";
import type {
  StoredDrive,
  StoredDriveItem,
  StoredList,
  StoredSite,
} from "../../persistence/graph-persistence.ts";
import { checkIfMatch, etagOf } from "../conditions.ts";
import { graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json, noContent } from "../graph-request.ts";
import { isoSeconds, newDriveItemId, newGuid, newOpaqueToken } from "../ids.ts";
import { checkExpand, expanded, type ParsedQuery } from "../odata/query-options.ts";
import { presentDrive, presentDriveItem } from "../presenters.ts";
import { checkProperties, objectBody, onlyValue, requireObject } from "../request-body.ts";
import { applySelect, checkSelect, DRIVE, DRIVE_ITEM } from "../select.ts";
import type { ServiceContext } from "../service-context.ts";
import {
  checkItemQuery,
  getItemFields,
  getItem as getListItem,
  type ListScope,
  presentListItem,
  updateItemFields,
} from "./items.ts";
import { libraryItemWebUrl, pathOf } from "./library.ts";
import { decodeSkipToken, encodeSkipToken, nextLink } from "./paging.ts";

/** Simple uploads take up to 250 MB; larger files need an upload session. */
export const MAX_SIMPLE_UPLOAD_BYTES = 250 * 1024 * 1024;
/** Upload-session fragments must be multiples of 320 KiB (except the last). */
export const UPLOAD_FRAGMENT_UNIT = 320 * 1024;
export const MAX_UPLOAD_FRAGMENT_BYTES = 60 * 1024 * 1024;
/** What the local service stores in one file (SQLite's blob limit is 1 GB). */
export const MAX_LOCAL_FILE_BYTES = 900 * 1024 * 1024;
export const DEFAULT_CHILDREN_PAGE = 200;
export const MAX_CHILDREN_PAGE = 1000;

export interface DriveScope extends ListScope {
  drive: StoredDrive;
}

type ConflictBehavior = "fail" | "replace" | "rename";

const INVALID_NAME = /["*:<>?/\\|]|^\s|\s$|\.$|^~\$/;
const RESERVED_NAMES = /^(\.lock|con|prn|aux|nul|com\d|lpt\d|desktop\.ini|_vti_.*|\.{1,2})$/i;

export const DRIVE_ITEM_EXPANSIONS = {
  listItem: { select: true, expand: ["fields"] },
  children: { select: true },
} as const;

export function checkName(name: string): void {
  if (
    name === "" ||
    name.length > 255 ||
    INVALID_NAME.test(name) ||
    RESERVED_NAMES.test(name) ||
    name.includes("_vti_")
  ) {
    throw graphErrors.invalidRequest(
      `The name '${name}' contains invalid characters or is reserved.`,
    );
  }
}

function parseConflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (value === undefined || value === null || value === "") return fallback;
  if (value === "fail" || value === "replace" || value === "rename") return value;
  throw graphErrors.invalidRequest(`Invalid conflict behavior '${String(value)}'.`);
}

function rootEtagGuid(driveId: string): string {
  const hex = createHash("sha1").update(driveId).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function driveScope(context: ServiceContext, driveId: string): DriveScope {
  const drive = context.persistence.getDrive(decodeURIComponent(driveId));
  const list = drive && context.persistence.getListById(drive.listId);
  const site = list && context.persistence.getSite(list.siteId);
  if (!drive || !list || !site) throw graphErrors.itemNotFound("The drive could not be found.");
  return { drive, list, site, columns: context.persistence.listColumns(list.id) };
}

export function listDrives(
  context: ServiceContext,
  site: StoredSite,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, DRIVE);
  checkExpand(query.expand, {}, "the drives of a site");
  const origin = context.webOrigin();
  const value = context.persistence.listDrives(site.id).flatMap((drive) => {
    const list = context.persistence.getListById(drive.listId);
    const used = context.persistence.driveBytes(drive.id);
    return list ? [applySelect(presentDrive(origin, site, list, drive, used), query.select)] : [];
  });
  return json(200, { value });
}

export function getDrive(
  context: ServiceContext,
  scope: DriveScope,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, DRIVE);
  checkExpand(query.expand, {}, "a drive");
  return json(
    200,
    applySelect(
      presentDrive(
        context.webOrigin(),
        scope.site,
        scope.list,
        scope.drive,
        context.persistence.driveBytes(scope.drive.id),
      ),
      query.select,
    ),
  );
}

export function defaultDrive(context: ServiceContext, site: StoredSite): DriveScope {
  const drive = context.persistence.listDrives(site.id)[0];
  if (!drive) throw graphErrors.itemNotFound("The site has no document library.");
  return driveScope(context, drive.id);
}

export function siteDrive(context: ServiceContext, site: StoredSite, driveId: string): DriveScope {
  const scope = driveScope(context, driveId);
  if (scope.site.id !== site.id) throw graphErrors.itemNotFound("The drive could not be found.");
  return scope;
}

export function listDrive(context: ServiceContext, list: StoredList): DriveScope {
  const drive = context.persistence.getDriveByList(list.id);
  if (!drive) throw graphErrors.itemNotFound("The list is not a document library.");
  return driveScope(context, drive.id);
}

function root(context: ServiceContext, scope: DriveScope): StoredDriveItem {
  const item = context.persistence.getDriveRoot(scope.drive.id);
  if (!item) throw graphErrors.general("The drive has no root.");
  return item;
}

export function resolveDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  itemRef: string,
): StoredDriveItem {
  if (itemRef === "root") return root(context, scope);
  const item = context.persistence.getDriveItem(scope.drive.id, decodeURIComponent(itemRef));
  if (!item) throw graphErrors.itemNotFound("Item not found");
  return item;
}

function splitPath(relativePath: string): string[] {
  return relativePath
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => {
      let name: string;
      try {
        name = decodeURIComponent(segment);
      } catch {
        throw graphErrors.invalidRequest("The path is not correctly encoded.");
      }
      checkName(name);
      return name;
    });
}

export function resolveByPath(
  context: ServiceContext,
  scope: DriveScope,
  start: StoredDriveItem,
  relativePath: string,
): StoredDriveItem {
  let current = start;
  for (const name of splitPath(relativePath)) {
    const child = current.isFolder
      ? context.persistence.getChildByName(scope.drive.id, current.id, name)
      : undefined;
    if (!child) throw graphErrors.itemNotFound("Item not found");
    current = child;
  }
  return current;
}

function etagGuid(context: ServiceContext, scope: DriveScope, item: StoredDriveItem): string {
  if (item.listItemId === null) return rootEtagGuid(scope.drive.id);
  return context.persistence.getItem(scope.list.id, item.listItemId)?.guid ?? rootEtagGuid(item.id);
}

export function driveItemEtag(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
): string {
  return etagOf(etagGuid(context, scope, item), item.version);
}

/** Whether an If-None-Match header names this item's eTag or cTag (or is `*`). */
function noneMatchHits(
  header: string | undefined,
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
): boolean {
  if (header === undefined) return false;
  const guid = etagGuid(context, scope, item).toUpperCase();
  const tags = [etagOf(guid, item.version), `"c:{${guid}},${item.version}"`].map((tag) =>
    tag.toLowerCase(),
  );
  return header
    .split(/,(?=\s*(?:W\/)?")/)
    .map((tag) => tag.trim().replace(/^W\//, "").toLowerCase())
    .some((tag) => tag === "*" || tags.includes(tag));
}

/** The driveItem as Graph shows it: expansions (listItem, children) and `$select` applied. */
export function presentScopedDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  query: Pick<ParsedQuery, "select" | "expand"> = { select: undefined, expand: [] },
): Record<string, unknown> {
  const origin = context.origin();
  let downloadUrl: string | undefined;
  if (!item.isFolder) {
    const token = newOpaqueToken();
    context.downloads.issue(token, scope.drive.id, item.id, context.now().getTime());
    downloadUrl = `${origin}/_download/${token}`;
  }
  const counts = item.isFolder
    ? context.persistence.countChildren(scope.drive.id, item.id)
    : undefined;
  const itemPath = pathOf(context, scope.drive.id, item);
  const body: Record<string, unknown> = presentDriveItem(item, {
    webUrl: libraryItemWebUrl(context, scope.site, scope.list, item, itemPath),
    siteId: scope.site.id,
    itemPath,
    etagGuid: etagGuid(context, scope, item),
    ...(downloadUrl ? { downloadUrl } : {}),
    ...(counts ? { childCount: counts.files + counts.folders } : {}),
  });
  const listItemExpansion = expanded(query.expand, "listItem");
  if (listItemExpansion && item.listItemId !== null) {
    const listItem = context.persistence.getItem(scope.list.id, item.listItemId);
    if (listItem) {
      body.listItem = presentListItem(
        context,
        scope,
        listItem,
        listItemExpansion.expand,
        listItemExpansion.select,
      );
    }
  }
  const childrenExpansion = expanded(query.expand, "children");
  if (childrenExpansion && item.isFolder) {
    body.children = context.persistence
      .listChildren(scope.drive.id, item.id, DEFAULT_CHILDREN_PAGE)
      .map((child) =>
        presentScopedDriveItem(context, scope, child, {
          select: childrenExpansion.select,
          expand: [],
        }),
      );
  }
  return applySelect(body, query.select && [...query.select, ...query.expand.map((e) => e.name)]);
}

function checkDriveItemQuery(scope: DriveScope, query: Pick<ParsedQuery, "select" | "expand">) {
  checkSelect(query.select, DRIVE_ITEM);
  checkExpand(query.expand, DRIVE_ITEM_EXPANSIONS, "a driveItem");
  const listItem = expanded(query.expand, "listItem");
  // The expanded listItem follows a list item's rules (its own select and fields(select=…)).
  if (listItem) checkItemQuery(scope, { select: listItem.select, expand: listItem.expand });
  checkSelect(expanded(query.expand, "children")?.select, DRIVE_ITEM);
}

export function getDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
  query: ParsedQuery,
): GraphResponse {
  checkDriveItemQuery(scope, query);
  if (noneMatchHits(request.headers["if-none-match"], context, scope, item)) {
    return { status: 304 };
  }
  return json(200, presentScopedDriveItem(context, scope, item, query));
}

export function listChildren(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
  query: ParsedQuery,
  path: string,
): GraphResponse {
  if (!item.isFolder) throw graphErrors.invalidRequest("The item is not a folder.");
  checkDriveItemQuery(scope, query);
  // Children come in name order; that order can be asked for, no other.
  if (query.orderby !== undefined && !/^\s*name(\s+asc)?\s*$/i.test(query.orderby)) {
    throw graphErrors.notSupported(`Ordering children by '${query.orderby}'`);
  }
  if (noneMatchHits(request.headers["if-none-match"], context, scope, item)) {
    return { status: 304 };
  }
  const top = query.top ?? DEFAULT_CHILDREN_PAGE;
  if (top > MAX_CHILDREN_PAGE) {
    throw graphErrors.invalidRequest(`$top must be between 1 and ${MAX_CHILDREN_PAGE}.`);
  }
  const fingerprint = `children|${item.id}`;
  const after = query.skiptoken ? decodeSkipToken<string>(query.skiptoken, fingerprint) : undefined;
  const children = context.persistence.listChildren(scope.drive.id, item.id, top + 1, after);
  const page = children.slice(0, top);
  const body: Record<string, unknown> = {
    value: page.map((child) => presentScopedDriveItem(context, scope, child, query)),
  };
  const last = page.at(-1);
  if (children.length > top && last) {
    body["@odata.nextLink"] = nextLink(
      context.origin(),
      path,
      query.raw,
      encodeSkipToken(last.name, fingerprint),
    );
  }
  return json(200, body);
}

/** Every file and folder in a library is also a list item of the library's list. */
function newListItem(
  context: ServiceContext,
  scope: DriveScope,
  name: string,
  request: GraphRequest,
): number {
  const now = isoSeconds(context.now());
  const id = context.persistence.nextItemId(scope.list.id);
  const fields = { FileLeafRef: name };
  context.persistence.insertItem({
    listId: scope.list.id,
    id,
    guid: newGuid(),
    version: 1,
    fields,
    created: now,
    modified: now,
    createdBy: request.identity,
    modifiedBy: request.identity,
  });
  context.persistence.insertItemVersion(scope.list.id, id, {
    version: 1,
    fields,
    modified: now,
    modifiedBy: request.identity,
  });
  return id;
}

function insertChild(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  name: string,
  request: GraphRequest,
  content: Uint8Array | undefined,
  mimeType: string | null,
): StoredDriveItem {
  const now = isoSeconds(context.now());
  const item: StoredDriveItem = {
    id: newDriveItemId(),
    driveId: scope.drive.id,
    parentId: parent.id,
    name,
    isFolder: content === undefined,
    size: content?.byteLength ?? 0,
    mimeType,
    created: now,
    modified: now,
    version: 1,
    listItemId: newListItem(context, scope, name, request),
    createdBy: request.identity,
    modifiedBy: request.identity,
  };
  context.persistence.insertDriveItem(item, content);
  return item;
}

function ensureFolders(
  context: ServiceContext,
  scope: DriveScope,
  start: StoredDriveItem,
  names: string[],
  request: GraphRequest,
) {
  let current = start;
  for (const name of names) {
    const existing = context.persistence.getChildByName(scope.drive.id, current.id, name);
    if (existing && !existing.isFolder)
      throw graphErrors.nameAlreadyExists(`'${name}' is a file, not a folder.`);
    current = existing ?? insertChild(context, scope, current, name, request, undefined, null);
  }
  return current;
}

function renamed(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  name: string,
): string {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : "";
  for (let counter = 1; ; counter += 1) {
    const candidate = `${stem} ${counter}${extension}`;
    if (!context.persistence.getChildByName(scope.drive.id, parent.id, candidate)) return candidate;
  }
}

function mimeTypeOf(name: string, declared: string | undefined): string {
  const extension = name.toLowerCase().split(".").pop();
  const known: Record<string, string> = {
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    pdf: "application/pdf",
    txt: "text/plain",
    csv: "text/csv",
    json: "application/json",
  };
  return known[extension ?? ""] ?? declared?.split(";")[0]?.trim() ?? "application/octet-stream";
}

/** Writes a file below `parent` at `relativePath`, honouring the conflict behaviour and conditions. */
function writeFile(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  relativePath: string,
  content: Uint8Array,
  conflict: ConflictBehavior,
  request: GraphRequest,
): { item: StoredDriveItem; created: boolean } {
  const names = splitPath(relativePath);
  const fileName = names.pop();
  if (fileName === undefined) throw graphErrors.invalidRequest("A file name is required.");
  return context.persistence.transaction(() => {
    const folder = ensureFolders(context, scope, parent, names, request);
    const existing = context.persistence.getChildByName(scope.drive.id, folder.id, fileName);
    const mimeType = mimeTypeOf(fileName, request.headers["content-type"]);
    if (!existing && request.headers["if-match"] !== undefined) {
      // If-Match names a version of an item that is not there.
      throw graphErrors.resourceModified();
    }
    if (existing) {
      if (existing.isFolder)
        throw graphErrors.nameAlreadyExists(`A folder named '${fileName}' already exists.`);
      if (noneMatchHits(request.headers["if-none-match"], context, scope, existing)) {
        throw graphErrors.resourceModified();
      }
      if (conflict === "fail") {
        throw graphErrors.nameAlreadyExists("The specified item name already exists.");
      }
      if (conflict === "replace") {
        checkIfMatch(request.headers["if-match"], driveItemEtag(context, scope, existing));
        const updated: StoredDriveItem = {
          ...existing,
          size: content.byteLength,
          mimeType,
          modified: isoSeconds(context.now()),
          modifiedBy: request.identity,
          version: existing.version + 1,
        };
        context.persistence.updateDriveItem(updated, content);
        return { item: updated, created: false };
      }
      const item = insertChild(
        context,
        scope,
        folder,
        renamed(context, scope, folder, fileName),
        request,
        content,
        mimeType,
      );
      return { item, created: true };
    }
    return {
      item: insertChild(context, scope, folder, fileName, request, content, mimeType),
      created: true,
    };
  });
}

/** `PUT …/content`: replace an item's content, or upload below a parent at a path. */
export function putContent(
  context: ServiceContext,
  scope: DriveScope,
  target: { parent: StoredDriveItem; relativePath: string } | { item: StoredDriveItem },
  request: GraphRequest,
  query: ParsedQuery,
): GraphResponse {
  const content = request.rawBody ?? new Uint8Array();
  if (content.byteLength > MAX_SIMPLE_UPLOAD_BYTES) {
    throw graphErrors.payloadTooLarge("Files larger than 250 MB need an upload session.");
  }
  const conflict = parseConflictBehavior(
    query.parameters.get("@microsoft.graph.conflictBehavior"),
    "replace",
  );
  if ("item" in target) {
    if (target.item.isFolder)
      throw graphErrors.invalidRequest("Cannot upload content to a folder.");
    if (conflict !== "replace") {
      throw graphErrors.invalidRequest(
        "Replacing a file by its id replaces it; a conflict behavior applies to uploads by name.",
      );
    }
    const parent = context.persistence.getDriveItem(scope.drive.id, target.item.parentId ?? "");
    if (!parent) throw graphErrors.itemNotFound();
    const result = writeFile(
      context,
      scope,
      parent,
      encodeURIComponent(target.item.name),
      content,
      "replace",
      request,
    );
    return json(200, presentScopedDriveItem(context, scope, result.item));
  }
  const result = writeFile(
    context,
    scope,
    target.parent,
    target.relativePath,
    content,
    conflict,
    request,
  );
  return json(result.created ? 201 : 200, presentScopedDriveItem(context, scope, result.item));
}

const CHILD_BODY = {
  type: "microsoft.graph.driveItem",
  implemented: ["name", "folder", "file", "@microsoft.graph.conflictBehavior"],
  unsupported: [
    "@microsoft.graph.sourceUrl",
    "audio",
    "bundle",
    "content",
    "description",
    "fileSystemInfo",
    "image",
    "location",
    "package",
    "photo",
    "publication",
    "remoteItem",
    "shared",
    "specialFolder",
    "video",
  ],
  readOnly: [
    "id",
    "cTag",
    "createdBy",
    "createdDateTime",
    "deleted",
    "eTag",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "parentReference",
    "root",
    "sharepointIds",
    "size",
    "webUrl",
  ],
} as const;

/** `POST …/children`: a new folder, or an empty file (`"file": {}`). */
export function createChild(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  if (!parent.isFolder) throw graphErrors.invalidRequest("The item is not a folder.");
  const body = objectBody(request);
  checkProperties(body, CHILD_BODY);
  if (typeof body.name !== "string") throw graphErrors.invalidRequest("name is required.");
  const isFolder = body.folder !== undefined;
  if (isFolder === (body.file !== undefined)) {
    throw graphErrors.invalidRequest(
      "A new item needs exactly one of the 'folder' or 'file' facets.",
    );
  }
  const facet = requireObject(isFolder ? body.folder : body.file, "The facet");
  checkProperties(
    facet,
    isFolder
      ? { type: "microsoft.graph.folder", implemented: [], readOnly: ["childCount", "view"] }
      : { type: "microsoft.graph.file", implemented: ["mimeType"], readOnly: ["hashes"] },
  );
  checkName(body.name);
  const conflict = parseConflictBehavior(body["@microsoft.graph.conflictBehavior"], "fail");
  const name = body.name;
  const mimeType = isFolder
    ? null
    : typeof facet.mimeType === "string"
      ? facet.mimeType
      : mimeTypeOf(name, undefined);
  const created = context.persistence.transaction(() => {
    const existing = context.persistence.getChildByName(scope.drive.id, parent.id, name);
    const make = (childName: string) =>
      insertChild(
        context,
        scope,
        parent,
        childName,
        request,
        isFolder ? undefined : new Uint8Array(),
        mimeType,
      );
    if (!existing) return make(name);
    if (conflict === "fail")
      throw graphErrors.nameAlreadyExists("The specified item name already exists.");
    if (conflict === "replace" && existing.isFolder && isFolder) return existing;
    if (conflict === "replace") {
      throw graphErrors.notSupported("Replacing an item through POST …/children");
    }
    return make(renamed(context, scope, parent, name));
  });
  return json(201, presentScopedDriveItem(context, scope, created));
}

export function getContent(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  if (item.isFolder) throw graphErrors.invalidRequest("A folder has no content.");
  if (noneMatchHits(request.headers["if-none-match"], context, scope, item)) {
    return { status: 304 };
  }
  const token = newOpaqueToken();
  context.downloads.issue(token, scope.drive.id, item.id, context.now().getTime());
  return { status: 302, headers: { Location: `${context.origin()}/_download/${token}` } };
}

export function deleteDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  if (item.parentId === null)
    throw graphErrors.accessDenied("The root of a drive cannot be deleted.");
  context.persistence.transaction(() => {
    checkIfMatch(request.headers["if-match"], driveItemEtag(context, scope, item));
    const remove = (target: StoredDriveItem) => {
      if (target.isFolder) {
        for (const child of context.persistence.listChildren(scope.drive.id, target.id, 1_000_000))
          remove(child);
      }
      if (target.listItemId !== null)
        context.persistence.deleteItem(scope.list.id, target.listItemId);
      context.persistence.deleteDriveItem(scope.drive.id, target.id);
    };
    remove(item);
  });
  return noContent();
}

function listItemOf(context: ServiceContext, scope: DriveScope, item: StoredDriveItem) {
  if (item.listItemId === null) throw graphErrors.itemNotFound("The root folder has no list item.");
  const listItem = context.persistence.getItem(scope.list.id, item.listItemId);
  if (!listItem) throw graphErrors.itemNotFound();
  return listItem;
}

export function getDriveListItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  query: ParsedQuery,
): GraphResponse {
  return getListItem(context, scope, listItemOf(context, scope, item), query);
}

export function getDriveListItemFields(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  query: ParsedQuery,
): GraphResponse {
  return getItemFields(context, scope, listItemOf(context, scope, item), query);
}

export function patchDriveListItemFields(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  return updateItemFields(context, scope, String(listItemOf(context, scope, item).id), request);
}

// Upload sessions

const SESSION_BODY = {
  type: "microsoft.graph.driveItemUploadableProperties",
  implemented: ["@microsoft.graph.conflictBehavior", "name", "fileSize"],
  unsupported: ["description", "driveItemSource", "fileSystemInfo", "mediaSource"],
} as const;

/**
 * `POST …/createUploadSession`, for a new file (parent + path) or an existing
 * one. The documented default conflict behavior is `fail`
 * (driveitem-createuploadsession.md).
 */
export function createUploadSession(
  context: ServiceContext,
  scope: DriveScope,
  target: { parent: StoredDriveItem; relativePath: string } | { item: StoredDriveItem },
  request: GraphRequest,
): GraphResponse {
  const body = request.body === undefined ? {} : objectBody(request);
  checkProperties(body, {
    type: "microsoft.graph.driveItem.createUploadSession",
    implemented: ["item", "deferCommit"],
  });
  onlyValue(body, "deferCommit", false, "An upload session with");
  const itemOptions = requireObject(body.item ?? {}, "'item'");
  checkProperties(itemOptions, SESSION_BODY);
  const fileSize = itemOptions.fileSize;
  if (
    fileSize !== undefined &&
    (typeof fileSize !== "number" || !Number.isInteger(fileSize) || fileSize < 0)
  ) {
    throw graphErrors.invalidRequest("'fileSize' must be a whole number of bytes.");
  }
  if (typeof fileSize === "number" && fileSize > MAX_LOCAL_FILE_BYTES) {
    throw graphErrors.payloadTooLarge("The file is too large for the local Graph service.");
  }
  let parent: StoredDriveItem;
  let fileName: string;
  let conflict: ConflictBehavior;
  if ("item" in target) {
    if (target.item.isFolder || target.item.parentId === null) {
      throw graphErrors.invalidRequest("An upload session replaces a file, not a folder.");
    }
    const found = context.persistence.getDriveItem(scope.drive.id, target.item.parentId);
    if (!found) throw graphErrors.itemNotFound();
    parent = found;
    fileName = target.item.name;
    conflict = "replace";
  } else {
    const names = splitPath(target.relativePath);
    const last = names.pop();
    if (!last) throw graphErrors.invalidRequest("A file name is required.");
    parent = context.persistence.transaction(() =>
      ensureFolders(context, scope, target.parent, names, request),
    );
    fileName = last;
    conflict = parseConflictBehavior(itemOptions["@microsoft.graph.conflictBehavior"], "fail");
  }
  if (typeof itemOptions.name === "string" && itemOptions.name !== fileName) {
    throw graphErrors.invalidRequest(
      `The name in the request body ('${itemOptions.name}') must be the name in the path ('${fileName}').`,
    );
  }
  const existing = context.persistence.getChildByName(scope.drive.id, parent.id, fileName);
  if (existing) {
    if (noneMatchHits(request.headers["if-none-match"], context, scope, existing)) {
      throw graphErrors.resourceModified();
    }
    checkIfMatch(request.headers["if-match"], driveItemEtag(context, scope, existing));
    if (conflict === "fail")
      throw graphErrors.nameAlreadyExists("The specified item name already exists.");
  } else if (request.headers["if-match"] !== undefined) {
    throw graphErrors.resourceModified();
  }
  const id = newOpaqueToken();
  const expires = isoSeconds(new Date(context.now().getTime() + 24 * 60 * 60 * 1000));
  context.persistence.insertUploadSession({
    id,
    driveId: scope.drive.id,
    parentId: parent.id,
    name: fileName,
    conflictBehavior: conflict,
    expires,
    received: 0,
    total: null,
    createdBy: request.identity,
  });
  return json(200, {
    uploadUrl: `${context.origin()}/_upload/${id}`,
    expirationDateTime: expires,
    nextExpectedRanges: ["0-"],
  });
}

function liveSession(context: ServiceContext, sessionId: string) {
  const session = context.persistence.getUploadSession(sessionId);
  if (!session || session.expires < isoSeconds(context.now())) {
    throw graphErrors.itemNotFound("The upload session was not found or has expired.");
  }
  return session;
}

/** `GET {uploadUrl}`: where to resume. */
export function uploadSessionStatus(context: ServiceContext, sessionId: string): GraphResponse {
  const session = liveSession(context, sessionId);
  return json(200, {
    expirationDateTime: session.expires,
    nextExpectedRanges: [`${session.received}-`],
  });
}

/** One fragment PUT to an upload URL (pre-authenticated: no bearer token). */
export function uploadFragment(
  context: ServiceContext,
  sessionId: string,
  request: GraphRequest,
): GraphResponse {
  const session = liveSession(context, sessionId);
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(request.headers["content-range"] ?? "");
  const chunk = request.rawBody ?? new Uint8Array();
  if (!range) throw graphErrors.invalidRequest("Content-Range must be 'bytes start-end/total'.");
  const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  if (end < start || end - start + 1 !== chunk.byteLength || end >= total) {
    throw graphErrors.invalidRequest("Content-Range does not match the body.");
  }
  if (total > MAX_LOCAL_FILE_BYTES)
    throw graphErrors.payloadTooLarge("The file is too large for the local Graph service.");
  if (session.total !== null && session.total !== total)
    throw graphErrors.invalidRequest("The total size changed.");
  // A fragment the session already has, or one past a gap: 416 without where to go on; the
  // client asks with a GET ("Resuming an in-progress upload"). Bodies as seen from OneDrive
  // (onedrive-api-docs#64, #79).
  if (start < session.received) throw graphErrors.fragmentOverlap();
  if (start > session.received) throw graphErrors.fragmentOutOfOrder();
  const last = end + 1 === total;
  if (chunk.byteLength > MAX_UPLOAD_FRAGMENT_BYTES)
    throw graphErrors.payloadTooLarge("A fragment may be at most 60 MiB.");
  if (!last && chunk.byteLength % UPLOAD_FRAGMENT_UNIT !== 0) {
    throw graphErrors.invalidRequest(
      "Fragments other than the last must be a multiple of 320 KiB.",
    );
  }
  context.persistence.appendUploadChunk(session.id, start, chunk, total);
  if (!last) {
    return json(202, { expirationDateTime: session.expires, nextExpectedRanges: [`${end + 1}-`] });
  }
  const scope = driveScope(context, session.driveId);
  const parent = context.persistence.getDriveItem(scope.drive.id, session.parentId);
  if (!parent) throw graphErrors.itemNotFound("The target folder no longer exists.");
  const data = context.persistence.readUploadData(session.id);
  // The file is written as whoever created the session (the upload URL itself carries no identity).
  const result = writeFile(
    context,
    scope,
    parent,
    encodeURIComponent(session.name),
    data,
    session.conflictBehavior,
    { ...request, identity: session.createdBy ?? request.identity },
  );
  context.persistence.deleteUploadSession(session.id);
  return json(result.created ? 201 : 200, presentScopedDriveItem(context, scope, result.item));
}

export function cancelUploadSession(context: ServiceContext, sessionId: string): GraphResponse {
  if (!context.persistence.getUploadSession(sessionId)) throw graphErrors.itemNotFound();
  context.persistence.deleteUploadSession(sessionId);
  return noContent();
}
