import type { ConfidentialClientApplication } from "@azure/msal-node";
import type { AppConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import {
  ClientCredentialsProvider,
  createConfidentialClient,
  type LocalGraphEndpoint,
  LocalTokenProvider,
  OnBehalfOfProvider,
} from "./auth-providers.ts";
import { createGraphAccess, type GraphAccess } from "./graph-client-factory.ts";
import type { GraphCallCounter } from "./middleware.ts";
import { RateLimitGauge } from "./rate-limit-gauge.ts";
import { organisationOf, userAgentFor } from "./user-agent.ts";

/** Delegated Graph permissions the app asks for on a user's behalf: reading the person's own memberships. */
export const DELEGATED_GRAPH_SCOPES = ["User.Read"];

/** Graph access for the configured mode: as the app, and (tenant mode) as a signed-in user. */
export interface GraphConnections {
  app: GraphAccess;
  /** On-behalf-of the user whose tab token this is; absent in local mode. */
  asUser: ((assertion: string) => GraphAccess) | undefined;
  /** Tenant mode: the app's Entra client, shared with the bot for its own tokens. */
  entraClient: ConfidentialClientApplication | undefined;
}

export function createGraphConnections(
  config: AppConfig,
  logger: Logger,
  options: { localGraph?: LocalGraphEndpoint; counter?: GraphCallCounter } = {},
): GraphConnections {
  // The app's and the users' clients spend one budget and carry one identity.
  const shared = {
    ...(options.counter ? { counter: options.counter } : {}),
    userAgent: userAgentFor(organisationOf(config)),
    rateLimit: new RateLimitGauge(),
  };
  if (config.mode === "local") {
    if (!options.localGraph) throw new Error("local mode needs the local Graph service's endpoint");
    const app = createGraphAccess({
      graphRoot: options.localGraph.origin,
      authProvider: new LocalTokenProvider(options.localGraph),
      logger,
      ...shared,
    });
    return { app, asUser: undefined, entraClient: undefined };
  }
  const entraClient = createConfidentialClient(config);
  const access = (authProvider: ClientCredentialsProvider | OnBehalfOfProvider) =>
    createGraphAccess({ graphRoot: config.graphBaseUrl, authProvider, logger, ...shared });
  return {
    app: access(new ClientCredentialsProvider(entraClient, config)),
    asUser: (assertion) =>
      access(new OnBehalfOfProvider(entraClient, config, assertion, DELEGATED_GRAPH_SCOPES)),
    entraClient,
  };
}

/** The app's own (app-only) Graph access for the configured mode. */
export function createAppGraphAccess(
  config: AppConfig,
  logger: Logger,
  options: { localGraph?: LocalGraphEndpoint; counter?: GraphCallCounter } = {},
): GraphAccess {
  return createGraphConnections(config, logger, options).app;
}

/** The SharePoint site holding the app's lists: the configured one, or the local service's root site. */
export function siteReference(config: AppConfig): string {
  return config.mode === "tenant" ? config.siteId : "root";
}
