import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { ResponseType } from "@microsoft/microsoft-graph-client";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { sendBatch } from "../api/src/graph/graph-batch.ts";
import { uploadLargeFile } from "../api/src/graph/large-file-upload.ts";
import {
  createTestList,
  graphError,
  type ListHandle,
  localAdmin,
  startTestGraph,
  type TestGraph,
  temporaryDirectory,
} from "./support/local-graph.ts";

/**
 * The app's own Graph code (batch retries, upload sessions, the local token
 * provider) against the local Graph service, reached as the app reaches it:
 * through its start function and HTTP. The service's own behaviour is tested
 * in its package (api/local-graph/test).
 */

let graph: TestGraph;
let list: ListHandle;

beforeAll(async () => {
  graph = await startTestGraph({ maxRetries: 10 });
  list = await createTestList(graph.access, "Klienttest", [
    { name: "code", text: {}, indexed: true, enforceUniqueValues: true },
  ]);
});

afterEach(async () => {
  await graph.setFaults({ failureRate: 0, failNext: 0, latencyMs: 0, retryAfterSeconds: 1 });
});

afterAll(async () => {
  await graph.stop();
});

describe("sendBatch", () => {
  test("re-sends only the throttled parts after Retry-After and loses nothing", async () => {
    await graph.setFaults({ failureRate: 0.3, statuses: [429, 503], retryAfterSeconds: 0 });
    const requests = Array.from({ length: 45 }, (_, index) => ({
      id: String(index),
      method: "POST" as const,
      url: `${list.url}/items`,
      body: { fields: { code: `R${index}` } },
    }));
    const responses = await sendBatch(graph.access, requests, { maxAttempts: 20 });
    expect([...responses.values()].every((response) => response.status === 201)).toBe(true);
    await graph.setFaults({ failureRate: 0 });
    const created = (await graph.access.client
      .api(`${list.url}/items?$filter=startswith(fields/code,'R')&$top=100`)
      .get()) as { value: unknown[] };
    expect(created.value).toHaveLength(45);
  });
});

describe("uploadLargeFile", () => {
  test("uploads through a session, downloads the same bytes, and fails on a name conflict", async () => {
    const drive = (await graph.access.client.api("/sites/root/drive").get()) as { id: string };
    const content = new Uint8Array(3 * 1024 * 1024 + 12345).map((_, index) => index % 251);
    const itemPath = `/drives/${drive.id}/root:/Stora/stor.bin:`;
    const item = await uploadLargeFile(graph.access, itemPath, content, "fail");
    expect(item.size).toBe(content.byteLength);
    const downloaded = (await graph.access.client
      .api(`/drives/${drive.id}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(downloaded).equals(Buffer.from(content))).toBe(true);
    const failing = await graphError(uploadLargeFile(graph.access, itemPath, content, "fail"));
    expect(failing.statusCode).toBe(409);
  });
});

describe("npm run local-graph", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  test("prints the base URL; its secret is in the data folder, readable by the owner only", async () => {
    const dataDir = path.join(temporaryDirectory("local-graph-script-"), "graph");
    const started = spawn(
      process.execPath,
      [path.resolve(import.meta.dirname, "../scripts/local-graph.ts")],
      {
        env: { ...process.env, LOCAL_GRAPH_PORT: "0", LOCAL_GRAPH_DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = started;
    const graphUrl = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: started.stdout! }).once("line", resolve);
      started.once("exit", (code) => reject(new Error(`local graph exited with ${code}`)));
    });
    expect(graphUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    const secretFile = path.join(dataDir, "service-secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const service = {
      origin: graphUrl.replace(/\/v1\.0$/, ""),
      secret: fs.readFileSync(secretFile, "utf8").trim(),
    };
    const faults = (await localAdmin(service, "GET", "/_local/faults")) as { failureRate: number };
    expect(faults.failureRate).toBe(0);
  });
});
