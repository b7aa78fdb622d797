import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { type LocalGraph, startLocalGraph } from "@avtalsuppfoljning/local-graph";
import { createApp } from "./app.ts";
import type { TeamsBot } from "./bot/teams-bot.ts";
import type { AppConfig } from "./config.ts";
import { seedDemoData } from "./demo/seed.ts";
import { swedishDate } from "./domain/dates.ts";
import { createGraphConnections, siteReference } from "./graph/graph-access-for-config.ts";
import type { GraphAccess } from "./graph/graph-client-factory.ts";
import { LocalSignIn } from "./http/auth/local-sign-in.ts";
import { createTokenValidator, type TokenValidator } from "./http/auth/token-validator.ts";
import type { RateLimits } from "./http/protection.ts";
import { createLogger, type Logger } from "./logger.ts";
import { ReminderRunner } from "./reminders/reminder-runner.ts";
import { scheduleReminders } from "./reminders/scheduler.ts";
import { AppStore } from "./store/app-store.ts";
import { provision } from "./store/provisioning.ts";

/**
 * Starts what the configuration asks for: in local mode the local Graph
 * service (schema provisioned, demo data loaded on first start) and the app;
 * in tenant mode the app alone.
 */
export interface RunningApp {
  appUrl: string;
  graphUrl: string;
  graph: GraphAccess;
  /** The store the API and the bot share (its read model among them). */
  store: AppStore;
  localGraph: LocalGraph | undefined;
  localSignIn: LocalSignIn | undefined;
  bot: TeamsBot;
  reminders: ReminderRunner;
  logger: Logger;
  stop(): Promise<void>;
}

export function tenantTokenValidator(
  config: Extract<AppConfig, { mode: "tenant" }>,
): TokenValidator {
  return createTokenValidator({
    issuer: `${config.authorityHost}/${config.tenantId}/v2.0`,
    audience: config.clientId,
    tenantId: config.tenantId,
    requiredScope: "access_as_user",
    keys: { jwksUrl: `${config.authorityHost}/${config.tenantId}/discovery/v2.0/keys` },
  });
}

export interface StartOptions {
  logger?: Logger;
  /** Load the demo data on first start in local mode (default true). */
  seedDemo?: boolean;
  now?: () => Date;
  /** Accept bot activities without a token (for the Agents Playground); local mode only. */
  allowUnauthenticatedBot?: boolean;
  /** Post the årshjul's reminders daily (and once at start). Default true. */
  scheduleReminders?: boolean;
  /** Requests per minute per address and per person; the defaults suit production. */
  rateLimits?: Partial<RateLimits>;
  /**
   * The clock of the read model's lifetime and, in local mode, of the local
   * service's budget minutes (ms since the epoch); a benchmark runs it faster.
   */
  clock?: () => number;
}

export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let localGraph: LocalGraph | undefined;
  let graphUrl: string;
  if (config.mode === "local") {
    ensurePrivateDirectory(config.dataDir);
    if (!isLoopbackAddress(config.listenAddress)) {
      logger.warn(
        { listenAddress: config.listenAddress },
        "local mode listens beyond this machine: anyone who reaches it can sign in as any demo person",
      );
    }
    localGraph = await startLocalGraph({
      dataDir: config.localGraph.dataDir,
      port: config.localGraph.port,
      allowedHosts: config.allowedHosts,
      verifyTokens: config.localGraph.verifyTokens,
      ...(options.clock ? { clock: options.clock } : {}),
      faults: {
        failureRate: config.localGraph.failureRate,
        latencyMs: config.localGraph.latencyMs,
      },
      log: ({ level, msg, ...rest }) => {
        const child = logger.child({ component: "local-graph" });
        if (level === "error") child.error(rest, String(msg));
        else child.info(rest, String(msg));
      },
    });
    graphUrl = localGraph.graphUrl;
  } else {
    graphUrl = `${config.graphBaseUrl}/v1.0`;
  }
  const connections = createGraphConnections(config, logger, localGraph ? { localGraph } : {});
  const graph = connections.app;

  let localSignIn: LocalSignIn | undefined;
  let validateToken: TokenValidator;
  if (config.mode === "local") {
    await provision(graph, siteReference(config));
    if (options.seedDemo !== false) {
      const seeded = await seedDemoData(new AppStore(graph, siteReference(config)), {
        today: swedishDate(options.now?.() ?? new Date()),
        createDirectory: true,
      });
      if (seeded.seeded) logger.info({ counts: seeded.counts }, "demo data loaded");
    }
    localSignIn = await LocalSignIn.open(config.dataDir);
    validateToken = createTokenValidator(localSignIn.validatorOptions());
  } else {
    validateToken = tenantTokenValidator(config);
  }

  let selfUrl = "";
  let reminders: ReminderRunner | undefined;
  const store = new AppStore(
    graph,
    siteReference(config),
    options.clock ? { clock: options.clock } : {},
  );
  const { express: app, bot } = createApp({
    config,
    graph,
    store,
    logger,
    validateToken,
    ...(connections.asUser ? { graphAsUser: connections.asUser } : {}),
    ...(connections.entraClient ? { entraClient: connections.entraClient } : {}),
    ...(localSignIn ? { localSignIn } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(localGraph ? { localGraph } : {}),
    selfUrl: () => selfUrl,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    allowUnauthenticatedBot:
      config.mode === "local" &&
      (options.allowUnauthenticatedBot ?? config.botAllowUnauthenticated),
    runReminders: () => {
      if (!reminders) throw new Error("reminders not ready");
      return reminders.run();
    },
  });
  await bot.initialize();
  const server = await new Promise<http.Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.listenAddress, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const port = (server.address() as AddressInfo).port;
  selfUrl = `http://127.0.0.1:${port}`;
  reminders = new ReminderRunner({
    store: new AppStore(graph, siteReference(config)),
    poster: bot,
    logger,
    link: (path) =>
      config.mode === "local"
        ? `http://localhost:${port}/#/${path}`
        : `https://teams.microsoft.com/l/entity/${config.clientId}/avtalsuppfoljning?context=${encodeURIComponent(JSON.stringify({ subEntityId: path }))}`,
    ...(options.now ? { now: options.now } : {}),
  });
  const schedule =
    options.scheduleReminders === false ? undefined : scheduleReminders(reminders, logger);
  return {
    appUrl: `http://localhost:${port}`,
    graphUrl,
    graph,
    store,
    localGraph,
    localSignIn,
    bot,
    reminders,
    logger,
    async stop() {
      schedule?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await localGraph?.stop();
    },
  };
}

/** Loopback only: 127.0.0.0/8 and ::1. */
export function isLoopbackAddress(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1";
}

/** Local mode's data (demo keys, the local service's database) is readable by its owner only. */
function ensurePrivateDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  fs.chmodSync(directory, 0o700);
}
