import { createHash } from "node:crypto";
import type { StoredList } from "../persistence/graph-persistence.ts";
import type { ColumnType, StoredColumn } from "./column-model.ts";

/**
 * The columns SharePoint adds to every list, shown in `GET …/columns` and in
 * an item's `fields`. `Title` (and a library's `FileLeafRef`) are stored like
 * any column because they can be written and changed; the rest are read-only
 * and computed from the item, so they are defined here once, not stored.
 *
 * Column types SharePoint has but Graph does not describe (Counter, Computed,
 * File) carry no type facet, as Graph documents for such columns
 * (resources/columndefinition.md: "none of the column type facets will be
 * populated").
 */

interface Definition {
  name: string;
  displayName: string;
  /** undefined: a SharePoint type without a Graph facet. */
  type?: ColumnType;
  facet?: Record<string, unknown>;
  hidden?: boolean;
}

const PERSON = {
  allowMultipleSelection: false,
  chooseFromType: "peopleOnly",
  displayAs: "nameWithPresence",
};
const DATE_TIME = { displayAs: "default", format: "dateTime" };

const EVERY_LIST: Definition[] = [
  { name: "ID", displayName: "ID" },
  { name: "ContentType", displayName: "Content Type" },
  { name: "Modified", displayName: "Modified", type: "dateTime", facet: DATE_TIME },
  { name: "Created", displayName: "Created", type: "dateTime", facet: DATE_TIME },
  { name: "Author", displayName: "Created By", type: "personOrGroup", facet: PERSON },
  { name: "Editor", displayName: "Modified By", type: "personOrGroup", facet: PERSON },
  {
    name: "_UIVersionString",
    displayName: "Version",
    type: "text",
    facet: { allowMultipleLines: false, maxLength: 255 },
  },
  { name: "ItemChildCount", displayName: "Item Child Count" },
  { name: "FolderChildCount", displayName: "Folder Child Count" },
];

const GENERIC_LIST: Definition[] = [
  { name: "Attachments", displayName: "Attachments", type: "boolean", facet: {} },
  { name: "Edit", displayName: "Edit" },
  { name: "LinkTitleNoMenu", displayName: "Title" },
  { name: "LinkTitle", displayName: "Title" },
];

const DOCUMENT_LIBRARY: Definition[] = [
  { name: "LinkFilenameNoMenu", displayName: "Name" },
  { name: "LinkFilename", displayName: "Name" },
  { name: "DocIcon", displayName: "Type" },
  { name: "FileSizeDisplay", displayName: "File Size" },
  { name: "CheckoutUser", displayName: "Checked Out To", type: "personOrGroup", facet: PERSON },
];

/** Column ids stay the same between requests: derived from the list and the name. */
function stableId(listId: string, name: string): string {
  const hex = createHash("sha1").update(`${listId}/${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function computedSystemColumns(list: StoredList): StoredColumn[] {
  const definitions = [
    ...EVERY_LIST,
    ...(list.template === "documentLibrary" ? DOCUMENT_LIBRARY : GENERIC_LIST),
  ];
  return definitions.map((definition) => ({
    id: stableId(list.id, definition.name),
    listId: list.id,
    name: definition.name,
    displayName: definition.displayName,
    description: "",
    // Columns without a Graph facet are typed as text here only for the store's own use.
    type: definition.type ?? "text",
    facet: definition.facet ?? {},
    indexed: definition.name === "ID",
    enforceUniqueValues: false,
    required: false,
    hidden: definition.hidden === true,
    readOnly: true,
    columnGroup: "_Hidden",
    system: { facetless: definition.type === undefined },
  }));
}

/** Internal names of the computed system columns of a list (every template). */
export const SYSTEM_COLUMN_NAMES = new Set(
  [...EVERY_LIST, ...GENERIC_LIST, ...DOCUMENT_LIBRARY].map((definition) =>
    definition.name.toLowerCase(),
  ),
);

/** The id SharePoint gives the "SharePoint App" account that app-only writes are made as. */
export const SHAREPOINT_APP_USER_ID = 1073741822;
export const SHAREPOINT_APP_NAME = "SharePoint App";
