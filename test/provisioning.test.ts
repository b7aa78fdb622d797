import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readAll } from "../api/src/graph/paging.ts";
import { provision } from "../api/src/store/provisioning.ts";
import { LISTS } from "../api/src/store/schema.ts";
import { startTestGraph, type TestGraph, temporaryDirectory } from "./support/local-graph.ts";

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

test("a dry run changes nothing; the first run creates every list and column; the second finds them unchanged", async () => {
  const dry = await provision(graph.access, "root", { dryRun: true });
  expect(dry.every((line) => line.outcome === "created")).toBe(true);
  const listsAfterDryRun = await readAll(
    graph.access,
    "/sites/root/lists",
    (item) => item as { displayName: string },
  );
  expect(listsAfterDryRun.map((list) => list.displayName)).toEqual(["Dokument"]);

  const first = await provision(graph.access, "root");
  const columnCount = LISTS.reduce((sum, list) => sum + list.columns.length, 0);
  expect(first.filter((line) => line.what === "list" && line.outcome === "created")).toHaveLength(
    LISTS.length,
  );
  expect(first.filter((line) => line.what === "column" && line.outcome === "created")).toHaveLength(
    columnCount,
  );

  const second = await provision(graph.access, "root");
  expect(second.filter((line) => line.outcome !== "unchanged")).toEqual([]);
  expect(second).toHaveLength(LISTS.length + columnCount);
});

test("every filtered column is indexed, lookups point at their lists, Swedish display names", async () => {
  const lists = await readAll(
    graph.access,
    "/sites/root/lists",
    (item) => item as { id: string; displayName: string },
  );
  const contracts = lists.find((list) => list.displayName === "Avtal")!;
  const committees = lists.find((list) => list.displayName === "Nämnder")!;
  const columns = await readAll(
    graph.access,
    `/sites/root/lists/${contracts.id}/columns`,
    (item) =>
      item as {
        name: string;
        displayName: string;
        indexed: boolean;
        enforceUniqueValues: boolean;
        lookup?: { listId: string };
      },
  );
  const byName = new Map(columns.map((column) => [column.name, column]));
  expect(byName.get("committee")).toMatchObject({
    displayName: "Nämnd",
    indexed: true,
    lookup: { listId: committees.id },
  });
  expect(byName.get("contractNumber")).toMatchObject({ indexed: true, enforceUniqueValues: true });
  expect(byName.get("endDate")?.indexed).toBe(true);
  expect(columns.every((column) => /^[A-Za-z0-9_]+$/.test(column.name))).toBe(true);
});

test("a column that lost its index is repaired and reported as changed", async () => {
  const lists = await readAll(
    graph.access,
    "/sites/root/lists",
    (item) => item as { id: string; displayName: string },
  );
  const contracts = lists.find((list) => list.displayName === "Avtal")!;
  await graph.access.client
    .api(`/sites/root/lists/${contracts.id}/columns/endDate`)
    .patch({ indexed: false, displayName: "Slut" });
  const lines = await provision(graph.access, "root");
  expect(lines.filter((line) => line.outcome === "changed")).toEqual([
    { outcome: "changed", what: "column", name: "Avtal.endDate", detail: "displayName, indexed" },
  ]);
});

test("a site made before the who-and-removal columns gets them added, its rows kept, once", async () => {
  const older = await startTestGraph();
  try {
    // Avtal as an earlier version of the app made it: no editor or removal columns.
    const list = (await older.access.client.api("/sites/root/lists").post({
      displayName: "Avtal",
      columns: [{ name: "contractNumber", text: {} }],
      list: { template: "genericList" },
    })) as { id: string };
    const item = (await older.access.client
      .api(`/sites/root/lists/${list.id}/items`)
      .post({ fields: { Title: "Hemtjänst", contractNumber: "ÅSBY-1" } })) as { id: string };
    const lines = await provision(older.access, "root");
    const added = lines
      .filter((line) => line.what === "column" && line.name.startsWith("Avtal."))
      .filter((line) => line.outcome === "created")
      .map((line) => line.name);
    expect(added).toEqual(
      expect.arrayContaining([
        "Avtal.editorId",
        "Avtal.editorName",
        "Avtal.editorEmail",
        "Avtal.removedAt",
        "Avtal.removedById",
        "Avtal.removedByName",
        "Avtal.removedReason",
      ]),
    );
    const row = (await older.access.client
      .api(`/sites/root/lists/${list.id}/items/${item.id}?$expand=fields`)
      .get()) as { fields: Record<string, unknown> };
    expect(row.fields).toMatchObject({ Title: "Hemtjänst", contractNumber: "ÅSBY-1" });
    const again = await provision(older.access, "root");
    expect(again.filter((line) => line.outcome !== "unchanged")).toEqual([]);
  } finally {
    await older.stop();
  }
});

test("npm run provision prints created, then unchanged, in words scripts can read", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const env = { ...process.env, DATA_DIR: temporaryDirectory("provision-"), LOCAL_GRAPH_PORT: "0" };
  const run = () =>
    spawnSync(process.execPath, [path.join(root, "scripts/provision.ts")], {
      env,
      encoding: "utf8",
    });
  const first = run();
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/^created\s+list\s+Avtal$/m);
  const second = run();
  expect(second.stdout).toMatch(/^0 created, 0 changed, \d+ unchanged$/m);
  expect(second.stdout).toMatch(/^unchanged\s+column\s+Avtal\.contractNumber$/m);
});
