import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localTestConfig, startTestApp, type TestApp } from "../support/app.ts";
import { temporaryDirectory } from "../support/local-graph.ts";

/**
 * Finding (low): only DATA_DIR is made 0700. The local Graph service's own
 * folder and its database (every nämnd's data, the report files) are created
 * with the process umask — 0755 / 0644 on a usual system — and are only
 * protected when they happen to lie inside DATA_DIR. With
 * LOCAL_GRAPH_DATA_DIR (a documented setting) pointing elsewhere, e.g. a
 * shared test server's /srv, any local user reads the whole register.
 */

let app: TestApp;
let graphDir = "";
beforeAll(async () => {
  const base = localTestConfig();
  // A folder that does not exist yet, outside DATA_DIR, as LOCAL_GRAPH_DATA_DIR may name.
  graphDir = path.join(temporaryDirectory("avtal-graph-outside-"), "graph");
  app = await startTestApp({
    config: { ...base, localGraph: { ...base.localGraph, dataDir: graphDir } },
  });
});
afterAll(async () => {
  await app.stop();
});

describe("the local Graph service's data is readable by its owner only", () => {
  test("its folder", () => {
    expect((fs.statSync(graphDir).mode & 0o777).toString(8)).toBe("700");
  });

  test("its database", () => {
    for (const name of fs.readdirSync(graphDir).filter((file) => file.startsWith("graph.sqlite"))) {
      expect(`${name} ${(fs.statSync(path.join(graphDir, name)).mode & 0o777).toString(8)}`).toBe(
        `${name} 600`,
      );
    }
  });
});
