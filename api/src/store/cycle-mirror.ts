import { inCommitteeOrder } from "../domain/committee-order.ts";
import { sendBatch } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import type { CycleData, KommunData, Settings } from "./app-store.ts";
import type { ListClient, ListItem } from "./list-client.ts";
import { ListMirror, type MirrorRound } from "./list-mirror.ts";
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
} from "./mappers.ts";

/**
 * Every nämnd's årshjul data, kept current with `items/delta`: the daily
 * reminder scan and the KS overview read the whole kommun, and after the
 * first round a round costs one `$batch` of delta requests, one per list (1 RU each)
 * plus a page per list that changed much — not the kommun's lists read whole
 * again. A list that did not change keeps its decoded rows (same arrays, so
 * indexes built on them stay valid).
 */

/** The lists of every nämnd's årshjul (also what the read model holds rows of). */
export const CYCLE_LISTS = [
  "settings",
  "committees",
  "contracts",
  "contractShares",
  "plans",
  "kickoffs",
  "deviations",
  "followUps",
  "deficiencies",
  "reports",
  "providers",
] as const;
type MirroredList = (typeof CYCLE_LISTS)[number];

export type MirroredClients = { [K in MirroredList]: ListClient<K> };

export interface CycleRound {
  data: KommunData;
  /** Per list: how much changed in this round, and whether it was read whole. */
  rounds: Map<MirroredList, MirrorRound>;
}

export class CycleMirror {
  private readonly access: GraphAccess;
  private readonly mirrors: { [K in MirroredList]: ListMirror<K> };
  private readonly decodeSettings: (items: ListItem<"settings">[]) => Settings;
  private decoded: { revisions: Map<MirroredList, number>; parts: Partial<KommunData> } = {
    revisions: new Map(),
    parts: {},
  };
  private running: Promise<CycleRound> | undefined;
  private queued: Promise<CycleRound> | undefined;
  private rounds = 0;

  constructor(
    access: GraphAccess,
    clients: MirroredClients,
    decodeSettings: (items: ListItem<"settings">[]) => Settings,
  ) {
    this.access = access;
    this.decodeSettings = decodeSettings;
    this.mirrors = {
      settings: new ListMirror(access, clients.settings),
      committees: new ListMirror(access, clients.committees),
      contracts: new ListMirror(access, clients.contracts),
      contractShares: new ListMirror(access, clients.contractShares),
      plans: new ListMirror(access, clients.plans),
      kickoffs: new ListMirror(access, clients.kickoffs),
      deviations: new ListMirror(access, clients.deviations),
      followUps: new ListMirror(access, clients.followUps),
      deficiencies: new ListMirror(access, clients.deficiencies),
      reports: new ListMirror(access, clients.reports),
      providers: new ListMirror(access, clients.providers),
    };
  }

  /**
   * Brings the copy up to date and returns it. A caller who asks while a
   * round is under way waits for the next one (which starts after it), so
   * whatever was written before asking is in the answer; everyone asking
   * meanwhile shares that one round.
   */
  /** Whether the whole kommun has been read once (later rounds cost one batch of delta requests). */
  get warm(): boolean {
    return this.rounds > 0;
  }

  current(): Promise<CycleRound> {
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.current();
      });
    return this.queued;
  }

  private async round(): Promise<CycleRound> {
    const requests = await Promise.all(CYCLE_LISTS.map((key) => this.mirrors[key].request(key)));
    const responses = await sendBatch(this.access, requests);
    const applied = await Promise.all(
      CYCLE_LISTS.map(
        async (key) => [key, await this.mirrors[key].apply(responses.get(key))] as const,
      ),
    );
    const data = this.data();
    this.rounds += 1;
    return { data, rounds: new Map(applied) };
  }

  /** The decoded rows; a list is decoded again only when it (or, for contracts, the shares) changed. */
  private data(): KommunData {
    const m = this.mirrors;
    const previous = this.decoded.parts;
    const old = this.decoded.revisions;
    const changed = (key: MirroredList) => old.get(key) !== m[key].revision;
    const parts: KommunData = {
      settings:
        previous.settings && !changed("settings")
          ? previous.settings
          : this.decodeSettings(m.settings.values()),
      committees:
        previous.committees && !changed("committees")
          ? previous.committees
          : inCommitteeOrder(m.committees.values().map(decodeCommittee)),
      contracts:
        previous.contracts && !changed("contracts") && !changed("contractShares")
          ? previous.contracts
          : decodeContracts(m.contracts.values(), m.contractShares.values()),
      plans:
        previous.plans && !changed("plans") ? previous.plans : m.plans.values().map(decodePlan),
      kickoffs:
        previous.kickoffs && !changed("kickoffs")
          ? previous.kickoffs
          : m.kickoffs.values().map(decodeKickoff),
      deviations:
        previous.deviations && !changed("deviations")
          ? previous.deviations
          : m.deviations.values().map(decodeDeviation),
      followUps:
        previous.followUps && !changed("followUps")
          ? previous.followUps
          : m.followUps.values().map(decodeFollowUp),
      deficiencies:
        previous.deficiencies && !changed("deficiencies")
          ? previous.deficiencies
          : m.deficiencies.values().map(decodeDeficiency),
      reports:
        previous.reports && !changed("reports")
          ? previous.reports
          : m.reports.values().map(decodeReport),
      providers:
        previous.providers && !changed("providers")
          ? previous.providers
          : m.providers.values().map(decodeProviderEntry),
    };
    this.decoded = { revisions: new Map(CYCLE_LISTS.map((key) => [key, m[key].revision])), parts };
    return parts;
  }
}

/** Contracts with the nämnder that share them (Avtalsdelar). */
function decodeContracts(
  contracts: ListItem<"contracts">[],
  shares: ListItem<"contractShares">[],
): CycleData["contracts"] {
  const byContract = new Map<string, string[]>();
  for (const share of shares) {
    const contractId = share.fields.contractLookupId ?? "";
    const committeeId = share.fields.committeeLookupId ?? "";
    if (!contractId || !committeeId) continue;
    byContract.set(contractId, [...(byContract.get(contractId) ?? []), committeeId]);
  }
  return contracts.map((item) => decodeContract(item, byContract.get(item.id) ?? []));
}

/**
 * One nämnd's part of the kommun's data, as `AppStore.cycleData(committeeId)`
 * reads it: its own contracts and those shared with it, its own records.
 * Deviations stay out: no nämnd screen shows them from the read model (the
 * register and Översikt do not), and the nämnd's own queries do not read them.
 */
export function committeeSlice(data: CycleData, committeeId: string): CycleData {
  const own = <T extends { committeeId: string }>(rows: readonly T[]) =>
    rows.filter((row) => row.committeeId === committeeId);
  return {
    settings: data.settings,
    committees: data.committees,
    contracts: [
      ...own(data.contracts),
      ...data.contracts.filter(
        (contract) =>
          contract.committeeId !== committeeId &&
          contract.sharedWithCommitteeIds.includes(committeeId),
      ),
    ],
    plans: own(data.plans),
    kickoffs: own(data.kickoffs),
    followUps: own(data.followUps),
    deficiencies: own(data.deficiencies),
    reports: own(data.reports),
    // The register is the kommun's, not a nämnd's.
    providers: data.providers,
  };
}
