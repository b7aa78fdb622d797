import type {
  Identity,
  StoredDrive,
  StoredDriveItem,
  StoredItem,
  StoredItemVersion,
  StoredList,
  StoredSite,
  StoredSitePermission,
} from "../persistence/graph-persistence.ts";
import { fieldKey, graphFacetKey, presentValue, type StoredColumn } from "./column-model.ts";
import { etagOf } from "./conditions.ts";

/** Graph JSON for each resource, made in one place. */

export function siteWebUrl(origin: string, site: StoredSite): string {
  return `${origin}${site.path === "/" ? "" : site.path}`;
}

export function presentSite(origin: string, site: StoredSite) {
  return {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    description: "",
    webUrl: siteWebUrl(origin, site),
    createdDateTime: site.created,
    lastModifiedDateTime: site.created,
    siteCollection: { hostname: site.hostname },
    ...(site.isRoot ? { root: {} } : {}),
  };
}

export function listWebUrl(origin: string, site: StoredSite, list: StoredList): string {
  const base = siteWebUrl(origin, site);
  return list.template === "documentLibrary"
    ? `${base}/${encodeURIComponent(list.name)}`
    : `${base}/Lists/${encodeURIComponent(list.name)}`;
}

/** An identity set as Graph shows it: `user` (with e-mail when known) or `application`. */
export function presentIdentity(identity: Identity): Record<string, unknown> {
  if ("user" in identity) {
    const { id, displayName, email } = identity.user;
    return { user: { ...(email ? { email } : {}), id, displayName } };
  }
  return { application: { ...identity.application } };
}

export function presentList(origin: string, site: StoredSite, list: StoredList) {
  return {
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    createdDateTime: list.created,
    lastModifiedDateTime: list.modified,
    ...(list.createdBy ? { createdBy: presentIdentity(list.createdBy) } : {}),
    ...(list.modifiedBy ? { lastModifiedBy: presentIdentity(list.modifiedBy) } : {}),
    webUrl: listWebUrl(origin, site, list),
    list: { template: list.template, hidden: false, contentTypesEnabled: false },
    parentReference: { siteId: site.id },
  };
}

/**
 * The settings Graph shows in each type facet even when a column was created
 * with an empty one (list-list-columns.md shows them for text columns).
 */
const FACET_DEFAULTS: Record<string, Record<string, unknown>> = {
  text: {
    allowMultipleLines: false,
    appendChangesToExistingText: false,
    linesForEditing: 0,
    maxLength: 255,
  },
  note: { allowMultipleLines: true, appendChangesToExistingText: false, linesForEditing: 6 },
  number: {
    decimalPlaces: "automatic",
    displayAs: "number",
    maximum: Number.MAX_VALUE,
    minimum: -Number.MAX_VALUE,
  },
  choice: { allowTextEntry: false, displayAs: "dropDownMenu" },
  dateTime: { displayAs: "default", format: "dateTime" },
  lookup: { allowMultipleValues: false, allowUnlimitedLength: false },
  personOrGroup: {
    allowMultipleSelection: false,
    chooseFromType: "peopleAndGroups",
    displayAs: "nameWithPresence",
  },
  boolean: {},
};

/** Stored system columns whose SharePoint type Graph gives no facet (File). */
const FACETLESS_STORED = new Set(["FileLeafRef"]);

export function presentColumn(column: StoredColumn) {
  const facetless = column.system?.facetless === true || FACETLESS_STORED.has(column.name);
  const system = column.system !== undefined || column.name === "Title" || facetless;
  return {
    id: column.id,
    name: column.name,
    displayName: column.displayName,
    description: column.description,
    columnGroup: column.columnGroup ?? (system ? "_Hidden" : "Custom Columns"),
    enforceUniqueValues: column.enforceUniqueValues,
    hidden: column.hidden,
    indexed: column.indexed,
    readOnly: column.readOnly,
    required: column.required,
    ...(facetless
      ? {}
      : {
          [graphFacetKey(column.type)]: {
            ...FACET_DEFAULTS[column.type],
            ...column.facet,
            ...(column.type === "note" ? { allowMultipleLines: true } : {}),
          },
        }),
  };
}

/** What `fields` shows besides the stored values: SharePoint's own fields of the item. */
export interface SystemFieldValues {
  contentType: "Item" | "Document" | "Folder";
  authorId: number;
  editorId: number;
  /** Files and folders of a library. */
  file?: {
    name: string;
    isFolder: boolean;
    size: number;
    /** Children of a folder (files, folders). */
    children: { files: number; folders: number };
  };
}

export function presentFields(
  columns: StoredColumn[],
  item: Pick<StoredItem, "id" | "guid" | "version" | "fields" | "created" | "modified">,
  system: SystemFieldValues,
  /** Values only shown when named in select: hidden columns, lookup values, Author, Editor. */
  selected: { select: string[] | undefined; values: Map<string, unknown> },
): Record<string, unknown> {
  const all: Record<string, unknown> = { "@odata.etag": etagOf(item.guid, item.version) };
  const select = selected.select?.map((name) => name.toLowerCase());
  const wanted = (name: string) => select?.includes(name.toLowerCase()) === true;
  for (const column of columns) {
    const key = fieldKey(column);
    const value = item.fields[key];
    // Empty values are left out, as SharePoint does (microsoft-graph-docs#15328).
    if (value === undefined || value === null) continue;
    if (column.hidden && !wanted(key)) continue;
    all[key] = presentValue(column, value);
  }
  const title = item.fields.Title;
  all.id = String(item.id);
  all.ContentType = system.contentType;
  all.Created = item.created;
  all.Modified = item.modified;
  all.AuthorLookupId = String(system.authorId);
  all.EditorLookupId = String(system.editorId);
  all._UIVersionString = `${item.version}.0`;
  if (system.file) {
    const { name, isFolder, size, children } = system.file;
    all.FileLeafRef = name;
    all.LinkFilenameNoMenu = name;
    all.LinkFilename = name;
    if (!isFolder) {
      const dot = name.lastIndexOf(".");
      all.DocIcon = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
      all.FileSizeDisplay = String(size);
    }
    all.ItemChildCount = String(isFolder ? children.files : 0);
    all.FolderChildCount = String(isFolder ? children.folders : 0);
  } else {
    all.Attachments = false;
    all.Edit = "";
    if (typeof title === "string") {
      all.LinkTitleNoMenu = title;
      all.LinkTitle = title;
    }
    all.ItemChildCount = "0";
    all.FolderChildCount = "0";
  }
  for (const [name, value] of selected.values) all[name] = value;
  if (!select) return all;
  const picked: Record<string, unknown> = { "@odata.etag": all["@odata.etag"] };
  for (const name of select) {
    const match = Object.keys(all).find((key) => key.toLowerCase() === name);
    if (match !== undefined) picked[match] = all[match];
  }
  return picked;
}

export function contentTypeOf(
  list: StoredList,
  kind: SystemFieldValues["contentType"],
): { id: string; name: string } {
  // List content type ids: the parent's id, "00", then the list's own GUID.
  const suffix = `00${list.id.replace(/-/g, "").toUpperCase()}`;
  const parent = { Item: "0x01", Document: "0x0101", Folder: "0x0120" }[kind];
  return { id: `${parent}${suffix}`, name: kind };
}

export function presentItem(
  view: {
    site: StoredSite;
    list: StoredList;
    webUrl: string;
    contentType: SystemFieldValues["contentType"];
    /** A library item's folder, server-relative and encoded (listitem-delta.md: "Shared%20Documents"). */
    folderPath?: string;
  },
  item: StoredItem,
  fields: Record<string, unknown> | undefined,
) {
  const etag = etagOf(item.guid, item.version);
  return {
    "@odata.etag": etag,
    eTag: etag,
    id: String(item.id),
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    createdBy: presentIdentity(item.createdBy),
    lastModifiedBy: presentIdentity(item.modifiedBy),
    webUrl: view.webUrl,
    contentType: contentTypeOf(view.list, view.contentType),
    parentReference: {
      id: view.list.id,
      ...(view.folderPath !== undefined ? { path: view.folderPath } : {}),
      siteId: view.site.id,
    },
    ...(fields ? { fields } : {}),
  };
}

export function presentVersion(
  version: StoredItemVersion,
  fields: Record<string, unknown> | undefined,
) {
  return {
    id: `${version.version}.0`,
    lastModifiedDateTime: version.modified,
    lastModifiedBy: presentIdentity(version.modifiedBy),
    ...(fields ? { fields } : {}),
  };
}

/** A SharePoint site's storage quota (25 TB), what drives report unless an admin lowered it. */
export const DRIVE_QUOTA_BYTES = 25 * 1024 ** 4;
/** Who SharePoint names for what the system itself made (drive-list.md shows it). */
const SYSTEM_ACCOUNT = { user: { displayName: "System Account" } };

export function presentDrive(
  origin: string,
  site: StoredSite,
  list: StoredList,
  drive: StoredDrive,
  usedBytes: number,
) {
  // The library's creator stands for its owner; the site's own library is the system's.
  const creator = list.createdBy ? presentIdentity(list.createdBy) : SYSTEM_ACCOUNT;
  return {
    id: drive.id,
    name: drive.name,
    description: list.description,
    driveType: "documentLibrary",
    createdDateTime: drive.created,
    lastModifiedDateTime: list.modified,
    createdBy: creator,
    lastModifiedBy: list.modifiedBy ? presentIdentity(list.modifiedBy) : creator,
    owner: creator,
    quota: {
      deleted: 0,
      remaining: DRIVE_QUOTA_BYTES - usedBytes,
      state: "normal",
      total: DRIVE_QUOTA_BYTES,
      used: usedBytes,
    },
    webUrl: listWebUrl(origin, site, list),
  };
}

export interface DriveItemPresentation {
  /** The item's webUrl (for files a signed link, made by the caller). */
  webUrl: string;
  siteId: string;
  /** Path of the item below the library root, e.g. `/Rapporter/2022/x.docx` ("" for the root). */
  itemPath: string;
  etagGuid: string;
  downloadUrl?: string;
  childCount?: number;
}

export function presentDriveItem(item: StoredDriveItem, view: DriveItemPresentation) {
  const parentPath = view.itemPath.split("/").slice(0, -1).join("/");
  const etag = etagOf(view.etagGuid, item.version);
  return {
    "@odata.etag": etag,
    eTag: etag,
    cTag: `"c:{${view.etagGuid.toUpperCase()}},${item.version}"`,
    id: item.id,
    name: item.parentId === null ? "root" : item.name,
    size: item.size,
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    createdBy: presentIdentity(item.createdBy),
    lastModifiedBy: presentIdentity(item.modifiedBy),
    webUrl: view.webUrl,
    parentReference:
      item.parentId === null
        ? { driveId: item.driveId, driveType: "documentLibrary", siteId: view.siteId }
        : {
            driveId: item.driveId,
            driveType: "documentLibrary",
            id: item.parentId,
            path: `/drives/${item.driveId}/root:${parentPath}`,
            siteId: view.siteId,
          },
    ...(item.isFolder
      ? { folder: { childCount: view.childCount ?? 0 } }
      : { file: { mimeType: item.mimeType ?? "application/octet-stream" } }),
    ...(item.parentId === null ? { root: {} } : {}),
    ...(view.downloadUrl ? { "@microsoft.graph.downloadUrl": view.downloadUrl } : {}),
  };
}

export function presentPermission(permission: StoredSitePermission) {
  const identities = [{ application: permission.application }];
  return {
    id: permission.id,
    "@deprecated.GrantedToIdentities":
      "GrantedToIdentities has been deprecated. Refer to GrantedToIdentitiesV2",
    roles: permission.roles,
    grantedToIdentities: identities,
    grantedToIdentitiesV2: identities,
  };
}
