import os from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { DemoUserKey } from "../../api/src/demo/demo-people.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { graphStats, localAdmin, setBudget, setFaults } from "../../test/support/local-graph.ts";
import { type Measurement, percentile } from "../report.ts";
import { benchContract, benchFollowUp, createItems } from "../seed.ts";

/**
 * The morning peak: 500 people open Översikt within five minutes (a quarter
 * of them the register too), with the app's budget of a kommun of 1,001–5,000
 * licenses (2,500 RU per minute, enforced) and 100 ms on every Graph request,
 * while the daily reminder scan runs. Beside it, what the same morning would
 * cost reading afresh for every screen: each screen's cost when read afresh,
 * measured, times the screens opened. (Running that morning itself only shows
 * the bench machine's limits: the local service, in the same process, then
 * answers nine list queries per screen on two shared cores.)
 *
 * The morning runs five times faster than the clock on the wall, so five
 * simulated minutes take one: people arrive five times as densely, and the
 * budget's minutes and the read model's lifetime follow the faster clock.
 * Durations are what each person waited on the wall, with the full 100 ms
 * on every Graph request: the app and the local service (one process) serve
 * five times the real load on the bench's two cores, so the figures err on
 * the slow side.
 */

const TODAY = new Date("2026-11-24T08:00:00+01:00");
const SPEED = 5;
const PEOPLE = 500;
const WINDOW_MS = 5 * 60_000;
const LATENCY_MS = 100;
/** A mid-sized kommun's register on top of the demo data: contracts and five years of follow-ups. */
const EXTRA_CONTRACTS = 1_500;
const FOLLOW_UPS_PER_CONTRACT = 3;

/** Who opens what: the demo people of each nämnd, and kommunledningskontoret (the KS overview). */
const PEOPLE_BY_NAMND: Array<{ user: DemoUserKey; code?: string; weight: number }> = [
  { user: "anna", code: "VAN", weight: 30 },
  { user: "maria", code: "SN", weight: 15 },
  { user: "lars", code: "SN", weight: 15 },
  { user: "johan", code: "IFN", weight: 15 },
  { user: "erik", code: "TN", weight: 10 },
  { user: "sara", code: "KFN", weight: 10 },
  { user: "karin", weight: 5 },
];

/** A fixed pseudo-random sequence (mulberry32), so every run sends the same morning. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Visit {
  at: number;
  user: DemoUserKey;
  code: string | undefined;
  register: boolean;
}

function morning(): Visit[] {
  const next = random(22);
  const total = PEOPLE_BY_NAMND.reduce((sum, entry) => sum + entry.weight, 0);
  return Array.from({ length: PEOPLE }, () => {
    let pick = next() * total;
    const who =
      PEOPLE_BY_NAMND.find((entry) => {
        pick -= entry.weight;
        return pick < 0;
      }) ?? PEOPLE_BY_NAMND[0]!;
    return {
      at: next() * WINDOW_MS,
      user: who.user,
      code: who.code,
      register: next() < 0.25,
    };
  }).sort((a, b) => a.at - b.at);
}

async function seedMidSizedKommun(app: TestApp): Promise<void> {
  const graph = app.running.localGraph!;
  // The register's migration, spread over nights in a kommun: not part of the morning.
  await setBudget(graph, { enforced: false });
  const store = new AppStore(app.running.graph, "root");
  const committees = (await store.committees()).filter((committee) => !committee.isKs);
  const owner = { id: "bench-owner", name: "Avtalsansvarig", email: "ansvarig@asby.se" };
  const contractIds = await createItems(
    store,
    "contracts",
    Array.from({ length: EXTRA_CONTRACTS }, (_, index) =>
      benchContract({
        title: `Avtal ${index}`,
        contractNumber: `PEAK-${index}`,
        committeeId: committees[index % committees.length]!.id,
        owner,
        strategic: index % 100 === 0,
      }),
    ),
  );
  for (const period of ["2023–2024", "2024–2025", "2025–2026"].slice(0, FOLLOW_UPS_PER_CONTRACT)) {
    await createItems(
      store,
      "followUps",
      contractIds.map((contractId, index) =>
        benchFollowUp({
          contractId,
          committeeId: committees[index % committees.length]!.id,
          period,
          followUpDate: `${period.slice(-4)}-05-15`,
          deficient: index % 9 === 0,
        }),
      ),
    );
  }
  await setBudget(graph, { enforced: true });
}

interface PeakResult {
  overview: number[];
  /** Översikt opened while the reminder scan ran, and while it did not. */
  overviewDuringScan: number[];
  overviewOutsideScan: number[];
  register: number[];
  /** Answers to people other than 200, by status. */
  failed: Map<number, number>;
  throttled: number;
  spent: number;
  perMinute: number[];
  reminderScanMs: number;
  /** Screens opened: a nämnd's Översikt, the KS overview, a nämnd's register, every contract. */
  opened: { dashboard: number; overview: number; register: number; kommunRegister: number };
}

async function runMorning(
  app: TestApp,
  baseUrl: string,
  store: AppStore,
  tokens: Map<DemoUserKey, string>,
  committeeIds: Map<string, string>,
): Promise<PeakResult> {
  const graph = app.running.localGraph!;
  store.invalidate();
  await localAdmin(graph, "POST", "/_local/stats/reset");
  const overview: number[] = [];
  const overviewDuringScan: number[] = [];
  const overviewOutsideScan: number[] = [];
  let scanning = false;
  const register: number[] = [];
  const failed = new Map<number, number>();
  const get = async (path: string, user: DemoUserKey, into: number[]) => {
    const begin = performance.now();
    const duringScan = scanning;
    let status = 0;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${tokens.get(user)}` },
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      // No answer at all (status 0).
    }
    into.push(performance.now() - begin);
    if (into === overview)
      (duringScan ? overviewDuringScan : overviewOutsideScan).push(performance.now() - begin);
    if (status !== 200) failed.set(status, (failed.get(status) ?? 0) + 1);
  };
  const start = performance.now();
  const opened = { dashboard: 0, overview: 0, register: 0, kommunRegister: 0 };
  const visits = morning().map(async (visit) => {
    await sleep(visit.at / SPEED - (performance.now() - start));
    const committeeId = visit.code ? committeeIds.get(visit.code)! : undefined;
    if (committeeId) opened.dashboard += 1;
    else opened.overview += 1;
    if (visit.register && committeeId) opened.register += 1;
    else if (visit.register) opened.kommunRegister += 1;
    await get(
      committeeId ? `/api/committees/${committeeId}/dashboard` : "/api/overview",
      visit.user,
      overview,
    );
    if (visit.register)
      await get(
        committeeId ? `/api/contracts?committeeId=${committeeId}` : "/api/contracts",
        visit.user,
        register,
      );
  });
  // The daily reminder scan starts a minute into the morning, beside the people.
  const scan = (async () => {
    await sleep(60_000 / SPEED);
    const begin = performance.now();
    scanning = true;
    await app.running.reminders.run();
    scanning = false;
    return performance.now() - begin;
  })();
  await Promise.all(visits);
  const reminderScanMs = await scan;
  const units = (await graphStats(graph)).resourceUnits;
  return {
    overview,
    overviewDuringScan,
    overviewOutsideScan,
    register,
    failed,
    throttled: units.throttled,
    spent: units.spent,
    perMinute: units.perMinute.map((minute) => minute.units),
    reminderScanMs,
    opened,
  };
}

/** What one screen costs SharePoint when read afresh (the read model empty), in RU. */
async function freshCost(app: TestApp, path: string, token: string): Promise<number> {
  const graph = app.running.localGraph!;
  app.running.store.invalidate();
  await fetch(`${app.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
  await localAdmin(graph, "POST", "/_local/stats/reset");
  const response = await fetch(`${app.url}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  await response.arrayBuffer();
  return (await graphStats(graph)).resourceUnits.spent;
}

/** The median time of a screen served from a warm read model, one person alone. */
async function warmMedian(app: TestApp, path: string, token: string): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < 21; round += 1) {
    const begin = performance.now();
    const response = await fetch(`${app.url}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    samples.push(performance.now() - begin);
  }
  return percentile(samples, 50);
}

export async function peakScenario(): Promise<Measurement[]> {
  // One clock for the app's read model and the local service's budget, five times the wall's.
  const wallStart = Date.now();
  const clock = () => wallStart + (Date.now() - wallStart) * SPEED;
  const app = await startTestApp({ now: TODAY, clock });
  const graph = app.running.localGraph!;
  const rows: Measurement[] = [];
  const row = (metric: string, value: number, unit: string) =>
    rows.push({ scenario: "peak", metric, value, unit });
  try {
    await seedMidSizedKommun(app);
    const tokens = new Map<DemoUserKey, string>();
    for (const { user } of PEOPLE_BY_NAMND) tokens.set(user, await app.tokenFor(user));
    const committeeIds = new Map<string, string>();
    for (const { code } of PEOPLE_BY_NAMND)
      if (code) committeeIds.set(code, await app.committeeId(code));
    // Everyone has signed in before (their memberships are known), as on any working morning.
    for (const token of tokens.values())
      await fetch(`${app.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    await setFaults(graph, { latencyMs: LATENCY_MS });

    const van = committeeIds.get("VAN")!;
    const anna = tokens.get("anna")!;
    const karin = tokens.get("karin")!;
    const cost = {
      dashboard: await freshCost(app, `/api/committees/${van}/dashboard`, anna),
      overview: await freshCost(app, "/api/overview", karin),
      register: await freshCost(app, `/api/contracts?committeeId=${van}`, anna),
      kommunRegister: await freshCost(app, "/api/contracts", karin),
    };
    const warm = await warmMedian(app, `/api/committees/${van}/dashboard`, anna);

    // A budget minute that has begun is no one's: start on a fresh one.
    await sleep((60_000 - ((clock() - wallStart) % 60_000)) / SPEED + 50);
    const began = performance.now();
    const result = await runMorning(app, app.url, app.running.store, tokens, committeeIds);
    const minutes = result.perMinute;
    const failures = [...result.failed.values()].reduce((sum, count) => sum + count, 0);
    const afresh =
      result.opened.dashboard * cost.dashboard +
      result.opened.overview * cost.overview +
      result.opened.register * cost.register +
      result.opened.kommunRegister * cost.kommunRegister;
    row("Översikt opened", result.overview.length, "people");
    row("Översikt p50", percentile(result.overview, 50), "ms");
    row("Översikt p95", percentile(result.overview, 95), "ms");
    row("register p95", percentile(result.register, 95), "ms");
    row(
      "Översikt p95, opened while the reminder scan ran",
      percentile(result.overviewDuringScan, 95),
      "ms",
    );
    row("Översikt p95, opened while it did not", percentile(result.overviewOutsideScan, 95), "ms");
    row("Översikt from the read model, one person alone, median", warm, "ms");
    row("answers other than 200 to people", failures, "responses");
    row("429s from SharePoint (the app retries them)", result.throttled, "requests");
    row("resource units, whole morning", result.spent, "RU");
    row("resource units, busiest minute", Math.max(0, ...minutes), "RU/min of 2,500");
    row("resource units, mean per minute", result.spent / Math.max(1, minutes.length), "RU/min");
    row("reading afresh instead: resource units, whole morning", afresh, "RU");
    row("reading afresh instead: mean per minute of the five", afresh / 5, "RU/min");
    row("reminder scan beside the people", result.reminderScanMs, "ms");
    console.error(
      `bench: peak (load average ${os.loadavg()[0]?.toFixed(1)}): ${result.overview.length} Översikt (${result.overviewDuringScan.length} during the scan), p50 ${Math.round(percentile(result.overview, 50))} ms, p95 ${Math.round(percentile(result.overview, 95))} ms, failed: ${JSON.stringify(Object.fromEntries(result.failed))}, ${result.throttled} × 429, ${result.spent} RU (per minute: ${minutes.join(", ")}); afresh ${afresh} RU (per screen: ${JSON.stringify(cost)}; opened ${JSON.stringify(result.opened)}); ${Math.round((performance.now() - began) / 1000)} s on the wall`,
    );
  } finally {
    await setFaults(graph, { latencyMs: 0 });
    await app.stop();
  }
  return rows;
}
