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
import { listWebUrl, presentDrive, presentDriveItem } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";
import { getItem as getListItem, type ListScope, updateItemFields } from "./items.ts";
import { decodeSkipToken, encodeSkipToken, nextLink } from "./paging.ts";

/** Simple uploads take up to 250 MB; larger files need an upload session. */
export const MAX_SIMPLE_UPLOAD_BYTES = 250 * 1024 * 1024;
/** Upload-session fragments must be multiples of 320 KiB (except the last). */
export const UPLOAD_FRAGMENT_UNIT = 320 * 1024;
export const MAX_UPLOAD_FRAGMENT_BYTES = 60 * 1024 * 1024;
/** What the local service stores in one file (SQLite's blob limit is 1 GB). */
export const MAX_LOCAL_FILE_BYTES = 900 * 1024 * 1024;

export interface DriveScope extends ListScope {
  drive: StoredDrive;
}

type ConflictBehavior = "fail" | "replace" | "rename";

const INVALID_NAME = /["*:<>?/\\|]|^\s|\s$|\.$|^~\$/;
const RESERVED_NAMES = /^(\.lock|con|prn|aux|nul|com\d|lpt\d|desktop\.ini|_vti_.*|\.{1,2})$/i;

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

export function listDrives(context: ServiceContext, site: StoredSite): GraphResponse {
  const origin = context.webOrigin();
  const value = context.persistence.listDrives(site.id).flatMap((drive) => {
    const list = context.persistence.getListById(drive.listId);
    return list ? [presentDrive(origin, site, list, drive)] : [];
  });
  return json(200, { value });
}

export function getDrive(context: ServiceContext, scope: DriveScope): GraphResponse {
  return json(200, presentDrive(context.webOrigin(), scope.site, scope.list, scope.drive));
}

export function defaultDrive(context: ServiceContext, site: StoredSite): DriveScope {
  const drive = context.persistence.listDrives(site.id)[0];
  if (!drive) throw graphErrors.itemNotFound("The site has no document library.");
  return driveScope(context, drive.id);
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

function pathOf(context: ServiceContext, scope: DriveScope, item: StoredDriveItem): string {
  const names: string[] = [];
  let current: StoredDriveItem | undefined = item;
  while (current && current.parentId !== null) {
    names.unshift(current.name);
    current = context.persistence.getDriveItem(scope.drive.id, current.parentId);
  }
  return names.length === 0 ? "" : `/${names.join("/")}`;
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

export function presentScopedDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
) {
  const origin = context.origin();
  let downloadUrl: string | undefined;
  if (!item.isFolder) {
    const token = newOpaqueToken();
    context.downloads.issue(token, scope.drive.id, item.id, context.now().getTime());
    downloadUrl = `${origin}/_download/${token}`;
  }
  return presentDriveItem(item, {
    origin,
    libraryWebUrl: listWebUrl(context.webOrigin(), scope.site, scope.list),
    itemPath: pathOf(context, scope, item),
    etagGuid: etagGuid(context, scope, item),
    ...(downloadUrl ? { downloadUrl } : {}),
    ...(item.isFolder
      ? { childCount: context.persistence.listChildren(scope.drive.id, item.id, 100_000).length }
      : {}),
  });
}

export function getDriveItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
): GraphResponse {
  return json(200, presentScopedDriveItem(context, scope, item));
}

export function listChildren(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
  path: string,
): GraphResponse {
  if (!item.isFolder) throw graphErrors.invalidRequest("The item is not a folder.");
  const topText = request.query.get("$top") ?? request.query.get("top");
  const top = topText === null ? 200 : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 1000)
    throw graphErrors.invalidRequest("$top must be 1–1000.");
  const skip = request.query.get("$skiptoken") ?? undefined;
  const fingerprint = `children|${item.id}`;
  const after = skip ? decodeSkipToken<string>(skip, fingerprint) : undefined;
  const children = context.persistence.listChildren(scope.drive.id, item.id, top + 1, after);
  const page = children.slice(0, top);
  const body: Record<string, unknown> = {
    value: page.map((child) => presentScopedDriveItem(context, scope, child)),
  };
  const last = page.at(-1);
  if (children.length > top && last) {
    body["@odata.nextLink"] = nextLink(
      context.origin(),
      path,
      request.query,
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
  return known[extension ?? ""] ?? declared ?? "application/octet-stream";
}

/** Writes a file below `parent` at `relativePath`, honouring the conflict behaviour. */
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
    if (existing) {
      if (existing.isFolder)
        throw graphErrors.nameAlreadyExists(`A folder named '${fileName}' already exists.`);
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

export function putContent(
  context: ServiceContext,
  scope: DriveScope,
  target: { parent: StoredDriveItem; relativePath: string } | { item: StoredDriveItem },
  request: GraphRequest,
): GraphResponse {
  const content = request.rawBody ?? new Uint8Array();
  if (content.byteLength > MAX_SIMPLE_UPLOAD_BYTES) {
    throw graphErrors.payloadTooLarge("Files larger than 250 MB need an upload session.");
  }
  const conflict = parseConflictBehavior(
    request.query.get("@microsoft.graph.conflictBehavior"),
    "replace",
  );
  if ("item" in target) {
    if (target.item.isFolder)
      throw graphErrors.invalidRequest("Cannot upload content to a folder.");
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

export function createFolder(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (typeof body.name !== "string") throw graphErrors.invalidRequest("name is required.");
  if (typeof body.folder !== "object" || body.folder === null) {
    throw graphErrors.invalidRequest(
      "Only folders can be created this way; upload files with PUT …/content.",
    );
  }
  checkName(body.name);
  const conflict = parseConflictBehavior(body["@microsoft.graph.conflictBehavior"], "fail");
  const name = body.name;
  const folder = context.persistence.transaction(() => {
    const existing = context.persistence.getChildByName(scope.drive.id, parent.id, name);
    if (existing) {
      if (conflict === "fail")
        throw graphErrors.nameAlreadyExists("The specified item name already exists.");
      if (conflict === "replace" && existing.isFolder) return existing;
      return insertChild(
        context,
        scope,
        parent,
        renamed(context, scope, parent, name),
        request,
        undefined,
        null,
      );
    }
    return insertChild(context, scope, parent, name, request, undefined, null);
  });
  return json(201, presentScopedDriveItem(context, scope, folder));
}

export function getContent(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
): GraphResponse {
  if (item.isFolder) throw graphErrors.invalidRequest("A folder has no content.");
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

export function getDriveListItem(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  if (item.listItemId === null) throw graphErrors.itemNotFound("The root folder has no list item.");
  const listItem = context.persistence.getItem(scope.list.id, item.listItemId);
  if (!listItem) throw graphErrors.itemNotFound();
  return getListItem(context, scope, listItem, request);
}

export function patchDriveListItemFields(
  context: ServiceContext,
  scope: DriveScope,
  item: StoredDriveItem,
  request: GraphRequest,
): GraphResponse {
  if (item.listItemId === null) throw graphErrors.itemNotFound("The root folder has no list item.");
  return updateItemFields(context, scope, String(item.listItemId), request);
}

// Upload sessions

export function createUploadSession(
  context: ServiceContext,
  scope: DriveScope,
  parent: StoredDriveItem,
  relativePath: string,
  request: GraphRequest,
): GraphResponse {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const itemOptions = (body.item ?? {}) as Record<string, unknown>;
  const conflict = parseConflictBehavior(
    itemOptions["@microsoft.graph.conflictBehavior"],
    "replace",
  );
  const names = splitPath(relativePath);
  const fileName = names.pop();
  if (!fileName) throw graphErrors.invalidRequest("A file name is required.");
  const folder = context.persistence.transaction(() =>
    ensureFolders(context, scope, parent, names, request),
  );
  const existing = context.persistence.getChildByName(scope.drive.id, folder.id, fileName);
  if (existing && conflict === "fail")
    throw graphErrors.nameAlreadyExists("The specified item name already exists.");
  const id = newOpaqueToken();
  const expires = isoSeconds(new Date(context.now().getTime() + 24 * 60 * 60 * 1000));
  context.persistence.insertUploadSession({
    id,
    driveId: scope.drive.id,
    parentId: folder.id,
    name: fileName,
    conflictBehavior: conflict,
    expires,
    received: 0,
    total: null,
  });
  return json(200, {
    uploadUrl: `${context.origin()}/_upload/${id}`,
    expirationDateTime: expires,
    nextExpectedRanges: ["0-"],
  });
}

/** One fragment PUT to an upload URL (pre-authenticated: no bearer token). */
export function uploadFragment(
  context: ServiceContext,
  sessionId: string,
  request: GraphRequest,
): GraphResponse {
  const session = context.persistence.getUploadSession(sessionId);
  if (!session || session.expires < isoSeconds(context.now())) {
    throw graphErrors.itemNotFound("The upload session was not found or has expired.");
  }
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
  if (start !== session.received) {
    return json(416, {
      error: {
        code: "invalidRange",
        message: "The fragment does not start at the next expected byte.",
      },
      nextExpectedRanges: [`${session.received}-`],
    });
  }
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
  const result = writeFile(
    context,
    scope,
    parent,
    encodeURIComponent(session.name),
    data,
    session.conflictBehavior,
    request,
  );
  context.persistence.deleteUploadSession(session.id);
  return json(result.created ? 201 : 200, presentScopedDriveItem(context, scope, result.item));
}

export function cancelUploadSession(context: ServiceContext, sessionId: string): GraphResponse {
  if (!context.persistence.getUploadSession(sessionId)) throw graphErrors.itemNotFound();
  context.persistence.deleteUploadSession(sessionId);
  return noContent();
}
