import type { AppConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import {
  ClientCredentialsProvider,
  createConfidentialClient,
  LocalTokenProvider,
} from "./auth-providers.ts";
import { createGraphAccess, type GraphAccess } from "./graph-client-factory.ts";
import type { GraphCallCounter } from "./middleware.ts";

/** The app's own (app-only) Graph access for the configured mode. */
export function createAppGraphAccess(
  config: AppConfig,
  logger: Logger,
  options: { localGraphOrigin?: string; counter?: GraphCallCounter } = {},
): GraphAccess {
  const counter = options.counter ? { counter: options.counter } : {};
  if (config.mode === "local") {
    const origin = options.localGraphOrigin ?? `http://127.0.0.1:${config.localGraph.port}`;
    return createGraphAccess({
      graphRoot: origin,
      authProvider: new LocalTokenProvider(origin),
      logger,
      ...counter,
    });
  }
  const provider = new ClientCredentialsProvider(createConfidentialClient(config), config);
  return createGraphAccess({
    graphRoot: config.graphBaseUrl,
    authProvider: provider,
    logger,
    ...counter,
  });
}

/** The SharePoint site holding the app's lists: the configured one, or the local service's root site. */
export function siteReference(config: AppConfig): string {
  return config.mode === "tenant" ? config.siteId : "root";
}
