import fs from "node:fs";
import path from "node:path";
import { SECRET_FILE, startLocalGraph } from "@avtalsuppfoljning/local-graph";
import { type AppConfig, ConfigError, loadConfig } from "../api/src/config.ts";
import { createAppGraphAccess, siteReference } from "../api/src/graph/graph-access-for-config.ts";
import type { GraphAccess } from "../api/src/graph/graph-client-factory.ts";
import { createLogger } from "../api/src/logger.ts";

/**
 * For command-line scripts: Graph access for the configured mode. In local
 * mode it uses the local Graph service `npm start` runs (same LOCAL_GRAPH_PORT);
 * if none is running it opens the same data folder itself.
 */
export interface ScriptConnection {
  config: AppConfig;
  access: GraphAccess;
  siteRef: string;
  close(): Promise<void>;
}

async function isRunning(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: string };
    return body.service === "Lokal Graph-tjänst";
  } catch {
    return false;
  }
}

export async function connect(
  environment: Record<string, string | undefined> = process.env,
): Promise<ScriptConnection> {
  const config = loadConfig(environment, process.cwd(), { defaultMode: "local" });
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  if (config.mode === "tenant") {
    return {
      config,
      access: createAppGraphAccess(config, logger),
      siteRef: siteReference(config),
      close: async () => {},
    };
  }
  const origin = `http://127.0.0.1:${config.localGraph.port}`;
  if (config.localGraph.port !== 0 && (await isRunning(origin))) {
    // The running service keeps its secret, readable by this user only, in its data folder.
    const secret = fs
      .readFileSync(path.join(config.localGraph.dataDir, SECRET_FILE), "utf8")
      .trim();
    return {
      config,
      access: createAppGraphAccess(config, logger, { localGraph: { origin, secret } }),
      siteRef: "root",
      close: async () => {},
    };
  }
  // Links stored by the script (a report's webUrl) point where `npm start` serves the files.
  const service = await startLocalGraph({
    dataDir: config.localGraph.dataDir,
    port: 0,
    webOrigin: origin,
  });
  return {
    config,
    access: createAppGraphAccess(config, logger, { localGraph: service }),
    siteRef: "root",
    close: () => service.stop(),
  };
}

/** Runs a script body and turns configuration errors into a clear message and exit code 1. */
export async function runScript(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
