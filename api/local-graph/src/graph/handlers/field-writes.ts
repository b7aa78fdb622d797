import type { StoredFields, StoredList } from "../../persistence/graph-persistence.ts";
import {
  coerceWrittenValue,
  fieldKey,
  isLookupLike,
  READ_ONLY_FIELDS,
  type StoredColumn,
} from "../column-model.ts";
import { graphErrors } from "../errors.ts";
import type { ServiceContext } from "../service-context.ts";

/**
 * Applies a written fieldValueSet to an item's stored fields with
 * SharePoint's rules: read-only system fields, unknown fields, types, lookup
 * targets that must exist, and unique columns. Returns the new field set;
 * nothing is stored here.
 */
export function applyFieldWrites(
  context: ServiceContext,
  list: StoredList,
  columns: StoredColumn[],
  current: StoredFields,
  written: unknown,
  itemId: number | undefined,
): StoredFields {
  if (typeof written !== "object" || written === null || Array.isArray(written)) {
    throw graphErrors.invalidRequest("fields must be a JSON object.");
  }
  const next: StoredFields = { ...current };
  for (const [key, value] of Object.entries(written as Record<string, unknown>)) {
    if (key.startsWith("@odata.") || key.endsWith("@odata.type")) continue;
    if (READ_ONLY_FIELDS.has(key.toLowerCase())) {
      throw graphErrors.invalidRequest(`Field '${key}' is read-only.`);
    }
    if (key === "FileLeafRef") {
      throw graphErrors.notSupported("Renaming a file by writing 'FileLeafRef'");
    }
    const column = columns.find((candidate) => fieldKey(candidate) === key);
    if (!column) {
      const lookupByName = columns.find(
        (candidate) => isLookupLike(candidate) && candidate.name === key,
      );
      if (lookupByName) {
        throw graphErrors.invalidRequest(
          `Field '${key}' is a lookup; write its id to '${key}LookupId' instead.`,
        );
      }
      throw graphErrors.invalidRequest(`Field '${key}' is not recognized.`);
    }
    if (column.readOnly) throw graphErrors.invalidRequest(`Field '${key}' is read-only.`);
    const stored = coerceWrittenValue(column, key, value);
    if (column.type === "lookup" && stored !== null) {
      const targetList = String(column.facet.listId);
      for (const id of Array.isArray(stored) ? stored : [stored as number]) {
        if (!context.persistence.getItem(targetList, id)) {
          throw graphErrors.invalidRequest(
            `Invalid lookup value for field '${key}': item ${id} does not exist.`,
          );
        }
      }
    }
    next[key] = stored;
  }
  for (const column of columns) {
    if (!column.enforceUniqueValues) continue;
    const key = fieldKey(column);
    if (next[key] === current[key]) continue;
    const value = next[key];
    if (value === undefined || value === null) continue;
    if (context.persistence.findItemIdByValue(list.id, key, value, itemId) !== undefined) {
      throw graphErrors.uniqueValueViolation(column.name);
    }
  }
  return next;
}
