import type http from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import type { AppConfig } from "./config.ts";
import { createAppGraphAccess } from "./graph/graph-access-for-config.ts";
import type { GraphAccess } from "./graph/graph-client-factory.ts";
import { LocalGraphServer } from "./local/local-graph-server.ts";
import { createLogger, type Logger } from "./logger.ts";

/**
 * Starts what the configuration asks for: in local mode the local Graph
 * service and the app, in tenant mode the app alone.
 */
export interface RunningApp {
  appUrl: string;
  graphUrl: string;
  graph: GraphAccess;
  localGraph: LocalGraphServer | undefined;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startApp(
  config: AppConfig,
  logger = createLogger(config.logLevel),
): Promise<RunningApp> {
  let localGraph: LocalGraphServer | undefined;
  let graphUrl: string;
  if (config.mode === "local") {
    localGraph = new LocalGraphServer({
      dataDir: config.localGraph.dataDir,
      port: config.localGraph.port,
      verifyTokens: config.localGraph.verifyTokens,
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
    graphUrl = await localGraph.start();
  } else {
    graphUrl = `${config.graphBaseUrl}/v1.0`;
  }
  const graph = createAppGraphAccess(
    config,
    logger,
    localGraph ? { localGraphOrigin: localGraph.origin } : {},
  );
  const app = createApp({ config, graph, logger });
  const server = await new Promise<http.Server>((resolve, reject) => {
    const listening = app.listen(config.port, "0.0.0.0", (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    appUrl: `http://localhost:${port}`,
    graphUrl,
    graph,
    localGraph,
    logger,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await localGraph?.stop();
    },
  };
}
