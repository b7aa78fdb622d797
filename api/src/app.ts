import express from "express";
import helmet from "helmet";
import type { AppConfig } from "./config.ts";
import { siteReference } from "./graph/graph-access-for-config.ts";
import type { GraphAccess } from "./graph/graph-client-factory.ts";
import { errorHandler, notFoundHandler } from "./http/problem.ts";
import type { Logger } from "./logger.ts";

export interface AppDependencies {
  config: AppConfig;
  graph: GraphAccess;
  logger: Logger;
}

/** Teams (web, desktop, mobile) and Microsoft 365 may frame the tab. */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.teams.microsoft.us",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
];

/** Wires the whole app; no module-level state, so tests can run several side by side. */
export function createApp({ config, graph, logger }: AppDependencies): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "frame-ancestors": TEAMS_FRAME_ANCESTORS,
          "script-src": ["'self'", "https://res.cdn.office.net"],
          "connect-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "style-src": ["'self'", "'unsafe-inline'"],
        },
      },
      // Teams frames the tab from another origin.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(express.json({ limit: "1mb" }));

  app.get("/healthz", async (_request, response) => {
    try {
      await graph.client
        .api(`/sites/${siteReference(config)}`)
        .select("id")
        .get();
      response.json({ status: "ok", mode: config.mode, graph: "ok" });
    } catch (error) {
      logger.warn({ error: String(error) }, "health: graph unreachable");
      response.status(503).json({ status: "degraded", mode: config.mode, graph: "unreachable" });
    }
  });

  app.use(notFoundHandler);
  app.use(
    errorHandler((error) =>
      logger.error({ error: String(error), stack: (error as Error)?.stack }, "unhandled error"),
    ),
  );
  return app;
}
