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
import { PERIOD_KINDS, type PeriodKind } from "../domain/reporting-period.ts";
import { type BatchRequest, sendBatch } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { readAll } from "../graph/paging.ts";
import {
  batchItems,
  type Fields,
  ListClient,
  ListDirectory,
  type ListItem,
} from "./list-client.ts";
import {
  decodeCommittee,
  decodeContract,
  decodeDeficiency,
  decodeDeviation,
  decodeFollowUp,
  decodeKickoff,
  decodePlan,
  decodeReport,
} from "./mappers.ts";
import { dateValue, where } from "./odata.ts";
import type { ListKey } from "./schema.ts";

/**
 * The app's data in SharePoint, as typed repositories over the Graph client.
 * Screens that need several lists read them in one `$batch`; every read that
 * can grow is paged; writes carry the ETag that was read.
 */

export interface Settings extends Municipality {
  /** Kommunledningskontoret's group: its members see every nämnd. */
  klkGroupId: string;
}

const DEFAULT_SETTINGS: Settings = {
  name: "Kommunen",
  defaultPeriodKind: "july-june",
  noticeMonths: 3,
  klkGroupId: "",
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
};

const CACHE_MS = 60_000;

export class AppStore {
  readonly access: GraphAccess;
  readonly site: string;
  readonly directory: ListDirectory;
  private readonly clients = new Map<ListKey, ListClient>();
  private committeeCache: { at: number; value: Promise<Committee[]> } | undefined;
  private settingsCache: { at: number; value: Promise<Settings> } | undefined;

  constructor(access: GraphAccess, siteRef: string) {
    this.access = access;
    this.site = `/sites/${siteRef}`;
    this.directory = new ListDirectory(access, this.site);
  }

  list(key: ListKey): ListClient {
    let client = this.clients.get(key);
    if (!client) {
      client = new ListClient(this.access, this.site, this.directory, key, WHAT[key]);
      this.clients.set(key, client);
    }
    return client;
  }

  /** Forgets cached committees and settings (after they change). */
  invalidate(): void {
    this.committeeCache = undefined;
    this.settingsCache = undefined;
  }

  // Settings and committees change rarely and are small: cached briefly.

  settings(): Promise<Settings> {
    if (!this.settingsCache || Date.now() - this.settingsCache.at > CACHE_MS) {
      this.settingsCache = {
        at: Date.now(),
        value: this.list("settings").query().then(decodeSettings),
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
        value: this.list("committees")
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

  async setSetting(key: string, value: string): Promise<void> {
    const client = this.list("settings");
    const [existing] = await client.query({ filter: where.eq("settingKey", key) });
    if (existing) await client.update(existing.id, existing.eTag, { settingValue: value });
    else await client.create({ Title: key, settingKey: key, settingValue: value });
    this.settingsCache = undefined;
  }

  // Contracts

  /** Shares: which other nämnder report a part of which contract. */
  private async sharesByContract(items?: ListItem[]): Promise<Map<string, string[]>> {
    const shares = items ?? (await this.list("contractShares").query());
    const byContract = new Map<string, string[]>();
    for (const share of shares) {
      const contractId = String(share.fields.contractLookupId ?? "");
      const committeeId = String(share.fields.committeeLookupId ?? "");
      if (!contractId || !committeeId) continue;
      byContract.set(contractId, [...(byContract.get(contractId) ?? []), committeeId]);
    }
    return byContract;
  }

  async contract(id: string): Promise<Contract> {
    const [item, shares] = await Promise.all([
      this.list("contracts").get(id),
      this.list("contractShares").query({ filter: where.eq("contractLookupId", Number(id)) }),
    ]);
    return decodeContract(
      item,
      shares.map((share) => String(share.fields.committeeLookupId)),
    );
  }

  /** Sets which other nämnder share a contract: adds and removes share rows. */
  async setShares(contractId: string, committeeIds: string[]): Promise<void> {
    const client = this.list("contractShares");
    const current = await client.query({
      filter: where.eq("contractLookupId", Number(contractId)),
    });
    const wanted = new Set(committeeIds);
    for (const share of current) {
      const committeeId = String(share.fields.committeeLookupId);
      if (!wanted.has(committeeId)) await client.delete(share.id, share.eTag);
      wanted.delete(committeeId);
    }
    for (const committeeId of wanted) {
      await client.create({
        shareKey: `${contractId}|${committeeId}`,
        contractLookupId: Number(contractId),
        committeeLookupId: Number(committeeId),
      });
    }
  }

  /** All contracts, paged; with their shares. */
  async allContracts(filter?: string): Promise<Contract[]> {
    const [items, shares] = await Promise.all([
      this.list("contracts").query(filter ? { filter } : {}),
      this.sharesByContract(),
    ]);
    return items.map((item) => decodeContract(item, shares.get(item.id) ?? []));
  }

  // The annual cycle's data, batched

  /**
   * Everything the årshjul needs, for one nämnd or (without an id) all of
   * them: one `$batch` round trip, plus one more for contracts shared with
   * the nämnd and for pages beyond the first.
   */
  async cycleData(committeeId?: string): Promise<CycleData> {
    const byCommittee = committeeId
      ? where.eq("committeeLookupId", Number(committeeId))
      : undefined;
    const queries: Array<[ListKey, string | undefined]> = [
      ["settings", undefined],
      ["committees", undefined],
      ["contracts", byCommittee],
      ["contractShares", undefined],
      ["plans", byCommittee],
      ["kickoffs", byCommittee],
      ["followUps", byCommittee],
      ["deficiencies", byCommittee],
      ["reports", byCommittee],
    ];
    const requests: BatchRequest[] = await Promise.all(
      queries.map(([key, filter]) => this.list(key).queryRequest(key, filter ? { filter } : {})),
    );
    const responses = await sendBatch(this.access, requests);
    const items = new Map<ListKey, ListItem[]>();
    const followLinks: Array<Promise<void>> = [];
    for (const [key] of queries) {
      const { items: first, nextLink } = batchItems(responses.get(key), WHAT[key]);
      items.set(key, first);
      if (nextLink) {
        followLinks.push(
          readAll<ListItem>(this.access, nextLink).then((rest) => {
            items.set(key, [...first, ...rest]);
          }),
        );
      }
    }
    // Round two, in parallel: pages beyond the first, and contracts other nämnder share with this one.
    const firstShares = await this.sharesByContract(items.get("contractShares"));
    const ownedIds = new Set((items.get("contracts") ?? []).map((item) => item.id));
    const sharedIds = committeeId
      ? [...firstShares.entries()]
          .filter(([id, committees]) => committees.includes(committeeId) && !ownedIds.has(id))
          .map(([id]) => id)
      : [];
    const [shared] = await Promise.all([
      this.contractsById(sharedIds, firstShares),
      ...followLinks,
    ]);
    const shares = await this.sharesByContract(items.get("contractShares"));
    const contracts = [
      ...(items.get("contracts") ?? []).map((item) =>
        decodeContract(item, shares.get(item.id) ?? []),
      ),
      ...shared,
    ];
    // Follow-ups and deficiencies of shared contracts are the nämnd's own rows (filtered by committee above).
    const committees = inCommitteeOrder((items.get("committees") ?? []).map(decodeCommittee));
    this.committeeCache ??= { at: Date.now(), value: Promise.resolve(committees) };
    return {
      settings: decodeSettings(items.get("settings") ?? []),
      committees,
      contracts,
      plans: (items.get("plans") ?? []).map(decodePlan),
      kickoffs: (items.get("kickoffs") ?? []).map(decodeKickoff),
      followUps: (items.get("followUps") ?? []).map(decodeFollowUp),
      deficiencies: (items.get("deficiencies") ?? []).map(decodeDeficiency),
      reports: (items.get("reports") ?? []).map(decodeReport),
    };
  }

  /**
   * What the KS compilation needs, without reading every contract and
   * follow-up of the kommun: the strategic contracts, and per nämnd its
   * follow-ups of the period it reports and its deficiencies. Settings and
   * committees come from the cache, so this is one wave of batches.
   */
  async strategicData(scope: Array<{ committeeId: string; period: string }>): Promise<CycleData> {
    const [settings, committees] = await Promise.all([this.settings(), this.committees()]);
    const byCommittee = (committeeId: string) => where.eq("committeeLookupId", Number(committeeId));
    const queries: Array<[string, ListKey, string | undefined]> = [
      ["contracts", "contracts", where.eq("strategic", true)],
      ["contractShares", "contractShares", undefined],
      ["reports", "reports", undefined],
      ...scope.flatMap(
        ({ committeeId, period }): Array<[string, ListKey, string]> => [
          [
            `followUps:${committeeId}`,
            "followUps",
            where.and(byCommittee(committeeId), where.eq("period", period)),
          ],
          [`deficiencies:${committeeId}`, "deficiencies", byCommittee(committeeId)],
        ],
      ),
    ];
    const responses = await sendBatch(
      this.access,
      await Promise.all(
        queries.map(([id, key, filter]) =>
          this.list(key).queryRequest(id, filter ? { filter } : {}),
        ),
      ),
    );
    const rows = await Promise.all(
      queries.map(async ([id, key]) => {
        const { items, nextLink } = batchItems(responses.get(id), WHAT[key]);
        return nextLink ? [...items, ...(await readAll<ListItem>(this.access, nextLink))] : items;
      }),
    );
    const rowsOf = (prefix: string) =>
      queries.flatMap(([id], index) =>
        id === prefix || id.startsWith(`${prefix}:`) ? rows[index]! : [],
      );
    const shares = await this.sharesByContract(rowsOf("contractShares"));
    return {
      settings,
      committees,
      contracts: rowsOf("contracts").map((item) => decodeContract(item, shares.get(item.id) ?? [])),
      plans: [],
      kickoffs: [],
      followUps: rowsOf("followUps").map(decodeFollowUp),
      deficiencies: rowsOf("deficiencies").map(decodeDeficiency),
      reports: rowsOf("reports").map(decodeReport),
    };
  }

  /** Deviations by id, in one batch (those that deficiencies were found from). */
  async deviationsById(ids: string[]): Promise<Deviation[]> {
    const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
    if (unique.length === 0) return [];
    const client = this.list("deviations");
    const responses = await sendBatch(
      this.access,
      await Promise.all(unique.map((id) => client.getRequest(id, id))),
    );
    return unique.flatMap((id) => {
      const response = responses.get(id);
      return response?.status === 200 ? [decodeDeviation(response.body as ListItem)] : [];
    });
  }

  private async contractsById(ids: string[], shares: Map<string, string[]>): Promise<Contract[]> {
    if (ids.length === 0) return [];
    const client = this.list("contracts");
    const requests = await Promise.all(ids.map((id) => client.getRequest(id, id)));
    const responses = await sendBatch(this.access, requests);
    return ids.flatMap((id) => {
      const response = responses.get(id);
      return response?.status === 200
        ? [decodeContract(response.body as ListItem, shares.get(id) ?? [])]
        : [];
    });
  }

  // Lists by nämnd or contract (each a paged, indexed query)

  async plans(committeeId: string): Promise<FollowUpPlan[]> {
    return (
      await this.list("plans").query({ filter: where.eq("committeeLookupId", Number(committeeId)) })
    ).map(decodePlan);
  }

  async kickoffs(filter: { committeeId?: string; contractId?: string }): Promise<KickoffMeeting[]> {
    return (await this.list("kickoffs").query({ filter: relationFilter(filter) })).map(
      decodeKickoff,
    );
  }

  async deviations(filter: { committeeId?: string; contractId?: string }): Promise<Deviation[]> {
    return (
      await this.list("deviations").query({
        filter: relationFilter(filter),
        orderBy: "fields/occurredOn desc",
      })
    ).map(decodeDeviation);
  }

  async followUps(filter: {
    committeeId?: string;
    contractId?: string;
    period?: string;
  }): Promise<FollowUp[]> {
    const parts = [relationFilter(filter), filter.period ? where.eq("period", filter.period) : ""];
    return (await this.list("followUps").query({ filter: where.and(...parts) })).map(
      decodeFollowUp,
    );
  }

  async deficiencies(filter: { committeeId?: string; contractId?: string }): Promise<Deficiency[]> {
    return (await this.list("deficiencies").query({ filter: relationFilter(filter) })).map(
      decodeDeficiency,
    );
  }

  async reports(committeeId?: string): Promise<ReportRecord[]> {
    const filter = committeeId ? where.eq("committeeLookupId", Number(committeeId)) : undefined;
    return (
      await this.list("reports").query({
        ...(filter ? { filter } : {}),
        orderBy: "fields/generatedAt desc",
      })
    ).map(decodeReport);
  }

  /** Change history of an item, newest first, from SharePoint's version history. */
  async history(
    key: ListKey,
    id: string,
  ): Promise<
    Array<{
      version: string;
      modified: string;
      modifiedBy: string;
      changes: Array<{ field: string; from: unknown; to: unknown }>;
    }>
  > {
    const versions = await this.list(key).versions(id);
    return versions.map((version, index) => {
      const older = versions[index + 1]?.fields ?? {};
      const changes = Object.keys(version.fields)
        .filter((field) => !field.startsWith("@") && !SYSTEM_FIELDS.has(field))
        .filter((field) => JSON.stringify(version.fields[field]) !== JSON.stringify(older[field]))
        .map((field) => ({ field, from: older[field] ?? null, to: version.fields[field] }));
      return {
        version: version.id,
        modified: version.lastModifiedDateTime,
        modifiedBy:
          (typeof version.fields.editorName === "string" && version.fields.editorName) ||
          version.lastModifiedBy?.user?.displayName ||
          version.lastModifiedBy?.application?.displayName ||
          "",
        changes,
      };
    });
  }
}

/** SharePoint's own fields of every item: not changes a person made, so never in the history. */
const SYSTEM_FIELDS = new Set([
  "id",
  "editorName",
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

function relationFilter(filter: { committeeId?: string; contractId?: string }): string {
  return where.and(
    filter.committeeId ? where.eq("committeeLookupId", Number(filter.committeeId)) : "",
    filter.contractId ? where.eq("contractLookupId", Number(filter.contractId)) : "",
  );
}

function decodeSettings(items: ListItem[]): Settings {
  const values = new Map(
    items.map((item) => [
      String(item.fields.settingKey ?? ""),
      String(item.fields.settingValue ?? ""),
    ]),
  );
  const periodKind = values.get("defaultPeriodKind") as PeriodKind | undefined;
  const noticeMonths = Number(values.get("noticeMonths"));
  return {
    name: values.get("municipalityName") || DEFAULT_SETTINGS.name,
    defaultPeriodKind:
      periodKind && PERIOD_KINDS.includes(periodKind)
        ? periodKind
        : DEFAULT_SETTINGS.defaultPeriodKind,
    noticeMonths:
      Number.isInteger(noticeMonths) && noticeMonths > 0
        ? noticeMonths
        : DEFAULT_SETTINGS.noticeMonths,
    klkGroupId: values.get("klkGroupId") ?? "",
  };
}

export type { Fields };
export { dateValue };
