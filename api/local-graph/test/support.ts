import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import type { FaultSettings, RequestCounters } from "../src/graph/faults.ts";
import { SECRET_HEADER } from "../src/http/authentication.ts";
import { type LocalGraph, type LocalGraphOptions, startLocalGraph } from "../src/index.ts";

/**
 * The package's own test client: Microsoft's graph-client pointed at a
 * service on a free port, with a token from the service's token endpoint.
 * Nothing of the app is used, so the package's tests stand alone.
 */

export interface GraphAccess {
  client: Client;
  /** `@odata.nextLink`s are absolute http URLs; graph-client takes them relative to the root. */
  relative(url: string): string;
}

export interface TestGraph {
  server: LocalGraph;
  access: GraphAccess;
  dataDir: string;
  /** A call to the service's own endpoints (`/_local/…`) with its secret. */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  setFaults(settings: Partial<FaultSettings>): Promise<void>;
  stats(): Promise<RequestCounters>;
  stop(): Promise<void>;
}

export function temporaryDirectory(prefix = "local-graph-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Headers for the service's own endpoints. */
export function operatorHeaders(service: Pick<LocalGraph, "secret">): Record<string, string> {
  return { "Content-Type": "application/json", [SECRET_HEADER]: service.secret };
}

/** A token from the service's token endpoint: app-only, or acting as a person. */
export async function appToken(
  service: Pick<LocalGraph, "origin" | "secret">,
  user?: { id: string; displayName: string; email?: string },
): Promise<string> {
  const response = await fetch(`${service.origin}/_local/token`, {
    method: "POST",
    headers: operatorHeaders(service),
    body: JSON.stringify(user ? { user } : {}),
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * graph-client only attaches tokens to Microsoft's hosts; this attaches one to
 * the service's `/v1.0` URLs (upload and download URLs are pre-authenticated
 * and refuse a token).
 */
class BearerToken implements Middleware {
  private next: Middleware | undefined;
  private readonly token: () => Promise<string>;
  private readonly versionRoot: string;
  constructor(versionRoot: string, token: () => Promise<string>) {
    this.versionRoot = versionRoot;
    this.token = token;
  }
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    if (url.startsWith(`${this.versionRoot}/`)) {
      context.options ??= {};
      const headers = context.options.headers;
      const value = `Bearer ${await this.token()}`;
      if (headers instanceof Headers) headers.set("Authorization", value);
      else
        context.options.headers = {
          ...(headers as Record<string, string> | undefined),
          Authorization: value,
        };
    }
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function graphAccess(
  service: Pick<LocalGraph, "origin" | "secret">,
  maxRetries = 3,
): GraphAccess {
  let token: Promise<string> | undefined;
  const versionRoot = `${service.origin}/v1.0`;
  const retry = new RetryHandler(new RetryHandlerOptions(1, maxRetries));
  const bearer = new BearerToken(versionRoot, () => {
    token ??= appToken(service);
    return token;
  });
  const redirect = new RedirectHandler();
  retry.setNext(bearer);
  bearer.setNext(redirect);
  redirect.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({
    middleware: retry,
    baseUrl: `${service.origin}/`,
    defaultVersion: "v1.0",
  });
  return {
    client,
    relative: (url) => (url.startsWith(versionRoot) ? url.slice(versionRoot.length) : url),
  };
}

export async function startTestGraph(
  options: Partial<LocalGraphOptions> & { maxRetries?: number } = {},
): Promise<TestGraph> {
  const { maxRetries, ...serviceOptions } = options;
  const dataDir = options.dataDir ?? temporaryDirectory();
  const server = await startLocalGraph({ port: 0, ...serviceOptions, dataDir });
  const admin = async (method: string, adminPath: string, body?: unknown) => {
    const response = await fetch(`${server.origin}${adminPath}`, {
      method,
      headers: operatorHeaders(server),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`${method} ${adminPath}: ${response.status} ${await response.text()}`);
    }
    return response.json() as Promise<unknown>;
  };
  return {
    server,
    access: graphAccess(server, maxRetries),
    dataDir,
    admin,
    async setFaults(settings) {
      await admin("PUT", "/_local/faults", settings);
    },
    stats: async () => (await admin("GET", "/_local/stats")) as RequestCounters,
    stop: () => server.stop(),
  };
}

export interface GraphFailure {
  statusCode: number;
  code: string;
  message: string;
  headers?: Headers;
  body: string;
}

/** The Graph error a graph-client call failed with. */
export async function graphError(promise: Promise<unknown>): Promise<GraphFailure> {
  try {
    await promise;
  } catch (error) {
    return error as GraphFailure;
  }
  throw new Error("expected the Graph call to fail, but it succeeded");
}

/** Follows `@odata.nextLink` to the end. */
export async function readAll<T>(
  access: GraphAccess,
  firstUrl: string,
  headers: Record<string, string> = {},
): Promise<T[]> {
  const all: T[] = [];
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const page = (await access.client.api(access.relative(url)).headers(headers).get()) as {
      value: T[];
      "@odata.nextLink"?: string;
    };
    all.push(...page.value);
    url = page["@odata.nextLink"];
  }
  return all;
}

export interface ListHandle {
  id: string;
  url: string;
}

/** Creates a generic list with the given column definitions. */
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

/** Creates items through `$batch`, 20 per round trip; fails on any part that is not 201. */
export async function createItemsInBatches(
  access: GraphAccess,
  list: ListHandle,
  fieldsList: Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < fieldsList.length; start += 20) {
    const requests = fieldsList.slice(start, start + 20).map((fields, index) => ({
      id: String(start + index + 1),
      method: "POST",
      url: `${list.url}/items`,
      headers: { "Content-Type": "application/json" },
      body: { fields },
    }));
    const answer = (await access.client.api("/$batch").post({ requests })) as {
      responses: Array<{ id: string; status: number; body: unknown }>;
    };
    const failed = answer.responses.find((response) => response.status !== 201);
    if (failed) throw new Error(`batch create failed: ${JSON.stringify(failed)}`);
  }
}
