import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { ResponseType } from "@microsoft/microsoft-graph-client";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { sendBatch } from "../api/src/graph/graph-batch.ts";
import {
  FRAGMENT_BYTES,
  fragmentsOf,
  UploadError,
  uploadLargeFile,
  uploadStream,
} from "../api/src/graph/large-file-upload.ts";
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
  vi.restoreAllMocks();
  await graph.setFaults({
    failureRate: 0,
    failNext: 0,
    latencyMs: 0,
    retryAfterSeconds: 1,
    loseUploadAnswers: 0,
  });
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

describe("resuming an upload session", () => {
  /** Three fragments: two whole ones and a short last one. */
  const content = new Uint8Array(2 * FRAGMENT_BYTES + 54_321).map((_, index) => (index * 13) % 251);
  let driveId: string;
  let name = 0;

  beforeAll(async () => {
    driveId = ((await graph.access.client.api("/sites/root/drive").get()) as { id: string }).id;
  });

  const itemPath = () => `/drives/${driveId}/root:/Återupptagna/fil-${++name}.bin:`;

  /** The content as a request body arrives: in small chunks, cut into fragments. */
  function stream(bytes: Uint8Array) {
    async function* chunks() {
      for (let start = 0; start < bytes.byteLength; start += 64 * 1024) {
        yield bytes.subarray(start, start + 64 * 1024);
      }
    }
    return fragmentsOf(chunks());
  }

  async function downloaded(id: string) {
    const bytes = (await graph.access.client
      .api(`/drives/${driveId}/items/${id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    return Buffer.from(bytes);
  }

  /**
   * Watches the calls to upload URLs (the Graph client's own calls pass by);
   * `answer` may stand in for the service's answer to one of them.
   */
  function watchUploads(
    answer?: (
      call: { method: string; url: string; count: number },
      send: () => Promise<Response>,
    ) => Promise<Response | undefined>,
  ) {
    const calls: Array<{ method: string; url: string; range: string | undefined }> = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes("/_upload/")) return realFetch(input, init);
      const method = init?.method ?? "GET";
      const range = new Headers(init?.headers).get("Content-Range") ?? undefined;
      calls.push({ method, url, range });
      const count = calls.filter((call) => call.method === method).length;
      const send = () => realFetch(input, init);
      return (await answer?.({ method, url, count }, send)) ?? send();
    });
    return calls;
  }

  test("a fragment stored but whose answer was lost: the session's status says so, and the upload goes on (buffer and stream)", async () => {
    for (const upload of [
      (path: string) => uploadLargeFile(graph.access, path, content, "fail"),
      (path: string) =>
        uploadStream(graph.access, path, content.byteLength, stream(content), "fail"),
    ]) {
      const calls = watchUploads();
      await graph.setFaults({ loseUploadAnswers: 1 });
      const item = await upload(itemPath());
      expect(item.size).toBe(content.byteLength);
      expect((await downloaded(item.id)).equals(Buffer.from(content))).toBe(true);
      // Each fragment went once: the status (one GET) said the first had arrived.
      expect(calls.map((call) => `${call.method} ${call.range ?? ""}`.trim())).toEqual([
        `PUT bytes 0-${FRAGMENT_BYTES - 1}/${content.byteLength}`,
        "GET",
        `PUT bytes ${FRAGMENT_BYTES}-${2 * FRAGMENT_BYTES - 1}/${content.byteLength}`,
        `PUT bytes ${2 * FRAGMENT_BYTES}-${content.byteLength - 1}/${content.byteLength}`,
      ]);
      vi.restoreAllMocks();
    }
  });

  test("a fragment answered 503 though stored gets 416 when sent again; the stream skips to where the status says", async () => {
    // As in onedrive-api-docs#64: the PUT "returned an error but actually succeeded".
    const calls = watchUploads(async (call, send) => {
      if (call.method !== "PUT" || call.count !== 2) return undefined;
      await send();
      return Response.json(
        {
          error: {
            code: "serviceNotAvailable",
            message: "The service is temporarily unavailable.",
          },
        },
        { status: 503, headers: { "Retry-After": "0" } },
      );
    });
    const item = await uploadStream(
      graph.access,
      itemPath(),
      content.byteLength,
      stream(content),
      "fail",
    );
    expect((await downloaded(item.id)).equals(Buffer.from(content))).toBe(true);
    expect(calls.map((call) => call.method)).toEqual(["PUT", "PUT", "PUT", "GET", "PUT"]);
  });

  test("a server that wants bytes again: the buffer goes back to them, the stream fails in Swedish and cancels the session", async () => {
    // As in onedrive-api-docs#79: after a lost answer the status said "0-".
    const forgetful = () =>
      watchUploads(async (call, send) => {
        if (call.method === "PUT" && call.count === 2) {
          await send();
          throw new TypeError("fetch failed");
        }
        if (call.method === "GET" && call.count === 1) {
          return Response.json({
            expirationDateTime: "2030-01-01T00:00:00Z",
            nextExpectedRanges: ["0-"],
          });
        }
        return undefined;
      });

    const fromBuffer = forgetful();
    const item = await uploadLargeFile(graph.access, itemPath(), content, "fail");
    expect((await downloaded(item.id)).equals(Buffer.from(content))).toBe(true);
    // Back to byte 0 (416: the service has it), then where the real status says.
    expect(
      fromBuffer.map((call) => `${call.method} ${call.range?.split("-")[0] ?? ""}`.trim()),
    ).toEqual([
      "PUT bytes 0",
      `PUT bytes ${FRAGMENT_BYTES}`,
      "GET",
      "PUT bytes 0",
      "GET",
      `PUT bytes ${2 * FRAGMENT_BYTES}`,
    ]);
    vi.restoreAllMocks();

    const fromStream = forgetful();
    const path = itemPath();
    const failed = await uploadStream(
      graph.access,
      path,
      content.byteLength,
      stream(content),
      "fail",
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UploadError);
    expect(failed).toMatchObject({ code: "uploadNotResumable" });
    expect(String(failed)).toMatch(/kunde inte återupptas/);
    expect(fromStream.at(-1)?.method).toBe("DELETE");
    vi.restoreAllMocks();
    const uploadUrl = fromStream[0]?.url ?? "";
    expect((await fetch(uploadUrl)).status).toBe(404);
    expect((await graphError(graph.access.client.api(path.slice(0, -1)).get())).statusCode).toBe(
      404,
    );
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
