import {
  type AuthenticationProvider,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import type { Logger } from "../logger.ts";
import {
  BearerTokenMiddleware,
  CountingMiddleware,
  GraphCallCounter,
  LoggingMiddleware,
  RateLimitObserver,
  UserAgentMiddleware,
} from "./middleware.ts";
import { RateLimitGauge } from "./rate-limit-gauge.ts";
import { DEFAULT_USER_AGENT } from "./user-agent.ts";

/**
 * The one way the app reaches Microsoft Graph, in tenant and local mode alike:
 * graph-client with the chain retry → token → User-Agent → logging → counting
 * → RateLimit headers → redirect → fetch, pointed at the tenant's Graph root
 * or the local Graph service.
 */

export interface GraphAccessOptions {
  /** Graph root without version: `https://graph.microsoft.com` or the local service's origin. */
  graphRoot: string;
  authProvider: AuthenticationProvider;
  logger: Logger;
  /** Share a counter to total the calls of several clients (tests, benchmarks). */
  counter?: GraphCallCounter;
  /** Retries of 429/503/504 honouring Retry-After (graph-client's RetryHandler). */
  maxRetries?: number;
  /** `NONISV|<kommun>|Avtalsuppfoljning/<version>` (see user-agent.ts). */
  userAgent?: string;
  /** Share a gauge between clients that spend the same app budget. */
  rateLimit?: RateLimitGauge;
}

export interface GraphAccess {
  client: Client;
  counter: GraphCallCounter;
  /** The app's resource-unit budget as SharePoint last reported it: background work consults it. */
  rateLimit: RateLimitGauge;
  graphRoot: string;
  /**
   * `@odata.nextLink`/`deltaLink` URLs are absolute; graph-client only parses
   * absolute https URLs, so links are made relative to the Graph root first.
   */
  relative(url: string): string;
}

export const GRAPH_VERSION = "v1.0";
export const DEFAULT_MAX_RETRIES = 5;

export function createGraphAccess(options: GraphAccessOptions): GraphAccess {
  const graphRoot = options.graphRoot.replace(/\/+$/, "");
  const counter = options.counter ?? new GraphCallCounter();
  const rateLimit = options.rateLimit ?? new RateLimitGauge();
  const retry = new RetryHandler(
    new RetryHandlerOptions(1, options.maxRetries ?? DEFAULT_MAX_RETRIES),
  );
  const bearer = new BearerTokenMiddleware(options.authProvider, graphRoot);
  const userAgent = new UserAgentMiddleware(options.userAgent ?? DEFAULT_USER_AGENT);
  const logging = new LoggingMiddleware(options.logger);
  const counting = new CountingMiddleware(counter);
  const observer = new RateLimitObserver(rateLimit, options.logger);
  const redirect = new RedirectHandler();
  const http = new HTTPMessageHandler();
  retry.setNext(bearer);
  bearer.setNext(userAgent);
  userAgent.setNext(logging);
  logging.setNext(counting);
  counting.setNext(observer);
  observer.setNext(redirect);
  redirect.setNext(http);

  const client = Client.initWithMiddleware({
    middleware: retry,
    baseUrl: `${graphRoot}/`,
    defaultVersion: GRAPH_VERSION,
  });
  const versionRoot = `${graphRoot}/${GRAPH_VERSION}`;
  return {
    client,
    counter,
    rateLimit,
    graphRoot,
    relative(url: string) {
      return url.startsWith(versionRoot) ? url.slice(versionRoot.length) : url;
    },
  };
}
