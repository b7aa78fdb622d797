import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ResourceMeter, resourceUnitsOf } from "../src/graph/resource-units.ts";
import {
  appToken,
  createItemsInBatches,
  createTestList,
  type ListHandle,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

/**
 * SharePoint's resource units: the cost of each operation and batch part, the
 * budget per app per minute and per 24 hours, 429 past it, and the RateLimit
 * headers from 80 % of the minute's budget.
 */

const cost = (method: string, url: string) => {
  const parsed = new URL(url, "http://local");
  return resourceUnitsOf({ method, path: parsed.pathname, query: parsed.searchParams });
};

describe("the cost table", () => {
  test("1 RU: one item, a delta with a token, a download", () => {
    expect(cost("GET", "/sites/root")).toBe(1);
    expect(cost("GET", "/sites/root/lists/L1")).toBe(1);
    expect(cost("GET", "/sites/root/lists/L1/items/7?$expand=fields")).toBe(1);
    expect(cost("GET", "/sites/root/lists/L1/items/7/fields")).toBe(1);
    expect(cost("GET", "/sites/root/lists/L1/items/delta?token=abc")).toBe(1);
    expect(cost("GET", "/drives/D1/items/F1/content")).toBe(1);
    expect(cost("GET", "/drives/D1/root:/Rapporter/a.docx:/content")).toBe(1);
    expect(cost("GET", "/drives/D1/root:/Rapporter/a.docx")).toBe(1);
  });

  test("2 RU: a multi-item query, a delta without a token, every write", () => {
    expect(cost("GET", "/sites/root/lists")).toBe(2);
    expect(cost("GET", "/sites/root/lists/L1/items?$expand=fields&$top=5000")).toBe(2);
    expect(cost("GET", "/sites/root/lists/L1/columns")).toBe(2);
    expect(cost("GET", "/sites/root/lists/L1/items/7/versions")).toBe(2);
    expect(cost("GET", "/drives/D1/root:/Rapporter:/children")).toBe(2);
    expect(cost("GET", "/sites/root/lists/L1?$expand=items")).toBe(2);
    expect(cost("GET", "/sites/root/lists/L1/items/delta")).toBe(2);
    expect(cost("POST", "/sites/root/lists/L1/items")).toBe(2);
    expect(cost("PATCH", "/sites/root/lists/L1/items/7/fields")).toBe(2);
    expect(cost("DELETE", "/sites/root/lists/L1/items/7")).toBe(2);
    expect(cost("PUT", "/drives/D1/root:/a.docx:/content")).toBe(2);
    expect(cost("POST", "/drives/D1/root:/a.docx:/createUploadSession")).toBe(2);
  });

  test("5 RU: permission operations, $expand=permissions included", () => {
    expect(cost("GET", "/sites/root/permissions")).toBe(5);
    expect(cost("POST", "/sites/S1/permissions")).toBe(5);
    expect(cost("DELETE", "/sites/S1/permissions/P1")).toBe(5);
    expect(cost("GET", "/drives/D1/items/F1?$expand=permissions")).toBe(5);
  });

  test("the directory is not SharePoint: no RU", () => {
    expect(cost("GET", "/users/u1/transitiveMemberOf/microsoft.graph.group")).toBe(0);
    expect(cost("POST", "/groups")).toBe(0);
    expect(cost("GET", "/me")).toBe(0);
  });
});

describe("the budget windows", () => {
  const MINUTE = 60_000;
  const start = Date.UTC(2026, 10, 24, 7, 0, 0);

  test("past the minute's budget: 429 with Retry-After until the next minute; it counts anyway", () => {
    let now = start + 15_000;
    const meter = new ResourceMeter({ tenantSize: "0-1000" }, () => now);
    for (let spent = 0; spent < 1_250; spent += 2) {
      expect(meter.charge("app", 2, true).throttled).toBeUndefined();
    }
    const refused = meter.charge("app", 1, true).throttled;
    expect(refused?.status).toBe(429);
    expect(refused?.code).toBe("activityLimitReached");
    expect(refused?.headers["Retry-After"]).toBe("45");
    expect(meter.stats().apps.app?.minute.used).toBe(1_251);
    expect(meter.stats().throttled).toBe(1);
    // Another app has its own budget.
    expect(meter.charge("other-app", 2, true).throttled).toBeUndefined();
    // The next minute starts afresh.
    now = start + MINUTE;
    expect(meter.charge("app", 2, true).throttled).toBeUndefined();
    expect(meter.stats().apps.app?.day.used).toBe(1_253);
  });

  test("past the day's budget: 429 until the oldest minutes leave the 24 hours", () => {
    let now = start;
    const meter = new ResourceMeter({ tenantSize: "0-1000" }, () => now);
    // 1,200,000 RU in 960 minutes of 1,250.
    for (let minute = 0; minute < 960; minute += 1) {
      now = start + minute * MINUTE;
      for (let part = 0; part < 625; part += 1) meter.charge("app", 2, true);
    }
    now = start + 1_000 * MINUTE;
    const refused = meter.charge("app", 2, true).throttled;
    expect(refused?.status).toBe(429);
    // The first minute (start) leaves the window 24 hours after it began.
    expect(Number(refused?.headers["Retry-After"])).toBe((1_440 - 1_000) * 60);
    now = start + 1_440 * MINUTE;
    expect(meter.charge("app", 2, true).throttled).toBeUndefined();
  });

  test("RateLimit headers from 80 % of the minute's budget, for app permissions only", () => {
    const now = start + 50_500;
    const meter = new ResourceMeter({}, () => now);
    for (let spent = 0; spent < 1_998; spent += 2) {
      expect(meter.charge("app", 2, true).headers).toEqual({});
    }
    expect(meter.charge("app", 2, true).headers).toEqual({
      "RateLimit-Limit": "2500",
      "RateLimit-Remaining": "500",
      "RateLimit-Reset": "10",
    });
    expect(meter.charge("app", 1, false).headers).toEqual({});
    expect(meter.headersFor("app", true)["RateLimit-Remaining"]).toBe("499");
  });

  test("not enforced: counted and announced, never refused", () => {
    const meter = new ResourceMeter({ tenantSize: "0-1000", enforced: false }, () => start);
    for (let spent = 0; spent < 2_000; spent += 2) {
      expect(meter.charge("app", 2, true).throttled).toBeUndefined();
    }
    expect(meter.charge("app", 2, true).headers["RateLimit-Remaining"]).toBe("0");
    expect(meter.stats().spent).toBe(2_002);
  });
});

describe("metering over HTTP", () => {
  let graph: TestGraph;
  let list: ListHandle;

  interface Stats {
    operations: number;
    resourceUnits: {
      spent: number;
      throttled: number;
      apps: Record<string, { minute: { used: number; limit: number } }>;
      perMinute: Array<{ minute: string; units: number }>;
      userAgents: Record<string, number>;
    };
  }
  const stats = async () => (await graph.admin("GET", "/_local/stats")) as Stats;
  const spentBy = async (action: () => Promise<unknown>) => {
    const before = (await stats()).resourceUnits.spent;
    await action();
    return (await stats()).resourceUnits.spent - before;
  };
  const raw = async (method: string, path: string, body?: unknown) =>
    fetch(`${graph.server.graphUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await appToken(graph.server)}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** The minute's budget is a clock-minute window: start a test that fills it well inside one. */
  const awayFromMinuteEnd = async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await sleep(left + 50);
  };

  beforeAll(async () => {
    graph = await startTestGraph();
    list = await createTestList(graph.access, "Kostnader", [{ name: "code", text: {} }]);
    await createItemsInBatches(graph.access, list, [{ code: "A" }, { code: "B" }]);
  });

  beforeEach(async () => {
    await graph.admin("PUT", "/_local/budget", { tenantSize: "1001-5000", enforced: true });
    await graph.admin("POST", "/_local/stats/reset");
  });

  afterAll(async () => {
    await graph.stop();
  });

  test("each operation is charged its cost; the directory costs nothing", async () => {
    const client = graph.access.client;
    expect(await spentBy(() => client.api("/sites/root").get())).toBe(1);
    expect(await spentBy(() => client.api(`${list.url}/items?$expand=fields`).get())).toBe(2);
    expect(await spentBy(() => client.api(`${list.url}/items/1`).get())).toBe(1);
    let deltaLink = "";
    expect(
      await spentBy(async () => {
        deltaLink = ((await client.api(`${list.url}/items/delta`).get()) as Record<string, string>)[
          "@odata.deltaLink"
        ]!;
      }),
    ).toBe(2);
    expect(await spentBy(() => client.api(graph.access.relative(deltaLink)).get())).toBe(1);
    let created = "";
    expect(
      await spentBy(async () => {
        created = (
          (await client.api(`${list.url}/items`).post({ fields: { code: "C" } })) as {
            id: string;
          }
        ).id;
      }),
    ).toBe(2);
    expect(
      await spentBy(() => client.api(`${list.url}/items/${created}/fields`).patch({ code: "D" })),
    ).toBe(2);
    expect(await spentBy(() => client.api(`${list.url}/items/${created}`).delete())).toBe(2);
    expect(await spentBy(() => client.api("/sites/root/permissions").get())).toBe(5);
    expect(await spentBy(() => client.api("/users").get())).toBe(0);
  });

  test("every batch part is charged; the envelope is not", async () => {
    const response = await spentBy(async () => {
      const answer = await raw("POST", "/$batch", {
        requests: [
          { id: "1", method: "GET", url: "/sites/root" },
          { id: "2", method: "GET", url: `${list.url}/items?$expand=fields` },
          { id: "3", method: "GET", url: `${list.url}/items/1` },
          { id: "4", method: "GET", url: "/sites/root/permissions" },
          { id: "5", method: "GET", url: "/users" },
        ],
      });
      expect(answer.status).toBe(200);
    });
    expect(response).toBe(1 + 2 + 1 + 5);
  });

  test("past the minute's budget: 429 with Retry-After, for single requests and batch parts", async () => {
    await awayFromMinuteEnd();
    await graph.admin("PUT", "/_local/budget", { tenantSize: "0-1000" });
    // 31 batches of 20 list queries: 1,240 RU of the 1,250.
    const queries = Array.from({ length: 20 }, (_, index) => ({
      id: String(index),
      method: "GET",
      url: `${list.url}/items`,
    }));
    for (let round = 0; round < 31; round += 1) {
      const answer = (await (await raw("POST", "/$batch", { requests: queries })).json()) as {
        responses: Array<{ status: number }>;
      };
      expect(answer.responses.every((part) => part.status === 200)).toBe(true);
    }
    const batch = await raw("POST", "/$batch", { requests: queries });
    expect(batch.status).toBe(200);
    const parts = (
      (await batch.json()) as {
        responses: Array<{ id: string; status: number; headers: Record<string, string> }>;
      }
    ).responses.sort((a, b) => Number(a.id) - Number(b.id));
    // 5 more fit (1,250); the rest are refused.
    expect(parts.filter((part) => part.status === 200)).toHaveLength(5);
    const refusedPart = parts.find((part) => part.status === 429);
    expect(Number(refusedPart?.headers["Retry-After"])).toBeGreaterThan(0);
    expect(refusedPart?.headers["RateLimit-Remaining"]).toBe("0");
    expect(refusedPart?.headers["RateLimit-Limit"]).toBe("1250");
    // On the parts only: the envelope is not a SharePoint answer.
    expect(batch.headers.get("RateLimit-Limit")).toBeNull();

    const single = await raw("GET", `${list.url}/items/1`);
    expect(single.status).toBe(429);
    const retryAfter = Number(single.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await single.json()) as { error: { code: string } }).error.code).toBe(
      "activityLimitReached",
    );
    const after = await stats();
    expect(after.resourceUnits.throttled).toBe(16);
    // Throttled requests count too.
    expect(after.resourceUnits.spent).toBe(1_240 + 40 + 1);
  });

  test("RateLimit headers appear from 80 % of the minute's budget", async () => {
    await awayFromMinuteEnd();
    await graph.admin("PUT", "/_local/budget", { tenantSize: "0-1000" });
    const queries = Array.from({ length: 20 }, (_, index) => ({
      id: String(index),
      method: "GET",
      url: `${list.url}/items`,
    }));
    type Parts = { responses: Array<{ id: string; headers: Record<string, string> }> };
    const lastPart = async (batch: Response) =>
      ((await batch.json()) as Parts).responses.find((part) => part.id === "19")?.headers ?? {};
    // 960 RU: below 1,000 (80 % of 1,250), no headers.
    for (let round = 0; round < 24; round += 1) {
      const batch = await raw("POST", "/$batch", { requests: queries });
      expect((await lastPart(batch))["RateLimit-Limit"]).toBeUndefined();
    }
    const below = await raw("GET", `${list.url}/items/1`);
    expect(below.headers.get("RateLimit-Remaining")).toBeNull();
    const batch = await raw("POST", "/$batch", { requests: queries });
    // Each part says the budget as it stood after that part (run in order: the last one last).
    const part = await lastPart(batch);
    expect(batch.headers.get("RateLimit-Limit")).toBeNull();
    expect(part["RateLimit-Limit"]).toBe("1250");
    expect(part["RateLimit-Remaining"]).toBe(String(1_250 - 961 - 40));
    const reset = Number(part["RateLimit-Reset"]);
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);
    const single = await raw("GET", `${list.url}/items/1`);
    expect(single.status).toBe(200);
    expect(single.headers.get("RateLimit-Remaining")).toBe(String(1_250 - 1_002));
  });

  test("a delegated caller spends the same budget but gets no RateLimit headers", async () => {
    await awayFromMinuteEnd();
    await graph.admin("PUT", "/_local/budget", { tenantSize: "0-1000", enforced: false });
    const queries = Array.from({ length: 20 }, (_, index) => ({
      id: String(index),
      method: "GET",
      url: `${list.url}/items`,
    }));
    for (let round = 0; round < 26; round += 1) await raw("POST", "/$batch", { requests: queries });
    const person = await appToken(graph.server, { id: "u1", displayName: "Anna" });
    const delegated = await fetch(`${graph.server.graphUrl}${list.url}/items/1`, {
      headers: { Authorization: `Bearer ${person}` },
    });
    expect(delegated.status).toBe(200);
    expect(delegated.headers.get("RateLimit-Limit")).toBeNull();
    const app = await raw("GET", `${list.url}/items/1`);
    expect(app.headers.get("RateLimit-Remaining")).toBe(String(1_250 - 1_040 - 2));
  });

  test("/_local/stats reports RU spent per app and per minute; reset starts afresh", async () => {
    await graph.access.client.api(`${list.url}/items`).get();
    const before = await stats();
    expect(before.resourceUnits.spent).toBe(2);
    expect(before.resourceUnits.apps["local-app"]?.minute).toMatchObject({ used: 2, limit: 2500 });
    expect(before.resourceUnits.perMinute.at(-1)?.units).toBe(2);
    await fetch(`${graph.server.graphUrl}/sites/root`, {
      headers: {
        Authorization: `Bearer ${await appToken(graph.server)}`,
        "User-Agent": "NONISV|Asby|Avtalsuppfoljning/1.0",
      },
    });
    expect((await stats()).resourceUnits.userAgents["NONISV|Asby|Avtalsuppfoljning/1.0"]).toBe(1);
    const reset = (await graph.admin("POST", "/_local/stats/reset")) as Stats;
    expect(reset.resourceUnits.spent).toBe(0);
    expect(reset.resourceUnits.apps).toEqual({});
  });

  test("budget settings are checked; fault injection stays separate", async () => {
    await expect(graph.admin("PUT", "/_local/budget", { tenantSize: "tiny" })).rejects.toThrow(
      /400/,
    );
    await expect(graph.admin("PUT", "/_local/budget", { perMinute: 5 })).rejects.toThrow(/400/);
    await graph.setFaults({ failNext: 1 });
    const injected = await raw("GET", "/sites/root");
    expect(injected.status).toBeGreaterThanOrEqual(429);
    const after = await stats();
    // Charged (the request reached SharePoint), but not a budget refusal.
    expect(after.resourceUnits.throttled).toBe(0);
    expect(after.resourceUnits.spent).toBe(1);
  });
});
