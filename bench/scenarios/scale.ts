import type http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createApp } from "../../api/src/app.ts";
import { createTokenValidator } from "../../api/src/http/auth/token-validator.ts";
import { createLogger } from "../../api/src/logger.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { encodeDeficiency, encodeDeviation } from "../../api/src/store/mappers.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import { localTestConfig, startTestApp, type TestApp } from "../../test/support/app.ts";
import { graphStats, localAdmin, setBudget, setFaults } from "../../test/support/local-graph.ts";
import { NaiveAppStore } from "../naive-store.ts";
import type { Measurement } from "../report.ts";
import { benchCommittee, benchContract, benchFollowUp, createItems } from "../seed.ts";

/**
 * A large kommun: 50 nämnder, 20,000 contracts (10 strategic per nämnd),
 * 100,000 follow-ups, 20,000 deviations (one per contract, within two years),
 * 2,000 deficiencies (every tenth found from a deviation, as a deficiency
 * often is) — and 100 ms added to every Graph
 * request. Each screen and action is measured through the HTTP API twice:
 * the app as built, and the same app over the naive store (whole lists,
 * default page size, no batching, filtering in memory).
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
const COMMITTEES = 50;
const CONTRACTS = 20_000;
const FOLLOW_UPS_PER_CONTRACT = 5;
/** One deviation per contract, spread over the two years before the bench's day. */
const DEVIATION_DAYS = 700;
const PERIODS = ["2021–2022", "2022–2023", "2023–2024", "2024–2025", "2025–2026"];
const LATENCY_MS = 100;

interface Operation {
  label: string;
  /**
   * Served from the read model the operation before filled (the next person
   * of the nämnd within the minute); every other operation reads afresh.
   */
  shared?: boolean;
  /** Done before the clock starts (e.g. reading the item a person then saves). */
  prepare?(): Promise<{ id: string; etag: string }>;
  run(call: Call, prepared?: { id: string; etag: string }): Promise<void>;
}

type Call = (
  method: string,
  path: string,
  user: "anna" | "karin",
  options?: { body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: unknown }>;

/**
 * Loads the large kommun. Loading 142,000 items spends about 284,000 resource
 * units, nearly two hours of a kommun's budget: it is done with the budget's
 * enforcement off (a migration would be spread over nights), and the budget
 * starts afresh afterwards.
 */
export async function seedScale(app: TestApp): Promise<void> {
  const graph = app.running.localGraph!;
  await setBudget(graph, { enforced: false });
  await seed(app);
  await localAdmin(graph, "POST", "/_local/stats/reset");
  await setBudget(graph, { enforced: true });
}

async function seed(app: TestApp): Promise<void> {
  const store = new AppStore(app.running.graph, "root");
  const existing = await store.committees();
  const extra = await createItems(
    store,
    "committees",
    Array.from({ length: COMMITTEES - existing.length }, (_, index) =>
      benchCommittee(index + 1, { domain: "asby.se" }),
    ),
  );
  store.invalidate();
  await provision(app.running.graph, "root");
  const committeeIds = [...existing.map((committee) => committee.id), ...extra];
  const owner = { id: "bench-owner", name: "Avtalsansvarig", email: "ansvarig@asby.se" };
  const contractIds: string[] = [];
  const strategicIds: string[] = [];
  const CHUNK = 5000;
  for (let start = 0; start < CONTRACTS; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, CONTRACTS - start) }, (_, offset) => {
      const index = start + offset;
      const strategic = Math.floor(index / COMMITTEES) % 40 === 0;
      return {
        committeeId: committeeIds[index % COMMITTEES]!,
        strategic,
        fields: benchContract({
          title: `Avtal ${index}`,
          contractNumber: `BENCH-${index}`,
          committeeId: committeeIds[index % COMMITTEES]!,
          owner,
          strategic,
          serviceArea: ["Hemtjänst", "Skolskjuts", "Städ", "Boende"][index % 4]!,
          provider: `Utförare ${index % 300} AB`,
          status: index % 10 === 0 ? "avslutat" : "aktivt",
        }),
      };
    });
    const ids = await createItems(
      store,
      "contracts",
      rows.map((row) => row.fields),
    );
    ids.forEach((id, offset) => {
      contractIds.push(id);
      if (rows[offset]!.strategic) strategicIds.push(id);
    });
  }
  const committeeOf = (contractIndex: number) => committeeIds[contractIndex % COMMITTEES]!;
  for (const [periodIndex, period] of PERIODS.entries()) {
    if (periodIndex >= FOLLOW_UPS_PER_CONTRACT) break;
    for (let start = 0; start < contractIds.length; start += CHUNK) {
      await createItems(
        store,
        "followUps",
        contractIds.slice(start, start + CHUNK).map((contractId, offset) =>
          benchFollowUp({
            contractId,
            committeeId: committeeOf(start + offset),
            period,
            followUpDate: `${period.slice(-4)}-05-15`,
            deficient: (start + offset) % 9 === 0,
          }),
        ),
      );
    }
  }
  const deviationOf = new Map<string, string>();
  for (let start = 0; start < contractIds.length; start += CHUNK) {
    const chunk = contractIds.slice(start, start + CHUNK);
    const ids = await createItems(
      store,
      "deviations",
      chunk.map((contractId, offset) => {
        const index = start + offset;
        const day = new Date(Date.UTC(2026, 10, 20 - (index % DEVIATION_DAYS)));
        return encodeDeviation({
          contractId,
          committeeId: committeeOf(index),
          occurredOn: day.toISOString().slice(0, 10),
          provider: "",
          description: `Avvikelse ${index}`,
          severity: index % 10 === 0 ? "hög" : index % 3 === 0 ? "medel" : "låg",
          handling: "",
          status: index % 4 === 0 ? "öppen" : "hanterad",
        });
      }),
    );
    for (const [offset, id] of ids.entries()) deviationOf.set(chunk[offset]!, id);
  }
  await createItems(
    store,
    "deficiencies",
    Array.from({ length: 2000 }, (_, index) => {
      const contractIndex = contractIds.indexOf(strategicIds[index % strategicIds.length]!);
      return encodeDeficiency({
        contractId: strategicIds[index % strategicIds.length]!,
        committeeId: committeeOf(contractIndex),
        ...(index % 10 === 0
          ? { deviationId: deviationOf.get(strategicIds[index % strategicIds.length]!) }
          : {}),
        description: `Brist ${index}`,
        goalImpact: "",
        measures: "",
        checkUpResult: "",
        sanctionNote: "",
        status: index % 3 === 0 ? "åtgärdad" : "öppen",
      });
    }),
  );
}

function operations(van: string, followUp: () => Promise<{ id: string; etag: string }>) {
  const ok = (response: { status: number; body: unknown }, label: string) => {
    if (response.status >= 300)
      throw new Error(`${label}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const list: Operation[] = [
    {
      label: "dashboard (Översikt, one nämnd)",
      run: async (call) =>
        ok(await call("GET", `/api/committees/${van}/dashboard`, "anna"), "dashboard"),
    },
    {
      label: "dashboard, next person of the nämnd (shared read model)",
      shared: true,
      run: async (call) =>
        ok(await call("GET", `/api/committees/${van}/dashboard`, "anna"), "dashboard"),
    },
    {
      label: "contract register, first page",
      run: async (call) =>
        ok(await call("GET", `/api/contracts?committeeId=${van}`, "anna"), "register"),
    },
    {
      label: "contract register, filtered (search + status)",
      run: async (call) =>
        ok(
          await call("GET", `/api/contracts?committeeId=${van}&q=Avtal%2012&status=aktivt`, "anna"),
          "filter",
        ),
    },
    {
      label: "follow-up save",
      prepare: followUp,
      run: async (call, current) => {
        if (!current) throw new Error("save needs the item read first");
        ok(
          await call("PATCH", `/api/follow-ups/${current.id}`, "anna", {
            headers: { "If-Match": current.etag },
            body: { serviceEvaluation: `Sparad ${performance.now()}` },
          }),
          "save",
        );
      },
    },
    {
      label: "provider page (one provider in every nämnd)",
      run: async (call) =>
        ok(
          await call("GET", `/api/providers/${encodeURIComponent("name:utförare 7")}`, "anna"),
          "provider",
        ),
    },
    {
      label: "nämnd report (Word draft)",
      run: async (call) =>
        ok(
          await call("POST", "/api/reports", "anna", { body: { type: "namnd", committeeId: van } }),
          "report",
        ),
    },
    {
      label: `KS compilation over ${COMMITTEES} nämnder`,
      run: async (call) =>
        ok(await call("POST", "/api/reports", "karin", { body: { type: "ks", year: 2026 } }), "ks"),
    },
    {
      // The year's draft exists: it is replaced with its metadata and row in one batch.
      label: `KS compilation over ${COMMITTEES} nämnder, made again`,
      run: async (call) =>
        ok(await call("POST", "/api/reports", "karin", { body: { type: "ks", year: 2026 } }), "ks"),
    },
  ];
  return list;
}

export async function scaleScenario(): Promise<Measurement[]> {
  const app = await startTestApp({ now: TODAY });
  const started = performance.now();
  await seedScale(app);
  console.error(
    `bench: scale data seeded in ${Math.round((performance.now() - started) / 1000)} s`,
  );

  // The baseline: the same app over the naive store, on its own port, same data and sign-in.
  const naive = createApp({
    config: localTestConfig(),
    graph: app.running.graph,
    logger: createLogger("silent"),
    validateToken: createTokenValidator(app.running.localSignIn!.validatorOptions()),
    store: new NaiveAppStore(app.running.graph, "root"),
    now: () => TODAY,
    localGraph: app.running.localGraph!,
    selfUrl: () => "",
  });
  const naiveServer = await new Promise<http.Server>((resolve) => {
    const server = naive.express.listen(0, "127.0.0.1", () => resolve(server));
  });
  const naiveUrl = `http://127.0.0.1:${(naiveServer.address() as AddressInfo).port}`;

  const tokens = { anna: await app.tokenFor("anna"), karin: await app.tokenFor("karin") };
  const caller =
    (baseUrl: string): Call =>
    async (method, path, user, options = {}) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${tokens[user]}`,
          ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
  const van = await app.committeeId("VAN");
  const someFollowUp = async () => {
    const list = await app.call("GET", `/api/follow-ups?committeeId=${van}`, { user: "anna" });
    const first = list.body.items[0] as { id: string };
    const current = await app.call("GET", `/api/follow-ups/${first.id}`, { user: "anna" });
    return { id: first.id, etag: current.body.etag as string };
  };

  const rows: Measurement[] = [];
  const counter = app.running.graph.counter;
  /** One action with 100 ms on every Graph request, from a fresh minute of the budget. */
  const measure = async (label: string, variant: string, run: () => Promise<void>) => {
    await setFaults(app.running.localGraph!, { latencyMs: LATENCY_MS });
    // Each action starts from a fresh minute of the budget, so none waits for another's 429s.
    await localAdmin(app.running.localGraph!, "POST", "/_local/stats/reset");
    counter.reset();
    const begin = performance.now();
    await run();
    const wall = performance.now() - begin;
    const counts = counter.snapshot();
    const units = (await graphStats(app.running.localGraph!)).resourceUnits;
    await setFaults(app.running.localGraph!, { latencyMs: 0 });
    const metric = `${label} [${variant}]`;
    rows.push(
      { scenario: "scale", metric: `${metric}: wall time`, value: wall, unit: "ms" },
      {
        scenario: "scale",
        metric: `${metric}: Graph requests`,
        value: counts.requests,
        unit: "requests",
      },
      {
        scenario: "scale",
        metric: `${metric}: sequential round trips`,
        value: counts.roundTrips,
        unit: "round trips",
      },
      { scenario: "scale", metric: `${metric}: resource units`, value: units.spent, unit: "RU" },
    );
    if (units.throttled > 0)
      throw new Error(`${metric}: ${units.throttled} throttled by the budget`);
    console.error(
      `bench: ${metric}: ${Math.round(wall)} ms, ${counts.requests} requests, ${counts.roundTrips} round trips, ${units.spent} RU`,
    );
  };

  // The server warms the kommun copy (items/delta) at start, with its first reminder scan;
  // the KS overview and compilation then read only what changed since.
  await measure("kommun copy, first read at server start (items/delta, whole lists)", "app", () =>
    app.running.store.currentCycleData().then(() => undefined),
  );
  const variants: Array<[string, Call]> = [["app", caller(app.url)]];
  if (process.env.BENCH_SKIP_NAIVE !== "1") variants.push(["naive", caller(naiveUrl)]);
  for (const [variant, call] of variants) {
    // Warm the caches a signed-in person has warm (lists, committees, memberships).
    await call("GET", "/api/me", "anna");
    await call("GET", "/api/me", "karin");
    for (const operation of operations(van, someFollowUp)) {
      if (!operation.shared) {
        // Read afresh: the read model forgets, the committees and settings are warm again.
        app.running.store.invalidate();
        await call("GET", "/api/me", "anna");
        await call("GET", "/api/me", "karin");
      }
      const prepared = await operation.prepare?.();
      await measure(operation.label, variant, () => operation.run(call, prepared));
    }
  }
  await new Promise<void>((resolve) => naiveServer.close(() => resolve()));
  await app.stop();
  return rows;
}
