import { afterAll, beforeAll, expect, test } from "vitest";
import {
  appToken,
  createItemsInBatches,
  createTestList,
  type ListHandle,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

interface DeltaPage {
  value: Array<{ id: string; deleted?: { state: string }; fields?: Record<string, unknown> }>;
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

let graph: TestGraph;
let list: ListHandle;

beforeAll(async () => {
  graph = await startTestGraph();
  list = await createTestList(graph.access, "Deltatest", [{ name: "n", number: {} }]);
  await createItemsInBatches(
    graph.access,
    list,
    Array.from({ length: 30 }, (_, index) => ({ n: index })),
  );
});

afterAll(async () => {
  await graph.stop();
});

async function round(url: string): Promise<{ items: DeltaPage["value"]; deltaLink: string }> {
  const items: DeltaPage["value"] = [];
  let next: string | undefined = url;
  for (;;) {
    const page = (await graph.access.client.api(graph.access.relative(next)).get()) as DeltaPage;
    items.push(...page.value);
    if (page["@odata.deltaLink"]) return { items, deltaLink: page["@odata.deltaLink"] };
    next = page["@odata.nextLink"];
    if (!next) throw new Error("delta page without next or delta link");
  }
}

test("the first round pages through every item and ends with a delta link", async () => {
  const first = await round(`${list.url}/items/delta?$top=7&$expand=fields`);
  expect(first.items).toHaveLength(30);
  expect(first.items[0]?.fields?.n).toBe(0);
  expect(first.deltaLink).toContain("token=");
});

test("later rounds return only changes, deletions with the deleted facet, the latest state per item", async () => {
  const { deltaLink } = await round(`${list.url}/items/delta`);
  await graph.access.client.api(`${list.url}/items/3/fields`).patch({ n: 300 });
  await graph.access.client.api(`${list.url}/items/3/fields`).patch({ n: 301 });
  await graph.access.client.api(`${list.url}/items/4`).delete();
  const created = (await graph.access.client
    .api(`${list.url}/items`)
    .post({ fields: { n: 99 } })) as { id: string };
  const changes = await round(deltaLink.replace(/\?/, "?$expand=fields&"));
  const byId = new Map(changes.items.map((item) => [item.id, item]));
  expect([...byId.keys()].sort()).toEqual(["3", "4", created.id].sort());
  expect(byId.get("3")?.fields?.n).toBe(301);
  expect(byId.get("4")?.deleted).toEqual({ state: "deleted" });
  const quiet = await round(changes.deltaLink);
  expect(quiet.items).toHaveLength(0);
});

test("a stale token gets 410 resyncRequired with a Location to start over", async () => {
  const { deltaLink } = await round(`${list.url}/items/delta`);
  await graph.admin("POST", "/_local/delta/expire", { listId: list.id });
  const response = await fetch(deltaLink, {
    headers: { Authorization: `Bearer ${await appToken(graph.server)}` },
  });
  expect(response.status).toBe(410);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
    "resyncRequired",
  );
  const location = response.headers.get("Location");
  expect(location).toContain("/items/delta");
  const restart = await round(location!);
  expect(restart.items.length).toBeGreaterThan(0);
});

test("token=latest starts from now", async () => {
  const latest = (await graph.access.client
    .api(`${list.url}/items/delta?token=latest`)
    .get()) as DeltaPage;
  expect(latest.value).toHaveLength(0);
  await graph.access.client.api(`${list.url}/items`).post({ fields: { n: 1000 } });
  const after = await round(latest["@odata.deltaLink"]!);
  expect(after.items).toHaveLength(1);
});

test("a token this list never gave gets 410 resyncRequired; one that is not a token gets 400", async () => {
  const { deltaLink } = await round(`${list.url}/items/delta`);
  const token = new URL(deltaLink).searchParams.get("token")!;
  const [listId, seq] = Buffer.from(token, "base64url").toString("utf8").split(":");
  const unknown = Buffer.from(`${listId}:${Number(seq) + 1000}`).toString("base64url");
  const headers = { Authorization: `Bearer ${await appToken(graph.server)}` };
  const future = await fetch(deltaLink.replace(token, unknown), { headers });
  expect(future.status).toBe(410);
  expect(((await future.json()) as { error: { code: string } }).error.code).toBe("resyncRequired");
  expect(future.headers.get("Location")).toContain("/items/delta");
  const garbage = await fetch(deltaLink.replace(token, "not-a-token"), { headers });
  expect(garbage.status).toBe(400);
});

test("delta rounds go through $batch too: the token round trip, changes only, 410 as the part's status", async () => {
  const relative = (url: string) => graph.access.relative(url);
  const batch = async (url: string) => {
    const reply = (await graph.access.client.api("/$batch").post({
      requests: [{ id: "d", method: "GET", url: relative(url) }],
    })) as {
      responses: Array<{ status: number; headers?: Record<string, string>; body: DeltaPage }>;
    };
    return reply.responses[0]!;
  };
  const { deltaLink } = await round(`${list.url}/items/delta?$expand=fields`);
  await graph.access.client.api(`${list.url}/items/5/fields`).patch({ n: 500 });
  const changed = await batch(deltaLink);
  expect(changed.status).toBe(200);
  expect(changed.body.value.map((item) => [item.id, item.fields?.n])).toEqual([["5", 500]]);
  const next = changed.body["@odata.deltaLink"]!;
  expect((await batch(next)).body.value).toHaveLength(0);
  await graph.admin("POST", "/_local/delta/expire", { listId: list.id });
  const gone = await batch(next);
  expect(gone.status).toBe(410);
  expect((gone.body as unknown as { error: { code: string } }).error.code).toBe("resyncRequired");
});
