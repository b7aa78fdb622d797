import type { BatchRequest, BatchResponse } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { isRecord, numberOf, recordOf, stringOf } from "../graph/json.ts";
import { isRemovedRow, type ListClient, type ListItem, listItemOf } from "./list-client.ts";
import type { ListKey } from "./schema.ts";

/**
 * A copy of one whole list kept current with Graph's `items/delta`
 * (GRAPH-FACTS §8): the first round reads every item (2 RU a page), later
 * rounds with the delta link's token only what changed since (1 RU a page).
 * Deleted items come with a `deleted` facet and leave the copy; an item may
 * come more than once, the last one counts. A token SharePoint no longer
 * knows (410 resyncRequired) starts a full read again, so the copy is never
 * patched onto a gap.
 *
 * The delta link lives here, in memory beside the items it describes: a
 * link without the copy it was taken for is worth nothing, so a restarted
 * app reads whole once and goes on from there.
 */

/** The page size asked for; SharePoint's largest. */
const PAGE_SIZE = 5000;

export interface MirrorRound {
  /** Items created, changed or deleted in this round (all of them on a full read). */
  changed: number;
  /** Whether the round read the whole list (the first, or after 410). */
  full: boolean;
}

export class ListMirror<K extends ListKey> {
  private readonly access: GraphAccess;
  private readonly client: ListClient<K>;
  private items = new Map<string, ListItem<K>>();
  private deltaLink: string | undefined;
  /** Bumped whenever the copy changes, so derived values know when to be made again. */
  private version = 0;

  constructor(access: GraphAccess, client: ListClient<K>) {
    this.access = access;
    this.client = client;
  }

  get key(): K {
    return this.client.key;
  }

  /** Changes on every round that changed something. */
  get revision(): number {
    return this.version;
  }

  /** The items, in the order of their ids (as a query would list them). */
  values(): ListItem<K>[] {
    return [...this.items.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** The round's first request, to be sent in a batch under `id`. */
  async request(id: string): Promise<BatchRequest> {
    return { id, method: "GET", url: this.deltaLink ?? (await this.startUrl()) };
  }

  /** Applies the batched answer to `request`, reading any further pages on its own. */
  async apply(response: BatchResponse | undefined): Promise<MirrorRound> {
    if (response?.status === 410) return this.readWhole();
    if (response?.status !== 200) {
      throw new Error(
        `Läsningen av ändringar i ${this.client.what} misslyckades (HTTP ${response?.status ?? "?"})`,
      );
    }
    const full = this.deltaLink === undefined;
    if (full) this.items = new Map();
    return { full, changed: await this.follow(response.body, full) };
  }

  /** One round on its own (outside a batch). */
  async sync(): Promise<MirrorRound> {
    if (!this.deltaLink) return this.readWhole();
    try {
      const body: unknown = await this.access.client
        .api(this.access.relative(this.deltaLink))
        .get();
      return { full: false, changed: await this.follow(body, false) };
    } catch (error) {
      if (statusOf(error) === 410) return this.readWhole();
      throw error;
    }
  }

  /** Reads the list whole again: the first round, or after SharePoint forgot the token. */
  private async readWhole(): Promise<MirrorRound> {
    this.deltaLink = undefined;
    this.items = new Map();
    const body: unknown = await this.access.client.api(await this.startUrl()).get();
    return { full: true, changed: await this.follow(body, true) };
  }

  private async startUrl(): Promise<string> {
    return `${await this.client.itemsUrl()}/delta?$expand=fields&$top=${PAGE_SIZE}`;
  }

  /** Applies a page and the pages after it; keeps the delta link of the last. */
  private async follow(first: unknown, full: boolean): Promise<number> {
    let changed = 0;
    for (let body = first; ; ) {
      if (!isRecord(body) || !Array.isArray(body.value))
        throw new Error(`Graph answered the changes in ${this.client.what} with no list of items`);
      for (const raw of body.value) changed += this.applyItem(raw) ? 1 : 0;
      const next = stringOf(body, "@odata.nextLink");
      if (next) {
        body = await this.access.client.api(this.access.relative(next)).get();
        continue;
      }
      const deltaLink = stringOf(body, "@odata.deltaLink");
      if (!deltaLink)
        throw new Error(`Graph ended the changes in ${this.client.what} without a delta link`);
      this.deltaLink = this.access.relative(deltaLink);
      if (changed > 0 || full) this.version += 1;
      return changed;
    }
  }

  private applyItem(raw: unknown): boolean {
    const id = stringOf(raw, "id");
    if (id === undefined) return false;
    if (recordOf(raw, "deleted")) return this.items.delete(id);
    const item = listItemOf(this.client.key, raw);
    if (!item) return false;
    // A record someone removed (marked, not deleted) leaves the copy as a deleted one would.
    if (isRemovedRow(item)) return this.items.delete(id);
    this.items.set(id, item);
    return true;
  }
}

function statusOf(error: unknown): number | undefined {
  return numberOf(error, "statusCode") ?? numberOf(recordOf(error, "response"), "status");
}
