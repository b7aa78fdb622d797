import { graphErrors } from "./errors.ts";

/**
 * Column definitions as the local service keeps them, and the SharePoint rules
 * for names and values: internal-name encoding, type checks on write, lookup
 * ids, dateTime to the second, read-only system fields.
 */

export type ColumnType =
  | "text"
  | "note"
  | "number"
  | "boolean"
  | "dateTime"
  | "choice"
  | "lookup"
  | "personOrGroup";

export interface StoredColumn {
  id: string;
  listId: string;
  /** Permanent internal name (ASCII, `_xHHHH_`-encoded). */
  name: string;
  displayName: string;
  description: string;
  type: ColumnType;
  /** The type facet exactly as Graph shows it, e.g. `{ "choices": [...] }`. */
  facet: Record<string, unknown>;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  /** The group the column is shown in ("Custom Columns" unless given). */
  columnGroup?: string | undefined;
  /** Present on the computed system columns (system-columns.ts), which are never stored. */
  system?: { facetless: boolean };
}

const FACETS: Record<string, ColumnType> = {
  text: "text",
  number: "number",
  boolean: "boolean",
  dateTime: "dateTime",
  choice: "choice",
  lookup: "lookup",
  personOrGroup: "personOrGroup",
};

/** Graph facet keys we do not emulate; creating such a column is refused, not ignored. */
const UNSUPPORTED_FACETS = [
  "calculated",
  "currency",
  "geolocation",
  "hyperlinkOrPicture",
  "term",
  "thumbnail",
  "contentApprovalStatus",
];

const MAX_INTERNAL_NAME_LENGTH = 32;
export const MAX_TEXT_LENGTH = 255;
/** A guard against runaway payloads, far above what the app writes. */
export const MAX_NOTE_LENGTH = 1_048_576;

/** SharePoint's XmlConvert.EncodeName for internal names, cut to 32 characters. */
export function encodeInternalName(name: string): string {
  let encoded = "";
  for (const char of name) {
    if (/[A-Za-z0-9_]/.test(char) && !(encoded === "" && /[0-9]/.test(char))) {
      encoded += char;
    } else {
      const code = char.codePointAt(0) ?? 0;
      const units =
        code > 0xffff ? [...String.fromCodePoint(code)].map((c) => c.charCodeAt(0)) : [code];
      for (const unit of units) encoded += `_x${unit.toString(16).padStart(4, "0")}_`;
    }
  }
  return encoded.slice(0, MAX_INTERNAL_NAME_LENGTH);
}

export function columnTypeFromDefinition(definition: Record<string, unknown>): {
  type: ColumnType;
  facet: Record<string, unknown>;
} {
  for (const key of UNSUPPORTED_FACETS) {
    if (key in definition) {
      throw graphErrors.invalidRequest(
        `Column type '${key}' is not supported by the local Graph service.`,
      );
    }
  }
  const present = Object.keys(FACETS).filter((key) => key in definition);
  if (present.length > 1) {
    throw graphErrors.invalidRequest(`A column can have only one type; got ${present.join(", ")}.`);
  }
  const key = present[0] ?? "text";
  const raw = definition[key] ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw graphErrors.invalidRequest(`The '${key}' facet must be an object.`);
  }
  const facet = { ...(raw as Record<string, unknown>) };
  const type = FACETS[key]!;
  if (type === "text" && facet.allowMultipleLines === true) return { type: "note", facet };
  if (type === "text") facet.maxLength ??= MAX_TEXT_LENGTH;
  if (type === "choice") {
    const choices = facet.choices;
    if (
      !Array.isArray(choices) ||
      choices.length === 0 ||
      !choices.every((c) => typeof c === "string")
    ) {
      throw graphErrors.invalidRequest(
        "A choice column needs a non-empty 'choices' array of strings.",
      );
    }
  }
  if (type === "lookup" && (typeof facet.listId !== "string" || facet.listId === "")) {
    throw graphErrors.invalidRequest("A lookup column needs 'listId'.");
  }
  if (type === "lookup") facet.columnName ??= "Title";
  if (type === "dateTime") facet.format ??= "dateTime";
  return { type, facet };
}

export function graphFacetKey(type: ColumnType): string {
  return type === "note" ? "text" : type;
}

/** A column read/written through a `…LookupId` field. */
export function isLookupLike(column: StoredColumn): boolean {
  return column.type === "lookup" || column.type === "personOrGroup";
}

export function allowsMultipleValues(column: StoredColumn): boolean {
  return (
    (column.type === "lookup" && column.facet.allowMultipleValues === true) ||
    (column.type === "personOrGroup" && column.facet.allowMultipleSelection === true)
  );
}

/** System fields SharePoint maintains itself; writing them is refused. */
export const READ_ONLY_FIELDS = new Set(
  [
    "id",
    "ID",
    "Created",
    "Modified",
    "Author",
    "Editor",
    "AuthorLookupId",
    "EditorLookupId",
    "_UIVersionString",
    "ContentType",
    "Attachments",
    "Edit",
    "LinkTitle",
    "LinkTitleNoMenu",
    "ItemChildCount",
    "FolderChildCount",
    "DocIcon",
    "FileSizeDisplay",
    "LinkFilename",
    "LinkFilenameNoMenu",
    "CheckoutUser",
    "CheckoutUserLookupId",
    "_ComplianceFlags",
    "_ComplianceTag",
    "AppAuthorLookupId",
    "AppEditorLookupId",
  ].map((name) => name.toLowerCase()),
);

export function normalizeDateTime(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) {
    return undefined;
  }
  const hasZone = /T.*(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  // A calendar check: Date rolls 2023-02-30 over to March; SharePoint refuses it.
  if (value.slice(0, 10) !== date.toISOString().slice(0, 10) && !hasZone) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export type StoredValue = string | number | boolean | null | number[];

/**
 * Checks one written value against its column and returns what is stored.
 * `key` is the field name as written (`X` or `XLookupId`).
 */
export function coerceWrittenValue(column: StoredColumn, key: string, value: unknown): StoredValue {
  const fail = (expected: string) =>
    graphErrors.invalidRequest(
      `Invalid value for field '${key}': expected ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}.`,
    );
  if (value === null) return null;
  switch (column.type) {
    case "text": {
      if (typeof value !== "string") throw fail("a string");
      const maxLength = Number(column.facet.maxLength ?? MAX_TEXT_LENGTH);
      if (value.length > maxLength) {
        throw graphErrors.invalidRequest(
          `The value for field '${key}' is longer than the column's maximum of ${maxLength} characters.`,
        );
      }
      return value;
    }
    case "note": {
      if (typeof value !== "string") throw fail("a string");
      if (value.length > MAX_NOTE_LENGTH) throw fail(`at most ${MAX_NOTE_LENGTH} characters`);
      return value;
    }
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) throw fail("a number");
      const { minimum, maximum } = column.facet;
      if (typeof minimum === "number" && value < minimum) throw fail(`a number ≥ ${minimum}`);
      if (typeof maximum === "number" && value > maximum) throw fail(`a number ≤ ${maximum}`);
      return value;
    }
    case "boolean":
      if (typeof value !== "boolean") throw fail("true or false");
      return value;
    case "dateTime": {
      const normalized = typeof value === "string" ? normalizeDateTime(value) : undefined;
      if (!normalized) throw fail("an ISO 8601 date and time");
      return normalized;
    }
    case "choice": {
      if (typeof value !== "string") throw fail("a string");
      const choices = column.facet.choices as string[];
      if (!choices.includes(value) && column.facet.allowTextEntry !== true) {
        throw fail(`one of ${choices.map((c) => `'${c}'`).join(", ")}`);
      }
      return value;
    }
    case "lookup":
    case "personOrGroup": {
      const toId = (raw: unknown) => {
        const id = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
        if (typeof id !== "number" || !Number.isInteger(id) || id < 1) throw fail("an item id");
        return id;
      };
      if (allowsMultipleValues(column)) {
        if (!Array.isArray(value)) throw fail("an array of item ids");
        return value.map(toId);
      }
      return toId(value);
    }
  }
}

/** How a stored value is shown in `fields` (lookup ids are strings in Graph). */
export function presentValue(column: StoredColumn, value: StoredValue): unknown {
  if (isLookupLike(column) && value !== null) {
    return Array.isArray(value) ? value.map(String) : String(value);
  }
  return value;
}

export function fieldKey(column: StoredColumn): string {
  return isLookupLike(column) ? `${column.name}LookupId` : column.name;
}
