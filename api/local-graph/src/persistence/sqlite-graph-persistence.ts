import fs from "node:fs";
import path from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type { StoredColumn, StoredValue } from "../graph/column-model.ts";
import type { QueryPlan, SqlValue } from "../graph/odata/query-plan.ts";
import { ensurePrivateDirectory, ensurePrivateFile, PRIVATE_FILE_MODE } from "./data-folder.ts";
import type {
  ChangeEntry,
  ConnectorPersistence,
  GraphPersistence,
  Identity,
  ItemPage,
  StoredDrive,
  StoredDriveItem,
  StoredGroup,
  StoredItem,
  StoredItemVersion,
  StoredList,
  StoredSite,
  StoredSitePermission,
  StoredSiteUser,
  StoredUploadSession,
  StoredUser,
} from "./graph-persistence.ts";
import { fieldExpression, filterToSql, keysetToSql, orderKeys, orderToSql } from "./sql-query.ts";

/** Distinct statements kept prepared (filters and paging make many shapes). */
const MAX_CACHED_STATEMENTS = 500;

/**
 * SQLite (node:sqlite, built into Node 24) in WAL mode. A write is
 * acknowledged only after its transaction commits to the WAL, which the OS
 * keeps even if the process is killed with SIGKILL. Start-up opens the file
 * and reads nothing eagerly, so 100,000 items cost nothing at start.
 */

export const DATABASE_FILE = "graph.sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sites (
  id TEXT PRIMARY KEY, hostname TEXT NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,
  display_name TEXT NOT NULL, created TEXT NOT NULL, is_root INTEGER NOT NULL DEFAULT 0,
  UNIQUE (hostname, path));
CREATE TABLE IF NOT EXISTS site_permissions (
  site_id TEXT NOT NULL REFERENCES sites(id), id TEXT NOT NULL, roles TEXT NOT NULL,
  app_id TEXT NOT NULL, app_name TEXT NOT NULL, PRIMARY KEY (site_id, id));
CREATE TABLE IF NOT EXISTS lists (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  display_name TEXT NOT NULL, description TEXT NOT NULL, template TEXT NOT NULL,
  created TEXT NOT NULL, modified TEXT NOT NULL, drive_id TEXT,
  next_item_id INTEGER NOT NULL DEFAULT 1, delta_floor INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, name));
CREATE TABLE IF NOT EXISTS columns (
  id TEXT PRIMARY KEY, list_id TEXT NOT NULL REFERENCES lists(id), position INTEGER NOT NULL,
  name TEXT NOT NULL, display_name TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
  facet TEXT NOT NULL, indexed INTEGER NOT NULL, enforce_unique INTEGER NOT NULL,
  required INTEGER NOT NULL, hidden INTEGER NOT NULL, read_only INTEGER NOT NULL,
  UNIQUE (list_id, name));
CREATE TABLE IF NOT EXISTS items (
  list_id TEXT NOT NULL, id INTEGER NOT NULL, guid TEXT NOT NULL, version INTEGER NOT NULL,
  fields TEXT NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL,
  created_by TEXT NOT NULL, modified_by TEXT NOT NULL,
  PRIMARY KEY (list_id, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS item_versions (
  list_id TEXT NOT NULL, item_id INTEGER NOT NULL, version INTEGER NOT NULL, fields TEXT NOT NULL,
  modified TEXT NOT NULL, modified_by TEXT NOT NULL,
  PRIMARY KEY (list_id, item_id, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, list_id TEXT NOT NULL, item_id INTEGER NOT NULL,
  deleted INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS changes_by_list ON changes (list_id, seq);
CREATE TABLE IF NOT EXISTS drives (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, list_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drive_items (
  id TEXT PRIMARY KEY, drive_id TEXT NOT NULL, parent_id TEXT, name TEXT NOT NULL,
  is_folder INTEGER NOT NULL, size INTEGER NOT NULL, mime_type TEXT, content BLOB,
  created TEXT NOT NULL, modified TEXT NOT NULL, version INTEGER NOT NULL,
  list_item_id INTEGER, created_by TEXT NOT NULL, modified_by TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS drive_items_by_name
  ON drive_items (drive_id, ifnull(parent_id, ''), name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS drive_items_by_parent ON drive_items (drive_id, parent_id);
CREATE INDEX IF NOT EXISTS drive_items_by_list_item ON drive_items (drive_id, list_item_id);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, display_name TEXT NOT NULL, upn TEXT NOT NULL UNIQUE COLLATE NOCASE,
  mail TEXT, job_title TEXT);
CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY, display_name TEXT NOT NULL, mail_nickname TEXT NOT NULL, description TEXT,
  security_enabled INTEGER NOT NULL, mail_enabled INTEGER NOT NULL, group_types TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS group_members_by_member ON group_members (member_id);
CREATE TABLE IF NOT EXISTS connector_activities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, activity_id TEXT NOT NULL,
  activity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS connector_by_conversation ON connector_activities (conversation_id, seq);
CREATE TABLE IF NOT EXISTS upload_sessions (
  id TEXT PRIMARY KEY, drive_id TEXT NOT NULL, parent_id TEXT NOT NULL, name TEXT NOT NULL,
  conflict_behavior TEXT NOT NULL, expires TEXT NOT NULL, received INTEGER NOT NULL,
  total INTEGER);
CREATE TABLE IF NOT EXISTS site_users (
  site_id TEXT NOT NULL, id INTEGER NOT NULL, principal TEXT NOT NULL, display_name TEXT NOT NULL,
  email TEXT, PRIMARY KEY (site_id, id), UNIQUE (site_id, principal));
CREATE TABLE IF NOT EXISTS upload_chunks (
  session_id TEXT NOT NULL, offset INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (session_id, offset)) WITHOUT ROWID;
`;

type Row = Record<string, SQLInputValue>;

const text = (row: Row, key: string) => String(row[key]);
const json = <T>(row: Row, key: string) => JSON.parse(String(row[key])) as T;

function toSite(row: Row): StoredSite {
  return {
    id: text(row, "id"),
    hostname: text(row, "hostname"),
    path: text(row, "path"),
    name: text(row, "name"),
    displayName: text(row, "display_name"),
    created: text(row, "created"),
    isRoot: row.is_root === 1,
  };
}

function toList(row: Row): StoredList {
  return {
    id: text(row, "id"),
    siteId: text(row, "site_id"),
    name: text(row, "name"),
    displayName: text(row, "display_name"),
    description: text(row, "description"),
    template: text(row, "template") as StoredList["template"],
    created: text(row, "created"),
    modified: text(row, "modified"),
    driveId: row.drive_id === null ? null : text(row, "drive_id"),
    createdBy: row.created_by ? json<Identity>(row, "created_by") : undefined,
    modifiedBy: row.modified_by ? json<Identity>(row, "modified_by") : undefined,
  };
}

function toColumn(row: Row): StoredColumn {
  return {
    id: text(row, "id"),
    listId: text(row, "list_id"),
    name: text(row, "name"),
    displayName: text(row, "display_name"),
    description: text(row, "description"),
    type: text(row, "type") as StoredColumn["type"],
    facet: json(row, "facet"),
    indexed: row.indexed === 1,
    enforceUniqueValues: row.enforce_unique === 1,
    required: row.required === 1,
    hidden: row.hidden === 1,
    readOnly: row.read_only === 1,
    columnGroup: row.column_group === null ? undefined : text(row, "column_group"),
  };
}

function toItem(row: Row): StoredItem {
  return {
    listId: text(row, "list_id"),
    id: Number(row.id),
    guid: text(row, "guid"),
    version: Number(row.version),
    fields: json(row, "fields"),
    created: text(row, "created"),
    modified: text(row, "modified"),
    createdBy: json<Identity>(row, "created_by"),
    modifiedBy: json<Identity>(row, "modified_by"),
  };
}

function toDriveItem(row: Row): StoredDriveItem {
  return {
    id: text(row, "id"),
    driveId: text(row, "drive_id"),
    parentId: row.parent_id === null ? null : text(row, "parent_id"),
    name: text(row, "name"),
    isFolder: row.is_folder === 1,
    size: Number(row.size),
    mimeType: row.mime_type === null ? null : text(row, "mime_type"),
    created: text(row, "created"),
    modified: text(row, "modified"),
    version: Number(row.version),
    listItemId: row.list_item_id === null ? null : Number(row.list_item_id),
    createdBy: json<Identity>(row, "created_by"),
    modifiedBy: json<Identity>(row, "modified_by"),
  };
}

function toUser(row: Row): StoredUser {
  return {
    id: text(row, "id"),
    displayName: text(row, "display_name"),
    userPrincipalName: text(row, "upn"),
    mail: row.mail === null ? null : text(row, "mail"),
    jobTitle: row.job_title === null ? null : text(row, "job_title"),
  };
}

function toGroup(row: Row): StoredGroup {
  return {
    id: text(row, "id"),
    displayName: text(row, "display_name"),
    mailNickname: text(row, "mail_nickname"),
    description: row.description === null ? null : text(row, "description"),
    securityEnabled: row.security_enabled === 1,
    mailEnabled: row.mail_enabled === 1,
    groupTypes: json<string[]>(row, "group_types"),
  };
}

const DRIVE_ITEM_COLUMNS =
  "id, drive_id, parent_id, name, is_folder, size, mime_type, created, modified, version, list_item_id, created_by, modified_by";

/**
 * List ids are GUIDs the service generated itself; they are written into SQL
 * as literals so the per-list partial indexes can be chosen by the planner.
 */
function listLiteral(listId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(listId)) throw new Error(`not a list id: ${listId}`);
  return `'${listId}'`;
}

function indexName(column: StoredColumn) {
  return `ix_${column.id.replace(/[^A-Za-z0-9]/g, "")}`;
}

export class SqliteGraphPersistence implements GraphPersistence, ConnectorPersistence {
  private readonly db: DatabaseSync;
  private depth = 0;

  constructor(dataDir: string) {
    ensurePrivateDirectory(dataDir);
    const file = path.join(dataDir, DATABASE_FILE);
    // SQLite creates its -wal and -shm files with the database file's mode.
    ensurePrivateFile(file);
    for (const companion of [`${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(companion)) fs.chmodSync(companion, PRIVATE_FILE_MODE);
    }
    this.db = new DatabaseSync(file);
    this.db.exec("PRAGMA journal_mode = WAL");
    // NORMAL in WAL mode: a commit is in the OS once acknowledged, so it
    // survives the process being killed; only a power cut could lose the tail.
    this.db.exec("PRAGMA synchronous = NORMAL");
    this.db.exec("PRAGMA busy_timeout = 5000");
    this.db.exec(SCHEMA);
    this.migrate();
  }

  /** Columns added after the first release, added to databases made before them. */
  private migrate(): void {
    const added: Array<[table: string, column: string, definition: string]> = [
      ["lists", "created_by", "TEXT"],
      ["lists", "modified_by", "TEXT"],
      ["columns", "column_group", "TEXT"],
      ["upload_sessions", "created_by", "TEXT"],
    ];
    for (const [table, column, definition] of added) {
      const present = this.all(`PRAGMA table_info(${table})`).some((row) => row.name === column);
      if (!present) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private readonly itemCounts = new Map<string, number>();

  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    this.db.exec("BEGIN IMMEDIATE");
    this.depth += 1;
    try {
      const result = work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      this.itemCounts.clear();
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  /**
   * Prepared statements by their SQL: compiling a statement costs more than
   * running it, and the same few dozen run for every item. Filters make SQL
   * of their own, so the oldest statements are dropped past a bound.
   */
  private readonly statements = new Map<string, StatementSync>();

  private statement(sql: string): StatementSync {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const prepared = this.db.prepare(sql);
    if (this.statements.size >= MAX_CACHED_STATEMENTS) {
      const oldest = this.statements.keys().next();
      if (!oldest.done) this.statements.delete(oldest.value);
    }
    this.statements.set(sql, prepared);
    return prepared;
  }

  private get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  /** Runs a statement; returns how many rows it changed. */
  private run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  // Sites

  listSites(): StoredSite[] {
    return this.all("SELECT * FROM sites ORDER BY created").map(toSite);
  }

  getSite(id: string): StoredSite | undefined {
    const row = this.get("SELECT * FROM sites WHERE id = ? COLLATE NOCASE", id);
    return row && toSite(row);
  }

  getSiteByPath(hostname: string, sitePath: string): StoredSite | undefined {
    const row = this.get(
      "SELECT * FROM sites WHERE hostname = ? COLLATE NOCASE AND path = ? COLLATE NOCASE",
      hostname,
      sitePath,
    );
    return row && toSite(row);
  }

  getRootSite(): StoredSite | undefined {
    const row = this.get("SELECT * FROM sites WHERE is_root = 1");
    return row && toSite(row);
  }

  insertSite(site: StoredSite): void {
    this.run(
      "INSERT INTO sites (id, hostname, path, name, display_name, created, is_root) VALUES (?, ?, ?, ?, ?, ?, ?)",
      site.id,
      site.hostname,
      site.path,
      site.name,
      site.displayName,
      site.created,
      site.isRoot ? 1 : 0,
    );
  }

  listSitePermissions(siteId: string): StoredSitePermission[] {
    return this.all("SELECT * FROM site_permissions WHERE site_id = ? ORDER BY rowid", siteId).map(
      (row) => ({
        id: String(row.id),
        siteId: String(row.site_id),
        roles: JSON.parse(String(row.roles)) as string[],
        application: { id: String(row.app_id), displayName: String(row.app_name) },
      }),
    );
  }

  insertSitePermission(permission: StoredSitePermission): void {
    this.run(
      "INSERT INTO site_permissions (site_id, id, roles, app_id, app_name) VALUES (?, ?, ?, ?, ?)",
      permission.siteId,
      permission.id,
      JSON.stringify(permission.roles),
      permission.application.id,
      permission.application.displayName,
    );
  }

  deleteSitePermission(siteId: string, id: string): boolean {
    return this.run("DELETE FROM site_permissions WHERE site_id = ? AND id = ?", siteId, id) > 0;
  }

  // Lists

  listLists(siteId: string): StoredList[] {
    return this.all("SELECT * FROM lists WHERE site_id = ? ORDER BY created, name", siteId).map(
      toList,
    );
  }

  getList(siteId: string, idOrName: string): StoredList | undefined {
    const row =
      this.get(
        "SELECT * FROM lists WHERE site_id = ? AND id = ? COLLATE NOCASE",
        siteId,
        idOrName,
      ) ??
      this.get(
        "SELECT * FROM lists WHERE site_id = ? AND name = ? COLLATE NOCASE",
        siteId,
        idOrName,
      ) ??
      this.get(
        "SELECT * FROM lists WHERE site_id = ? AND display_name = ? COLLATE NOCASE",
        siteId,
        idOrName,
      );
    return row && toList(row);
  }

  getListById(id: string): StoredList | undefined {
    const row = this.get("SELECT * FROM lists WHERE id = ? COLLATE NOCASE", id);
    return row && toList(row);
  }

  insertList(list: StoredList): void {
    this.run(
      "INSERT INTO lists (id, site_id, name, display_name, description, template, created, modified, drive_id, created_by, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      list.id,
      list.siteId,
      list.name,
      list.displayName,
      list.description,
      list.template,
      list.created,
      list.modified,
      list.driveId,
      list.createdBy ? JSON.stringify(list.createdBy) : null,
      list.modifiedBy ? JSON.stringify(list.modifiedBy) : null,
    );
  }

  touchList(id: string, modified: string, modifiedBy: Identity): void {
    this.run(
      "UPDATE lists SET modified = ?, modified_by = ? WHERE id = ?",
      modified,
      JSON.stringify(modifiedBy),
      id,
    );
  }

  // The site's user information list

  siteUserId(siteId: string, user: { id: string; displayName: string; email?: string }): number {
    const principal = user.id.toLowerCase();
    const existing = this.get(
      "SELECT id FROM site_users WHERE site_id = ? AND principal = ?",
      siteId,
      principal,
    );
    if (existing) return Number(existing.id);
    // SharePoint's first ids belong to its own accounts; people start a little higher.
    const next = Number(
      this.get("SELECT ifnull(max(id), 6) + 1 AS next FROM site_users WHERE site_id = ?", siteId)
        ?.next ?? 7,
    );
    this.run(
      "INSERT INTO site_users (site_id, id, principal, display_name, email) VALUES (?, ?, ?, ?, ?)",
      siteId,
      next,
      principal,
      user.displayName,
      user.email ?? null,
    );
    return next;
  }

  getSiteUser(siteId: string, id: number): StoredSiteUser | undefined {
    const row = this.get("SELECT * FROM site_users WHERE site_id = ? AND id = ?", siteId, id);
    return (
      row && {
        siteId: text(row, "site_id"),
        id: Number(row.id),
        displayName: text(row, "display_name"),
        email: row.email === null ? null : text(row, "email"),
      }
    );
  }

  // Columns

  listColumns(listId: string): StoredColumn[] {
    return this.all("SELECT * FROM columns WHERE list_id = ? ORDER BY position", listId).map(
      toColumn,
    );
  }

  insertColumn(column: StoredColumn): void {
    const position = Number(
      this.get(
        "SELECT ifnull(max(position), 0) + 1 AS next FROM columns WHERE list_id = ?",
        column.listId,
      )?.next ?? 1,
    );
    this.run(
      "INSERT INTO columns (id, list_id, position, name, display_name, description, type, facet, indexed, enforce_unique, required, hidden, read_only, column_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      column.id,
      column.listId,
      position,
      column.name,
      column.displayName,
      column.description,
      column.type,
      JSON.stringify(column.facet),
      column.indexed ? 1 : 0,
      column.enforceUniqueValues ? 1 : 0,
      column.required ? 1 : 0,
      column.hidden ? 1 : 0,
      column.readOnly ? 1 : 0,
      column.columnGroup ?? null,
    );
    this.syncIndex(column);
  }

  updateColumn(column: StoredColumn): void {
    this.run(
      "UPDATE columns SET display_name = ?, description = ?, facet = ?, indexed = ?, enforce_unique = ?, required = ?, hidden = ?, read_only = ?, column_group = ? WHERE id = ?",
      column.displayName,
      column.description,
      JSON.stringify(column.facet),
      column.indexed ? 1 : 0,
      column.enforceUniqueValues ? 1 : 0,
      column.required ? 1 : 0,
      column.hidden ? 1 : 0,
      column.readOnly ? 1 : 0,
      column.columnGroup ?? null,
      column.id,
    );
    this.syncIndex(column);
  }

  /** An indexed column gets an expression index on exactly what queries compare. */
  private syncIndex(column: StoredColumn): void {
    const name = indexName(column);
    if (!column.indexed) {
      this.db.exec(`DROP INDEX IF EXISTS ${name}`);
      return;
    }
    const lookup = column.type === "lookup" || column.type === "personOrGroup";
    const key = lookup ? `${column.name}LookupId` : column.name;
    const textual = column.type === "text" || column.type === "note" || column.type === "choice";
    const expression = `${fieldExpression(key)}${textual ? " COLLATE NOCASE" : ""}`;
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS ${name} ON items (${expression}) WHERE list_id = ${listLiteral(column.listId)}`,
    );
  }

  // Items

  /** Every query asks (for the view threshold); counting 100,000 rows each time would dominate. */
  countItems(listId: string): number {
    let count = this.itemCounts.get(listId);
    if (count === undefined) {
      count = Number(this.get("SELECT count(*) AS n FROM items WHERE list_id = ?", listId)?.n ?? 0);
      this.itemCounts.set(listId, count);
    }
    return count;
  }

  getItem(listId: string, id: number): StoredItem | undefined {
    const row = this.get("SELECT * FROM items WHERE list_id = ? AND id = ?", listId, id);
    return row && toItem(row);
  }

  queryItems(listId: string, plan: QueryPlan, pageSize: number, after?: SqlValue[]): ItemPage {
    const keys = orderKeys(plan.orderBy);
    const conditions = [`list_id = ${listLiteral(listId)}`];
    const params: SqlValue[] = [];
    if (plan.filter) {
      const filter = filterToSql(plan.filter);
      conditions.push(filter.sql);
      params.push(...filter.params);
    }
    if (after) {
      const keyset = keysetToSql(keys, after);
      conditions.push(keyset.sql);
      params.push(...keyset.params);
    }
    const keyColumns = keys.map((key, index) =>
      key.target.kind === "system"
        ? `${key.target.column} AS k${index}`
        : `${fieldExpression(key.target.key)} AS k${index}`,
    );
    const rows = this.all(
      `SELECT *, ${keyColumns.join(", ")} FROM items WHERE ${conditions.join(" AND ")} ORDER BY ${orderToSql(keys)} LIMIT ?`,
      ...params,
      pageSize + 1,
    );
    const more = rows.length > pageSize;
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      items: page.map(toItem),
      nextKeyset:
        more && last ? keys.map((_, index) => (last[`k${index}`] ?? null) as SqlValue) : undefined,
    };
  }

  findItemIdByValue(
    listId: string,
    key: string,
    value: StoredValue,
    excludeId?: number,
  ): number | undefined {
    if (value === null || Array.isArray(value)) return undefined;
    const stored = typeof value === "boolean" ? (value ? 1 : 0) : value;
    const comparison = typeof stored === "string" ? "= ? COLLATE NOCASE" : "= ?";
    const row = this.get(
      `SELECT id FROM items WHERE list_id = ${listLiteral(listId)} AND ${fieldExpression(key)} ${comparison} AND id <> ? LIMIT 1`,
      stored,
      excludeId ?? -1,
    );
    return row ? Number(row.id) : undefined;
  }

  hasDuplicateValues(listId: string, key: string): boolean {
    const expression = `${fieldExpression(key)} COLLATE NOCASE`;
    const row = this.get(
      `SELECT 1 AS found FROM items WHERE list_id = ${listLiteral(listId)} AND ${fieldExpression(key)} IS NOT NULL GROUP BY ${expression} HAVING count(*) > 1 LIMIT 1`,
    );
    return row !== undefined;
  }

  nextItemId(listId: string): number {
    const row = this.get(
      "UPDATE lists SET next_item_id = next_item_id + 1 WHERE id = ? RETURNING next_item_id - 1 AS id",
      listId,
    );
    return Number(row?.id);
  }

  insertItem(item: StoredItem): void {
    this.itemCounts.delete(item.listId);
    this.run(
      "INSERT INTO items (list_id, id, guid, version, fields, created, modified, created_by, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      item.listId,
      item.id,
      item.guid,
      item.version,
      JSON.stringify(item.fields),
      item.created,
      item.modified,
      JSON.stringify(item.createdBy),
      JSON.stringify(item.modifiedBy),
    );
    this.recordChange(item.listId, item.id, false);
  }

  updateItem(item: StoredItem): void {
    this.run(
      "UPDATE items SET version = ?, fields = ?, modified = ?, modified_by = ? WHERE list_id = ? AND id = ?",
      item.version,
      JSON.stringify(item.fields),
      item.modified,
      JSON.stringify(item.modifiedBy),
      item.listId,
      item.id,
    );
    this.recordChange(item.listId, item.id, false);
  }

  deleteItem(listId: string, id: number): void {
    this.itemCounts.delete(listId);
    this.run("DELETE FROM items WHERE list_id = ? AND id = ?", listId, id);
    this.run("DELETE FROM item_versions WHERE list_id = ? AND item_id = ?", listId, id);
    this.recordChange(listId, id, true);
  }

  insertItemVersion(listId: string, itemId: number, version: StoredItemVersion): void {
    this.run(
      "INSERT INTO item_versions (list_id, item_id, version, fields, modified, modified_by) VALUES (?, ?, ?, ?, ?, ?)",
      listId,
      itemId,
      version.version,
      JSON.stringify(version.fields),
      version.modified,
      JSON.stringify(version.modifiedBy),
    );
  }

  listItemVersions(listId: string, itemId: number): StoredItemVersion[] {
    return this.all(
      "SELECT * FROM item_versions WHERE list_id = ? AND item_id = ? ORDER BY version DESC",
      listId,
      itemId,
    ).map((row) => ({
      version: Number(row.version),
      fields: json(row, "fields"),
      modified: text(row, "modified"),
      modifiedBy: json<Identity>(row, "modified_by"),
    }));
  }

  // Change log for delta

  private recordChange(listId: string, itemId: number, deleted: boolean): void {
    this.run(
      "INSERT INTO changes (list_id, item_id, deleted) VALUES (?, ?, ?)",
      listId,
      itemId,
      deleted ? 1 : 0,
    );
  }

  latestChange(listId: string): number {
    const row = this.get("SELECT max(seq) AS seq FROM changes WHERE list_id = ?", listId);
    return Math.max(Number(row?.seq ?? 0), this.deltaFloor(listId));
  }

  deltaFloor(listId: string): number {
    return Number(this.get("SELECT delta_floor FROM lists WHERE id = ?", listId)?.delta_floor ?? 0);
  }

  changesSince(listId: string, afterSeq: number, limit: number): ChangeEntry[] {
    return this.all(
      "SELECT seq, item_id, deleted FROM changes WHERE list_id = ? AND seq > ? ORDER BY seq LIMIT ?",
      listId,
      afterSeq,
      limit,
    ).map((row) => ({
      seq: Number(row.seq),
      itemId: Number(row.item_id),
      deleted: row.deleted === 1,
    }));
  }

  compactChanges(listId: string): void {
    const latest = this.latestChange(listId);
    this.run("DELETE FROM changes WHERE list_id = ?", listId);
    // Keep the sequence moving past the floor so new changes sort after it.
    this.run("UPDATE lists SET delta_floor = ? WHERE id = ?", latest + 1, listId);
    this.run(
      "INSERT INTO sqlite_sequence (name, seq) SELECT 'changes', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'changes')",
      latest + 1,
    );
    this.run("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'changes'", latest + 1);
  }

  // Drives

  listDrives(siteId: string): StoredDrive[] {
    return this.all("SELECT * FROM drives WHERE site_id = ? ORDER BY created, name", siteId).map(
      (row) => ({
        id: text(row, "id"),
        siteId: text(row, "site_id"),
        listId: text(row, "list_id"),
        name: text(row, "name"),
        created: text(row, "created"),
      }),
    );
  }

  getDrive(id: string): StoredDrive | undefined {
    const row = this.get("SELECT * FROM drives WHERE id = ?", id);
    return (
      row && {
        id: text(row, "id"),
        siteId: text(row, "site_id"),
        listId: text(row, "list_id"),
        name: text(row, "name"),
        created: text(row, "created"),
      }
    );
  }

  getDriveByList(listId: string): StoredDrive | undefined {
    const row = this.get("SELECT id FROM drives WHERE list_id = ?", listId);
    return row ? this.getDrive(text(row, "id")) : undefined;
  }

  insertDrive(drive: StoredDrive): void {
    this.run(
      "INSERT INTO drives (id, site_id, list_id, name, created) VALUES (?, ?, ?, ?, ?)",
      drive.id,
      drive.siteId,
      drive.listId,
      drive.name,
      drive.created,
    );
  }

  getDriveItem(driveId: string, id: string): StoredDriveItem | undefined {
    const row = this.get(
      `SELECT ${DRIVE_ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND id = ?`,
      driveId,
      id,
    );
    return row && toDriveItem(row);
  }

  getDriveItemByListItem(driveId: string, listItemId: number): StoredDriveItem | undefined {
    const row = this.get(
      `SELECT ${DRIVE_ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND list_item_id = ?`,
      driveId,
      listItemId,
    );
    return row && toDriveItem(row);
  }

  countChildren(driveId: string, parentId: string): { files: number; folders: number } {
    const row = this.get(
      "SELECT sum(is_folder = 0) AS files, sum(is_folder = 1) AS folders FROM drive_items WHERE drive_id = ? AND parent_id = ?",
      driveId,
      parentId,
    );
    return { files: Number(row?.files ?? 0), folders: Number(row?.folders ?? 0) };
  }

  driveBytes(driveId: string): number {
    return Number(
      this.get("SELECT ifnull(sum(size), 0) AS used FROM drive_items WHERE drive_id = ?", driveId)
        ?.used ?? 0,
    );
  }

  deleteList(listId: string): void {
    this.itemCounts.delete(listId);
    for (const column of this.listColumns(listId))
      this.db.exec(`DROP INDEX IF EXISTS ${indexName(column)}`);
    const drive = this.get("SELECT id FROM drives WHERE list_id = ?", listId);
    if (drive) {
      const driveId = text(drive, "id");
      this.run(
        "DELETE FROM upload_chunks WHERE session_id IN (SELECT id FROM upload_sessions WHERE drive_id = ?)",
        driveId,
      );
      this.run("DELETE FROM upload_sessions WHERE drive_id = ?", driveId);
      this.run("DELETE FROM drive_items WHERE drive_id = ?", driveId);
      this.run("DELETE FROM drives WHERE id = ?", driveId);
    }
    for (const table of ["items", "item_versions", "changes"]) {
      this.run(`DELETE FROM ${table} WHERE list_id = ?`, listId);
    }
    this.run("DELETE FROM columns WHERE list_id = ?", listId);
    this.run("DELETE FROM lists WHERE id = ?", listId);
  }

  getDriveRoot(driveId: string): StoredDriveItem | undefined {
    const row = this.get(
      `SELECT ${DRIVE_ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND parent_id IS NULL`,
      driveId,
    );
    return row && toDriveItem(row);
  }

  getChildByName(driveId: string, parentId: string, name: string): StoredDriveItem | undefined {
    const row = this.get(
      `SELECT ${DRIVE_ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND ifnull(parent_id, '') = ? AND name = ? COLLATE NOCASE`,
      driveId,
      parentId,
      name,
    );
    return row && toDriveItem(row);
  }

  listChildren(
    driveId: string,
    parentId: string,
    pageSize: number,
    afterName?: string,
  ): StoredDriveItem[] {
    return this.all(
      `SELECT ${DRIVE_ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND parent_id = ? AND name COLLATE NOCASE > ? ORDER BY name COLLATE NOCASE LIMIT ?`,
      driveId,
      parentId,
      afterName ?? "",
      pageSize,
    ).map(toDriveItem);
  }

  insertDriveItem(item: StoredDriveItem, content?: Uint8Array): void {
    this.run(
      `INSERT INTO drive_items (${DRIVE_ITEM_COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      item.id,
      item.driveId,
      item.parentId,
      item.name,
      item.isFolder ? 1 : 0,
      item.size,
      item.mimeType,
      item.created,
      item.modified,
      item.version,
      item.listItemId,
      JSON.stringify(item.createdBy),
      JSON.stringify(item.modifiedBy),
      content ?? null,
    );
  }

  updateDriveItem(item: StoredDriveItem, content?: Uint8Array): void {
    this.run(
      "UPDATE drive_items SET name = ?, parent_id = ?, size = ?, mime_type = ?, modified = ?, version = ?, list_item_id = ?, modified_by = ? WHERE drive_id = ? AND id = ?",
      item.name,
      item.parentId,
      item.size,
      item.mimeType,
      item.modified,
      item.version,
      item.listItemId,
      JSON.stringify(item.modifiedBy),
      item.driveId,
      item.id,
    );
    if (content) {
      this.run(
        "UPDATE drive_items SET content = ? WHERE drive_id = ? AND id = ?",
        content,
        item.driveId,
        item.id,
      );
    }
  }

  deleteDriveItem(driveId: string, id: string): void {
    this.run("DELETE FROM drive_items WHERE drive_id = ? AND id = ?", driveId, id);
  }

  readContent(driveId: string, id: string): Uint8Array | undefined {
    const row = this.get(
      "SELECT content FROM drive_items WHERE drive_id = ? AND id = ?",
      driveId,
      id,
    );
    const content = row?.content;
    return content instanceof Uint8Array ? content : undefined;
  }

  // Directory: users and groups

  listUsers(limit: number, afterId?: string): StoredUser[] {
    return this.all(
      "SELECT * FROM users WHERE id > ? ORDER BY id LIMIT ?",
      afterId ?? "",
      limit,
    ).map(toUser);
  }

  getUser(idOrUpn: string): StoredUser | undefined {
    const row = this.get(
      "SELECT * FROM users WHERE id = ? COLLATE NOCASE OR upn = ? COLLATE NOCASE",
      idOrUpn,
      idOrUpn,
    );
    return row && toUser(row);
  }

  insertUser(user: StoredUser): void {
    this.run(
      "INSERT INTO users (id, display_name, upn, mail, job_title) VALUES (?, ?, ?, ?, ?)",
      user.id,
      user.displayName,
      user.userPrincipalName,
      user.mail,
      user.jobTitle,
    );
  }

  listGroups(limit: number, afterId?: string): StoredGroup[] {
    return this.all(
      "SELECT * FROM groups WHERE id > ? ORDER BY id LIMIT ?",
      afterId ?? "",
      limit,
    ).map(toGroup);
  }

  getGroup(id: string): StoredGroup | undefined {
    const row = this.get("SELECT * FROM groups WHERE id = ? COLLATE NOCASE", id);
    return row && toGroup(row);
  }

  insertGroup(group: StoredGroup): void {
    this.run(
      "INSERT INTO groups (id, display_name, mail_nickname, description, security_enabled, mail_enabled, group_types) VALUES (?, ?, ?, ?, ?, ?, ?)",
      group.id,
      group.displayName,
      group.mailNickname,
      group.description,
      group.securityEnabled ? 1 : 0,
      group.mailEnabled ? 1 : 0,
      JSON.stringify(group.groupTypes),
    );
  }

  addMember(groupId: string, memberId: string): boolean {
    const exists = this.get(
      "SELECT 1 AS found FROM group_members WHERE group_id = ? AND member_id = ?",
      groupId,
      memberId,
    );
    if (exists) return false;
    this.run("INSERT INTO group_members (group_id, member_id) VALUES (?, ?)", groupId, memberId);
    return true;
  }

  listMembers(groupId: string): StoredUser[] {
    return this.all(
      "SELECT users.* FROM group_members JOIN users ON users.id = group_members.member_id WHERE group_id = ? ORDER BY users.display_name",
      groupId,
    ).map(toUser);
  }

  groupsOf(memberId: string): StoredGroup[] {
    return this.all(
      "SELECT groups.* FROM group_members JOIN groups ON groups.id = group_members.group_id WHERE member_id = ? ORDER BY groups.display_name",
      memberId,
    ).map(toGroup);
  }

  // The local Bot Connector's record of posted activities

  recordConnectorActivity(
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
  ): void {
    this.run(
      "INSERT INTO connector_activities (conversation_id, activity_id, activity) VALUES (?, ?, ?)",
      conversationId,
      activityId,
      JSON.stringify(activity),
    );
  }

  connectorActivities(
    conversationId: string,
    afterSeq: number,
  ): Array<{ seq: number; activity: Record<string, unknown> }> {
    return this.all(
      "SELECT seq, activity FROM connector_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT 500",
      conversationId,
      afterSeq,
    ).map((row) => ({ seq: Number(row.seq), activity: json(row, "activity") }));
  }

  // Upload sessions

  insertUploadSession(session: StoredUploadSession): void {
    this.run(
      "INSERT INTO upload_sessions (id, drive_id, parent_id, name, conflict_behavior, expires, received, total, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      session.id,
      session.driveId,
      session.parentId,
      session.name,
      session.conflictBehavior,
      session.expires,
      session.received,
      session.total,
      session.createdBy ? JSON.stringify(session.createdBy) : null,
    );
  }

  getUploadSession(id: string): StoredUploadSession | undefined {
    const row = this.get(
      "SELECT id, drive_id, parent_id, name, conflict_behavior, expires, received, total, created_by FROM upload_sessions WHERE id = ?",
      id,
    );
    return (
      row && {
        id: text(row, "id"),
        driveId: text(row, "drive_id"),
        parentId: text(row, "parent_id"),
        name: text(row, "name"),
        conflictBehavior: text(row, "conflict_behavior") as StoredUploadSession["conflictBehavior"],
        expires: text(row, "expires"),
        received: Number(row.received),
        total: row.total === null ? null : Number(row.total),
        createdBy: row.created_by ? json<Identity>(row, "created_by") : undefined,
      }
    );
  }

  appendUploadChunk(id: string, offset: number, chunk: Uint8Array, total: number): void {
    this.transaction(() => {
      this.run(
        "INSERT INTO upload_chunks (session_id, offset, data) VALUES (?, ?, ?)",
        id,
        offset,
        chunk,
      );
      this.run(
        "UPDATE upload_sessions SET received = ?, total = ? WHERE id = ?",
        offset + chunk.byteLength,
        total,
        id,
      );
    });
  }

  readUploadData(id: string): Uint8Array {
    const chunks = this.all(
      "SELECT data FROM upload_chunks WHERE session_id = ? ORDER BY offset",
      id,
    );
    return Buffer.concat(chunks.map((row) => row.data as Uint8Array));
  }

  deleteUploadSession(id: string): void {
    this.run("DELETE FROM upload_chunks WHERE session_id = ?", id);
    this.run("DELETE FROM upload_sessions WHERE id = ?", id);
  }
}
