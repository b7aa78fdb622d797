import fs from "node:fs";
import path from "node:path";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import express from "express";
import helmet from "helmet";
import { BotReplies } from "./bot/bot-replies.ts";
import { TeamsBot } from "./bot/teams-bot.ts";
import type { AppConfig } from "./config.ts";
import { siteReference } from "./graph/graph-access-for-config.ts";
import type { GraphAccess } from "./graph/graph-client-factory.ts";
import { authenticate } from "./http/auth/authenticate.ts";
import type { LocalSignIn } from "./http/auth/local-sign-in.ts";
import type { TokenValidator } from "./http/auth/token-validator.ts";
import { errorHandler, notFoundHandler } from "./http/problem.ts";
import { committeesRouter } from "./http/routes/committees.ts";
import { contractsRouter } from "./http/routes/contracts.ts";
import { exportsRouter } from "./http/routes/exports.ts";
import { localAuthRouter } from "./http/routes/local-auth.ts";
import { localChatRouter } from "./http/routes/local-chat.ts";
import { localTeamsHostOrigin, localTeamsHostRouter } from "./http/routes/local-teams-host.ts";
import { publicInsightRouter } from "./http/routes/public-insight.ts";
import { recordsRouter } from "./http/routes/records.ts";
import { remindersRouter } from "./http/routes/reminders.ts";
import { reportsRouter } from "./http/routes/reports.ts";
import { teamsConsentRouter } from "./http/routes/teams-consent.ts";
import type { Logger } from "./logger.ts";
import type { ReminderRunResult } from "./reminders/reminder-runner.ts";
import { AppStore } from "./store/app-store.ts";
import { MembershipResolver } from "./store/membership.ts";

export interface AppDependencies {
  config: AppConfig;
  graph: GraphAccess;
  logger: Logger;
  validateToken: TokenValidator;
  /** Tenant mode: Graph as the signed-in user (on-behalf-of). */
  graphAsUser?: (assertion: string) => GraphAccess;
  /** Tenant mode: the app's Entra client, for the bot's Bot Framework tokens. */
  entraClient?: ConfidentialClientApplication;
  /** The data access; by default SharePoint through `graph` (the benchmark swaps in its baseline). */
  store?: AppStore;
  /** Local mode's sign-in (demo users); absent in tenant mode. */
  localSignIn?: LocalSignIn;
  now?: () => Date;
  /** The built tab (dist/tab); served at / when present. */
  tabDirectory?: string;
  /** Local mode: the built local Teams host (dist/teams-host), served at /teams-host/. */
  teamsHostDirectory?: string;
  /** Local mode: the local Graph service's origin (Bot Framework stand-in for the bot and the chat panel). */
  localGraphOrigin?: string;
  /** The app's own URL once it listens (the chat panel posts activities to it). */
  selfUrl?: () => string;
  /** Accept bot activities without a token (Agents Playground); local mode only. */
  allowUnauthenticatedBot?: boolean;
  /** Runs the reminders now (kommunledningskontoret's "send again"); set once the runner exists. */
  runReminders?: () => Promise<ReminderRunResult>;
}

export interface CreatedApp {
  express: express.Express;
  bot: TeamsBot;
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

function noCacheForHtml(response: express.Response, file: string): void {
  if (file.endsWith(".html")) response.setHeader("Cache-Control", "no-cache");
}

/** Wires the whole app; no module-level state, so tests can run several side by side. */
export function createApp(dependencies: AppDependencies): CreatedApp {
  const { config, graph, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const store = dependencies.store ?? new AppStore(graph, siteReference(config));
  const membership = new MembershipResolver(
    graph,
    dependencies.graphAsUser ? { asUser: dependencies.graphAsUser } : {},
  );

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          // Local mode: also the local Teams host, on the server's other loopback name.
          "frame-ancestors":
            config.mode === "local"
              ? [...TEAMS_FRAME_ANCESTORS, localTeamsHostOrigin]
              : TEAMS_FRAME_ANCESTORS,
          "script-src": ["'self'", "https://res.cdn.office.net"],
          // teams-js checks Teams' valid domains from Microsoft's CDN.
          "connect-src": ["'self'", "https://res.cdn.office.net"],
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

  // The bot's endpoint (/api/messages) is the Teams SDK's, with its own token checks.
  const replies = new BotReplies(store, membership, tabLinks(config, dependencies.selfUrl), now);
  const bot = new TeamsBot({
    config,
    logger,
    replies,
    store,
    membership,
    localOrigin: dependencies.localGraphOrigin,
    entraClient: dependencies.entraClient,
    allowUnauthenticated: config.mode === "local" && dependencies.allowUnauthenticatedBot === true,
  });
  app.use(bot.router);

  // Public insight: no sign-in, public fields only.
  app.use(publicInsightRouter(store));

  const api = express.Router();
  if (dependencies.localSignIn) api.use(localAuthRouter(graph, dependencies.localSignIn));
  api.use(authenticate({ validate: dependencies.validateToken, membership, store }));
  api.use(committeesRouter(store, now, config.mode));
  api.use(contractsRouter(store));
  api.use(recordsRouter(store));
  api.use(reportsRouter(store, now));
  api.use(exportsRouter(store));
  api.use(remindersRouter(store, dependencies.runReminders));
  if (config.mode === "local" && dependencies.localGraphOrigin && dependencies.selfUrl) {
    api.use(localChatRouter(store, dependencies.localGraphOrigin, dependencies.selfUrl));
  }
  app.use("/api", api);

  if (config.mode === "local") {
    app.use(
      localTeamsHostRouter(dependencies.teamsHostDirectory ?? path.resolve("dist/teams-host")),
    );
  } else {
    app.use(teamsConsentRouter(config));
  }

  // The tab: static files; its screens are hash routes (/#/avtal/12), so no fallback is needed.
  const tabDirectory = dependencies.tabDirectory ?? path.resolve("dist/tab");
  if (fs.existsSync(path.join(tabDirectory, "index.html"))) {
    app.use(
      express.static(tabDirectory, {
        index: "index.html",
        maxAge: "1h",
        setHeaders: noCacheForHtml,
      }),
    );
  }

  app.use(notFoundHandler);
  app.use(
    errorHandler((error) =>
      logger.error({ error: String(error), stack: (error as Error)?.stack }, "unhandled error"),
    ),
  );
  return { express: app, bot };
}

/** Links from cards into the tab: the app's URL in local mode, a Teams deep link in a tenant. */
function tabLinks(config: AppConfig, selfUrl: (() => string) | undefined) {
  return (path: string, label: string): string => {
    if (config.mode === "local") return `${selfUrl?.() ?? "http://localhost:3978"}/#/${path}`;
    const context = encodeURIComponent(JSON.stringify({ subEntityId: path }));
    return `https://teams.microsoft.com/l/entity/${config.clientId}/avtalsuppfoljning?label=${encodeURIComponent(label)}&context=${context}`;
  };
}
