import type { StoredDriveItem, StoredList } from "../../persistence/graph-persistence.ts";
import type { ServiceContext } from "../service-context.ts";

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
