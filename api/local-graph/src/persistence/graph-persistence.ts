import type { StoredColumn, StoredValue } from "../graph/column-model.ts";
import type { QueryPlan, SqlValue } from "../graph/odata/query-plan.ts";

/**
 * What the local Graph service keeps, behind one interface so the storage
 * engine is a replaceable part (the handlers never see SQL).
 */

export type Identity =
  | { user: { id: string; displayName: string; email?: string } }
  | { application: { id: string; displayName: string } };

/** An app's grant on one site (`POST /sites/{id}/permissions`), what `Sites.Selected` needs. */
export interface StoredSitePermission {
  id: string;
  siteId: string;
  roles: string[];
  application: { id: string; displayName: string };
}

export interface StoredSite {
  id: string;
  hostname: string;
  /** Server-relative path, e.g. `/sites/avtal`. */
  path: string;
  name: string;
  displayName: string;
  created: string;
  isRoot: boolean;
}

export interface StoredList {
  id: string;
  siteId: string;
  name: string;
  displayName: string;
  description: string;
  template: "genericList" | "documentLibrary";
  created: string;
  modified: string;
  driveId: string | null;
  /** Who created / last changed the list (absent on lists kept by older versions). */
  createdBy?: Identity | undefined;
  modifiedBy?: Identity | undefined;
}

/** A person or app in a site's user information list: what `AuthorLookupId` points at. */
export interface StoredSiteUser {
  siteId: string;
  id: number;
  displayName: string;
  email: string | null;
}

export type StoredFields = Record<string, StoredValue>;

export interface StoredItem {
  listId: string;
  id: number;
  guid: string;
  version: number;
  fields: StoredFields;
  created: string;
  modified: string;
  createdBy: Identity;
  modifiedBy: Identity;
}

export interface StoredItemVersion {
  version: number;
  fields: StoredFields;
  modified: string;
  modifiedBy: Identity;
}

export interface StoredDrive {
  id: string;
  siteId: string;
  listId: string;
  name: string;
  created: string;
}

export interface StoredDriveItem {
  id: string;
  driveId: string;
  parentId: string | null;
  name: string;
  isFolder: boolean;
  size: number;
  mimeType: string | null;
  created: string;
  modified: string;
  version: number;
  listItemId: number | null;
  createdBy: Identity;
  modifiedBy: Identity;
}

export interface StoredUploadSession {
  id: string;
  driveId: string;
  parentId: string;
  name: string;
  conflictBehavior: "fail" | "replace" | "rename";
  expires: string;
  received: number;
  total: number | null;
  /** Who created the session: the file is written as them. */
  createdBy?: Identity | undefined;
}

export interface ItemPage {
  items: StoredItem[];
  /** Order-key values of the last row, when more rows follow. */
  nextKeyset: SqlValue[] | undefined;
}

export interface ChangeEntry {
  seq: number;
  itemId: number;
  deleted: boolean;
}

export interface StoredUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
}

export interface StoredGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  description: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
}

export interface GraphPersistence {
  transaction<T>(work: () => T): T;
  close(): void;

  listSites(): StoredSite[];
  getSite(id: string): StoredSite | undefined;
  getSiteByPath(hostname: string, path: string): StoredSite | undefined;
  getRootSite(): StoredSite | undefined;
  insertSite(site: StoredSite): void;
  listSitePermissions(siteId: string): StoredSitePermission[];
  insertSitePermission(permission: StoredSitePermission): void;
  deleteSitePermission(siteId: string, id: string): boolean;

  listLists(siteId: string): StoredList[];
  getList(siteId: string, idOrName: string): StoredList | undefined;
  getListById(id: string): StoredList | undefined;
  insertList(list: StoredList): void;
  touchList(id: string, modified: string, modifiedBy: Identity): void;

  /** The id of a user in the site's user information list, added on first use. */
  siteUserId(siteId: string, user: { id: string; displayName: string; email?: string }): number;
  getSiteUser(siteId: string, id: number): StoredSiteUser | undefined;

  listColumns(listId: string): StoredColumn[];
  insertColumn(column: StoredColumn): void;
  updateColumn(column: StoredColumn): void;

  countItems(listId: string): number;
  getItem(listId: string, id: number): StoredItem | undefined;
  queryItems(listId: string, plan: QueryPlan, pageSize: number, after?: SqlValue[]): ItemPage;
  /** Another item of the list holding this value in a field (for unique columns). */
  findItemIdByValue(
    listId: string,
    key: string,
    value: StoredValue,
    excludeId?: number,
  ): number | undefined;
  hasDuplicateValues(listId: string, key: string): boolean;
  nextItemId(listId: string): number;
  insertItem(item: StoredItem): void;
  updateItem(item: StoredItem): void;
  deleteItem(listId: string, id: number): void;
  insertItemVersion(listId: string, itemId: number, version: StoredItemVersion): void;
  listItemVersions(listId: string, itemId: number): StoredItemVersion[];

  latestChange(listId: string): number;
  deltaFloor(listId: string): number;
  changesSince(listId: string, afterSeq: number, limit: number): ChangeEntry[];
  /** Forgets the change log of a list, so older delta tokens become stale. */
  compactChanges(listId: string): void;

  listDrives(siteId: string): StoredDrive[];
  getDrive(id: string): StoredDrive | undefined;
  getDriveByList(listId: string): StoredDrive | undefined;
  insertDrive(drive: StoredDrive): void;

  getDriveItem(driveId: string, id: string): StoredDriveItem | undefined;
  getDriveItemByListItem(driveId: string, listItemId: number): StoredDriveItem | undefined;
  countChildren(driveId: string, parentId: string): { files: number; folders: number };
  /** Bytes of all files in a drive (what its quota reports as used). */
  driveBytes(driveId: string): number;
  /** Removes a list with its columns, items, versions, change log and (a library's) drive. */
  deleteList(listId: string): void;
  getDriveRoot(driveId: string): StoredDriveItem | undefined;
  getChildByName(driveId: string, parentId: string, name: string): StoredDriveItem | undefined;
  listChildren(
    driveId: string,
    parentId: string,
    pageSize: number,
    afterName?: string,
  ): StoredDriveItem[];
  insertDriveItem(item: StoredDriveItem, content?: Uint8Array): void;
  updateDriveItem(item: StoredDriveItem, content?: Uint8Array): void;
  deleteDriveItem(driveId: string, id: string): void;
  readContent(driveId: string, id: string): Uint8Array | undefined;

  listUsers(limit: number, afterId?: string): StoredUser[];
  getUser(idOrUpn: string): StoredUser | undefined;
  insertUser(user: StoredUser): void;
  listGroups(limit: number, afterId?: string): StoredGroup[];
  getGroup(id: string): StoredGroup | undefined;
  insertGroup(group: StoredGroup): void;
  addMember(groupId: string, memberId: string): boolean;
  listMembers(groupId: string): StoredUser[];
  groupsOf(memberId: string): StoredGroup[];

  insertUploadSession(session: StoredUploadSession): void;
  getUploadSession(id: string): StoredUploadSession | undefined;
  appendUploadChunk(id: string, offset: number, chunk: Uint8Array, total: number): void;
  readUploadData(id: string): Uint8Array;
  deleteUploadSession(id: string): void;
}

/** The Bot Connector stand-in's record of posted activities, per conversation. */
export interface ConnectorPersistence {
  recordConnectorActivity(
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
  ): void;
  connectorActivities(
    conversationId: string,
    afterSeq: number,
  ): Array<{ seq: number; activity: Record<string, unknown> }>;
}
