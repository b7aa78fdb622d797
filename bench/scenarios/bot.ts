import { performance } from "node:perf_hooks";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import { annualCycle } from "../../api/src/domain/annual-cycle.ts";
import { swedishDate } from "../../api/src/domain/dates.ts";
import { createLogger } from "../../api/src/logger.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import { startTestApp } from "../../test/support/app.ts";
import { listClient } from "../../test/support/lists.ts";
import {
  localAdmin,
  setBudget,
  setFaults,
  startTestGraph,
} from "../../test/support/local-graph.ts";
import { type Measurement, percentile } from "../report.ts";
import { benchCommittee, benchContract, createItems } from "../seed.ts";

/** The bot's reply time (local), and the daily reminder scan over 20,000 contracts. */

const TODAY = new Date("2026-11-24T07:00:00+01:00");

async function replyTimes(): Promise<Measurement[]> {
  const app = await startTestApp({ now: TODAY });
  try {
    const samples: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      const started = performance.now();
      const response = await app.call("POST", "/api/chat", {
        user: "anna",
        body: { text: round % 2 ? "status" : "brister" },
      });
      if (response.status !== 202) throw new Error(`chat failed: ${response.status}`);
      samples.push(performance.now() - started);
    }
    return [
      {
        scenario: "bot",
        metric: "reply (message in → card posted), p50",
        value: percentile(samples, 50),
        unit: "ms",
      },
      {
        scenario: "bot",
        metric: "reply (message in → card posted), p95",
        value: percentile(samples, 95),
        unit: "ms",
      },
    ];
  } finally {
    await app.stop();
  }
}

async function reminderScan(): Promise<Measurement[]> {
  const { server, access } = await startTestGraph();
  const store = new AppStore(access, "root");
  try {
    // Loading 20,000 contracts spends 40,000 RU: done with the budget's enforcement off (as the
    // scale scenario does), so the scan neither waits for 429s nor yields to a budget it did not spend.
    await setBudget(server, { enforced: false });
    await provision(access, "root");
    const committees = await createItems(
      store,
      "committees",
      Array.from({ length: 20 }, (_, index) => benchCommittee(index, { isKs: index === 0 })),
    );
    const owner = { id: "owner", name: "Ägare", email: "" };
    await createItems(
      store,
      "contracts",
      Array.from({ length: 20_000 }, (_, index) =>
        benchContract({
          title: `Avtal ${index}`,
          contractNumber: `S-${index}`,
          committeeId: committees[index % committees.length]!,
          owner,
          strategic: index % 40 === 0,
          serviceArea: "Område",
          startDate: "2022-01-01",
          endDate: `2027-0${1 + (index % 9)}-15`,
        }),
      ),
    );
    const fresh = async () => {
      await localAdmin(server, "POST", "/_local/stats/reset");
      await setBudget(server, { enforced: true });
      // An answer without RateLimit headers tells the app's gauge that the budget is not nearly spent.
      await store.hasCommittees();
    };
    await fresh();
    const runner = new ReminderRunner({
      store,
      poster: { post: async () => "x" },
      logger: createLogger("silent"),
      link: (path) => path,
      now: () => TODAY,
    });
    // One scan as the scheduler runs it: read (items/delta), the årshjul, the reminders.
    const scan = async () => {
      await setFaults(server, { latencyMs: 100 });
      access.counter.reset();
      const started = performance.now();
      const result = await runner.run();
      const elapsed = performance.now() - started;
      const counts = access.counter.snapshot();
      await setFaults(server, { latencyMs: 0 });
      return { elapsed, counts, result };
    };
    const first = await scan();
    await setBudget(server, { enforced: false });
    // A day's changes between two scans: 50 contracts edited, 5 removed, 5 new.
    const contracts = await store.allContracts();
    const client = listClient(access, "contracts");
    for (const contract of contracts.slice(0, 50))
      await client.update(
        contract.id,
        contract.etag,
        { Title: `${contract.title} (ändrat)` },
        APP_ITSELF,
      );
    for (const contract of contracts.slice(50, 55)) {
      const current = await client.get(contract.id);
      await client.delete(current.id, current.eTag);
    }
    await createItems(
      store,
      "contracts",
      Array.from({ length: 5 }, (_, index) =>
        benchContract({
          title: `Nytt avtal ${index}`,
          contractNumber: `S-NY-${index}`,
          committeeId: committees[index]!,
          owner,
          strategic: false,
          serviceArea: "Område",
          startDate: "2022-01-01",
          endDate: "2027-02-15",
        }),
      ),
    );
    await fresh();
    const next = await scan();
    const data = await store.currentCycleData();
    const obligations = annualCycle({
      today: swedishDate(TODAY),
      municipality: data.settings,
      ...data,
    });
    return [
      {
        scenario: "bot",
        metric:
          "reminder scan, 20,000 contracts (100 ms latency), first run (reads all): wall time",
        value: first.elapsed,
        unit: "ms",
      },
      {
        scenario: "bot",
        metric: "reminder scan, 20,000 contracts, first run: Graph requests",
        value: first.counts.requests,
        unit: "requests",
      },
      {
        scenario: "bot",
        metric:
          "reminder scan, 20,000 contracts (100 ms latency), next day (delta, 60 changes): wall time",
        value: next.elapsed,
        unit: "ms",
      },
      {
        scenario: "bot",
        metric: "reminder scan, next day: Graph requests / sequential round trips",
        value: next.counts.requests,
        unit: `requests (${next.counts.roundTrips} round trips)`,
      },
      {
        scenario: "bot",
        metric: "reminder scan, 20,000 contracts: obligations found",
        value: obligations.length,
        unit: `(${next.result.noChannel} without channel)`,
      },
    ];
  } finally {
    await server.stop();
  }
}

export async function botScenario(): Promise<Measurement[]> {
  return [...(await replyTimes()), ...(await reminderScan())];
}
