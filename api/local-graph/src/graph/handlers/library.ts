import type {
  StoredDriveItem,
  StoredList,
  StoredSite,
} from "../../persistence/graph-persistence.ts";
import { listWebUrl } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";
import { WEB_LINK_PARAMETER } from "../web-links.ts";

/** Where a library's list items and its files meet: a file's path and its item's view of it. */

/** Path of an item below the library root, e.g. `/Rapporter/2022/x.docx` ("" for the root). */
export function pathOf(context: ServiceContext, driveId: string, item: StoredDriveItem): string {
  const names: string[] = [];
  let current: StoredDriveItem | undefined = item;
  while (current && current.parentId !== null) {
    names.unshift(current.name);
    current = context.persistence.getDriveItem(driveId, current.parentId);
  }
  return names.length === 0 ? "" : `/${names.join("/")}`;
}

/** The file or folder a library's list item stands for, if the list is a library. */
export function fileOfListItem(
  context: ServiceContext,
  list: StoredList,
  listItemId: number,
): StoredDriveItem | undefined {
  return list.driveId
    ? context.persistence.getDriveItemByListItem(list.driveId, listItemId)
    : undefined;
}

/**
 * A library item's webUrl: the library's URL and the item's path; a file's
 * link is signed so that only those given it can open it (web-links.ts).
 */
export function libraryItemWebUrl(
  context: ServiceContext,
  site: StoredSite,
  list: StoredList,
  item: StoredDriveItem,
  itemPath: string,
): string {
  const url = `${listWebUrl(context.webOrigin(), site, list)}${itemPath
    .split("/")
    .map(encodeURIComponent)
    .join("/")}`;
  if (item.isFolder) return url;
  const signature = context.webLinks.sign(`${site.path}/${list.name}${itemPath}`);
  return `${url}?${WEB_LINK_PARAMETER}=${signature}`;
}
