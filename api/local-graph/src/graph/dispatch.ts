import type { StoredSite } from "../persistence/graph-persistence.ts";
import { authorize } from "./access-grants.ts";
import { graphErrors } from "./errors.ts";
import type { GraphRequest, GraphResponse } from "./graph-request.ts";
import { itemsDelta } from "./handlers/delta.ts";
import { directoryRoutes } from "./handlers/directory.ts";
import * as drives from "./handlers/drives.ts";
import * as items from "./handlers/items.ts";
import * as lists from "./handlers/lists.ts";
import {
  neededSiteRole,
  requireSiteRole,
  sitePermissionRoutes,
} from "./handlers/site-permissions.ts";
import { getSite, resolveSite, resolveSiteByPath } from "./handlers/sites.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * Dispatch: which Graph operation does a path + method name? Handlers do the
 * work; this module only maps URLs to them (Azurite's dispatch step).
 */

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

const SITE_BY_PATH = /^\/sites\/([^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/;
const DRIVE_BY_PATH = /^\/drives\/([^/]+)\/(root|items\/[^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/;

function only(request: GraphRequest, ...methods: Method[]): void {
  if (!methods.includes(request.method as Method)) throw graphErrors.methodNotAllowed();
}

export function handleGraphRequest(context: ServiceContext, request: GraphRequest): GraphResponse {
  let path = request.path.replace(/\/+$/, "") || "/";
  authorize(request.grant, request.method, path);
  // `/me` is the signed-in user of a delegated token.
  if (/^\/me(\/|$)/.test(path) && "user" in request.identity) {
    path = `/users/${encodeURIComponent(request.identity.user.id)}${path.slice(3)}`;
  }

  const siteByPath = SITE_BY_PATH.exec(path);
  if (siteByPath) {
    const site = resolveSiteByPath(
      context,
      decodeURIComponent(siteByPath[1]!),
      decodeURIComponent(siteByPath[2]!),
    );
    return siteRoutes(
      context,
      site,
      siteByPath[3] ?? "",
      request,
      `/sites/${site.id}${siteByPath[3] ?? ""}`,
    );
  }
  const driveByPath = DRIVE_BY_PATH.exec(path);
  if (driveByPath) {
    return drivePathRoutes(
      context,
      request,
      driveByPath[1]!,
      driveByPath[2]!,
      driveByPath[3]!,
      driveByPath[4] ?? "",
      path,
    );
  }

  const segments = path.split("/").slice(1);
  const [first, second, ...rest] = segments;
  if (first === "sites" && second !== undefined) {
    const site = resolveSite(context, decodeURIComponent(second));
    const tail = rest.length > 0 ? `/${rest.join("/")}` : "";
    return siteRoutes(context, site, tail, request, path);
  }
  if (first === "teams") {
    // Posting to a channel with an app-only token is for migration only; unattended posts go through the bot.
    if (
      request.method === "POST" &&
      /^\/teams\/[^/]+\/channels\/[^/]+\/messages$/.test(path) &&
      "application" in request.identity
    ) {
      throw graphErrors.unauthenticated(
        "Message POST is allowed in application-only context only for import purposes.",
      );
    }
    throw graphErrors.invalidRequest(
      "Teams resources are not emulated by the local Graph service; post to channels through the bot.",
    );
  }
  if (first === "users" || first === "groups") {
    return directoryRoutes(context, segments, request, path);
  }
  if (first === "drives" && second !== undefined) {
    const scope = drives.driveScope(context, second);
    requireSiteRole(context, request, scope.site, neededSiteRole(request.method, false));
    return driveRoutes(context, scope, rest, request, path);
  }
  throw graphErrors.segmentNotFound(first ?? "");
}

function siteRoutes(
  context: ServiceContext,
  site: StoredSite,
  tail: string,
  request: GraphRequest,
  path: string,
): GraphResponse {
  const [resource, listRef, sub, subId, subSub, subSubId, ...extra] = tail.split("/").slice(1);
  if (resource === "permissions") {
    return sitePermissionRoutes(context, site, listRef, request);
  }
  // Creating lists and changing columns is structural; the rest reads or writes content.
  const structural = resource === "lists" && (listRef === undefined || sub === "columns");
  requireSiteRole(context, request, site, neededSiteRole(request.method, structural));
  if (resource === undefined) {
    only(request, "GET");
    return getSite(context, site);
  }
  if (resource === "drives" && listRef === undefined) {
    only(request, "GET");
    return drives.listDrives(context, site);
  }
  if (resource === "drive") {
    return driveRoutes(
      context,
      drives.defaultDrive(context, site),
      tail.split("/").slice(2),
      request,
      path,
    );
  }
  if (resource !== "lists") throw graphErrors.segmentNotFound(resource);
  if (listRef === undefined) {
    only(request, "GET", "POST");
    return request.method === "GET"
      ? lists.listLists(context, site)
      : lists.createList(context, site, request);
  }
  const list = lists.resolveList(context, site, listRef);
  if (sub === undefined) {
    only(request, "GET");
    return lists.getList(context, site, list);
  }
  if (sub === "drive") {
    return driveRoutes(
      context,
      drives.listDrive(context, list),
      tail.split("/").slice(4),
      request,
      path,
    );
  }
  if (sub === "columns") {
    if (subId === undefined) {
      only(request, "GET", "POST");
      return request.method === "GET"
        ? lists.listColumns(context, list)
        : lists.createColumn(context, list, request);
    }
    if (subSub !== undefined) throw graphErrors.segmentNotFound(subSub);
    only(request, "GET", "PATCH");
    const column = lists.resolveColumn(context, list, subId);
    return request.method === "GET"
      ? lists.getColumn(column)
      : lists.updateColumn(context, list, column, request);
  }
  if (sub !== "items") throw graphErrors.segmentNotFound(sub);
  const scope: items.ListScope = { site, list, columns: context.persistence.listColumns(list.id) };
  if (subId === undefined) {
    only(request, "GET", "POST");
    return request.method === "GET"
      ? items.listItems(context, scope, request, path)
      : items.createItem(context, scope, request);
  }
  if (subId === "delta" || subId === "delta()") {
    only(request, "GET");
    return itemsDelta(context, scope, request, path);
  }
  if (subSub === undefined) {
    only(request, "GET", "DELETE");
    if (request.method === "DELETE") return items.deleteItem(context, scope, subId, request);
    return items.getItem(context, scope, items.resolveItem(context, scope, subId), request);
  }
  if (subSub === "fields" && subSubId === undefined) {
    only(request, "PATCH");
    return items.updateItemFields(context, scope, subId, request);
  }
  if (subSub === "versions" && extra.length === 0) {
    only(request, "GET");
    const item = items.resolveItem(context, scope, subId);
    return subSubId === undefined
      ? items.listVersions(context, scope, item, request)
      : items.getVersion(context, scope, item, subSubId, request);
  }
  throw graphErrors.segmentNotFound(subSub);
}

function driveRoutes(
  context: ServiceContext,
  scope: drives.DriveScope,
  rest: string[],
  request: GraphRequest,
  path: string,
): GraphResponse {
  const [resource, itemRef, sub, subSub, ...extra] = rest;
  if (resource === undefined) {
    only(request, "GET");
    return drives.getDrive(context, scope);
  }
  let item: ReturnType<typeof drives.resolveDriveItem>;
  let next: Array<string | undefined>;
  if (resource === "root") {
    item = drives.resolveDriveItem(context, scope, "root");
    next = [itemRef, sub, subSub, ...extra];
  } else if (resource === "items" && itemRef !== undefined) {
    item = drives.resolveDriveItem(context, scope, itemRef);
    next = [sub, subSub, ...extra];
  } else {
    throw graphErrors.segmentNotFound(resource);
  }
  return driveItemRoutes(
    context,
    scope,
    item,
    next.filter((part): part is string => part !== undefined),
    request,
    path,
  );
}

function driveItemRoutes(
  context: ServiceContext,
  scope: drives.DriveScope,
  item: ReturnType<typeof drives.resolveDriveItem>,
  rest: string[],
  request: GraphRequest,
  path: string,
): GraphResponse {
  const [action, sub, ...extra] = rest;
  if (action === undefined) {
    only(request, "GET", "DELETE");
    return request.method === "GET"
      ? drives.getDriveItem(context, scope, item)
      : drives.deleteDriveItem(context, scope, item, request);
  }
  if (action === "children" && sub === undefined) {
    only(request, "GET", "POST");
    return request.method === "GET"
      ? drives.listChildren(context, scope, item, request, path)
      : drives.createFolder(context, scope, item, request);
  }
  if (action === "content" && sub === undefined) {
    only(request, "GET", "PUT");
    return request.method === "GET"
      ? drives.getContent(context, scope, item)
      : drives.putContent(context, scope, { item }, request);
  }
  if (action === "listItem") {
    if (sub === undefined) {
      only(request, "GET");
      return drives.getDriveListItem(context, scope, item, request);
    }
    if (sub === "fields" && extra.length === 0) {
      only(request, "PATCH");
      return drives.patchDriveListItemFields(context, scope, item, request);
    }
  }
  throw graphErrors.segmentNotFound(action);
}

/** `/drives/{d}/root:/a/b.docx:/content` and `/drives/{d}/items/{id}:/name:/createUploadSession`. */
function drivePathRoutes(
  context: ServiceContext,
  request: GraphRequest,
  driveId: string,
  base: string,
  relativePath: string,
  action: string,
  path: string,
): GraphResponse {
  const scope = drives.driveScope(context, driveId);
  requireSiteRole(context, request, scope.site, neededSiteRole(request.method, false));
  const start = drives.resolveDriveItem(
    context,
    scope,
    base === "root" ? "root" : base.slice("items/".length),
  );
  if (action === "/content" && request.method === "PUT") {
    return drives.putContent(context, scope, { parent: start, relativePath }, request);
  }
  if (action === "/createUploadSession") {
    only(request, "POST");
    return drives.createUploadSession(context, scope, start, relativePath, request);
  }
  const item = drives.resolveByPath(context, scope, start, relativePath);
  return driveItemRoutes(
    context,
    scope,
    item,
    action.split("/").filter((part) => part !== ""),
    request,
    path,
  );
}
