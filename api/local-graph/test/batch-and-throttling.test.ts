import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  appToken,
  createTestList,
  graphError,
  type ListHandle,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

let graph: TestGraph;
let list: ListHandle;

beforeAll(async () => {
  // Envelopes are throttled too at the random rates used here; ten retries
  // make a spurious failure (0.3^11 per round) practically impossible.
  graph = await startTestGraph({ maxRetries: 10 });
  list = await createTestList(graph.access, "Batchtest", [
    { name: "code", text: {}, indexed: true, enforceUniqueValues: true },
  ]);
});

afterEach(async () => {
  await graph.setFaults({ failureRate: 0, failNext: 0, latencyMs: 0, retryAfterSeconds: 1 });
});

afterAll(async () => {
  await graph.stop();
});

const rawBatch = async (requests: unknown[]) =>
  fetch(`${graph.server.graphUrl}/$batch`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${await appToken(graph.server)}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ requests }),
  });

describe("$batch", () => {
  test("at most 20 requests; ids unique; a body needs Content-Type", async () => {
    const get = (id: string) => ({ id, method: "GET", url: "/sites/root" });
    expect(
      (await rawBatch(Array.from({ length: 21 }, (_, index) => get(String(index))))).status,
    ).toBe(400);
    expect((await rawBatch([get("1"), get("1")])).status).toBe(400);
    expect(
      (
        await rawBatch([
          { id: "1", method: "POST", url: `${list.url}/items`, body: { fields: {} } },
        ])
      ).status,
    ).toBe(400);
    const ok = await rawBatch(Array.from({ length: 20 }, (_, index) => get(String(index))));
    expect(ok.status).toBe(200);
  });

  test("parts fail on their own inside a 200; dependents of a failed part get 424", async () => {
    const response = await rawBatch([
      {
        id: "a",
        method: "POST",
        url: `${list.url}/items`,
        headers: { "Content-Type": "application/json" },
        body: { fields: { code: "A" } },
      },
      {
        id: "b",
        method: "POST",
        url: `${list.url}/items`,
        headers: { "Content-Type": "application/json" },
        body: { fields: { code: "A" } },
        dependsOn: ["a"],
      },
      { id: "c", method: "GET", url: `${list.url}/items/999`, dependsOn: ["b"] },
      { id: "d", method: "GET", url: "/sites/root/lists/finnsinte" },
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      responses: Array<{ id: string; status: number; body: { error?: { code: string } } }>;
    };
    const byId = new Map(body.responses.map((part) => [part.id, part]));
    expect(byId.get("a")?.status).toBe(201);
    expect(byId.get("b")?.status).toBe(409);
    expect(byId.get("c")?.status).toBe(424);
    expect(byId.get("d")?.status).toBe(404);
    expect(byId.get("d")?.body.error?.code).toBe("itemNotFound");
  });

  test("a throttled part gets its own 429 with Retry-After inside a 200 batch", async () => {
    await graph.setFaults({ failNext: 1, statuses: [429], retryAfterSeconds: 7 });
    const second = await rawBatch([
      { id: "1", method: "GET", url: "/sites/root" },
      { id: "2", method: "GET", url: "/sites/root" },
    ]);
    expect(second.status).toBe(200);
    const body = (await second.json()) as {
      responses: Array<{ id: string; status: number; headers: Record<string, string> }>;
    };
    const statuses = body.responses.map((part) => part.status).sort();
    expect(statuses).toEqual([200, 429]);
    expect(body.responses.find((part) => part.status === 429)?.headers["Retry-After"]).toBe("7");
  });

  test("request counters see batch parts", async () => {
    await graph.admin("POST", "/_local/stats/reset");
    const batch = await rawBatch([
      { id: "1", method: "GET", url: "/sites/root" },
      { id: "2", method: "GET", url: `${list.url}` },
      { id: "3", method: "GET", url: `${list.url}/columns` },
    ]);
    expect(batch.status).toBe(200);
    const stats = await graph.stats();
    expect(stats).toMatchObject({ requests: 1, batches: 1, batchParts: 3, operations: 3 });
  });
});

describe("throttling of single requests", () => {
  test("429 and 503 are retried by the client after Retry-After", async () => {
    await graph.setFaults({ failNext: 2, statuses: [429], retryAfterSeconds: 1 });
    await graph.admin("POST", "/_local/stats/reset");
    const started = Date.now();
    const site = (await graph.access.client.api("/sites/root").get()) as { id: string };
    const waited = Date.now() - started;
    expect(site.id).toContain("localhost,");
    const stats = await graph.stats();
    expect(stats.throttled).toBe(2);
    expect(stats.requests).toBe(3);
    // The client must have honoured Retry-After (1 s) twice, not retried at once.
    expect(waited).toBeGreaterThanOrEqual(2000);
  });

  test("the throttling error has Graph's shape", async () => {
    await graph.setFaults({ failNext: 1, statuses: [429], retryAfterSeconds: 41 });
    const response = await fetch(`${graph.server.graphUrl}/sites/root`, {
      headers: { Authorization: `Bearer ${await appToken(graph.server)}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("41");
    const body = (await response.json()) as {
      error: { code: string; innerError: { code: string } };
    };
    expect(body.error.code).toBe("activityLimitReached");
    expect(body.error.innerError.code).toBe("throttledRequest");
  });

  test("the client gives up after its retries and surfaces the 503", async () => {
    // This client retries ten times; the eleventh answer is the one it shows.
    await graph.setFaults({ failNext: 11, statuses: [503], retryAfterSeconds: 0 });
    const error = await graphError(graph.access.client.api("/sites/root").get());
    expect(error.statusCode).toBe(503);
  });
});
