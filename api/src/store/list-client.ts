import type { Actor } from "../domain/actor.ts";
import type { BatchRequest, BatchResponse } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { collectionPage, isRecord, recordOf, stringOf } from "../graph/json.ts";
import { readAll } from "../graph/paging.ts";
import type { Filter, OrderBy } from "./odata.ts";
import { type FieldsOf, type ListKey, listSchema, type ReadFieldsOf, SCHEMA } from "./schema.ts";
import { NotFoundError, translateGraphError } from "./store-errors.ts";

/**
 * Typed access to one SharePoint list through Graph: reads with
 * expand=fields, paged, each item's fields read against the schema; writes
 * only the fields the schema defines, with the ETag that was read.
 */

/** Who last changed an item, as Graph's identitySet gives it. */
export interface ModifiedBy {
  user?: { displayName?: string; id?: string };
  application?: { displayName?: string };
}

export interface ListItem<K extends ListKey = ListKey> {
  id: string;
  eTag: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  lastModifiedBy?: ModifiedBy;
  fields: ReadFieldsOf<K>;
}

/** What a decoder needs of an item: read back from a query, or just written (id, ETag, fields). */
export interface StoredItem<K extends ListKey> {
  id: string;
  eTag: string;
  createdDateTime?: string;
  fields: ReadFieldsOf<K>;
}

/** An item's fields as stored, whatever list: for history and diagnostics. */
export type RawFields = Record<string, unknown>;

export interface ItemQuery<K extends ListKey> {
  filter?: Filter<K>;
  orderBy?: OrderBy<K>;
  /** Page size; every page is followed. */
  top?: number;
  /** Rows marked removed too (kommunledningskontoret's list of removed records); left out otherwise. */
  includeRemoved?: boolean;
}

/** Whether a row is marked removed (see `removalColumns` in schema.ts). */
export function isRemovedRow(item: { fields: object }): boolean {
  return Boolean(stringOf(item.fields, "removedAt"));
}

/** The fields that say who made a change, written with the change itself. */
export function editorFields(by: Actor): Record<string, string> {
  return { editorId: by.id, editorName: by.name, editorEmail: by.email };
}

/**
 * The fields of one item of list K, kept only where the value has the
 * column's JSON type (a column edited by hand in SharePoint can hold
 * anything). The one place a read value is declared to have the schema's
 * shape: each kept value was checked against its column just above.
 */
export function readFields<K extends ListKey>(key: K, raw: RawFields): ReadFieldsOf<K> {
  const fields: Record<string, unknown> = {};
  if (typeof raw.Title === "string") fields.Title = raw.Title;
  for (const column of SCHEMA[key].columns) {
    const name = column.type.kind === "lookup" ? `${column.name}LookupId` : column.name;
    const value = raw[name];
    const wanted =
      column.type.kind === "number"
        ? "number"
        : column.type.kind === "boolean"
          ? "boolean"
          : "string";
    if (typeof value === wanted) fields[name] = value;
    // SharePoint may answer a lookup id as a number: kept as the string it usually is.
    else if (column.type.kind === "lookup" && typeof value === "number")
      fields[name] = String(value);
  }
  return fields as ReadFieldsOf<K>;
}

function modifiedByOf(raw: Record<string, unknown>): ModifiedBy | undefined {
  const by = recordOf(raw, "lastModifiedBy");
  if (!by) return undefined;
  const user = recordOf(by, "user");
  const application = recordOf(by, "application");
  return {
    ...(user
      ? {
          user: {
            ...(stringOf(user, "displayName") !== undefined
              ? { displayName: stringOf(user, "displayName") }
              : {}),
            ...(stringOf(user, "id") !== undefined ? { id: stringOf(user, "id") } : {}),
          },
        }
      : {}),
    ...(application
      ? { application: { displayName: stringOf(application, "displayName") ?? "" } }
      : {}),
  };
}

/** A list item from Graph's JSON, or undefined when it is not one. */
export function listItemOf<K extends ListKey>(key: K, raw: unknown): ListItem<K> | undefined {
  if (!isRecord(raw)) return undefined;
  const id = stringOf(raw, "id");
  const fields = recordOf(raw, "fields");
  if (id === undefined || !fields) return undefined;
  const modifiedBy = modifiedByOf(raw);
  return {
    id,
    eTag:
      stringOf(raw, "eTag") ??
      stringOf(raw, "@odata.etag") ??
      stringOf(fields, "@odata.etag") ??
      "",
    createdDateTime: stringOf(raw, "createdDateTime") ?? "",
    lastModifiedDateTime: stringOf(raw, "lastModifiedDateTime") ?? "",
    ...(modifiedBy ? { lastModifiedBy: modifiedBy } : {}),
    fields: readFields(key, fields),
  };
}

/** Resolves the app's lists to their ids once per store (one Graph call). */
export class ListDirectory {
  private ids: Promise<Map<string, string>> | undefined;
  private readonly access: GraphAccess;
  private readonly site: string;

  constructor(access: GraphAccess, site: string) {
    this.access = access;
    this.site = site;
  }

  async idOf(key: ListKey): Promise<string> {
    const displayName = listSchema(key).displayName;
    const id = (await this.load()).get(displayName.toLowerCase());
    if (!id) throw new Error(`Listan ${displayName} finns inte; kör npm run provision.`);
    return id;
  }

  async idByDisplayName(displayName: string): Promise<string | undefined> {
    return (await this.load()).get(displayName.toLowerCase());
  }

  forget(): void {
    this.ids = undefined;
  }

  private load(): Promise<Map<string, string>> {
    this.ids ??= readAll(this.access, `${this.site}/lists?$select=id,displayName`, (list) => {
      const id = stringOf(list, "id");
      const displayName = stringOf(list, "displayName");
      return id && displayName ? ([displayName.toLowerCase(), id] as const) : undefined;
    }).then(
      (lists) => new Map(lists),
      (error: unknown) => {
        this.ids = undefined;
        throw error;
      },
    );
    return this.ids;
  }
}

/** One version of an item, from SharePoint's version history. */
export interface ItemVersion {
  id: string;
  lastModifiedDateTime: string;
  lastModifiedBy?: ModifiedBy;
  fields: RawFields;
}

export class ListClient<K extends ListKey> {
  readonly key: K;
  protected readonly access: GraphAccess;
  protected readonly site: string;
  protected readonly directory: ListDirectory;
  readonly what: string;
  /** Told after every write, whatever its outcome: the store's read model forgets what it held. */
  private readonly written: () => void;

  constructor(
    access: GraphAccess,
    site: string,
    directory: ListDirectory,
    key: K,
    what: string,
    written: () => void = () => {},
  ) {
    this.access = access;
    this.site = site;
    this.directory = directory;
    this.key = key;
    this.what = what;
    this.written = written;
  }

  async itemsUrl(): Promise<string> {
    return `${this.site}/lists/${await this.directory.idOf(this.key)}/items`;
  }

  /** The URL of a query, relative to the Graph version root (for batches and paging). */
  async queryUrl(query: ItemQuery<K> = {}): Promise<string> {
    // Graph's largest page: a nämnd's rows usually come in one round trip.
    const parts = ["$expand=fields", `$top=${query.top ?? 5000}`];
    if (query.filter) parts.push(`$filter=${encodeURIComponent(query.filter)}`);
    if (query.orderBy) parts.push(`$orderby=${encodeURIComponent(query.orderBy)}`);
    return `${await this.itemsUrl()}?${parts.join("&")}`;
  }

  private item(raw: unknown): ListItem<K> {
    const item = listItemOf(this.key, raw);
    if (!item)
      throw new Error(`Graph answered ${this.what} with something that is not a list item`);
    return item;
  }

  /**
   * Every read passes through here: rows marked removed are left out unless
   * the caller asks for them, so no list, report, reminder or export shows one.
   */
  protected kept(item: ListItem<K> | undefined, includeRemoved = false): ListItem<K> | undefined {
    return item && (includeRemoved || !isRemovedRow(item)) ? item : undefined;
  }

  async query(query: ItemQuery<K> = {}): Promise<ListItem<K>[]> {
    return readAll(this.access, await this.queryUrl(query), (raw) =>
      this.kept(listItemOf(this.key, raw), query.includeRemoved),
    );
  }

  /** Pages beyond a batched query's first one. */
  async readFrom(nextLink: string, includeRemoved = false): Promise<ListItem<K>[]> {
    return readAll(this.access, nextLink, (raw) =>
      this.kept(listItemOf(this.key, raw), includeRemoved),
    );
  }

  async queryRequest(id: string, query: ItemQuery<K> = {}): Promise<BatchRequest> {
    return { id, method: "GET", url: await this.queryUrl(query) };
  }

  async getRequest(id: string, itemId: string): Promise<BatchRequest> {
    return {
      id,
      method: "GET",
      url: `${await this.itemsUrl()}/${encodeURIComponent(itemId)}?$expand=fields`,
    };
  }

  /** A create to send in a batch under `id`; the answer is the new item (201). */
  async createRequest(id: string, fields: FieldsOf<K>, by: Actor): Promise<BatchRequest> {
    return {
      id,
      method: "POST",
      url: await this.itemsUrl(),
      body: { fields: { ...fields, ...editorFields(by) } },
    };
  }

  /** An update to send in a batch under `id`, with If-Match: the version that was read. */
  async updateRequest(
    id: string,
    itemId: string,
    eTag: string,
    fields: FieldsOf<K>,
    by: Actor,
  ): Promise<BatchRequest> {
    return {
      id,
      method: "PATCH",
      url: `${await this.itemsUrl()}/${encodeURIComponent(itemId)}/fields`,
      headers: { "If-Match": eTag },
      body: { ...fields, ...editorFields(by) },
    };
  }

  /**
   * A create (no `itemId`) or an update sent in a batch, as it was answered:
   * the row written, or undefined when it lost a race (409: created
   * meanwhile; 412: changed meanwhile), so the caller reads it again.
   */
  writtenInBatch(
    itemId: string | undefined,
    response: BatchResponse | undefined,
  ): StoredItem<K> | undefined {
    this.written();
    const status = response?.status;
    if (status === 409 || status === 412) return undefined;
    if (!response || (status !== 200 && status !== 201)) {
      throw new Error(`${this.what} kunde inte sparas (HTTP ${status ?? "?"})`);
    }
    if (itemId === undefined) return this.item(response.body);
    return { id: itemId, ...this.patched(response.body) };
  }

  /** A PATCH of an item's fields as answered: the fields written, with the new ETag. */
  private patched(answer: unknown): { eTag: string; fields: ReadFieldsOf<K> } {
    const written = isRecord(answer) ? answer : {};
    return {
      eTag: stringOf(written, "@odata.etag") ?? "",
      fields: readFields(this.key, written),
    };
  }

  /** One item; a row marked removed answers as a missing one unless asked for. */
  async get(itemId: string, options: { includeRemoved?: boolean } = {}): Promise<ListItem<K>> {
    let item: ListItem<K>;
    try {
      item = this.item(
        await this.access.client
          .api(`${await this.itemsUrl()}/${encodeURIComponent(itemId)}?$expand=fields`)
          .get(),
      );
    } catch (error) {
      throw translateGraphError(error, this.what);
    }
    const kept = this.kept(item, options.includeRemoved);
    if (!kept) throw new NotFoundError(this.what);
    return kept;
  }

  /** A new row, written with who made it. */
  async create(fields: FieldsOf<K>, by: Actor): Promise<ListItem<K>> {
    try {
      return this.item(
        await this.access.client
          .api(await this.itemsUrl())
          .post({ fields: { ...fields, ...editorFields(by) } }),
      );
    } catch (error) {
      throw translateGraphError(error, this.what);
    } finally {
      this.written();
    }
  }

  /**
   * PATCH with If-Match, written with who made the change; the answer carries
   * the new ETag, so no second read is needed.
   */
  async update(
    itemId: string,
    eTag: string,
    fields: FieldsOf<K>,
    by: Actor,
  ): Promise<{ eTag: string; fields: ReadFieldsOf<K> }> {
    try {
      const result: unknown = await this.access.client
        .api(`${await this.itemsUrl()}/${encodeURIComponent(itemId)}/fields`)
        .header("If-Match", eTag)
        .patch({ ...fields, ...editorFields(by) });
      return this.patched(result);
    } catch (error) {
      throw translateGraphError(error, this.what);
    } finally {
      this.written();
    }
  }

  async delete(itemId: string, eTag: string): Promise<void> {
    try {
      await this.access.client
        .api(`${await this.itemsUrl()}/${encodeURIComponent(itemId)}`)
        .header("If-Match", eTag)
        .delete();
    } catch (error) {
      throw translateGraphError(error, this.what);
    } finally {
      this.written();
    }
  }

  async versions(itemId: string): Promise<ItemVersion[]> {
    try {
      return await readAll(
        this.access,
        `${await this.itemsUrl()}/${encodeURIComponent(itemId)}/versions?$expand=fields`,
        (raw): ItemVersion | undefined => {
          const id = stringOf(raw, "id");
          const fields = recordOf(raw, "fields");
          if (id === undefined || !fields || !isRecord(raw)) return undefined;
          const modifiedBy = modifiedByOf(raw);
          return {
            id,
            lastModifiedDateTime: stringOf(raw, "lastModifiedDateTime") ?? "",
            ...(modifiedBy ? { lastModifiedBy: modifiedBy } : {}),
            fields,
          };
        },
      );
    } catch (error) {
      throw translateGraphError(error, this.what);
    }
  }

  /** The items of this list's batched query answer, or an error naming the list. */
  batchItems(
    response: BatchResponse | undefined,
    includeRemoved = false,
  ): {
    items: ListItem<K>[];
    nextLink: string | undefined;
  } {
    if (response?.status !== 200) {
      throw new Error(`Läsningen av ${this.what} misslyckades (HTTP ${response?.status ?? "?"})`);
    }
    const page = collectionPage(response.body);
    return {
      items: page.value.flatMap((raw) => this.kept(this.item(raw), includeRemoved) ?? []),
      nextLink: page.nextLink,
    };
  }

  /** One item of a batched get, or undefined when it was not found (or is marked removed, unless asked for). */
  batchItem(response: BatchResponse | undefined, includeRemoved = false): ListItem<K> | undefined {
    return response?.status === 200
      ? this.kept(listItemOf(this.key, response.body), includeRemoved)
      : undefined;
  }
}
