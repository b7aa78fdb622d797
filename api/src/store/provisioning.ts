import { z } from "zod";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { parseWith, withId } from "../graph/json.ts";
import { readAll } from "../graph/paging.ts";
import {
  type ColumnSchema,
  columnDefinition,
  LIBRARY_COLUMNS,
  LISTS,
  type ListKey,
  libraryDisplayName,
} from "./schema.ts";

/**
 * Creates or updates the SharePoint schema: lists, columns, indexes and one
 * document library per nämnd. Safe to run again; never deletes a column or
 * a list (that would lose data). Reports created / changed / unchanged.
 */

export type Outcome = "created" | "changed" | "unchanged";

export interface ProvisionLine {
  outcome: Outcome;
  what: "list" | "column" | "library";
  name: string;
  detail?: string;
}

// What provisioning reads of Graph's lists and columns (parsed, not assumed).
const graphList = z.object({
  id: z.string(),
  displayName: z.string(),
  list: z.object({ template: z.string().optional() }).optional(),
});

const graphColumn = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  indexed: z.boolean(),
  enforceUniqueValues: z.boolean(),
  choice: z.object({ choices: z.array(z.string()) }).optional(),
  text: z.object({ allowMultipleLines: z.boolean().optional() }).optional(),
  number: z.unknown().optional(),
  boolean: z.unknown().optional(),
  dateTime: z.unknown().optional(),
  lookup: z.unknown().optional(),
});
type GraphColumn = z.infer<typeof graphColumn>;

const committeeRow = z.object({
  id: z.string(),
  fields: z.object({ code: z.string().optional(), driveId: z.string().optional() }),
});

export class ProvisioningError extends Error {}

function facetKind(column: GraphColumn): string {
  if (column.text) return column.text.allowMultipleLines ? "note" : "text";
  for (const kind of ["number", "boolean", "dateTime", "choice", "lookup"] as const)
    if (column[kind]) return kind;
  return "unknown";
}

function expectedKind(column: ColumnSchema): string {
  const kind = column.type.kind;
  return kind === "date" ? "dateTime" : kind;
}

/** What differs between a column in SharePoint and in the schema (display name, index, uniqueness, choices). */
function columnChanges(existing: GraphColumn, wanted: ColumnSchema): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const indexed = wanted.indexed === true || wanted.unique === true;
  if (existing.displayName !== wanted.displayName) changes.displayName = wanted.displayName;
  if (existing.indexed !== indexed && indexed) changes.indexed = true;
  if (existing.enforceUniqueValues !== (wanted.unique === true) && wanted.unique)
    changes.enforceUniqueValues = true;
  if (wanted.type.kind === "choice") {
    const missing = wanted.type.choices.filter(
      (value) => !existing.choice?.choices.includes(value),
    );
    if (missing.length > 0)
      changes.choice = { choices: [...(existing.choice?.choices ?? []), ...missing] };
  }
  return changes;
}

export interface ProvisionOptions {
  dryRun?: boolean;
  /** Report progress line by line. */
  onLine?: (line: ProvisionLine) => void;
}

export async function provision(
  access: GraphAccess,
  siteRef: string,
  options: ProvisionOptions = {},
): Promise<ProvisionLine[]> {
  const lines: ProvisionLine[] = [];
  const report = (line: ProvisionLine) => {
    lines.push(line);
    options.onLine?.(line);
  };
  const site = `/sites/${siteRef}`;
  const existing = await readAll(
    access,
    `${site}/lists?$select=id,displayName,list`,
    parseWith(graphList),
  );
  const byName = new Map(existing.map((list) => [list.displayName.toLowerCase(), list]));
  const listIds = new Map<ListKey, string>();

  const ensureColumns = async (
    listId: string | undefined,
    listName: string,
    columns: readonly ColumnSchema[],
  ) => {
    const current = listId
      ? await readAll(access, `${site}/lists/${listId}/columns`, parseWith(graphColumn))
      : [];
    for (const column of columns) {
      const found = current.find((candidate) => candidate.name === column.name);
      const label = `${listName}.${column.name}`;
      if (!found) {
        if (!options.dryRun) {
          await access.client
            .api(`${site}/lists/${listId}/columns`)
            .post(columnDefinition(column, listIds));
        }
        report({ outcome: "created", what: "column", name: label });
        continue;
      }
      if (facetKind(found) !== expectedKind(column)) {
        throw new ProvisioningError(
          `Kolumnen ${label} finns redan med typen ${facetKind(found)}, men schemat kräver ${expectedKind(column)}. Ändra eller ta bort kolumnen i SharePoint och kör igen.`,
        );
      }
      const changes = columnChanges(found, column);
      if (Object.keys(changes).length === 0) {
        report({ outcome: "unchanged", what: "column", name: label });
        continue;
      }
      if (!options.dryRun)
        await access.client.api(`${site}/lists/${listId}/columns/${found.id}`).patch(changes);
      report({
        outcome: "changed",
        what: "column",
        name: label,
        detail: Object.keys(changes).join(", "),
      });
    }
  };

  for (const schema of LISTS) {
    const found = byName.get(schema.displayName.toLowerCase());
    if (found) {
      listIds.set(schema.key, found.id);
      report({ outcome: "unchanged", what: "list", name: schema.displayName });
      await ensureColumns(found.id, schema.displayName, schema.columns);
      continue;
    }
    if (options.dryRun) {
      listIds.set(schema.key, `(ny) ${schema.displayName}`);
      report({ outcome: "created", what: "list", name: schema.displayName });
      for (const column of schema.columns)
        report({
          outcome: "created",
          what: "column",
          name: `${schema.displayName}.${column.name}`,
        });
      continue;
    }
    const created = graphList.parse(
      await access.client.api(`${site}/lists`).post({
        displayName: schema.displayName,
        description: schema.description,
        list: { template: "genericList" },
        columns: schema.columns.map((column) => columnDefinition(column, listIds)),
      }),
    );
    listIds.set(schema.key, created.id);
    report({ outcome: "created", what: "list", name: schema.displayName });
    for (const column of schema.columns)
      report({ outcome: "created", what: "column", name: `${schema.displayName}.${column.name}` });
  }

  // One document library per nämnd, and the nämnd's driveId pointing at it.
  const committeesListId = listIds.get("committees");
  const committees =
    committeesListId && !committeesListId.startsWith("(ny)")
      ? await readAll(
          access,
          `${site}/lists/${committeesListId}/items?$expand=fields($select=code,driveId)&$top=500`,
          parseWith(committeeRow),
        )
      : [];
  for (const committee of committees) {
    const code = committee.fields.code;
    if (!code) continue;
    const name = libraryDisplayName(code);
    let library = byName.get(name.toLowerCase());
    if (!library) {
      if (options.dryRun) {
        report({ outcome: "created", what: "library", name });
        continue;
      }
      library = graphList.parse(
        await access.client.api(`${site}/lists`).post({
          displayName: name,
          description: `Rapportutkast och dokument för nämnden ${code}.`,
          list: { template: "documentLibrary" },
          columns: LIBRARY_COLUMNS.map((column) => columnDefinition(column, listIds)),
        }),
      );
      byName.set(name.toLowerCase(), library);
      report({ outcome: "created", what: "library", name });
    } else {
      report({ outcome: "unchanged", what: "library", name });
      await ensureColumns(library.id, name, LIBRARY_COLUMNS);
    }
    const drive = withId.parse(
      await access.client.api(`${site}/lists/${library.id}/drive`).select("id").get(),
    );
    if (committee.fields.driveId !== drive.id) {
      if (!options.dryRun) {
        await access.client
          .api(`${site}/lists/${committeesListId}/items/${committee.id}/fields`)
          .patch({ driveId: drive.id });
      }
      report({
        outcome: "changed",
        what: "column",
        name: `Nämnder[${code}].driveId`,
        detail: "kopplad till biblioteket",
      });
    }
  }
  return lines;
}

export function formatLine(line: ProvisionLine): string {
  return `${line.outcome.padEnd(9)} ${line.what.padEnd(7)} ${line.name}${line.detail ? ` (${line.detail})` : ""}`;
}
