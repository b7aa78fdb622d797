import type { BatchRequest, BatchResponse } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { readAll } from "../graph/paging.ts";
import type { ListKey } from "./schema.ts";
import { listSchema } from "./schema.ts";
import { translateGraphError } from "./store-errors.ts";

/**
 * Typed access to one SharePoint list through Graph: reads with
 * expand=fields(select=…), paged; writes with the ETag that was read.
 */

export type Fields = Record<string, unknown>;

export interface ListItem {
  id: string;
  eTag: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  lastModifiedBy?: {
    user?: { displayName?: string; id?: string };
    application?: { displayName?: string };
  };
  fields: Fields;
}

export interface ItemQuery {
  filter?: string;
  orderBy?: string;
  /** Page size; every page is followed. */
  top?: number;
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
    this.ids ??= readAll<{ id: string; displayName: string }>(
      this.access,
      `${this.site}/lists?$select=id,displayName`,
    ).then(
      (lists) => new Map(lists.map((list) => [list.displayName.toLowerCase(), list.id])),
      (error: unknown) => {
        this.ids = undefined;
        throw error;
      },
    );
    return this.ids;
  }
}

export class ListClient {
  readonly key: ListKey;
  protected readonly access: GraphAccess;
  protected readonly site: string;
  protected readonly directory: ListDirectory;
  readonly what: string;

  constructor(
    access: GraphAccess,
    site: string,
    directory: ListDirectory,
    key: ListKey,
    what: string,
  ) {
    this.access = access;
    this.site = site;
    this.directory = directory;
    this.key = key;
    this.what = what;
  }

  async itemsUrl(): Promise<string> {
    return `${this.site}/lists/${await this.directory.idOf(this.key)}/items`;
  }

  /** The URL of a query, relative to the Graph version root (for batches and paging). */
  async queryUrl(query: ItemQuery = {}): Promise<string> {
    // Graph's largest page: a nämnd's rows usually come in one round trip.
    const parts = ["$expand=fields", `$top=${query.top ?? 5000}`];
    if (query.filter) parts.push(`$filter=${encodeURIComponent(query.filter)}`);
    if (query.orderBy) parts.push(`$orderby=${encodeURIComponent(query.orderBy)}`);
    return `${await this.itemsUrl()}?${parts.join("&")}`;
  }

  async query(query: ItemQuery = {}): Promise<ListItem[]> {
    return readAll<ListItem>(this.access, await this.queryUrl(query));
  }

  async queryRequest(id: string, query: ItemQuery = {}): Promise<BatchRequest> {
    return { id, method: "GET", url: await this.queryUrl(query) };
  }

  async getRequest(id: string, itemId: string): Promise<BatchRequest> {
    return {
      id,
      method: "GET",
      url: `${await this.itemsUrl()}/${encodeURIComponent(itemId)}?$expand=fields`,
    };
  }

  async get(itemId: string): Promise<ListItem> {
    try {
      return (await this.access.client
        .api(`${await this.itemsUrl()}/${encodeURIComponent(itemId)}?$expand=fields`)
        .get()) as ListItem;
    } catch (error) {
      throw translateGraphError(error, this.what);
    }
  }

  async create(fields: Fields): Promise<ListItem> {
    try {
      return (await this.access.client.api(await this.itemsUrl()).post({ fields })) as ListItem;
    } catch (error) {
      throw translateGraphError(error, this.what);
    }
  }

  /** PATCH with If-Match; the answer carries the new ETag, so no second read is needed. */
  async update(
    itemId: string,
    eTag: string,
    fields: Fields,
  ): Promise<{ eTag: string; fields: Fields }> {
    try {
      const result = (await this.access.client
        .api(`${await this.itemsUrl()}/${encodeURIComponent(itemId)}/fields`)
        .header("If-Match", eTag)
        .patch(fields)) as Fields;
      return { eTag: String(result["@odata.etag"]), fields: result };
    } catch (error) {
      throw translateGraphError(error, this.what);
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
    }
  }

  async versions(itemId: string): Promise<
    Array<{
      id: string;
      lastModifiedDateTime: string;
      lastModifiedBy?: ListItem["lastModifiedBy"];
      fields: Fields;
    }>
  > {
    try {
      return await readAll(
        this.access,
        `${await this.itemsUrl()}/${encodeURIComponent(itemId)}/versions?$expand=fields`,
      );
    } catch (error) {
      throw translateGraphError(error, this.what);
    }
  }
}

/** The items of a batched query answer, or an error naming the list. */
export function batchItems(
  response: BatchResponse | undefined,
  what: string,
): { items: ListItem[]; nextLink: string | undefined } {
  if (response?.status !== 200) {
    throw new Error(`Läsningen av ${what} misslyckades (HTTP ${response?.status ?? "?"})`);
  }
  const body = response.body as { value: ListItem[]; "@odata.nextLink"?: string };
  return { items: body.value, nextLink: body["@odata.nextLink"] };
}
