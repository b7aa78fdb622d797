import type { StoredDriveItem, StoredSite } from "../persistence/graph-persistence.ts";
import { authorize } from "./access-grants.ts";
import { graphErrors } from "./errors.ts";
import type { GraphRequest, GraphResponse } from "./graph-request.ts";
import * as columns from "./handlers/columns.ts";
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
import { checkHeaders, type HeaderSpec, HONOR_NON_INDEXED } from "./headers.ts";
import { type ParsedQuery, parseQuery, type QuerySpec } from "./odata/query-options.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * Dispatch: which Graph operation does a path + method name? The path is
 * resolved to a resource; the resource names its operations, each with the
 * query options and headers it implements. What an operation does not
 * implement is refused here, before any handler runs — an unknown segment
 * with Graph's 400, a documented operation the service does not emulate
 * with 501, a method the resource never has with 405.
 */

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface Operation extends HeaderSpec {
  query?: QuerySpec;
  /** `@odata.context` of the answer: the entity set path, and whether it is one entity. */
  context?: { path: string; entity: boolean };
  run(query: ParsedQuery): GraphResponse;
}

interface Resource {
  /** Names the resource in messages: "a list item". */
  what: string;
  operations: Partial<Record<Method, Operation>>;
  /** Methods Graph documents on this resource that the local service does not emulate. */
  documented?: Method[];
  /** The site whose grants (Sites.Selected) decide access, and whether changes are structural. */
  site?: { site: StoredSite; structural: Method[] };
}

/** Documented navigation segments the service does not emulate: 501 instead of 400. */
const NOT_EMULATED: Record<string, string[]> = {
  site: [
    "analytics",
    "columns",
    "contentTypes",
    "externalColumns",
    "getActivitiesByInterval",
    "getApplicableContentTypesForList",
    "items",
    "onenote",
    "operations",
    "pages",
    "sites",
    "termStore",
  ],
  list: ["contentTypes", "operations", "subscriptions", "permissions", "getActivitiesByInterval"],
  listItem: [
    "analytics",
    "createLink",
    "documentSetVersions",
    "getActivitiesByInterval",
    "permissions",
  ],
  drive: ["bundles", "following", "list", "recent", "search", "sharedWithMe", "special"],
  driveItem: [
    "activities",
    "analytics",
    "assignSensitivityLabel",
    "checkin",
    "checkout",
    "copy",
    "createLink",
    "delta",
    "discardCheckout",
    "extractSensitivityLabels",
    "follow",
    "getActivitiesByInterval",
    "invite",
    "permanentDelete",
    "permissions",
    "preview",
    "restore",
    "search",
    "subscriptions",
    "thumbnails",
    "unfollow",
    "validatePermission",
    "versions",
  ],
};

const SELECT_EXPAND: QuerySpec = { options: ["select", "expand"] };
const SELECT: QuerySpec = { options: ["select"] };

function notEmulated(kind: keyof typeof NOT_EMULATED, segment: string, what: string): never {
  const name = segment.replace(/\(.*$/, "");
  if (NOT_EMULATED[kind]?.includes(name)) throw graphErrors.notSupported(`'${name}' of ${what}`);
  throw graphErrors.segmentNotFound(segment);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw graphErrors.invalidRequest(`The segment '${segment}' is not correctly encoded.`);
  }
}

const key = (value: string) => `('${value.replace(/'/g, "''")}')`;

/** `$metadata#…` for an answer: select lists go in parentheses, one entity ends in `/$entity`. */
function contextUrl(origin: string, path: string, entity: boolean, select: string[] | undefined) {
  const selected = select ? `(${select.join(",")})` : "";
  return `${origin}/v1.0/$metadata#${path}${selected}${entity ? "/$entity" : ""}`;
}

export function handleGraphRequest(context: ServiceContext, request: GraphRequest): GraphResponse {
  let path = request.path.replace(/\/+$/, "") || "/";
  authorize(request.grant, request.method, path);
  // `/me` is the signed-in user of a delegated token.
  if (/^\/me(\/|$)/.test(path) && "user" in request.identity) {
    path = `/users/${encodeURIComponent(request.identity.user.id)}${path.slice(3)}`;
  }
  const resource = resolve(context, request, path);
  const method = request.method as Method;
  const operation = resource.operations[method];
  if (!operation) {
    if (resource.documented?.includes(method)) {
      throw graphErrors.notSupported(`${method} on ${resource.what}`);
    }
    throw graphErrors.methodNotAllowed();
  }
  if (resource.site) {
    requireSiteRole(
      context,
      request,
      resource.site.site,
      neededSiteRole(method, resource.site.structural.includes(method)),
    );
  }
  checkHeaders(request.headers, operation, `${method} on ${resource.what}`);
  const query = parseQuery(
    request.query,
    operation.query ?? { options: [] },
    `${method} on ${resource.what}`,
  );
  const response = operation.run(query);
  const body = response.body;
  if (
    operation.context &&
    response.status < 300 &&
    typeof body === "object" &&
    body !== null &&
    !(body instanceof Uint8Array) &&
    !Array.isArray(body)
  ) {
    const { path: contextPath, entity } = operation.context;
    return {
      ...response,
      body: {
        "@odata.context": contextUrl(context.origin(), contextPath, entity, query.select),
        ...(body as Record<string, unknown>),
      },
    };
  }
  return response;
}

const SITE_BY_PATH = /^\/sites\/([^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/;

function resolve(context: ServiceContext, request: GraphRequest, path: string): Resource {
  const siteByPath = SITE_BY_PATH.exec(path);
  if (siteByPath) {
    const site = resolveSiteByPath(context, decode(siteByPath[1]!), decode(siteByPath[2]!));
    return siteResource(context, request, site, siteByPath[3] ?? "");
  }
  const [first, second, ...rest] = path.split("/").slice(1);
  const tail = rest.length > 0 ? `/${rest.join("/")}` : "";
  if (first === "sites") {
    if (second === undefined) {
      return { what: "the sites collection", operations: {}, documented: ["GET"] };
    }
    return siteResource(context, request, resolveSite(context, decode(second)), tail);
  }
  if (first === "drives" && second !== undefined) {
    return driveResource(context, request, drives.driveScope(context, second), tail);
  }
  if (first === "users" || first === "groups") {
    return directoryResource(context, request, path);
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
    throw graphErrors.notSupported("Teams resources (post to channels through the bot)");
  }
  throw graphErrors.segmentNotFound(first ?? "");
}

function siteResource(
  context: ServiceContext,
  request: GraphRequest,
  site: StoredSite,
  tail: string,
): Resource {
  const [resource, ref, ...rest] = tail.split("/").slice(1);
  const siteKey = `sites${key(site.id)}`;
  const guarded = (value: Omit<Resource, "site">, structural: Method[] = []): Resource => ({
    ...value,
    site: { site, structural },
  });
  if (resource === undefined) {
    return guarded({
      what: "a site",
      operations: {
        GET: {
          query: SELECT_EXPAND,
          context: { path: "sites", entity: true },
          run: (query) => getSite(context, site, query),
        },
      },
      documented: ["PATCH"],
    });
  }
  if (resource === "permissions") {
    if (rest.length > 0) throw graphErrors.segmentNotFound(rest[0]!);
    return {
      what: ref === undefined ? "the permissions of a site" : "a site permission",
      operations: Object.fromEntries(
        (ref === undefined ? (["GET", "POST"] as const) : (["GET", "DELETE"] as const)).map(
          (method) => [
            method,
            {
              context: {
                path: `${siteKey}/permissions`,
                entity: ref !== undefined || method === "POST",
              },
              run: () => sitePermissionRoutes(context, site, ref, request),
            },
          ],
        ),
      ),
      documented: ref === undefined ? [] : ["PATCH"],
    };
  }
  if (resource === "drive") {
    return driveResource(
      context,
      request,
      drives.defaultDrive(context, site),
      tail.slice("/drive".length),
    );
  }
  if (resource === "drives") {
    if (ref === undefined) {
      return guarded({
        what: "the drives of a site",
        operations: {
          GET: {
            query: SELECT_EXPAND,
            headers: ["consistencylevel"],
            context: { path: `${siteKey}/drives`, entity: false },
            run: (query) => drives.listDrives(context, site, query),
          },
        },
      });
    }
    const scope = drives.siteDrive(context, site, decode(ref));
    return driveResource(context, request, scope, rest.length > 0 ? `/${rest.join("/")}` : "");
  }
  if (resource !== "lists") return notEmulated("site", resource, "a site");
  if (ref === undefined) {
    return guarded(
      {
        what: "the lists of a site",
        operations: {
          GET: {
            query: { options: ["select", "expand", "filter"] },
            headers: ["consistencylevel"],
            context: { path: `${siteKey}/lists`, entity: false },
            run: (query) => lists.listLists(context, site, query),
          },
          POST: {
            context: { path: `${siteKey}/lists`, entity: true },
            run: () => lists.createList(context, site, request),
          },
        },
      },
      ["POST"],
    );
  }
  const list = lists.resolveList(context, site, ref);
  const listKey = `${siteKey}/lists${key(list.id)}`;
  const [sub, subId, subSub, subSubId, ...extra] = rest;
  if (sub === undefined) {
    return guarded(
      {
        what: "a list",
        operations: {
          GET: {
            query: SELECT_EXPAND,
            context: { path: `${siteKey}/lists`, entity: true },
            run: (query) => lists.getList(context, site, list, query),
          },
          DELETE: { run: () => lists.deleteList(context, list) },
        },
        documented: ["PATCH"],
      },
      ["DELETE"],
    );
  }
  if (sub === "drive") {
    return driveResource(
      context,
      request,
      drives.listDrive(context, list),
      `/${rest.slice(1).join("/")}`.replace(/^\/$/, ""),
    );
  }
  if (sub === "columns") {
    if (subSub !== undefined) throw graphErrors.segmentNotFound(subSub);
    if (subId === undefined) {
      return guarded(
        {
          what: "the columns of a list",
          operations: {
            GET: {
              query: SELECT,
              headers: ["consistencylevel"],
              context: { path: `${listKey}/columns`, entity: false },
              run: (query) => columns.listColumns(context, list, query),
            },
            POST: {
              context: { path: `${listKey}/columns`, entity: true },
              run: () => columns.createColumn(context, list, request),
            },
          },
        },
        ["POST"],
      );
    }
    const column = columns.resolveColumn(context, list, subId);
    return guarded(
      {
        what: "a column of a list",
        operations: {
          GET: {
            query: SELECT,
            context: { path: `${listKey}/columns`, entity: true },
            run: (query) => columns.getColumn(column, query),
          },
          PATCH: {
            context: { path: `${listKey}/columns`, entity: true },
            run: () => columns.updateColumn(context, list, column, request),
          },
        },
        documented: ["DELETE"],
      },
      ["PATCH"],
    );
  }
  if (sub !== "items") return notEmulated("list", sub, "a list");
  const scope: items.ListScope = { site, list, columns: context.persistence.listColumns(list.id) };
  const itemsPath = `/sites/${site.id}/lists/${list.id}/items`;
  if (subId === undefined) {
    return guarded({
      what: "the items of a list",
      operations: {
        GET: {
          query: { options: ["select", "expand", "filter", "orderby", "top", "skiptoken"] },
          headers: ["prefer", "consistencylevel"],
          preferences: [HONOR_NON_INDEXED],
          context: { path: `${listKey}/items`, entity: false },
          run: (query) => items.listItems(context, scope, request, query, itemsPath),
        },
        POST: {
          context: { path: `${listKey}/items`, entity: true },
          run: () => items.createItem(context, scope, request),
        },
      },
    });
  }
  if (subId === "delta" || subId === "delta()") {
    if (subSub !== undefined) throw graphErrors.segmentNotFound(subSub);
    return guarded({
      what: "the delta of a list's items",
      operations: {
        GET: {
          query: { options: ["select", "expand", "top", "skiptoken"], parameters: ["token"] },
          headers: ["consistencylevel"],
          context: { path: "Collection(microsoft.graph.listItem)", entity: false },
          run: (query) => itemsDelta(context, scope, query, `${itemsPath}/delta`),
        },
      },
    });
  }
  const itemKey = `${listKey}/items${key(subId)}`;
  if (subSub === undefined) {
    return guarded({
      what: "a list item",
      operations: {
        GET: {
          query: SELECT_EXPAND,
          context: { path: `${listKey}/items`, entity: true },
          run: (query) =>
            items.getItem(context, scope, items.resolveItem(context, scope, subId), query),
        },
        PATCH: {
          headers: ["if-match"],
          context: { path: `${listKey}/items`, entity: true },
          run: () => items.updateItem(context, scope, subId, request),
        },
        DELETE: {
          headers: ["if-match"],
          run: () => items.deleteItem(context, scope, subId, request),
        },
      },
    });
  }
  if (subSub === "fields" && subSubId === undefined) {
    return guarded({
      what: "the fields of a list item",
      operations: {
        GET: {
          query: SELECT,
          context: { path: `${itemKey}/fields`, entity: true },
          run: (query) =>
            items.getItemFields(context, scope, items.resolveItem(context, scope, subId), query),
        },
        PATCH: {
          headers: ["if-match"],
          context: { path: `${itemKey}/fields`, entity: true },
          run: () => items.updateItemFields(context, scope, subId, request),
        },
      },
    });
  }
  if (subSub === "versions" && extra.length === 0) {
    const item = items.resolveItem(context, scope, subId);
    return guarded({
      what: subSubId === undefined ? "the versions of a list item" : "a list item version",
      operations: {
        GET: {
          query: SELECT_EXPAND,
          context: { path: `${itemKey}/versions`, entity: subSubId !== undefined },
          run: (query) =>
            subSubId === undefined
              ? items.listVersions(context, scope, item, query)
              : items.getVersion(context, scope, item, subSubId, query),
        },
      },
    });
  }
  if (subSub === "versions" && extra[0] === "restoreVersion" && extra.length === 1) {
    return { what: "restoring a list item version", operations: {}, documented: ["POST"] };
  }
  if (subSub === "driveItem") {
    if (!list.driveId) throw graphErrors.itemNotFound("The list is not a document library.");
    const item = items.resolveItem(context, scope, subId);
    const file = context.persistence.getDriveItemByListItem(list.driveId, item.id);
    if (!file) throw graphErrors.itemNotFound();
    const driveScope = drives.listDrive(context, list);
    return driveItemResource(
      context,
      request,
      driveScope,
      file,
      [subSubId, ...extra].filter((part): part is string => part !== undefined),
    );
  }
  return notEmulated("listItem", subSub, "a list item");
}

function driveResource(
  context: ServiceContext,
  request: GraphRequest,
  scope: drives.DriveScope,
  tail: string,
): Resource {
  const driveKey = `drives${key(scope.drive.id)}`;
  const guarded = (value: Omit<Resource, "site">): Resource => ({
    ...value,
    site: { site: scope.site, structural: [] },
  });
  // Path addressing: `root:/a/b.docx:/content`, `items/{id}:/name:/createUploadSession`.
  const byPath = /^\/(root|items\/[^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/.exec(tail);
  if (byPath) {
    const start = drives.resolveDriveItem(
      context,
      scope,
      byPath[1] === "root" ? "root" : decode(byPath[1]!.slice("items/".length)),
    );
    const relativePath = byPath[2]!;
    const action = byPath[3] ?? "";
    if (action === "/content" && request.method === "PUT") {
      return guarded({
        what: "a file's content",
        operations: {
          PUT: {
            query: { options: [], parameters: ["@microsoft.graph.conflictBehavior"] },
            headers: ["if-match", "if-none-match"],
            context: { path: `${driveKey}/items`, entity: true },
            run: (query) =>
              drives.putContent(context, scope, { parent: start, relativePath }, request, query),
          },
        },
      });
    }
    if (action === "/createUploadSession") {
      return guarded({
        what: "an upload session",
        operations: {
          POST: {
            headers: ["if-match", "if-none-match"],
            context: { path: "microsoft.graph.uploadSession", entity: false },
            run: () =>
              drives.createUploadSession(context, scope, { parent: start, relativePath }, request),
          },
        },
      });
    }
    const item = drives.resolveByPath(context, scope, start, relativePath);
    return driveItemResource(
      context,
      request,
      scope,
      item,
      action.split("/").filter((part) => part !== ""),
    );
  }
  const [resource, itemRef, ...rest] = tail.split("/").slice(1);
  if (resource === undefined) {
    return guarded({
      what: "a drive",
      operations: {
        GET: {
          query: SELECT_EXPAND,
          context: { path: "drives", entity: true },
          run: (query) => drives.getDrive(context, scope, query),
        },
      },
    });
  }
  if (resource === "root") {
    const parts = [itemRef, ...rest].filter((part): part is string => part !== undefined);
    return driveItemResource(
      context,
      request,
      scope,
      drives.resolveDriveItem(context, scope, "root"),
      parts,
    );
  }
  if (resource === "items" && itemRef !== undefined) {
    return driveItemResource(
      context,
      request,
      scope,
      drives.resolveDriveItem(context, scope, itemRef),
      rest,
    );
  }
  return notEmulated("drive", resource, "a drive");
}

function driveItemResource(
  context: ServiceContext,
  request: GraphRequest,
  scope: drives.DriveScope,
  item: StoredDriveItem,
  rest: string[],
): Resource {
  const itemKey = `drives${key(scope.drive.id)}/items${key(item.id)}`;
  const itemsKey = `drives${key(scope.drive.id)}/items`;
  const site = { site: scope.site, structural: [] as Method[] };
  const [action, sub, ...extra] = rest;
  if (action === undefined) {
    return {
      what: "a driveItem",
      site,
      operations: {
        GET: {
          query: SELECT_EXPAND,
          headers: ["if-none-match"],
          context: { path: itemsKey, entity: true },
          run: (query) => drives.getDriveItem(context, scope, item, request, query),
        },
        DELETE: {
          headers: ["if-match"],
          run: () => drives.deleteDriveItem(context, scope, item, request),
        },
      },
      documented: ["PATCH"],
    };
  }
  if (extra.length > 0) throw graphErrors.segmentNotFound(extra[0]!);
  if (action === "children" && sub === undefined) {
    return {
      what: "the children of a driveItem",
      site,
      operations: {
        GET: {
          query: { options: ["select", "expand", "top", "skiptoken", "orderby"] },
          headers: ["if-none-match", "consistencylevel"],
          context: { path: `${itemKey}/children`, entity: false },
          run: (query) =>
            drives.listChildren(
              context,
              scope,
              item,
              request,
              query,
              `/drives/${scope.drive.id}/items/${item.id}/children`,
            ),
        },
        POST: {
          context: { path: `${itemKey}/children`, entity: true },
          run: () => drives.createChild(context, scope, item, request),
        },
      },
    };
  }
  if (action === "content" && sub === undefined) {
    return {
      what: "a file's content",
      site,
      operations: {
        GET: {
          headers: ["if-none-match"],
          run: () => drives.getContent(context, scope, item, request),
        },
        PUT: {
          query: { options: [], parameters: ["@microsoft.graph.conflictBehavior"] },
          headers: ["if-match", "if-none-match"],
          context: { path: itemsKey, entity: true },
          run: (query) => drives.putContent(context, scope, { item }, request, query),
        },
      },
    };
  }
  if (action === "createUploadSession" && sub === undefined) {
    return {
      what: "an upload session",
      site,
      operations: {
        POST: {
          headers: ["if-match", "if-none-match"],
          context: { path: "microsoft.graph.uploadSession", entity: false },
          run: () => drives.createUploadSession(context, scope, { item }, request),
        },
      },
    };
  }
  if (action === "listItem") {
    if (sub === undefined) {
      return {
        what: "the listItem of a driveItem",
        site,
        operations: {
          GET: {
            query: SELECT_EXPAND,
            context: { path: `${itemKey}/listItem`, entity: true },
            run: (query) => drives.getDriveListItem(context, scope, item, query),
          },
        },
        documented: ["PATCH"],
      };
    }
    if (sub === "fields") {
      return {
        what: "the fields of a driveItem's listItem",
        site,
        operations: {
          GET: {
            query: SELECT,
            context: { path: `${itemKey}/listItem/fields`, entity: true },
            run: (query) => drives.getDriveListItemFields(context, scope, item, query),
          },
          PATCH: {
            headers: ["if-match"],
            context: { path: `${itemKey}/listItem/fields`, entity: true },
            run: () => drives.patchDriveListItemFields(context, scope, item, request),
          },
        },
      };
    }
    return notEmulated("listItem", sub, "a list item");
  }
  if (sub !== undefined) throw graphErrors.segmentNotFound(sub);
  return notEmulated("driveItem", action, "a driveItem");
}

function directoryResource(context: ServiceContext, request: GraphRequest, path: string): Resource {
  const segments = path.split("/").slice(1);
  const collection =
    segments.length === 1 ||
    ["memberOf", "transitiveMemberOf", "members"].includes(segments[2] ?? "");
  const run = () => directoryRoutes(context, segments, request, path);
  const operation: Operation = {
    query: collection
      ? { options: ["select", "filter", "top", "skiptoken"] }
      : { options: segments.length === 2 ? ["select"] : [] },
    run,
  };
  return {
    what: `the directory (${segments[0]})`,
    operations: { GET: operation, POST: { run } },
  };
}
