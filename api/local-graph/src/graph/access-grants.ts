import { GraphError, graphErrors } from "./errors.ts";

/**
 * What a token lets its holder do, as Graph decides it from `roles`
 * (application permissions) or `scp` (delegated permissions). Tokens from the
 * local issuer (local mode) stand for an app with every permission it needs.
 */
export type AccessGrant =
  | { kind: "unrestricted" }
  | { kind: "application"; roles: string[] }
  | { kind: "delegated"; scopes: string[] };

const SITE_PERMISSIONS = [
  "Sites.Selected",
  "Sites.Read.All",
  "Sites.ReadWrite.All",
  "Sites.Manage.All",
  "Sites.FullControl.All",
];
const DELEGATED_FILE_PERMISSIONS = [...SITE_PERMISSIONS, "Files.Read.All", "Files.ReadWrite.All"];
const OWN_MEMBERSHIP = [
  "User.Read",
  "User.ReadBasic.All",
  "User.Read.All",
  "GroupMember.Read.All",
  "Group.Read.All",
  "Directory.Read.All",
];
const DIRECTORY_READ = [
  "User.Read.All",
  "GroupMember.Read.All",
  "Group.Read.All",
  "Directory.Read.All",
];
const DIRECTORY_WRITE = ["User.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];

const insufficient = () =>
  new GraphError(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
  );

function holds(grant: AccessGrant, permissions: string[]): boolean {
  if (grant.kind === "unrestricted") return true;
  const held = grant.kind === "application" ? grant.roles : grant.scopes;
  return held.some((permission) => permissions.includes(permission));
}

/** The grant a verified Entra token carries: application roles, else delegated scopes. */
export function grantOf(claims: Record<string, unknown>): AccessGrant {
  if (typeof claims.scp === "string") {
    return { kind: "delegated", scopes: claims.scp.split(" ").filter(Boolean) };
  }
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((role): role is string => typeof role === "string")
    : [];
  return { kind: "application", roles };
}

/** Throws the error Graph gives when the token's permissions do not cover the request. */
export function authorize(grant: AccessGrant, method: string, path: string): void {
  const first = path.split("/")[1] ?? "";
  if (first === "me") {
    if (grant.kind === "application") {
      throw new GraphError(
        400,
        "BadRequest",
        "/me request is only valid with delegated authentication flow.",
      );
    }
    if (!holds(grant, OWN_MEMBERSHIP)) throw insufficient();
    return;
  }
  if (first === "sites" || first === "drives") {
    const needed = grant.kind === "delegated" ? DELEGATED_FILE_PERMISSIONS : SITE_PERMISSIONS;
    if (!holds(grant, needed)) throw graphErrors.accessDenied("Access denied");
    return;
  }
  if (first === "users" || first === "groups") {
    const writes = method !== "GET";
    if (!holds(grant, writes ? DIRECTORY_WRITE : [...DIRECTORY_READ, ...DIRECTORY_WRITE]))
      throw insufficient();
  }
}
