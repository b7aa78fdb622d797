import type {
  AuthenticationProvider,
  Context,
  Middleware,
} from "@microsoft/microsoft-graph-client";
import type { Logger } from "../logger.ts";
import { isRecord } from "./json.ts";
import type { RateLimitGauge } from "./rate-limit-gauge.ts";

/**
 * Cross-cutting concerns of every Graph call, as graph-client middleware:
 * the bearer token, the User-Agent, counting, logging and reading the
 * budget's RateLimit headers. Retries and redirects use graph-client's own
 * handlers (see graph-client-factory.ts).
 */

function requestUrl(context: Context): string {
  return typeof context.request === "string" ? context.request : context.request.url;
}

function requestMethod(context: Context): string {
  if (context.options?.method) return context.options.method.toUpperCase();
  return typeof context.request === "string" ? "GET" : context.request.method.toUpperCase();
}

function setHeader(context: Context, name: string, value: string): void {
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers)) context.options.headers = [...headers, [name, value]];
  else context.options.headers = { ...headers, [name]: value };
}

abstract class ChainedMiddleware implements Middleware {
  protected next: Middleware | undefined;
  setNext(next: Middleware): void {
    this.next = next;
  }
  protected async forward(context: Context): Promise<void> {
    if (!this.next) throw new Error("Graph middleware chain has no HTTP handler at its end");
    await this.next.execute(context);
  }
  abstract execute(context: Context): Promise<void>;
}

/**
 * Adds `Authorization: Bearer …` to requests for the configured Graph origin
 * only. Pre-authenticated URLs (upload sessions, downloads) live elsewhere and
 * must not receive the token.
 */
export class BearerTokenMiddleware extends ChainedMiddleware {
  private readonly provider: AuthenticationProvider;
  private readonly graphRoot: string;

  constructor(provider: AuthenticationProvider, graphRoot: string) {
    super();
    this.provider = provider;
    this.graphRoot = graphRoot.replace(/\/+$/, "");
  }

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    if (url === this.graphRoot || url.startsWith(`${this.graphRoot}/`)) {
      setHeader(context, "Authorization", `Bearer ${await this.provider.getAccessToken()}`);
    }
    await this.forward(context);
  }
}

/** Counts what reaches the wire, including retries and the parts inside batches. */
export class GraphCallCounter {
  requests = 0;
  batchParts = 0;
  /** Graph operations: non-batch requests plus batch parts. */
  get operations(): number {
    return this.requests - this.batches + this.batchParts;
  }
  batches = 0;
  /**
   * Sequential round trips: how often the client went from waiting on nothing
   * to waiting on Graph. Requests in flight together count once, so this is
   * the length of the critical path in Graph latencies.
   */
  roundTrips = 0;
  private inFlight = 0;
  reset(): void {
    this.requests = 0;
    this.batches = 0;
    this.batchParts = 0;
    this.roundTrips = 0;
  }
  started(): void {
    if (this.inFlight === 0) this.roundTrips += 1;
    this.inFlight += 1;
  }
  finished(): void {
    this.inFlight -= 1;
  }
  snapshot(): {
    requests: number;
    batches: number;
    batchParts: number;
    operations: number;
    roundTrips: number;
  } {
    return {
      requests: this.requests,
      batches: this.batches,
      batchParts: this.batchParts,
      operations: this.operations,
      roundTrips: this.roundTrips,
    };
  }
}

export class CountingMiddleware extends ChainedMiddleware {
  private readonly counter: GraphCallCounter;

  constructor(counter: GraphCallCounter) {
    super();
    this.counter = counter;
  }

  async execute(context: Context): Promise<void> {
    this.counter.requests += 1;
    if (/\/\$batch(\?|$)/.test(requestUrl(context))) {
      this.counter.batches += 1;
      const body = context.options?.body;
      if (typeof body === "string") {
        try {
          const parsed: unknown = JSON.parse(body);
          const requests = isRecord(parsed) ? parsed.requests : undefined;
          this.counter.batchParts += Array.isArray(requests) ? requests.length : 0;
        } catch {
          // Not JSON: the service will refuse it; nothing to count.
        }
      }
    }
    this.counter.started();
    try {
      await this.forward(context);
    } finally {
      this.counter.finished();
    }
  }
}

/** Logs each call with Graph's request id, never the token or the body. */
export class LoggingMiddleware extends ChainedMiddleware {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    super();
    this.logger = logger;
  }

  async execute(context: Context): Promise<void> {
    const started = performance.now();
    const method = requestMethod(context);
    const url = requestUrl(context).replace(/([?&](?:token|\$skiptoken)=)[^&]+/g, "$1…");
    try {
      await this.forward(context);
    } catch (error) {
      this.logger.warn({ method, url, error: String(error) }, "graph: request failed");
      throw error;
    }
    const response = context.response;
    const entry = {
      method,
      url,
      status: response?.status,
      requestId: response?.headers.get("request-id") ?? undefined,
      ms: Math.round(performance.now() - started),
    };
    if (response && response.status >= 500) this.logger.warn(entry, "graph: server error");
    else if (response?.status === 429) this.logger.info(entry, "graph: throttled");
    else this.logger.debug(entry, "graph: request");
  }
}

/**
 * Decorates every call with the app's identity, as Microsoft asks of apps that
 * call SharePoint (`NONISV|<organisation>|<app>/<version>`): traffic so marked is
 * prioritised over undecorated traffic and can be told apart when throttling.
 */
export class UserAgentMiddleware extends ChainedMiddleware {
  private readonly userAgent: string;

  constructor(userAgent: string) {
    super();
    this.userAgent = userAgent;
  }

  async execute(context: Context): Promise<void> {
    setHeader(context, "User-Agent", this.userAgent);
    await this.forward(context);
  }
}

/**
 * SharePoint's answers (sites, drives) carry the budget's RateLimit headers; a
 * batch's envelope is Graph's, its parts are read in graph-batch.ts.
 */
const SHAREPOINT_CALL = /\/v1\.0\/(sites|drives)\b/;

/**
 * Feeds SharePoint's RateLimit headers and 429s to the gauge background work
 * consults, and warns in the log when the budget becomes nearly spent (once
 * per budget minute): how operations sees the app near its budget in a tenant.
 */
export class RateLimitObserver extends ChainedMiddleware {
  private readonly gauge: RateLimitGauge;

  constructor(gauge: RateLimitGauge, logger?: Logger) {
    super();
    this.gauge = gauge;
    // Operations is told once per budget minute, whichever answer (or batch part) said so.
    gauge.whenNearlySpent((reading) =>
      logger?.warn(
        {
          limit: reading.limit,
          remaining: reading.remaining,
          resetSeconds: Math.round((reading.resetAt - Date.now()) / 1000),
        },
        "graph: SharePoint's resource-unit budget for the app is at least 80 % spent this minute; background work waits",
      ),
    );
  }

  async execute(context: Context): Promise<void> {
    await this.forward(context);
    const response = context.response;
    if (!response || !SHAREPOINT_CALL.test(requestUrl(context))) return;
    this.gauge.observe(response.status, response.headers);
  }
}
