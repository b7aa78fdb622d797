import type { Actor } from "../domain/actor.ts";
import { type Cadence, DEFAULT_CADENCE } from "../domain/cadence.ts";
import { inCommitteeOrder } from "../domain/committee-order.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  ReportRecord,
} from "../domain/model.ts";
import type { ProviderEntry } from "../domain/provider-register.ts";
import { PERIOD_KINDS } from "../domain/reporting-period.ts";
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from "../domain/risk.ts";
import { type BatchRequest, type BatchResponse, sendBatch } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { isOneOf, stringOf } from "../graph/json.ts";
import { CYCLE_LISTS, CycleMirror, committeeSlice } from "./cycle-mirror.ts";
import { EvidenceLibrary } from "./evidence-library.ts";
import {
  editorFields,
  type ItemQuery,
  isRemovedRow,
  ListClient,
  ListDirectory,
  type ListItem,
  type RawFields,
  type StoredItem,
} from "./list-client.ts";
import {
  decodeCommittee,
  decodeContract,
  decodeDeficiency,
  decodeDeviation,
  decodeFollowUp,
  decodeKickoff,
  decodePlan,
  decodeProviderEntry,
  decodeReport,
  encodeProviderEntry,
} from "./mappers.ts";
import {
  byCommittee,
  byRelation,
  filterOf,
  type ListWithCommittee,
  type ListWithContract,
  removedRows,
} from "./odata.ts";
import { ReadModel } from "./read-model.ts";
import { ReminderLog } from "./reminder-log.ts";
import {
  RISK_SETTING_KEYS,
  type RiskSettingKey,
  type RiskSettingRows,
  riskCadenceSetting,
  riskMatrixSetting,
} from "./risk-settings.ts";
import {
  type FieldsOf,
  type HistoryListKey,
  type ListKey,
  REMOVABLE_LISTS,
  type ReadFieldsOf,
  type RemovableListKey,
} from "./schema.ts";
import { ConflictError, DuplicateError } from "./store-errors.ts";

/**
 * The app's data in SharePoint, as typed repositories over the Graph client.
 * Screens that need several lists read them in one `$batch`; every read that
 * can grow is paged; writes carry the ETag that was read. Nothing outside
 * the store names a list's fields: callers use these methods.
 */

export interface Settings extends Municipality {
  /** Kommunledningskontoret's group: its members see every nämnd. */
  klkGroupId: string;
  /** The internal-control risk matrix (setting `riskMatrix`, JSON). */
  riskMatrix: RiskMatrix;
  /** Follow-up intervals per risk level (setting `riskCadence`, JSON). */
  riskCadence: Cadence;
  /** The nämnder (ids) whose reports list their evidence (setting `reportEvidence:<id>` = ja). */
  reportEvidence: ReadonlySet<string>;
  /** The kommun's own layout of the reporting-system export (JSON), if any. */
}

const DEFAULT_SETTINGS: Settings = {
  name: "Kommunen",
  defaultPeriodKind: "july-june",
  noticeMonths: 3,
  klkGroupId: "",
  riskMatrix: DEFAULT_RISK_MATRIX,
  riskCadence: DEFAULT_CADENCE,
  reportEvidence: new Set(),
};

/** Everything the årshjul and the dashboard need about some nämnder. */
export interface CycleData {
  settings: Settings;
  committees: Committee[];
  contracts: Contract[];
  plans: FollowUpPlan[];
  kickoffs: KickoffMeeting[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  reports: ReportRecord[];
  /** The kommun's provider register (Leverantörer), whole. */
  providers: ProviderEntry[];
}

/**
 * The whole kommun's copy (kept current by delta): the årshjul's data and
 * every nämnd's deviations, which the risk suggestions weigh. Removed
 * deviations are not in it, as no removed record is.
 */
export interface KommunData extends CycleData {
  deviations: Deviation[];
}

/** The nämnd's records: one list each, read and written alike by the records API. */
export type RecordListKey = "plans" | "kickoffs" | "deviations" | "followUps" | "deficiencies";

/** The lists an import writes to. */
export type ImportListKey = "contracts" | "followUps" | "deficiencies";

/** One version of an item's change history, as stored (the presenter makes it readable). */
export interface StoredHistoryEntry {
  version: string;
  modified: string;
  /** The name of who made the change (see `by`). */
  modifiedBy: string;
  /** Who made the change, from the editor columns written with it. */
  by: Actor;
  /** The first version: the row was created. */
  created: boolean;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
}

/** A row marked removed, for kommunledningskontoret's list of removed records. */
export interface RemovedRow {
  list: RemovableListKey;
  id: string;
  eTag: string;
  title: string;
  committeeId: string;
  contractId: string;
  /** A deficiency's follow-up and deviation (empty otherwise): restored only while they are not removed. */
  followUpId: string;
  deviationId: string;
  removedAt: string;
  removedBy: { id: string; name: string };
  reason: string;
}

const WHAT: Record<ListKey, string> = {
  settings: "Inställningen",
  committees: "Nämnden",
  contracts: "Avtalet",
  contractShares: "Avtalsdelen",
  plans: "Uppföljningsplanen",
  kickoffs: "Uppstartsmötet",
  deviations: "Avvikelsen",
  followUps: "Uppföljningen",
  deficiencies: "Bristen",
  reminders: "Påminnelsen",
  reports: "Rapporten",
  providers: "Leverantören",
};

const CACHE_MS = 60_000;

/**
 * How long the screens' shared read model serves a nämnd before reading it
 * again. The app's own writes clear it at once; this bounds how late a change
 * made elsewhere (SharePoint itself, another instance of the app) shows.
 */
export const READ_MODEL_MS = 60_000;

/** The lists the read model holds rows of: a write to any of them clears it. */
const READ_MODEL_LISTS: ReadonlySet<ListKey> = new Set<ListKey>(CYCLE_LISTS);

/** A query sent inside a batch, read (all its pages) once the batch is back. */
interface BatchedQuery<K extends ListKey> {
  request: BatchRequest;
  first(responses: Map<string, BatchResponse>): {
    items: ListItem<K>[];
    rest: () => Promise<ListItem<K>[]>;
  };
}

/** How a list client is made; the benchmark's naive baseline makes its own. */
export interface AppStoreOptions {
  listClient?: <K extends ListKey>(parts: ListClientParts<K>) => ListClient<K>;
  /** The read model's clock, in milliseconds since the epoch (a benchmark runs it faster). */
  clock?: () => number;
}

export interface ListClientParts<K extends ListKey> {
  access: GraphAccess;
  site: string;
  directory: ListDirectory;
  key: K;
  what: string;
  /** To be called after every write to the list. */
  written: () => void;
}

function defaultListClient<K extends ListKey>(parts: ListClientParts<K>): ListClient<K> {
  return new ListClient(
    parts.access,
    parts.site,
    parts.directory,
    parts.key,
    parts.what,
    parts.written,
  );
}

export class AppStore {
  readonly access: GraphAccess;
  readonly site: string;
  readonly directory: ListDirectory;
  /** Evidence files in the nämnder's libraries. */
  readonly evidence: EvidenceLibrary;
  /** Påminnelser, in the steps that make posting exactly-once. */
  readonly reminders: ReminderLog;
  private readonly lists: { [K in ListKey]: ListClient<K> };
  private committeeCache: { at: number; value: Promise<Committee[]> } | undefined;
  private settingsCache: { at: number; value: Promise<Settings> } | undefined;
  private removalCount = 0;
  /** Per nämnd: what the screens show, shared for a little while. */
  private readonly views: ReadModel<CycleData>;
  /** The whole kommun (one entry), for the KS overview and everything weighed across nämnder. */
  private readonly kommun: ReadModel<KommunData>;
  /** The whole kommun, kept current with items/delta. */
  private readonly mirror: CycleMirror;

  constructor(access: GraphAccess, siteRef: string, options: AppStoreOptions = {}) {
    this.access = access;
    this.site = `/sites/${siteRef}`;
    this.directory = new ListDirectory(access, this.site);
    this.evidence = new EvidenceLibrary(access, this.site, this.directory);
    // The whole kommun ("") is refreshed by delta; a nämnd is its part of that copy once the
    // copy is warm (the server warms it at start), before that its own indexed queries.
    const lifetime = { ttlMs: READ_MODEL_MS, ...(options.clock ? { now: options.clock } : {}) };
    this.views = new ReadModel((key) => this.committeeView(key), lifetime);
    this.kommun = new ReadModel(() => this.currentCycleData(), lifetime);
    const make = options.listClient ?? defaultListClient;
    const forget = () => {
      this.views.invalidate();
      this.kommun.invalidate();
    };
    const client = <K extends ListKey>(key: K) =>
      make({
        access,
        site: this.site,
        directory: this.directory,
        key,
        what: WHAT[key],
        written: READ_MODEL_LISTS.has(key) ? forget : () => {},
      });
    this.lists = {
      settings: client("settings"),
      committees: client("committees"),
      contracts: client("contracts"),
      contractShares: client("contractShares"),
      plans: client("plans"),
      kickoffs: client("kickoffs"),
      deviations: client("deviations"),
      followUps: client("followUps"),
      deficiencies: client("deficiencies"),
      reminders: client("reminders"),
      reports: client("reports"),
      providers: client("providers"),
    };
    this.reminders = new ReminderLog(this.lists.reminders);
    this.mirror = new CycleMirror(access, this.lists, decodeSettings);
  }

  /** One of the nämnd's record lists (plans, kickoffs, deviations, follow-ups, deficiencies). */
  records<K extends RecordListKey>(key: K): ListClient<K> {
    return this.lists[key];
  }

  /** Forgets cached committees, settings and the read model (after they change). */
  invalidate(): void {
    this.committeeCache = undefined;
    this.settingsCache = undefined;
    this.views.invalidate();
    this.kommun.invalidate();
  }

  // Settings and committees change rarely and are small: cached briefly.

  settings(): Promise<Settings> {
    if (!this.settingsCache || Date.now() - this.settingsCache.at > CACHE_MS) {
      this.settingsCache = {
        at: Date.now(),
        value: this.lists.settings.query().then(decodeSettings),
      };
      this.settingsCache.value.catch(() => {
        this.settingsCache = undefined;
      });
    }
    return this.settingsCache.value;
  }

  committees(): Promise<Committee[]> {
    if (!this.committeeCache || Date.now() - this.committeeCache.at > CACHE_MS) {
      this.committeeCache = {
        at: Date.now(),
        value: this.lists.committees
          .query()
          .then((items) => inCommitteeOrder(items.map(decodeCommittee))),
      };
      this.committeeCache.value.catch(() => {
        this.committeeCache = undefined;
      });
    }
    return this.committeeCache.value;
  }

  async committee(id: string): Promise<Committee | undefined> {
    return (await this.committees()).find((committee) => committee.id === id);
  }

  /** Whether any nämnd exists yet (the demo data loads only into an empty register). */
  async hasCommittees(): Promise<boolean> {
    return (await this.lists.committees.query({ top: 1 })).length > 0;
  }

  /** The channel (and team) where a nämnd's reminders go, set with the row's current ETag. */
  async linkChannel(
    committeeId: string,
    channel: { channelId: string; teamId: string },
    by: Actor,
  ) {
    const current = await this.lists.committees.get(committeeId);
    await this.lists.committees.update(committeeId, current.eTag, channel, by);
    this.invalidate();
  }

  /** One setting as stored now (for settings read rarely, where a cached value would surprise). */
  async setting(key: string): Promise<string | undefined> {
    const [item] = await this.lists.settings.query({
      filter: filterOf("settings").eq("settingKey", key),
    });
    return item?.fields.settingValue;
  }

  async setSetting(key: string, value: string, by: Actor): Promise<void> {
    const client = this.lists.settings;
    const [existing] = await client.query({
      filter: filterOf("settings").eq("settingKey", key),
    });
    if (existing) await client.update(existing.id, existing.eTag, { settingValue: value }, by);
    else await client.create({ Title: key, settingKey: key, settingValue: value }, by);
    this.settingsCache = undefined;
  }

  /** The risk matrix and cadence rows of Inställningar as stored now, with their ETags. */
  async riskSettingRows(): Promise<RiskSettingRows> {
    const rows: RiskSettingRows = {};
    for (const item of await this.lists.settings.query()) {
      const key = item.fields.settingKey;
      if (key === "riskMatrix" || key === "riskCadence") {
        rows[key] = { id: item.id, eTag: item.eTag, value: item.fields.settingValue ?? "" };
      }
    }
    return rows;
  }

  /**
   * Writes the risk settings over the rows read (each at its ETag, so a
   * change made meanwhile is refused as a conflict), creating a missing row;
   * an unchanged value is not written. The caches are forgotten, so the
   * writer's next read (the kommun copy included) has the new values.
   * SharePoint has no transaction over two items: should the second row be
   * refused as changed meanwhile, the first is saved and the person is shown
   * the version now stored (412) to save again from.
   */
  async saveRiskSettings(
    rows: RiskSettingRows,
    values: Record<RiskSettingKey, string>,
    by: Actor,
  ): Promise<void> {
    const client = this.lists.settings;
    try {
      for (const key of RISK_SETTING_KEYS) {
        const row = rows[key];
        if (row?.value === values[key]) continue;
        if (row) await client.update(row.id, row.eTag, { settingValue: values[key] }, by);
        else await client.create({ Title: key, settingKey: key, settingValue: values[key] }, by);
      }
    } catch (error) {
      // Created by someone else meanwhile (the key is unique): the same as a changed row.
      if (error instanceof DuplicateError) throw new ConflictError();
      throw error;
    } finally {
      this.invalidate();
    }
  }

  // Contracts

  /** Shares: which other nämnder report a part of which contract. */
  private async sharesByContract(
    items?: ListItem<"contractShares">[],
  ): Promise<Map<string, string[]>> {
    const shares = items ?? (await this.lists.contractShares.query());
    const byContract = new Map<string, string[]>();
    for (const share of shares) {
      const contractId = share.fields.contractLookupId ?? "";
      const committeeId = share.fields.committeeLookupId ?? "";
      if (!contractId || !committeeId) continue;
      byContract.set(contractId, [...(byContract.get(contractId) ?? []), committeeId]);
    }
    return byContract;
  }

  async contract(id: string): Promise<Contract> {
    const [item, shares] = await Promise.all([
      this.lists.contracts.get(id),
      this.lists.contractShares.query({
        filter: filterOf("contractShares").eq("contractLookupId", Number(id)),
      }),
    ]);
    return decodeContract(
      item,
      shares.map((share) => share.fields.committeeLookupId ?? ""),
    );
  }

  /** A new contract's row; its shares follow with `setShares`. */
  async createContract(fields: FieldsOf<"contracts">, by: Actor): Promise<ListItem<"contracts">> {
    return this.lists.contracts.create(fields, by);
  }

  /** A contract's row changed at the version read (If-Match). */
  async updateContract(
    id: string,
    eTag: string,
    fields: FieldsOf<"contracts">,
    by: Actor,
  ): Promise<{ eTag: string; fields: ReadFieldsOf<"contracts"> }> {
    return this.lists.contracts.update(id, eTag, fields, by);
  }

  /** How many of a nämnd's contracts are strategic and not ended (for the >10 warning). */
  async strategicCount(committeeId: string): Promise<number> {
    const where = filterOf("contracts");
    const strategic = await this.lists.contracts.query({
      filter: where.and(
        where.eq("committeeLookupId", Number(committeeId)),
        where.eq("strategic", true),
      ),
    });
    return strategic.filter((item) => item.fields.status !== "avslutat").length;
  }

  /**
   * Every contract's number (and name), for the case-insensitive uniqueness
   * check — removed ones too: their row keeps the number (it may be restored).
   */
  async contractNumbers(): Promise<
    Array<{ id: string; contractNumber: string; title: string; removed: boolean }>
  > {
    return (await this.lists.contracts.query({ includeRemoved: true })).map((item) => ({
      id: item.id,
      contractNumber: item.fields.contractNumber ?? "",
      title: item.fields.Title ?? "",
      removed: isRemovedRow(item),
    }));
  }

  /** Sets which other nämnder share a contract: adds and removes share rows. */
  async setShares(contractId: string, committeeIds: string[], by: Actor): Promise<void> {
    const client = this.lists.contractShares;
    const current = await client.query({
      filter: filterOf("contractShares").eq("contractLookupId", Number(contractId)),
    });
    const wanted = new Set(committeeIds);
    for (const share of current) {
      const committeeId = share.fields.committeeLookupId ?? "";
      if (!wanted.has(committeeId)) await client.delete(share.id, share.eTag);
      wanted.delete(committeeId);
    }
    for (const committeeId of wanted) {
      await client.create(
        {
          shareKey: `${contractId}|${committeeId}`,
          contractLookupId: Number(contractId),
          committeeLookupId: Number(committeeId),
        },
        by,
      );
    }
  }

  /** All contracts, paged; with their shares. */
  async allContracts(): Promise<Contract[]> {
    const [items, shares] = await Promise.all([
      this.lists.contracts.query(),
      this.sharesByContract(),
    ]);
    return items.map((item) => decodeContract(item, shares.get(item.id) ?? []));
  }

  /** Creates many rows of one list in batches (the demo data; an import). */
  async createMany<K extends ListKey>(
    key: K,
    rows: Array<{ key: string; fields: FieldsOf<K> }>,
    by: Actor,
  ): Promise<Map<string, string>> {
    const itemsUrl = await this.lists[key].itemsUrl();
    const responses = await sendBatch(
      this.access,
      rows.map((row) => ({
        id: row.key,
        method: "POST" as const,
        url: itemsUrl,
        body: { fields: { ...row.fields, ...editorFields(by) } },
      })),
    ).finally(() => {
      this.views.invalidate();
      this.kommun.invalidate();
    });
    const ids = new Map<string, string>();
    for (const row of rows) {
      const response = responses.get(row.key);
      const id = stringOf(response?.body, "id");
      if (response?.status !== 201 || id === undefined) {
        throw new Error(
          `${WHAT[key]} ${row.key} kunde inte skapas (HTTP ${response?.status}): ${JSON.stringify(response?.body)}`,
        );
      }
      ids.set(row.key, id);
    }
    return ids;
  }

  /** A new row of list K to send in a batch (an import's writes, which report per row). */
  createRequest<K extends ImportListKey>(
    key: K,
    id: string,
    fields: FieldsOf<K>,
    by: Actor,
  ): Promise<BatchRequest> {
    const client: ListClient<K> = this.lists[key];
    return client.createRequest(id, fields, by);
  }

  /** A change to a row of list K at the version read (If-Match), to send in a batch. */
  updateRequest<K extends ImportListKey>(
    key: K,
    id: string,
    item: { id: string; eTag: string },
    fields: FieldsOf<K>,
    by: Actor,
  ): Promise<BatchRequest> {
    const client: ListClient<K> = this.lists[key];
    return client.updateRequest(id, item.id, item.eTag, fields, by);
  }

  // The provider register (Leverantörer): small, so read whole; the screens read it in the kommun copy.

  /** Every register entry, read now (for a write's checks; screens use `cycleView().providers`). */
  async providerRegister(): Promise<ProviderEntry[]> {
    return (await this.lists.providers.query()).map(decodeProviderEntry);
  }

  async providerEntry(id: string): Promise<ProviderEntry> {
    return decodeProviderEntry(await this.lists.providers.get(id));
  }

  async createProviderEntry(
    entry: Omit<ProviderEntry, "id" | "etag" | "nameKey">,
    by: Actor,
  ): Promise<ProviderEntry> {
    return decodeProviderEntry(await this.lists.providers.create(encodeProviderEntry(entry), by));
  }

  /** The entry changed at the version read (If-Match; a stale one is a ConflictError). */
  async updateProviderEntry(
    id: string,
    eTag: string,
    entry: Omit<ProviderEntry, "id" | "etag" | "nameKey">,
    by: Actor,
  ): Promise<ProviderEntry> {
    const updated = await this.lists.providers.update(id, eTag, encodeProviderEntry(entry), by);
    return decodeProviderEntry({ id, eTag: updated.eTag, fields: updated.fields });
  }

  // The annual cycle's data, batched

  /** A query of list K to send in a batch under `id`. */
  private async batched<K extends ListKey>(
    id: string,
    key: K,
    query: ItemQuery<K> = {},
  ): Promise<BatchedQuery<K>> {
    const client: ListClient<K> = this.lists[key];
    return {
      request: await client.queryRequest(id, query),
      first: (responses) => {
        const { items, nextLink } = client.batchItems(responses.get(id));
        return {
          items,
          rest: async () => (nextLink ? [...items, ...(await client.readFrom(nextLink))] : items),
        };
      },
    };
  }

  /**
   * What the screens show of a nämnd (or, without an id, of every nämnd: the
   * KS overview), from the shared read model: people of the same nämnd who
   * open Översikt or the register within a minute cost SharePoint one read.
   * The app's own writes clear it, so a person sees their change at once.
   * Documents, exports and background work read afresh with `cycleData`.
   */
  cycleView(committeeId?: string): Promise<CycleData> {
    return committeeId ? this.views.get(committeeId) : this.kommunView();
  }

  /**
   * The whole kommun from the shared read model, with every nämnd's
   * deviations: the KS overview, the provider page and a contract's risk
   * weigh the same signals from it, with no query of their own.
   */
  kommunView(): Promise<KommunData> {
    return this.kommun.get("");
  }

  /**
   * A nämnd's screens' data: its part of the kommun copy, brought current by
   * delta (one batch of 1-RU requests, one per list, shared by every nämnd), once that
   * copy is warm; until then the nämnd's own indexed queries, so nobody waits
   * for the whole kommun to be read.
   */
  private async committeeView(committeeId: string): Promise<CycleData> {
    if (!this.mirror.warm) return this.cycleData(committeeId);
    return committeeSlice(await this.currentCycleData(), committeeId);
  }

  /**
   * Everything the årshjul needs of every nämnd, current: the first call
   * reads each list whole, later ones only what changed since (items/delta,
   * one batch). For the reminder scan, the KS overview and the KS compilation.
   */
  async currentCycleData(): Promise<KommunData> {
    return (await this.mirror.current()).data;
  }

  /**
   * Everything the årshjul needs, for one nämnd or (without an id) all of
   * them, read now: one `$batch` round trip, plus one more for contracts shared with
   * the nämnd and for pages beyond the first.
   */
  async cycleData(committeeId?: string): Promise<CycleData> {
    const of = <K extends ListWithCommittee>(key: K) =>
      committeeId ? { filter: byCommittee(key, committeeId) } : {};
    const [
      settings,
      committees,
      contracts,
      shares,
      plans,
      kickoffs,
      followUps,
      deficiencies,
      reports,
      providers,
    ] = await Promise.all([
      this.batched("settings", "settings"),
      this.batched("committees", "committees"),
      this.batched("contracts", "contracts", of("contracts")),
      this.batched("contractShares", "contractShares"),
      this.batched("plans", "plans", of("plans")),
      this.batched("kickoffs", "kickoffs", of("kickoffs")),
      this.batched("followUps", "followUps", of("followUps")),
      this.batched("deficiencies", "deficiencies", of("deficiencies")),
      this.batched("reports", "reports", of("reports")),
      this.batched("providers", "providers"),
    ]);
    const responses = await sendBatch(
      this.access,
      [
        settings,
        committees,
        contracts,
        shares,
        plans,
        kickoffs,
        followUps,
        deficiencies,
        reports,
        providers,
      ].map((query) => query.request),
    );
    const firstShares = shares.first(responses);
    const firstContracts = contracts.first(responses);
    // Round two, in parallel: pages beyond the first, and contracts other nämnder share with this one.
    const sharedFirst = await this.sharesByContract(firstShares.items);
    const ownedIds = new Set(firstContracts.items.map((item) => item.id));
    const sharedIds = committeeId
      ? [...sharedFirst.entries()]
          .filter(([id, ids]) => ids.includes(committeeId) && !ownedIds.has(id))
          .map(([id]) => id)
      : [];
    const [
      shared,
      settingRows,
      committeeRows,
      contractRows,
      shareRows,
      planRows,
      kickoffRows,
      followUpRows,
      deficiencyRows,
      reportRows,
      providerRows,
    ] = await Promise.all([
      this.contractsById(sharedIds, sharedFirst),
      settings.first(responses).rest(),
      committees.first(responses).rest(),
      firstContracts.rest(),
      firstShares.rest(),
      plans.first(responses).rest(),
      kickoffs.first(responses).rest(),
      followUps.first(responses).rest(),
      deficiencies.first(responses).rest(),
      reports.first(responses).rest(),
      providers.first(responses).rest(),
    ]);
    const allShares = await this.sharesByContract(shareRows);
    // Follow-ups and deficiencies of shared contracts are the nämnd's own rows (filtered by committee above).
    const decodedCommittees = inCommitteeOrder(committeeRows.map(decodeCommittee));
    this.committeeCache ??= { at: Date.now(), value: Promise.resolve(decodedCommittees) };
    return {
      settings: decodeSettings(settingRows),
      committees: decodedCommittees,
      contracts: [
        ...contractRows.map((item) => decodeContract(item, allShares.get(item.id) ?? [])),
        ...shared,
      ],
      plans: planRows.map(decodePlan),
      kickoffs: kickoffRows.map(decodeKickoff),
      followUps: followUpRows.map(decodeFollowUp),
      deficiencies: deficiencyRows.map(decodeDeficiency),
      reports: reportRows.map(decodeReport),
      providers: providerRows.map(decodeProviderEntry),
    };
  }

  /** Deviations by id, in one batch (those that deficiencies were found from). */
  async deviationsById(ids: string[]): Promise<Deviation[]> {
    const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
    const client = this.lists.deviations;
    const items = await this.itemsById(client, unique);
    return items.map(decodeDeviation);
  }

  private async contractsById(ids: string[], shares: Map<string, string[]>): Promise<Contract[]> {
    const items = await this.itemsById(this.lists.contracts, ids);
    return items.map((item) => decodeContract(item, shares.get(item.id) ?? []));
  }

  /** Items of one list by id, in batches; ids not found (or removed, unless asked for) are left out. */
  private async itemsById<K extends ListKey>(
    client: ListClient<K>,
    ids: string[],
    includeRemoved = false,
  ): Promise<ListItem<K>[]> {
    if (ids.length === 0) return [];
    const requests = await Promise.all(ids.map((id) => client.getRequest(id, id)));
    const responses = await sendBatch(this.access, requests);
    return ids.flatMap((id) => {
      const item = client.batchItem(responses.get(id), includeRemoved);
      return item ? [item] : [];
    });
  }

  // Lists by nämnd or contract (each a paged, indexed query)

  async plans(committeeId: string): Promise<FollowUpPlan[]> {
    return (await this.lists.plans.query({ filter: byCommittee("plans", committeeId) })).map(
      decodePlan,
    );
  }

  async kickoffs(filter: { committeeId?: string; contractId?: string }): Promise<KickoffMeeting[]> {
    return (await this.lists.kickoffs.query(relationQuery("kickoffs", filter))).map(decodeKickoff);
  }

  async deviations(filter: { committeeId?: string; contractId?: string }): Promise<Deviation[]> {
    return (
      await this.lists.deviations.query({
        ...relationQuery("deviations", filter),
        orderBy: "fields/occurredOn desc",
      })
    ).map(decodeDeviation);
  }

  async followUps(filter: {
    committeeId?: string;
    contractId?: string;
    period?: string;
  }): Promise<FollowUp[]> {
    const where = filterOf("followUps");
    const relation = relationQuery("followUps", filter).filter;
    const period = filter.period ? where.eq("period", filter.period) : undefined;
    const combined = relation && period ? where.and(relation, period) : (relation ?? period);
    return (await this.lists.followUps.query(combined ? { filter: combined } : {})).map(
      decodeFollowUp,
    );
  }

  async deficiencies(filter: { committeeId?: string; contractId?: string }): Promise<Deficiency[]> {
    return (await this.lists.deficiencies.query(relationQuery("deficiencies", filter))).map(
      decodeDeficiency,
    );
  }

  async reports(committeeId?: string): Promise<ReportRecord[]> {
    return (
      await this.lists.reports.query({
        ...(committeeId ? { filter: byCommittee("reports", committeeId) } : {}),
        orderBy: "fields/generatedAt desc",
      })
    ).map(decodeReport);
  }

  async report(id: string): Promise<ListItem<"reports">> {
    return this.lists.reports.get(id);
  }

  /** A report's row by its unique key (nämnd, type, period), if it exists. */
  async reportByKey(reportKey: string): Promise<ListItem<"reports"> | undefined> {
    const [row] = await this.lists.reports.query({
      filter: filterOf("reports").eq("reportKey", reportKey),
    });
    return row;
  }

  async createReport(fields: FieldsOf<"reports">, by: Actor): Promise<ListItem<"reports">> {
    return this.lists.reports.create(fields, by);
  }

  async updateReport(
    id: string,
    eTag: string,
    fields: FieldsOf<"reports">,
    by: Actor,
  ): Promise<{ eTag: string; fields: ReadFieldsOf<"reports"> }> {
    return this.lists.reports.update(id, eTag, fields, by);
  }

  /** A report's row as a batch part beside its file: a create, or an update at the version read. */
  reportRowRequest(
    id: string,
    known: { id: string; eTag: string } | null,
    fields: FieldsOf<"reports">,
    by: Actor,
  ): Promise<BatchRequest> {
    return known
      ? this.lists.reports.updateRequest(id, known.id, known.eTag, fields, by)
      : this.lists.reports.createRequest(id, fields, by);
  }

  /** The row as that batch answered it; undefined when it lost a race (read it again). */
  reportRowWritten(
    known: { id: string } | null,
    response: BatchResponse | undefined,
  ): StoredItem<"reports"> | undefined {
    return this.lists.reports.writtenInBatch(known?.id, response);
  }

  /** Change history of an item, newest first, from SharePoint's version history. */
  async history(key: HistoryListKey, id: string): Promise<StoredHistoryEntry[]> {
    const versions = await this.lists[key].versions(id);
    return versions.map((version, index) => {
      const older: RawFields = versions[index + 1]?.fields ?? {};
      // SharePoint leaves an emptied column out: a field only the older version has was cleared.
      const changes = [...new Set([...Object.keys(version.fields), ...Object.keys(older)])]
        .filter((field) => !field.startsWith("@") && !SYSTEM_FIELDS.has(field))
        .filter((field) => JSON.stringify(version.fields[field]) !== JSON.stringify(older[field]))
        .map((field) => ({
          field,
          from: older[field] ?? null,
          to: version.fields[field] ?? null,
        }));
      // Versions written before the editor columns existed have the name alone, or only the app's identity.
      const name =
        stringOf(version.fields, "editorName") ||
        version.lastModifiedBy?.user?.displayName ||
        version.lastModifiedBy?.application?.displayName ||
        "";
      return {
        version: version.id,
        modified: version.lastModifiedDateTime,
        modifiedBy: name,
        by: {
          id: stringOf(version.fields, "editorId") || version.lastModifiedBy?.user?.id || "",
          name,
          email: stringOf(version.fields, "editorEmail") ?? "",
        },
        created: index === versions.length - 1,
        changes,
      };
    });
  }

  /**
   * What a history's lookups point at, by id: nämnder and contracts by name,
   * follow-ups by period, deviations by date (one batch per list). A removed
   * one is named too, and said to be removed: a record whose contract was
   * removed still tells which contract it was.
   */
  async linkedNames(ids: {
    committees: string[];
    contracts: string[];
    followUps: string[];
    deviations: string[];
  }): Promise<{
    committees: Map<string, string>;
    contracts: Map<string, string>;
    followUps: Map<string, string>;
    deviations: Map<string, string>;
  }> {
    const numeric = (list: string[]) => list.filter((id) => /^\d+$/.test(id));
    const [committees, contracts, followUps, deviations] = await Promise.all([
      this.committees(),
      this.itemsById(this.lists.contracts, numeric(ids.contracts), true),
      this.itemsById(this.lists.followUps, numeric(ids.followUps), true),
      this.itemsById(this.lists.deviations, numeric(ids.deviations), true),
    ]);
    const named = <K extends ListKey>(item: ListItem<K>, name: string, removed: string) =>
      [item.id, isRemovedRow(item) ? `${name} ${removed}` : name] as const;
    return {
      committees: new Map(committees.map((committee) => [committee.id, committee.name])),
      contracts: new Map(
        contracts.map((item) => named(item, item.fields.Title ?? "", "(borttaget avtal)")),
      ),
      followUps: new Map(
        followUps.map((item) =>
          named(item, `Uppföljning ${item.fields.period ?? ""}`.trim(), "(borttagen)"),
        ),
      ),
      deviations: new Map(
        deviations.map((item) =>
          named(
            item,
            `Avvikelse ${(item.fields.occurredOn ?? "").slice(0, 10)}`.trim(),
            "(borttagen)",
          ),
        ),
      ),
    };
  }

  // Removal: a record is marked, never deleted, and restored by kommunledningskontoret

  /**
   * How many removals and restorations this store has made: a snapshot kept
   * longer than the read model (/insyn's) reads afresh when it changes, so a
   * record removed by mistake leaves the public pages at once.
   */
  get removals(): number {
    return this.removalCount;
  }

  /** A row as stored, removed or not (to remove or restore it). */
  async storedRow<K extends RemovableListKey>(key: K, id: string): Promise<ListItem<K>> {
    const client: ListClient<K> = this.lists[key];
    return client.get(id, { includeRemoved: true });
  }

  /** Marks a row removed — who, when, why — at the version read (If-Match). */
  async markRemoved(
    key: RemovableListKey,
    id: string,
    eTag: string,
    reason: string,
    by: Actor,
    now = new Date(),
  ): Promise<{ eTag: string }> {
    const client: ListClient<RemovableListKey> = this.lists[key];
    const written = await client.update(
      id,
      eTag,
      {
        removedAt: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
        removedById: by.id,
        removedByName: by.name,
        removedReason: reason,
      },
      by,
    );
    this.removalCount += 1;
    return { eTag: written.eTag };
  }

  /** Takes the removal mark off a row at the version read (If-Match). */
  async restore(
    key: RemovableListKey,
    id: string,
    eTag: string,
    by: Actor,
  ): Promise<{ eTag: string }> {
    const client: ListClient<RemovableListKey> = this.lists[key];
    const written = await client.update(
      id,
      eTag,
      { removedAt: null, removedById: null, removedByName: null, removedReason: null },
      by,
    );
    this.removalCount += 1;
    return { eTag: written.eTag };
  }

  /** Every row marked removed, in every list that has removal, newest removal first. */
  async removedRows(): Promise<RemovedRow[]> {
    const lists = await Promise.all(
      REMOVABLE_LISTS.map(async (key) => {
        const client: ListClient<RemovableListKey> = this.lists[key];
        const items = await client.query({ filter: removedRows(key), includeRemoved: true });
        return items.map(
          (item): RemovedRow => ({
            list: key,
            id: item.id,
            eTag: item.eTag,
            // Contracts have a name; records are told by their own words, period or date.
            title:
              ["Title", "description", "scope", "period", "mandatePeriod", "meetingDate"]
                .map((field) => stringOf(item.fields, field) ?? "")
                .find((value) => value.trim() !== "")
                ?.slice(0, 200) ?? "",
            committeeId: stringOf(item.fields, "committeeLookupId") ?? "",
            contractId: stringOf(item.fields, "contractLookupId") ?? "",
            followUpId: stringOf(item.fields, "followUpLookupId") ?? "",
            deviationId: stringOf(item.fields, "deviationLookupId") ?? "",
            removedAt: stringOf(item.fields, "removedAt") ?? "",
            removedBy: {
              id: stringOf(item.fields, "removedById") ?? "",
              name: stringOf(item.fields, "removedByName") ?? "",
            },
            reason: stringOf(item.fields, "removedReason") ?? "",
          }),
        );
      }),
    );
    return lists.flat().sort((a, b) => b.removedAt.localeCompare(a.removedAt));
  }
}

/** SharePoint's own fields of every item: not changes a person made, so never in the history. */
const SYSTEM_FIELDS = new Set([
  "id",
  "editorName",
  "editorId",
  "editorEmail",
  "ContentType",
  "Created",
  "Modified",
  "AuthorLookupId",
  "EditorLookupId",
  "_UIVersionString",
  "Attachments",
  "Edit",
  "LinkTitle",
  "LinkTitleNoMenu",
  "ItemChildCount",
  "FolderChildCount",
  "FileLeafRef",
  "LinkFilename",
  "LinkFilenameNoMenu",
  "DocIcon",
  "FileSizeDisplay",
]);

/** A query by nämnd and/or contract. */
function relationQuery<K extends ListWithCommittee & ListWithContract>(
  key: K,
  relation: { committeeId?: string; contractId?: string },
): ItemQuery<K> {
  const filter = byRelation(key, relation);
  return filter ? { filter } : {};
}

function decodeSettings(items: ListItem<"settings">[]): Settings {
  const values = new Map(
    items.map((item) => [item.fields.settingKey ?? "", item.fields.settingValue ?? ""]),
  );
  const periodKind = values.get("defaultPeriodKind");
  const noticeMonths = Number(values.get("noticeMonths"));
  return {
    name: values.get("municipalityName") || DEFAULT_SETTINGS.name,
    defaultPeriodKind: isOneOf(PERIOD_KINDS, periodKind)
      ? periodKind
      : DEFAULT_SETTINGS.defaultPeriodKind,
    noticeMonths:
      Number.isInteger(noticeMonths) && noticeMonths > 0
        ? noticeMonths
        : DEFAULT_SETTINGS.noticeMonths,
    klkGroupId: values.get("klkGroupId") ?? "",
    riskMatrix: riskMatrixSetting(values.get("riskMatrix")),
    riskCadence: riskCadenceSetting(values.get("riskCadence")),
    reportEvidence: new Set(
      [...values]
        .filter(([key, value]) => key.startsWith(REPORT_EVIDENCE_PREFIX) && value === "ja")
        .map(([key]) => key.slice(REPORT_EVIDENCE_PREFIX.length)),
    ),
  };
}

/** The setting that remembers a nämnd's choice to list its evidence in its report. */
export const REPORT_EVIDENCE_PREFIX = "reportEvidence:";
