import type { AppConfig, LocalConfig } from "../../api/src/config.ts";
import { DEMO_USERS, type DemoUserKey } from "../../api/src/demo/demo-people.ts";
import type { RateLimits } from "../../api/src/http/protection.ts";
import { createLogger } from "../../api/src/logger.ts";
import { type RunningApp, startApp } from "../../api/src/server.ts";
import type { AnswerOf, ProblemFields } from "./api-answers.ts";
import { localAdmin, temporaryDirectory } from "./local-graph.ts";

export interface CallOptions {
  user?: DemoUserKey;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The whole app in local mode on free ports, with the demo data, for HTTP tests. */
export interface TestApp {
  running: RunningApp;
  url: string;
  tokenFor(user: DemoUserKey): Promise<string>;
  /** A request; the body is typed by the route (`api-answers.ts`). */
  call<M extends string, P extends string>(
    method: M,
    path: P,
    options?: CallOptions,
  ): Promise<TestResponse<AnswerOf<M, P>>>;
  /** A request whose answer the test names. */
  call<T>(
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<TestResponse<T & ProblemFields>>;
  committeeId(code: string): Promise<string>;
  contractId(title: string): Promise<string>;
  stop(): Promise<void>;
}

export interface TestResponse<T = ProblemFields> {
  status: number;
  headers: Headers;
  body: T;
}

export function localTestConfig(dataDir = temporaryDirectory("avtal-app-")): LocalConfig {
  return {
    mode: "local",
    port: 0,
    listenAddress: "127.0.0.1",
    trustProxy: "loopback",
    allowedHosts: [],
    dataDir,
    logLevel: "silent",
    botAllowUnauthenticated: false,
    localGraph: {
      port: 0,
      dataDir: `${dataDir}/graph`,
      failureRate: 0,
      latencyMs: 0,
      verifyTokens: true,
    },
  };
}

/**
 * Suites send hundreds of requests a second as one person; the limits are
 * raised for them and tested on their own in `protection.test.ts`.
 */
export const UNLIMITED: RateLimits = {
  apiPerAddress: 1e9,
  apiPerUser: 1e9,
  publicPerAddress: 1e9,
  botPerAddress: 1e9,
};

export async function startTestApp(
  options: {
    now?: Date;
    config?: AppConfig;
    rateLimits?: Partial<RateLimits>;
    /** A faster clock for the read model and the local service's budget (benchmarks). */
    clock?: () => number;
  } = {},
): Promise<TestApp> {
  const config = options.config ?? localTestConfig();
  const now = options.now;
  const running = await startApp(config, {
    logger: createLogger("silent"),
    scheduleReminders: false,
    rateLimits: { ...UNLIMITED, ...options.rateLimits },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(now ? { now: () => now } : {}),
  });
  const url = running.appUrl;
  const tokens = new Map<DemoUserKey, string>();

  async function call<M extends string, P extends string>(
    method: M,
    path: P,
    options?: CallOptions,
  ): Promise<TestResponse<AnswerOf<M, P>>>;
  async function call<T>(
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<TestResponse<T & ProblemFields>>;
  async function call(
    method: string,
    path: string,
    callOptions: CallOptions = {},
  ): Promise<TestResponse<never>> {
    const token =
      callOptions.token ?? (callOptions.user ? await tokenFor(callOptions.user) : undefined);
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(callOptions.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...callOptions.headers,
      },
      ...(callOptions.body !== undefined
        ? {
            body:
              typeof callOptions.body === "string"
                ? callOptions.body
                : JSON.stringify(callOptions.body),
          }
        : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    // The JSON the API wrote: its type is the contract's for the route, which the API's
    // own typecheck holds each route's answer to (`satisfies` in the routes).
    return { status: response.status, headers: response.headers, body: body as never };
  }

  async function tokenFor(user: DemoUserKey): Promise<string> {
    const cached = tokens.get(user);
    if (cached) return cached;
    const people = await call("GET", "/api/local-auth/users");
    const match = people.body.items.find((item) => item.email === DEMO_USERS[user].email);
    if (!match) throw new Error(`demo user ${user} not found`);
    const issued = await call("POST", "/api/local-auth/token", { body: { userId: match.id } });
    tokens.set(user, issued.body.accessToken);
    return issued.body.accessToken;
  }

  const committeeIds = new Map<string, string>();
  return {
    running,
    url,
    tokenFor,
    call,
    async committeeId(code) {
      if (committeeIds.size === 0) {
        const list = await call("GET", "/api/committees", { user: "karin" });
        for (const committee of list.body.items) committeeIds.set(committee.code, committee.id);
      }
      const id = committeeIds.get(code);
      if (!id) throw new Error(`no committee ${code}`);
      return id;
    },
    async contractId(title) {
      const list = await call("GET", "/api/contracts", { user: "karin" });
      const match = list.body.items.find((item) => item.title === title);
      if (!match) throw new Error(`no contract ${title}`);
      return match.id;
    },
    stop: () => running.stop(),
  };
}

export interface ChannelPost {
  text?: string;
  entities?: Array<Record<string, unknown>>;
  attachments?: unknown[];
}

/** Everything posted to the demo nämnder's channels, through the local Bot Connector. */
export async function channelPosts(testApp: TestApp): Promise<ChannelPost[]> {
  const posts: ChannelPost[] = [];
  for (const code of ["KS", "SN", "VAN", "IFN", "TN", "KFN"]) {
    const recorded = (await localAdmin(
      testApp.running.localGraph!,
      "GET",
      `/_local/connector/conversations/${encodeURIComponent(`19:${code.toLowerCase()}-allmant@thread.tacv2`)}/activities`,
    )) as { value: Array<{ activity: ChannelPost }> };
    posts.push(...recorded.value.map((entry) => entry.activity));
  }
  return posts;
}
