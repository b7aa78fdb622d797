/**
 * `npm run local-graph`: the local Graph service on its own.
 * Port from LOCAL_GRAPH_PORT, data from LOCAL_GRAPH_DATA_DIR (or DATA_DIR/graph).
 * Prints its base URL (ending in /v1.0) on one line when ready, and on stderr
 * where the service secret is kept.
 */
import { startLocalGraph } from "@avtalsuppfoljning/local-graph";
import { ConfigError, loadConfig } from "../api/src/config.ts";

try {
  const config = loadConfig(process.env, process.cwd(), { defaultMode: "local" });
  if (config.mode !== "local") {
    console.error("Den lokala Graph-tjänsten körs bara i lokalt läge (ta bort TENANT_ID m.fl.).");
    process.exit(1);
  }
  const service = await startLocalGraph({
    dataDir: config.localGraph.dataDir,
    port: config.localGraph.port,
    verifyTokens: config.localGraph.verifyTokens,
    faults: { failureRate: config.localGraph.failureRate, latencyMs: config.localGraph.latencyMs },
    log: (entry) => console.error(JSON.stringify(entry)),
  });
  console.log(service.graphUrl);
  console.error(`Tjänstens hemlighet (huvudet local-graph-secret) finns i ${service.secretFile}`);
  const stop = () => {
    service.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
