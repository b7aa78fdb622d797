import { performance } from "node:perf_hooks";
import { type LocalGraph, startLocalGraph } from "@avtalsuppfoljning/local-graph";
import { LocalTokenProvider } from "../../api/src/graph/auth-providers.ts";
import { sendBatch } from "../../api/src/graph/graph-batch.ts";
import { createGraphAccess, type GraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import { readAll } from "../../api/src/graph/paging.ts";
import { createLogger } from "../../api/src/logger.ts";
import { localAdmin, temporaryDirectory } from "../../test/support/local-graph.ts";
import { type Measurement, percentile } from "../report.ts";

/**
 * The local Graph service itself: batched creates over HTTP, indexed filter
 * latency and full paging at 20,000 and 100,000 items, start-up time.
 */

const COMMITTEES = 50;

async function startServer(dataDir: string): Promise<{ server: LocalGraph; access: GraphAccess }> {
  const server = await startLocalGraph({ dataDir, port: 0 });
  const access = createGraphAccess({
    graphRoot: server.origin,
    authProvider: new LocalTokenProvider(server),
    logger: createLogger("silent"),
  });
  return { server, access };
}

async function createContractList(access: GraphAccess): Promise<string> {
  const list = (await access.client.api("/sites/root/lists").post({
    displayName: "Avtal",
    columns: [
      { name: "committee", text: {}, indexed: true },
      { name: "endDate", dateTime: {}, indexed: true },
      { name: "annualValue", number: {} },
    ],
  })) as { id: string };
  return list.id;
}

/** Seeds items through the service's bulk import (setup, not what is measured). */
async function seed(server: LocalGraph, listId: string, count: number): Promise<void> {
  const items = Array.from({ length: count }, (_, index) => ({
    fields: {
      Title: `Avtal ${index + 1}`,
      committee: `Nämnd ${index % COMMITTEES}`,
      endDate: new Date(Date.UTC(2026, 0, 1 + (index % 1500)))
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      annualValue: index * 10,
    },
  }));
  await localAdmin(server, "POST", `/_local/lists/${listId}/items/import`, { items });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export async function localGraphScenario(): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const scenario = "local-graph";

  {
    const { server, access } = await startServer(temporaryDirectory("bench-"));
    const listId = await createContractList(access);
    const count = 2000;
    const { ms } = await timed(() =>
      sendBatch(
        access,
        Array.from({ length: count }, (_, index) => ({
          id: String(index),
          method: "POST" as const,
          url: `/sites/root/lists/${listId}/items`,
          body: { fields: { committee: `Nämnd ${index % COMMITTEES}`, annualValue: index } },
        })),
      ),
    );
    rows.push({
      scenario,
      metric: `batched create, ${count} items (20 per batch)`,
      value: (count / ms) * 1000,
      unit: "items/s",
    });
    await server.stop();
  }

  for (const size of [20_000, 100_000]) {
    const dataDir = temporaryDirectory("bench-");
    const setup = await startServer(dataDir);
    const listId = await createContractList(setup.access);
    await seed(setup.server, listId, size);
    await setup.server.stop();

    const started = performance.now();
    const { server, access } = await startServer(dataDir);
    await access.client.api(`/sites/root/lists/${listId}/items?$top=1`).get();
    rows.push({
      scenario,
      metric: `start-up to first answer, ${size} items`,
      value: performance.now() - started,
      unit: "ms",
    });

    const samples: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      const { ms } = await timed(() =>
        access.client
          .api(
            `/sites/root/lists/${listId}/items?$filter=fields/committee eq 'Nämnd ${round % COMMITTEES}'&$top=100&expand=fields`,
          )
          .get(),
      );
      samples.push(ms);
    }
    rows.push({
      scenario,
      metric: `indexed filter (eq, 100 rows), ${size} items, p50`,
      value: percentile(samples, 50),
      unit: "ms",
    });
    rows.push({
      scenario,
      metric: `indexed filter (eq, 100 rows), ${size} items, p95`,
      value: percentile(samples, 95),
      unit: "ms",
    });

    const before = access.counter.requests;
    const { ms, result } = await timed(() =>
      readAll(
        access,
        `/sites/root/lists/${listId}/items?$top=5000&expand=fields(select=committee,endDate)`,
        (item) => item,
      ),
    );
    if (result.length !== size) throw new Error(`paging returned ${result.length} of ${size}`);
    rows.push({
      scenario,
      metric: `page through all ${size} items ($top=5000)`,
      value: ms,
      unit: "ms",
    });
    rows.push({
      scenario,
      metric: `page through all ${size} items, requests`,
      value: access.counter.requests - before,
      unit: "requests",
    });
    await server.stop();
  }
  return rows;
}
