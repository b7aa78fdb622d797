import { afterAll, beforeAll, expect, test } from "vitest";
import {
  createItemsInBatches,
  createTestList,
  graphError,
  type ListHandle,
  readAll,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

const PREFER = { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" };
let graph: TestGraph;
let list: ListHandle;

beforeAll(async () => {
  // Setting up 5,001 items spends four minutes' resource units; this suite is about the threshold.
  graph = await startTestGraph({ budget: { enforced: false } });
  list = await createTestList(graph.access, "Stor lista", [
    { name: "committee", text: {}, indexed: true },
    { name: "note", text: {} },
  ]);
  await createItemsInBatches(
    graph.access,
    list,
    Array.from({ length: 5001 }, (_, index) => ({
      committee: `N${index % 50}`,
      note: index % 2 ? "a" : "b",
    })),
  );
});

afterAll(async () => {
  await graph.stop();
});

test("past 5,000 items a non-indexed query fails even with the Prefer header", async () => {
  const error = await graphError(
    graph.access.client.api(`${list.url}/items?$filter=fields/note eq 'a'`).headers(PREFER).get(),
  );
  expect(error.statusCode).toBe(500);
  expect(error.message).toContain("list view threshold");
  const orderError = await graphError(
    graph.access.client.api(`${list.url}/items?$orderby=fields/note`).headers(PREFER).get(),
  );
  expect(orderError.statusCode).toBe(500);
});

test("indexed filters and unfiltered paging still work past the threshold", async () => {
  const one = await readAll(
    graph.access,
    `${list.url}/items?$filter=fields/committee eq 'N7'&$top=5000`,
  );
  expect(one).toHaveLength(100);
  const all = await readAll<{ id: string }>(graph.access, `${list.url}/items?$top=5000`);
  expect(all).toHaveLength(5001);
  expect(new Set(all.map((item) => item.id)).size).toBe(5001);
});
