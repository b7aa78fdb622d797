import type { StoredSite, StoredSitePermission } from "../../persistence/graph-persistence.ts";
import type { AccessGrant } from "../access-grants.ts";
import { GraphError, graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json, noContent } from "../graph-request.ts";
import { newGuid } from "../ids.ts";
import { presentPermission } from "../presenters.ts";
import { checkProperties, objectBody } from "../request-body.ts";
import type { ServiceContext } from "../service-context.ts";

/**
 * `Sites.Selected`: an app with only this permission reaches a site when an
 * administrator has granted it a role there (`POST /sites/{id}/permissions`,
 * which needs Sites.FullControl.All). read → reading; write → items and
 * files; owner or fullcontrol → also lists and columns (SharePoint's
 * Contribute level cannot create lists).
 */

export type SiteRole = "read" | "write" | "manage";

const ROLES = ["read", "write", "owner", "fullcontrol"];
const BROAD_SITE_PERMISSIONS = [
  "Sites.Read.All",
  "Sites.ReadWrite.All",
  "Sites.Manage.All",
  "Sites.FullControl.All",
];

const satisfies: Record<SiteRole, string[]> = {
  read: ["read", "write", "owner", "fullcontrol"],
  write: ["write", "owner", "fullcontrol"],
  manage: ["owner", "fullcontrol"],
};

/** What a request needs on its site: reading, writing content, or changing lists and columns. */
export function neededSiteRole(method: string, structural: boolean): SiteRole {
  if (method === "GET") return "read";
  return structural ? "manage" : "write";
}

/** Throws 403 when an app holding only Sites.Selected has no fitting grant on the site. */
export function requireSiteRole(
  context: ServiceContext,
  request: GraphRequest,
  site: StoredSite,
  needed: SiteRole,
): void {
  const grant = request.grant;
  if (grant.kind !== "application" || !("application" in request.identity)) return;
  if (grant.roles.some((role) => BROAD_SITE_PERMISSIONS.includes(role))) return;
  const appId = request.identity.application.id;
  const granted = context.persistence
    .listSitePermissions(site.id)
    .filter((permission) => permission.application.id === appId)
    .flatMap((permission) => permission.roles);
  if (!granted.some((role) => satisfies[needed].includes(role))) {
    throw graphErrors.accessDenied("Access denied");
  }
}

function mayManagePermissions(grant: AccessGrant): boolean {
  if (grant.kind === "unrestricted") return true;
  const held = grant.kind === "application" ? grant.roles : grant.scopes;
  return held.includes("Sites.FullControl.All");
}

export function sitePermissionRoutes(
  context: ServiceContext,
  site: StoredSite,
  permissionId: string | undefined,
  request: GraphRequest,
): GraphResponse {
  if (!mayManagePermissions(request.grant)) throw graphErrors.accessDenied("Access denied");
  if (permissionId === undefined && request.method === "GET") {
    return json(200, {
      value: context.persistence.listSitePermissions(site.id).map(presentPermission),
    });
  }
  if (permissionId !== undefined && request.method === "GET") {
    const permission = context.persistence
      .listSitePermissions(site.id)
      .find((candidate) => candidate.id === decodeURIComponent(permissionId));
    if (!permission) throw graphErrors.itemNotFound("The permission could not be found.");
    return json(200, presentPermission(permission));
  }
  if (permissionId === undefined && request.method === "POST") {
    const raw = objectBody(request);
    checkProperties(raw, {
      type: "microsoft.graph.permission",
      implemented: ["roles", "grantedToIdentities", "grantedToIdentitiesV2"],
      unsupported: [
        "expirationDateTime",
        "grantedTo",
        "grantedToV2",
        "hasPassword",
        "invitation",
        "link",
      ],
      readOnly: ["id", "inheritedFrom", "shareId"],
    });
    const body = raw as {
      roles?: unknown;
      grantedToIdentities?: Array<{ application?: { id?: unknown; displayName?: unknown } }>;
      grantedToIdentitiesV2?: Array<{ application?: { id?: unknown; displayName?: unknown } }>;
    };
    const roles = body.roles;
    const application = (body.grantedToIdentities ?? body.grantedToIdentitiesV2)?.[0]?.application;
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      !roles.every((role) => typeof role === "string" && ROLES.includes(role)) ||
      typeof application?.id !== "string" ||
      application.id === ""
    ) {
      throw new GraphError(
        400,
        "invalidRequest",
        "Invalid request: roles (read, write, owner, fullcontrol) and grantedToIdentities[0].application.id are required.",
      );
    }
    const permission: StoredSitePermission = {
      id: Buffer.from(newGuid()).toString("base64url"),
      siteId: site.id,
      roles: roles as string[],
      application: {
        id: application.id,
        displayName: typeof application.displayName === "string" ? application.displayName : "",
      },
    };
    context.persistence.insertSitePermission(permission);
    return json(201, presentPermission(permission));
  }
  if (permissionId !== undefined && request.method === "DELETE") {
    if (!context.persistence.deleteSitePermission(site.id, decodeURIComponent(permissionId)))
      throw graphErrors.itemNotFound("The permission could not be found.");
    return noContent();
  }
  throw graphErrors.methodNotAllowed();
}
