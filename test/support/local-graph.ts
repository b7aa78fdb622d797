import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalTokenProvider } from "../../api/src/graph/auth-providers.ts";
import { createGraphAccess, type GraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import type { FaultSettings } from "../../api/src/local/faults.ts";
import {
  LocalGraphServer,
  type LocalGraphServerOptions,
} from "../../api/src/local/local-graph-server.ts";
import { createLogger } from "../../api/src/logger.ts";

/** A local Graph service on a free port with its own temporary data folder. */
export interface TestGraph {
  server: LocalGraphServer;
  access: GraphAccess;
  dataDir: string;
  /** Admin endpoint helpers. */
  setFaults(settings: Partial<FaultSettings>): Promise<void>;
  stats(): Promise<{
    requests: number;
    batches: number;
    batchParts: number;
    operations: number;
    throttled: number;
  }>;
  stop(): Promise<void>;
}

export function temporaryDirectory(prefix = "avtal-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestGraph(
  options: {
    dataDir?: string;
    verifyTokens?: boolean;
    maxRetries?: number;
    trustedIssuers?: LocalGraphServerOptions["trustedIssuers"];
  } = {},
): Promise<TestGraph> {
  const dataDir = options.dataDir ?? temporaryDirectory();
  const server = new LocalGraphServer({
    dataDir,
    port: 0,
    verifyTokens: options.verifyTokens ?? false,
    ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
  });
  await server.start();
  const access = createGraphAccess({
    graphRoot: server.origin,
    authProvider: new LocalTokenProvider(server.origin),
    logger: createLogger("silent"),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
  return {
    server,
    access,
    dataDir,
    async setFaults(settings) {
      const response = await fetch(`${server.origin}/_local/faults`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(settings),
      });
      if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
    },
    async stats() {
      return (await (await fetch(`${server.origin}/_local/stats`)).json()) as Awaited<
        ReturnType<TestGraph["stats"]>
      >;
    },
    async stop() {
      await server.stop();
    },
  };
}

/** The Graph error a graph-client call failed with. */
export async function graphError(
  promise: Promise<unknown>,
): Promise<{ statusCode: number; code: string; message: string; headers?: Headers; body: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as {
      statusCode: number;
      code: string;
      message: string;
      headers?: Headers;
      body: string;
    };
    return failure;
  }
  throw new Error("expected the Graph call to fail, but it succeeded");
}

export interface ListHandle {
  id: string;
  url: string;
}

/** Creates a generic list with the given column definitions through Graph. */
export async function createTestList(
  access: GraphAccess,
  displayName: string,
  columns: unknown[],
): Promise<ListHandle> {
  const list = (await access.client
    .api("/sites/root/lists")
    .post({ displayName, columns, list: { template: "genericList" } })) as { id: string };
  return { id: list.id, url: `/sites/root/lists/${list.id}` };
}

/** Creates items through batches of 20 (one Graph round trip per 20 items). */
export async function createItemsInBatches(
  access: GraphAccess,
  list: ListHandle,
  fieldsList: Record<string, unknown>[],
): Promise<void> {
  const { sendBatch } = await import("../../api/src/graph/graph-batch.ts");
  const responses = await sendBatch(
    access,
    fieldsList.map((fields, index) => ({
      id: String(index + 1),
      method: "POST" as const,
      url: `${list.url}/items`,
      body: { fields },
    })),
  );
  const failed = [...responses.values()].filter((response) => response.status !== 201);
  if (failed.length > 0) throw new Error(`batch create failed: ${JSON.stringify(failed[0])}`);
}
