import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type BudgetSettings,
  type FaultSettings,
  type LocalGraph,
  type LocalGraphOptions,
  type RequestCounters,
  type ResourceUnitStats,
  SECRET_HEADER,
  startLocalGraph,
} from "@avtalsuppfoljning/local-graph";
import { type LocalGraphEndpoint, LocalTokenProvider } from "../../api/src/graph/auth-providers.ts";
import { createGraphAccess, type GraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import { createLogger, type Logger } from "../../api/src/logger.ts";

/** A local Graph service on a free port with its own temporary data folder. */
export interface TestGraph {
  server: LocalGraph;
  access: GraphAccess;
  dataDir: string;
  /** Admin endpoint helpers. */
  setFaults(settings: Partial<FaultSettings>): Promise<void>;
  stats(): Promise<GraphStats>;
  stop(): Promise<void>;
}

/** A call to the local service's own endpoints (`/_local/…`), with its secret. */
export async function localAdmin(
  service: LocalGraphEndpoint,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${service.origin}${path}`, {
    method,
    headers: { "Content-Type": "application/json", [SECRET_HEADER]: service.secret },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Changes the service's fault injection (throttling, latency) over HTTP. */
export async function setFaults(
  service: LocalGraphEndpoint,
  settings: Partial<FaultSettings>,
): Promise<FaultSettings> {
  return (await localAdmin(service, "PUT", "/_local/faults", settings)) as FaultSettings;
}

/**
 * Changes the service's resource-unit budget (tenant size, enforcement). Suites
 * that flood the app far beyond a kommun's minute, or bulk-load data, turn
 * enforcement off as they raise the API's rate limits; the budget is tested
 * in the local service's own suite and in `graph-budget.test.ts`.
 */
export async function setBudget(
  service: LocalGraphEndpoint,
  settings: Partial<BudgetSettings>,
): Promise<BudgetSettings> {
  return (await localAdmin(service, "PUT", "/_local/budget", settings)) as BudgetSettings;
}

/** The service's counters: requests, operations, and resource units spent. */
export type GraphStats = RequestCounters & { resourceUnits: ResourceUnitStats };

export async function graphStats(service: LocalGraphEndpoint): Promise<GraphStats> {
  return (await localAdmin(service, "GET", "/_local/stats")) as GraphStats;
}

export function temporaryDirectory(prefix = "avtal-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestGraph(
  options: {
    dataDir?: string;
    verifyTokens?: boolean;
    maxRetries?: number;
    trustedIssuers?: LocalGraphOptions["trustedIssuers"];
    /** The Graph client's log (default silent). */
    logger?: Logger;
  } = {},
): Promise<TestGraph> {
  const dataDir = options.dataDir ?? temporaryDirectory();
  const server = await startLocalGraph({
    dataDir,
    port: 0,
    verifyTokens: options.verifyTokens ?? false,
    ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
  });
  const access = createGraphAccess({
    graphRoot: server.origin,
    authProvider: new LocalTokenProvider(server),
    logger: options.logger ?? createLogger("silent"),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
  return {
    server,
    access,
    dataDir,
    async setFaults(settings) {
      await setFaults(server, settings);
    },
    stats: () => graphStats(server),
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
