/**
 * `local-graph`: the service on its own. Settings from the environment:
 * LOCAL_GRAPH_PORT (default 5100, 0 = any free port), LOCAL_GRAPH_DATA_DIR
 * (default ./.data/graph), LOCAL_GRAPH_VERIFY_TOKENS (default true),
 * LOCAL_GRAPH_ALLOWED_HOSTS (host names besides loopback, comma-separated),
 * LOCAL_GRAPH_FAILURE_RATE, LOCAL_GRAPH_LATENCY_MS, LOCAL_GRAPH_TENANT_SIZE (the
 * resource-unit budget's license band, default 1001-5000). Prints the Graph base URL (ending in /v1.0) on
 * stdout when ready, and where the service secret is on stderr.
 */
import path from "node:path";
import { z } from "zod";
import { TENANT_SIZE_NAMES } from "./graph/resource-units.ts";
import { startLocalGraph } from "./local-graph-service.ts";

const environment = z.object({
  LOCAL_GRAPH_PORT: z.coerce.number().int().min(0).max(65_535).default(5100),
  LOCAL_GRAPH_DATA_DIR: z.string().min(1).default(path.join(".data", "graph")),
  LOCAL_GRAPH_VERIFY_TOKENS: z.enum(["true", "false"]).default("true"),
  LOCAL_GRAPH_ALLOWED_HOSTS: z.string().default(""),
  LOCAL_GRAPH_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  LOCAL_GRAPH_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOCAL_GRAPH_TENANT_SIZE: z.enum(TENANT_SIZE_NAMES).default("1001-5000"),
});

const parsed = environment.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}
const settings = parsed.data;
const service = await startLocalGraph({
  dataDir: path.resolve(settings.LOCAL_GRAPH_DATA_DIR),
  port: settings.LOCAL_GRAPH_PORT,
  verifyTokens: settings.LOCAL_GRAPH_VERIFY_TOKENS === "true",
  allowedHosts: settings.LOCAL_GRAPH_ALLOWED_HOSTS.split(",")
    .map((name) => name.trim())
    .filter((name) => name !== ""),
  faults: {
    failureRate: settings.LOCAL_GRAPH_FAILURE_RATE,
    latencyMs: settings.LOCAL_GRAPH_LATENCY_MS,
  },
  budget: { tenantSize: settings.LOCAL_GRAPH_TENANT_SIZE },
  log: (entry) => console.error(JSON.stringify(entry)),
});
console.log(service.graphUrl);
console.error(`service secret (header local-graph-secret): ${service.secretFile}`);
const stop = () => {
  service.stop().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
