import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { botConnector, verifyConnectorToken } from "./bot-connector/bot-connector.ts";
import { LocalIssuer } from "./entra-id/local-issuer.ts";
import { tokenEndpoint } from "./entra-id/token-endpoint.ts";
import { admin } from "./graph/admin.ts";
import { GraphAuthenticator, type TrustedIssuer } from "./graph/authentication.ts";
import { ensureDefaultSite } from "./graph/default-site.ts";
import { FaultInjector, type FaultSettings } from "./graph/faults.ts";
import { files } from "./graph/files.ts";
import { graphEndpoint } from "./graph/graph-endpoint.ts";
import { type BudgetSettings, ResourceMeter } from "./graph/resource-units.ts";
import { DownloadTokens, type ServiceContext } from "./graph/service-context.ts";
import { WebLinks } from "./graph/web-links.ts";
import { authentication } from "./http/authentication.ts";
import { hostGuard } from "./http/host-guard.ts";
import { compose, type Exchange, lowerHeaders, type Middleware } from "./http/middleware.ts";
import { sendJson } from "./http/respond.ts";
import { type Log, transport } from "./http/transport.ts";
import { writePrivateFile } from "./persistence/data-folder.ts";
import { SqliteGraphPersistence } from "./persistence/sqlite-graph-persistence.ts";

/**
 * Starts the local Graph service: one HTTP server speaking the Graph v1.0
 * subset with SharePoint's rules, plus the local stand-ins for Entra ID's
 * token endpoint and the Bot Connector, data kept on disk in `dataDir`.
 *
 * The request pipeline: transport (ids, errors) → authentication (which
 * credential each endpoint class needs) → token endpoint / Bot Connector /
 * admin / files / Graph (resource units, faults, dispatch).
 */

export const LOCAL_ISSUER = "urn:avtalsuppfoljning:local-graph";
export const SECRET_FILE = "service-secret";

export interface LocalGraphOptions {
  /** Folder for the database, the issuer's key and the service secret (created 0700). */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Initial fault injection (throttling, latency); changeable through `PUT /_local/faults`. */
  faults?: Partial<FaultSettings>;
  /**
   * The resource-unit budget (tenant size, whether it throttles); default a
   * tenant of 1,001–5,000 licenses, enforced. Changeable through `PUT /_local/budget`.
   */
  budget?: Partial<BudgetSettings>;
  /**
   * The clock the budget's minutes follow, in milliseconds since the epoch;
   * default the wall's. A benchmark runs it faster to fit a morning in a minute.
   */
  clock?: () => number;
  /**
   * Verify bearer tokens (signed by the local issuer or a trusted issuer).
   * Default true; false accepts any non-empty token and reads its claims
   * unverified (for clients that cannot fetch a token).
   */
  verifyTokens?: boolean;
  /** Host names besides loopback that requests may name in `Host` (and in `Origin`). */
  allowedHosts?: string[];
  /**
   * Issuers besides the local one whose Graph tokens are accepted (an Entra ID
   * stand-in, for tenant-mode tests); their `roles`/`scp` decide what they may do.
   */
  trustedIssuers?: TrustedIssuer[];
  /** Log sink for start-up notes and unexpected handler failures. */
  log?: Log;
  /** Origin for `webUrl`s, when this instance is not the one people open files through. */
  webOrigin?: string;
}

/** A running service, reachable only over HTTP. */
export interface LocalGraph {
  /** Base URL of the Graph API, ending in `/v1.0`. */
  readonly graphUrl: string;
  /** The service's origin, e.g. `http://127.0.0.1:5100`. */
  readonly origin: string;
  /**
   * The secret the admin, token and connector endpoints ask for (header
   * `local-graph-secret`); new at every start, also kept owner-only in
   * `secretFile` for scripts that attach to a running service.
   */
  readonly secret: string;
  readonly secretFile: string;
  stop(): Promise<void>;
}

function banner(graphUrl: () => string): Middleware {
  return async (exchange, next) => {
    if (exchange.method === "GET" && exchange.url.pathname === "/") {
      sendJson(exchange, 200, { service: "Lokal Graph-tjänst", graph: graphUrl() });
      return;
    }
    await next();
  };
}

export async function startLocalGraph(options: LocalGraphOptions): Promise<LocalGraph> {
  const persistence = new SqliteGraphPersistence(options.dataDir);
  let baseOrigin = "";
  let server: http.Server | undefined;
  try {
    const issuer = await LocalIssuer.open(options.dataDir, LOCAL_ISSUER);
    const faults = new FaultInjector(options.faults);
    const meter = new ResourceMeter(options.budget, options.clock);
    const context: ServiceContext = {
      persistence,
      origin: () => baseOrigin,
      webOrigin: () => options.webOrigin ?? baseOrigin,
      now: () => new Date(),
      downloads: new DownloadTokens(),
      webLinks: WebLinks.open(options.dataDir),
    };
    const secret = randomBytes(32).toString("base64url");
    const secretFile = path.join(options.dataDir, SECRET_FILE);
    writePrivateFile(secretFile, `${secret}\n`);

    let port = 0;
    const handle = compose([
      transport(options.log),
      hostGuard({
        allowedHosts: [
          ...(options.allowedHosts ?? []),
          ...(options.host && options.host !== "0.0.0.0" && options.host !== "::"
            ? [options.host]
            : []),
        ],
        port: () => port,
      }),
      authentication({
        graph: new GraphAuthenticator(
          issuer,
          options.verifyTokens !== false,
          options.trustedIssuers ?? [],
        ),
        secret,
        verifyBotToken: (authorization) => verifyConnectorToken(issuer, authorization),
      }),
      banner(() => `${baseOrigin}/v1.0`),
      tokenEndpoint(issuer),
      botConnector({ persistence, issuer, faults, origin: () => baseOrigin }),
      admin(context, faults, meter),
      files({ context, faults }),
      graphEndpoint({ context, faults, meter, ...(options.log ? { log: options.log } : {}) }),
    ]);

    const listening = http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://local");
      const headers = lowerHeaders(request);
      const requestId = randomUUID();
      const exchange: Exchange = {
        request,
        response,
        url,
        method: request.method ?? "GET",
        headers,
        requestId,
        clientRequestId: headers["client-request-id"] ?? requestId,
        caller: { kind: "public" },
      };
      handle(exchange).catch((error: unknown) => {
        options.log?.({ level: "error", msg: "local graph: unhandled", error: String(error) });
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    server = listening;
    // Idle connections stay open a minute, as Graph's front door keeps them: a client that
    // renders a large document between two calls (the KS compilation under load takes longer
    // than Node's 5 s) must not send its next request on a socket the service is closing.
    listening.keepAliveTimeout = 65_000;
    listening.headersTimeout = 66_000;
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(options.port, host, () => resolve());
    });
    port = (listening.address() as AddressInfo).port;
    baseOrigin = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
    if (ensureDefaultSite(context)) {
      options.log?.({ level: "info", msg: `local graph: created root site on port ${port}` });
    }
    return {
      graphUrl: `${baseOrigin}/v1.0`,
      origin: baseOrigin,
      secret,
      secretFile,
      async stop() {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeAllConnections();
        });
        persistence.close();
      },
    };
  } catch (error) {
    server?.close();
    persistence.close();
    throw error;
  }
}
