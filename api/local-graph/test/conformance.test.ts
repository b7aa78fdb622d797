import { afterAll, beforeAll, expect, test } from "vitest";
import { formatResults, loadExamples, runConformance } from "../src/conformance/run.ts";
import { appToken, startTestGraph, type TestGraph } from "./support.ts";

/**
 * Microsoft's documented examples (conformance/examples) replayed against the
 * service: every one matches its documented answer, or differs exactly where
 * the example records a deliberate deviation with its source. The examples
 * are delegated calls (a person signed in), so the replay is too.
 */

let graph: TestGraph;
let token: string;

beforeAll(async () => {
  graph = await startTestGraph();
  token = await appToken(graph.server, {
    id: "8606e4d5-d582-4f5f-aeba-7d7c18b20cfd",
    displayName: "Ryan Gregg",
    email: "ryan@contoso.example",
  });
});

afterAll(async () => {
  await graph.stop();
});

test("every documented example matches, or differs only as its recorded deviation says", async () => {
  const pages = loadExamples();
  const results = await runConformance(
    { graphUrl: graph.server.graphUrl, token: async () => token, site: "root" },
    pages,
  );
  const report = formatResults(results);
  const examples = pages.flatMap((page) => page.examples);
  expect(results).toHaveLength(examples.length);
  expect(examples.length).toBeGreaterThanOrEqual(40);
  const failing = results.filter(
    (result) => result.outcome === "mismatch" || result.outcome === "error",
  );
  expect(failing, report).toEqual([]);
  // A deviation that no longer differs is a stale note: the example must then simply match.
  const stale = results.filter((result) => result.deviation && result.outcome === "match");
  expect(stale, report).toEqual([]);
  // Everything the fixture made is gone again.
  const lists = (await graph.access.client.api("/sites/root/lists").get()) as {
    value: Array<{ displayName: string }>;
  };
  expect(lists.value.map((list) => list.displayName)).toEqual(["Dokument"]);
});
