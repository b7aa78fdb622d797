import type {
  StoredDrive,
  StoredDriveItem,
  StoredItem,
  StoredItemVersion,
  StoredList,
  StoredSite,
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

export function presentList(origin: string, site: StoredSite, list: StoredList) {
  return {
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    createdDateTime: list.created,
    lastModifiedDateTime: list.modified,
    webUrl: listWebUrl(origin, site, list),
    list: { template: list.template, hidden: false, contentTypesEnabled: false },
    parentReference: { siteId: site.id },
  };
}

export function presentColumn(column: StoredColumn) {
  return {
    id: column.id,
    name: column.name,
    displayName: column.displayName,
    description: column.description,
    columnGroup: "Custom Columns",
    enforceUniqueValues: column.enforceUniqueValues,
    hidden: column.hidden,
    indexed: column.indexed,
    readOnly: column.readOnly,
    required: column.required,
    [graphFacetKey(column.type)]:
      column.type === "note" ? { ...column.facet, allowMultipleLines: true } : column.facet,
  };
}

export interface FieldSelection {
  /** Internal names to include; undefined = all. */
  select: Set<string> | undefined;
  /** Looked-up display values for lookup columns named in select. */
  lookupValues?: Map<string, unknown>;
}

export function presentFields(
  columns: StoredColumn[],
  item: {
    id: number;
    guid: string;
    version: number;
    fields: StoredItem["fields"];
    created: string;
    modified: string;
  },
  selection: FieldSelection,
) {
  const all: Record<string, unknown> = {
    "@odata.etag": etagOf(item.guid, item.version),
    id: String(item.id),
    ContentType: "Item",
    Created: item.created,
    Modified: item.modified,
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
  };
  for (const column of columns) {
    const key = fieldKey(column);
    const value = item.fields[key];
    if (value !== undefined && value !== null) all[key] = presentValue(column, value);
    const looked = selection.lookupValues?.get(column.name);
    if (looked !== undefined) all[column.name] = looked;
  }
  if (!selection.select) return all;
  const picked: Record<string, unknown> = { "@odata.etag": all["@odata.etag"] };
  for (const name of selection.select) {
    const match = Object.keys(all).find((key) => key.toLowerCase() === name.toLowerCase());
    if (match !== undefined) picked[match] = all[match];
  }
  return picked;
}

export function presentItem(
  origin: string,
  site: StoredSite,
  list: StoredList,
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
    createdBy: item.createdBy,
    lastModifiedBy: item.modifiedBy,
    webUrl: `${listWebUrl(origin, site, list)}/${item.id}_.000`,
    contentType: { id: "0x0100", name: "Item" },
    parentReference: { id: list.id, siteId: site.id },
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
    lastModifiedBy: version.modifiedBy,
    ...(fields ? { fields } : {}),
  };
}

export function presentDrive(
  origin: string,
  site: StoredSite,
  list: StoredList,
  drive: StoredDrive,
) {
  return {
    id: drive.id,
    name: drive.name,
    driveType: "documentLibrary",
    createdDateTime: drive.created,
    webUrl: listWebUrl(origin, site, list),
  };
}

export interface DriveItemPresentation {
  origin: string;
  libraryWebUrl: string;
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
    createdBy: item.createdBy,
    lastModifiedBy: item.modifiedBy,
    webUrl: `${view.libraryWebUrl}${view.itemPath.split("/").map(encodeURIComponent).join("/")}`,
    parentReference:
      item.parentId === null
        ? { driveId: item.driveId, driveType: "documentLibrary" }
        : {
            driveId: item.driveId,
            driveType: "documentLibrary",
            id: item.parentId,
            path: `/drives/${item.driveId}/root:${parentPath}`,
          },
    ...(item.isFolder
      ? { folder: { childCount: view.childCount ?? 0 } }
      : { file: { mimeType: item.mimeType ?? "application/octet-stream" } }),
    ...(item.parentId === null ? { root: {} } : {}),
    ...(view.downloadUrl ? { "@microsoft.graph.downloadUrl": view.downloadUrl } : {}),
  };
}
