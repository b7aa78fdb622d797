import { type FilterNode, type Literal, parseFilter } from "@avtalsuppfoljning/local-graph/odata";
import type { GraphAccess } from "../api/src/graph/graph-client-factory.ts";
import { readAll } from "../api/src/graph/paging.ts";
import { AppStore, type CycleData, type KommunData } from "../api/src/store/app-store.ts";
import {
  type ItemQuery,
  ListClient,
  type ListItem,
  listItemOf,
} from "../api/src/store/list-client.ts";
import {
  decodeDeficiency,
  decodeFollowUp,
  decodeKickoff,
  decodePlan,
} from "../api/src/store/mappers.ts";
import type { ListKey } from "../api/src/store/schema.ts";

/**
 * The baseline the benchmark compares with: the same app over a store that
 * does what straightforward code does — read every list whole, page by page
 * at Graph's default page size, one request after another, and filter in
 * memory. Same routes, same documents; only the reads differ.
 */

function literalValue(literal: Literal): unknown {
  return literal.kind === "null" ? null : literal.value;
}

function compare(actual: unknown, operator: string, expected: unknown): boolean {
  const a = typeof actual === "string" && typeof expected === "number" ? Number(actual) : actual;
  switch (operator) {
    case "eq":
      return a === expected;
    case "ne":
      return a !== expected;
    case "lt":
      return (a as number) < (expected as number);
    case "le":
      return (a as number) <= (expected as number);
    case "gt":
      return (a as number) > (expected as number);
    default:
      return (a as number) >= (expected as number);
  }
}

function matches(node: FilterNode, fields: object): boolean {
  switch (node.kind) {
    case "and":
      return matches(node.left, fields) && matches(node.right, fields);
    case "or":
      return matches(node.left, fields) || matches(node.right, fields);
    case "startswith":
      return String(Reflect.get(fields, node.field.name) ?? "").startsWith(node.value);
    default:
      return compare(Reflect.get(fields, node.field.name), node.operator, literalValue(node.value));
  }
}

/** Reads the whole list page by page at Graph's default page size, then filters in memory. */
class NaiveListClient<K extends ListKey> extends ListClient<K> {
  override async query(query: ItemQuery<K> = {}): Promise<ListItem<K>[]> {
    const all = await readAll(this.access, `${await this.itemsUrl()}?$expand=fields`, (raw) =>
      this.kept(listItemOf(this.key, raw), query.includeRemoved),
    );
    if (!query.filter) return all;
    const filter = parseFilter(query.filter);
    return all.filter((item) => matches(filter, item.fields));
  }
}

export class NaiveAppStore extends AppStore {
  constructor(access: GraphAccess, siteRef: string) {
    super(access, siteRef, {
      listClient: (parts) =>
        new NaiveListClient(parts.access, parts.site, parts.directory, parts.key, parts.what),
    });
  }

  /** No copy kept by delta: the kommun's lists read whole every time (the KS compilation, the scan). */
  override async currentCycleData(): Promise<KommunData> {
    const data = await this.cycleData();
    return { ...data, deviations: await this.deviations({}) };
  }

  /** No shared read model: every screen reads afresh. */
  override cycleView(committeeId?: string): Promise<CycleData> {
    return committeeId ? this.cycleData(committeeId) : this.currentCycleData();
  }

  override kommunView(): Promise<KommunData> {
    return this.currentCycleData();
  }

  /** Every list in turn, whole; the nämnd's rows picked out in memory. */
  override async cycleData(committeeId?: string): Promise<CycleData> {
    const mine = <T extends { committeeId: string }>(rows: T[]) =>
      committeeId ? rows.filter((row) => row.committeeId === committeeId) : rows;
    const settings = await this.settings();
    const committees = await this.committees();
    const contracts = (await this.allContracts()).filter(
      (contract) =>
        !committeeId ||
        contract.committeeId === committeeId ||
        contract.sharedWithCommitteeIds.includes(committeeId),
    );
    const plans = mine((await this.records("plans").query()).map(decodePlan));
    const kickoffs = mine((await this.records("kickoffs").query()).map(decodeKickoff));
    const followUps = mine((await this.records("followUps").query()).map(decodeFollowUp));
    const deficiencies = mine((await this.records("deficiencies").query()).map(decodeDeficiency));
    const reports = mine(await this.reports());
    const providers = await this.providerRegister();
    return {
      settings,
      committees,
      contracts,
      plans,
      kickoffs,
      followUps,
      deficiencies,
      reports,
      providers,
    };
  }
}
