import { graphErrors } from "./errors.ts";

/**
 * `$select` on Graph resources. Each type lists the properties the service
 * emulates (they may still be absent on a given object, as `folder` is on a
 * file) and the documented ones it does not: selecting one of those is
 * refused with 501, an unknown name with Graph's 400 — never an answer that
 * quietly lacks what was asked for.
 */

export interface ResourceType {
  /** OData type name, for messages: `microsoft.graph.list`. */
  name: string;
  emulated: readonly string[];
  documented: readonly string[];
}

const BASE_ITEM = [
  "id",
  "name",
  "createdBy",
  "createdDateTime",
  "description",
  "eTag",
  "lastModifiedBy",
  "lastModifiedDateTime",
  "parentReference",
  "webUrl",
];

export const SITE: ResourceType = {
  name: "microsoft.graph.site",
  emulated: [
    "id",
    "name",
    "displayName",
    "description",
    "webUrl",
    "createdDateTime",
    "lastModifiedDateTime",
    "siteCollection",
    "root",
  ],
  documented: [
    "createdBy",
    "eTag",
    "error",
    "isPersonalSite",
    "lastModifiedBy",
    "parentReference",
    "sharepointIds",
    "analytics",
    "columns",
    "contentTypes",
    "drive",
    "drives",
    "externalColumns",
    "items",
    "lists",
    "onenote",
    "operations",
    "pages",
    "permissions",
    "sites",
    "termStore",
  ],
};

export const LIST: ResourceType = {
  name: "microsoft.graph.list",
  emulated: [...BASE_ITEM, "displayName", "list", "system", "columns", "items"],
  documented: ["sharepointIds", "contentTypes", "drive", "operations", "subscriptions"],
};

export const COLUMN: ResourceType = {
  name: "microsoft.graph.columnDefinition",
  emulated: [
    "id",
    "name",
    "displayName",
    "description",
    "columnGroup",
    "enforceUniqueValues",
    "hidden",
    "indexed",
    "readOnly",
    "required",
    "boolean",
    "choice",
    "dateTime",
    "lookup",
    "number",
    "personOrGroup",
    "text",
  ],
  documented: [
    "calculated",
    "contentApprovalStatus",
    "currency",
    "defaultValue",
    "geolocation",
    "hyperlinkOrPicture",
    "isDeletable",
    "isReorderable",
    "isSealed",
    "propagateChanges",
    "sourceContentType",
    "term",
    "thumbnail",
    "type",
    "validation",
    "sourceColumn",
  ],
};

export const LIST_ITEM: ResourceType = {
  name: "microsoft.graph.listItem",
  emulated: [...BASE_ITEM, "contentType", "fields"],
  documented: ["sharepointIds", "analytics", "documentSetVersions", "driveItem", "versions"],
};

export const LIST_ITEM_VERSION: ResourceType = {
  name: "microsoft.graph.listItemVersion",
  emulated: ["id", "lastModifiedBy", "lastModifiedDateTime", "fields"],
  documented: ["publication"],
};

export const DRIVE: ResourceType = {
  name: "microsoft.graph.drive",
  emulated: [
    "id",
    "name",
    "description",
    "driveType",
    "createdDateTime",
    "lastModifiedDateTime",
    "webUrl",
    "createdBy",
    "lastModifiedBy",
    "owner",
    "quota",
  ],
  documented: [
    "eTag",
    "parentReference",
    "sharepointIds",
    "system",
    "bundles",
    "following",
    "items",
    "list",
    "root",
    "special",
  ],
};

export const DRIVE_ITEM: ResourceType = {
  name: "microsoft.graph.driveItem",
  emulated: [
    ...BASE_ITEM,
    "cTag",
    "file",
    "folder",
    "root",
    "size",
    "listItem",
    "children",
    "@microsoft.graph.downloadUrl",
  ],
  documented: [
    "audio",
    "bundle",
    "content",
    "deleted",
    "fileSystemInfo",
    "image",
    "location",
    "malware",
    "package",
    "pendingOperations",
    "photo",
    "publication",
    "remoteItem",
    "searchResult",
    "shared",
    "sharepointIds",
    "specialFolder",
    "video",
    "webDavUrl",
    "activities",
    "analytics",
    "permissions",
    "subscriptions",
    "thumbnails",
    "versions",
    "@microsoft.graph.conflictBehavior",
    "@microsoft.graph.sourceUrl",
  ],
};

export const PERMISSION: ResourceType = {
  name: "microsoft.graph.permission",
  emulated: ["id", "roles", "grantedToIdentities", "grantedToIdentitiesV2"],
  documented: [
    "expirationDateTime",
    "grantedTo",
    "grantedToV2",
    "hasPassword",
    "inheritedFrom",
    "invitation",
    "link",
    "shareId",
  ],
};

/** Checks a `$select` list against a type; returns it unchanged when every name is emulated. */
export function checkSelect(select: string[] | undefined, type: ResourceType): void {
  for (const name of select ?? []) {
    if (type.emulated.includes(name)) continue;
    if (type.documented.includes(name)) {
      throw graphErrors.notSupported(`Selecting '${name}' of ${type.name}`);
    }
    throw graphErrors.invalidRequest(
      `Could not find a property named '${name}' on type '${type.name}'.`,
    );
  }
}

/** The selected properties of a presented object; OData annotations (`@odata.*`) stay. */
export function applySelect(
  object: Record<string, unknown>,
  select: string[] | undefined,
): Record<string, unknown> {
  if (!select) return object;
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith("@odata.") || select.includes(key)) picked[key] = value;
  }
  return picked;
}
