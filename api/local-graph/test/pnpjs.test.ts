import { GraphBrowser, graphfi } from "@pnp/graph";
import "@pnp/graph/sites/index.js";
import "@pnp/graph/lists/index.js";
import "@pnp/graph/columns/index.js";
import "@pnp/graph/list-item/index.js";
import "@pnp/graph/files/index.js";
import "@pnp/graph/batching.js";
import { BearerToken, InjectHeaders } from "@pnp/queryable";
import { afterAll, beforeAll, expect, test } from "vitest";
import { appToken, startTestGraph, type TestGraph } from "./support.ts";

/**
 * A second, independent client: PnPjs (@pnp/graph) runs a realistic scenario
 * against the service — lists and columns, items written in a batch, paging,
 * an ETag-guarded update, a file uploaded, found by path and downloaded — so
 * that two clients (graph-client in the other tests, PnPjs here) agree with it.
 */

let graph: TestGraph;
/**
 * PnPjs adds `sites`, `lists`, `items`, `drive`… to its fluent objects by
 * module augmentation written without file extensions, which TypeScript's
 * NodeNext resolution does not apply; at run time they are all there.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the calls are PnPjs's documented fluent API.
type Fluent = any;

let pnp: Fluent;

beforeAll(async () => {
  graph = await startTestGraph();
  const token = await appToken(graph.server, {
    id: "7d1b0c2e-0000-4000-8000-000000000007",
    displayName: "Karin Berg",
    email: "karin@asby.se",
  });
  pnp = graphfi(graph.server.graphUrl).using(
    GraphBrowser({ baseUrl: graph.server.graphUrl }),
    BearerToken(token),
  ) as Fluent;
  // PnPjs fixes its batch URL up only for https Graph hosts; against http it posts to /$batch without /v1.0.
  pnp.using((instance: Fluent) => {
    instance.on.pre(async (url: string, init: RequestInit, result: unknown) => [
      url.replace(/^(https?:\/\/[^/]+)\/\$batch$/, "$1/v1.0/$batch"),
      init,
      result,
    ]);
    return instance;
  });
});

afterAll(async () => {
  await graph.stop();
});

test("lists, columns, batched items, paging, ETag updates, files and downloads through PnPjs", async () => {
  const site = pnp.sites.getById("root");
  const added = (await site.lists.add({
    displayName: "PnP Avtal",
    list: { template: "genericList" },
    columns: [{ name: "amount", number: {}, indexed: true }],
  })) as { id: string };
  const list = site.lists.getById(added.id);
  await list.columns.add({ name: "supplier", displayName: "Leverantör", text: {}, indexed: true });
  const columns = (await list.columns.select("name", "indexed")()) as Array<{
    name: string;
    indexed: boolean;
  }>;
  expect(columns.find((column) => column.name === "supplier")?.indexed).toBe(true);

  // Filtering the site's lists by name, as PnPjs writes it.
  const found = (await site.lists.filter("displayName eq 'PnP Avtal'")()) as Array<{ id: string }>;
  expect(found.map((entry) => entry.id)).toEqual([added.id]);

  // Twenty-five items in batches of twenty; a fresh instance per request, as PnPjs requires.
  const [batched, execute] = pnp.batched();
  const adds = Array.from({ length: 25 }, (_, index) =>
    batched.sites
      .getById("root")
      .lists.getById(added.id)
      .items.add({ fields: { Title: `Avtal ${index}`, amount: index, supplier: `L${index % 3}` } }),
  );
  await execute();
  const created = (await Promise.all(adds)) as Array<{ id: string }>;
  expect(new Set(created.map((entry) => entry.id)).size).toBe(25);
  expect(await graph.stats()).toMatchObject({ batches: 2, batchParts: 25 });

  // Paging: PnPjs follows @odata.nextLink (it sends ConsistencyLevel: eventual, which SharePoint lists ignore).
  const pages: number[] = [];
  for await (const page of list.items.top(10)) pages.push(page.length);
  expect(pages).toEqual([10, 10, 5]);

  const filtered = (await list.items
    .filter("fields/supplier eq 'L1'")
    .expand("fields($select=Title,amount)")()) as Array<{ fields: { amount: number } }>;
  expect(filtered.map((item) => item.fields.amount).sort((a, b) => a - b)).toEqual([
    1, 4, 7, 10, 13, 16, 19, 22,
  ]);

  // An update guarded by the ETag that was read; a stale ETag is refused and writes nothing.
  const item = list.items.getById("1");
  const read = (await item()) as { eTag: string };
  await list.items
    .getById("1")
    .using(InjectHeaders({ "If-Match": read.eTag }))
    .update({ fields: { amount: 100 } });
  await expect(
    list.items
      .getById("1")
      .using(InjectHeaders({ "If-Match": read.eTag }))
      .update({ fields: { amount: 200 } }),
  ).rejects.toThrow(/412/);
  const reread = (await list.items.getById("1").expand("fields")()) as {
    fields: { amount: number };
  };
  expect(reread.fields.amount).toBe(100);

  // A file: uploaded by path into the site's library, found by path, downloaded.
  const drive = site.drive;
  const uploaded = (await drive.root.upload({
    filePathName: "PnP/rapport.txt",
    content: "Rapportutkast från PnPjs",
    contentType: "text/plain",
  })) as { id: string; name: string; size: number };
  expect(uploaded).toMatchObject({
    name: "rapport.txt",
    size: Buffer.byteLength("Rapportutkast från PnPjs"),
  });
  const byPath = (await drive.getItemByPath("PnP/rapport.txt")()) as { id: string };
  expect(byPath.id).toBe(uploaded.id);
  const content = await drive.getItemById(uploaded.id).getContent();
  expect(await content.text()).toBe("Rapportutkast från PnPjs");
  // A new empty file, then its content (PnPjs's add: POST children with a file facet, then PUT content).
  const children = drive.getItemByPath("PnP").children;
  const added2 = (await children.add({
    filename: "tom.txt",
    content: "nu med innehåll",
    contentType: "text/plain",
  })) as {
    name: string;
    size: number;
  };
  expect(added2).toMatchObject({ name: "tom.txt", size: Buffer.byteLength("nu med innehåll") });
});
