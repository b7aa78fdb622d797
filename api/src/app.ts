import fs from "node:fs";
import path from "node:path";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import express from "express";
import helmet from "helmet";
import { BotReplies } from "./bot/bot-replies.ts";
import { TeamsBot } from "./bot/teams-bot.ts";
import type { AppConfig } from "./config.ts";
import { PdfConverter } from "./documents/pdf-converter.ts";
import type { LocalGraphEndpoint } from "./graph/auth-providers.ts";
import { siteReference } from "./graph/graph-access-for-config.ts";
import type { GraphAccess } from "./graph/graph-client-factory.ts";
import { authenticate, isSignedIn, requireSignedIn } from "./http/auth/authenticate.ts";
import type { LocalSignIn } from "./http/auth/local-sign-in.ts";
import type { TokenValidator } from "./http/auth/token-validator.ts";
import { errorHandler, notFoundHandler } from "./http/problem.ts";
import {
  allowOnlyHosts,
  DEFAULT_RATE_LIMITS,
  limitPerAddress,
  limitPerUser,
  noStore,
  type RateLimits,
} from "./http/protection.ts";
import { committeesRouter } from "./http/routes/committees.ts";
import { contractsRouter } from "./http/routes/contracts.ts";
import { type EvidenceOptions, evidenceRouter } from "./http/routes/evidence.ts";
import { exportsRouter } from "./http/routes/exports.ts";
import { historyExportRouter } from "./http/routes/history-export.ts";
import { importsRouter } from "./http/routes/imports.ts";
import { localAuthRouter } from "./http/routes/local-auth.ts";
import { localChatRouter } from "./http/routes/local-chat.ts";
import { localTeamsHostOrigin, localTeamsHostRouter } from "./http/routes/local-teams-host.ts";
import { providersRouter } from "./http/routes/providers.ts";
import { publicInsightRouter } from "./http/routes/public-insight.ts";
import { recordsRouter } from "./http/routes/records.ts";
import { remindersRouter } from "./http/routes/reminders.ts";
import { removalsRouter } from "./http/routes/removals.ts";
import { reportsRouter } from "./http/routes/reports.ts";
import { riskRouter } from "./http/routes/risk.ts";
import { riskSettingsRouter } from "./http/routes/risk-settings.ts";
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
  /** Local mode: the local Graph service (Bot Framework stand-in for the bot and the chat panel). */
  localGraph?: LocalGraphEndpoint;
  /** Local mode: the built local Teams host (dist/teams-host), served at /teams-host/. */
  teamsHostDirectory?: string;
  /** The app's own URL once it listens (the chat panel posts activities to it). */
  selfUrl?: () => string;
  /** Accept bot activities without a token (Agents Playground); local mode only. */
  allowUnauthenticatedBot?: boolean;
  /** Runs the reminders now (kommunledningskontoret's "send again"); set once the runner exists. */
  runReminders?: () => Promise<ReminderRunResult>;
  /** Limits of evidence files (tests lower the size limit). */
  evidence?: EvidenceOptions;
  /** Requests per minute per address and per person (tests that flood the API raise them). */
  rateLimits?: Partial<RateLimits>;
  /** Word to PDF (history exports); LibreOffice's `soffice` on the PATH by default. */
  pdf?: PdfConverter;
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
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
];

function noCacheForHtml(response: express.Response, file: string): void {
  if (file.endsWith(".html")) response.setHeader("Cache-Control", "no-cache");
}

/** How long /healthz answers from its last result: a flood of anonymous checks costs one Graph call. */
const HEALTH_CACHE_MS = 10_000;

/** Wires the whole app; no module-level state, so tests can run several side by side. */
export function createApp(dependencies: AppDependencies): CreatedApp {
  const { config, graph, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const store = dependencies.store ?? new AppStore(graph, siteReference(config));
  const membership = new MembershipResolver(
    graph,
    dependencies.graphAsUser ? { asUser: dependencies.graphAsUser } : {},
  );

  const limits = { ...DEFAULT_RATE_LIMITS, ...dependencies.rateLimits };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
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
          "script-src": ["'self'"],
          // teams-js reads Teams' valid domains from Microsoft's CDN.
          "connect-src": ["'self'", "https://res.cdn.office.net"],
          "img-src": ["'self'", "data:"],
          // Fluent UI (Griffel) inserts its generated style rules at run time.
          "style-src": ["'self'", "'unsafe-inline'"],
          "font-src": ["'self'", "data:"],
        },
      },
      // Teams frames the tab from another origin.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // After helmet, so that a refused Host still gets the security headers.
  if (config.mode === "local") app.use(allowOnlyHosts(config.allowedHosts));
  const json = express.json({ limit: "1mb" });
  // The import reads its own, larger bodies (a register file as base64) after the sign-in;
  // an evidence upload's body is the file itself, streamed on to the library.
  const evidenceUpload = /^\/api\/[a-z-]+\/\d+\/evidence$/;
  app.use((request, response, next) =>
    request.path.startsWith("/api/imports") ||
    (request.method === "POST" && evidenceUpload.test(request.path))
      ? next()
      : json(request, response, next),
  );

  let health: { at: number; result: Promise<boolean> } | undefined;
  app.get("/healthz", async (_request, response) => {
    if (!health || Date.now() - health.at > HEALTH_CACHE_MS) {
      const result = graph.client
        .api(`/sites/${siteReference(config)}`)
        .select("id")
        .get()
        .then(
          () => true,
          (error: unknown) => {
            logger.warn({ error: String(error) }, "health: graph unreachable");
            return false;
          },
        );
      health = { at: Date.now(), result };
    }
    response.setHeader("Cache-Control", "no-store");
    if (await health.result) response.json({ status: "ok", mode: config.mode, graph: "ok" });
    else response.status(503).json({ status: "degraded", mode: config.mode, graph: "unreachable" });
  });

  // The bot's endpoint (/api/messages) is the Teams SDK's, with its own token checks.
  const replies = new BotReplies(store, membership, tabLinks(config, dependencies.selfUrl), now);
  const bot = new TeamsBot({
    config,
    logger,
    replies,
    store,
    membership,
    localGraph: dependencies.localGraph,
    entraClient: dependencies.entraClient,
    allowUnauthenticated: config.mode === "local" && dependencies.allowUnauthenticatedBot === true,
  });
  app.use("/api/messages", noStore, limitPerAddress(limits.botPerAddress));
  app.use(bot.router);

  // Public insight: no sign-in, public fields only.
  app.use("/insyn", limitPerAddress(limits.publicPerAddress));
  app.use(publicInsightRouter(store));

  const api = express.Router();
  api.use(noStore, authenticate({ validate: dependencies.validateToken, membership, store }));
  // Requests that are not signed in are limited per address, signed-in ones per person.
  api.use(limitPerAddress(limits.apiPerAddress, (_request, response) => isSignedIn(response)));
  if (dependencies.localSignIn) api.use(localAuthRouter(graph, dependencies.localSignIn));
  api.use(requireSignedIn, limitPerUser(limits.apiPerUser));
  api.use(committeesRouter(store, now, config.mode));
  api.use(contractsRouter(store));
  api.use(riskRouter(store, now));
  api.use(riskSettingsRouter(store));
  api.use(providersRouter(store, now));
  api.use(recordsRouter(store));
  api.use(historyExportRouter(store, dependencies.pdf ?? new PdfConverter(), now));
  api.use(removalsRouter(store));
  api.use(evidenceRouter(store, dependencies.evidence));
  api.use(reportsRouter(store, now));
  api.use(exportsRouter(store, now));
  api.use(importsRouter(store, now));
  api.use(remindersRouter(store, dependencies.runReminders));
  if (config.mode === "local" && dependencies.localGraph && dependencies.selfUrl) {
    api.use(localChatRouter(store, dependencies.localGraph, dependencies.selfUrl));
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
      logger.error(
        { error: String(error), stack: error instanceof Error ? error.stack : undefined },
        "unhandled error",
      ),
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
