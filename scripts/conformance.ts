/**
 * `npm run conformance`: Microsoft's documented Graph examples replayed against
 * the local Graph service (a fresh one in a temporary folder), compared with
 * the documented answers.
 *
 * `npm run conformance -- --tenant`: the same examples, through the same code,
 * against Microsoft Graph with the tenant settings (TENANT_ID, CLIENT_ID, a
 * secret or certificate, SHAREPOINT_SITE_ID) — app-only, as the app itself
 * calls Graph — and against the local service called the same way; prints
 * each result and where the tenant and the local service differ. It makes
 * and removes its own lists, files and (with Sites.FullControl.All) a site
 * grant in the configured site; nothing else is touched.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SECRET_HEADER, startLocalGraph } from "@avtalsuppfoljning/local-graph";
import {
  type ConformanceTarget,
  type ExampleResult,
  formatResults,
  runConformance,
} from "@avtalsuppfoljning/local-graph/conformance";
import { ConfigError, loadConfig } from "../api/src/config.ts";
import {
  ClientCredentialsProvider,
  createConfidentialClient,
} from "../api/src/graph/auth-providers.ts";

/** The local service, called as a person (the documented examples' way) or as an app. */
async function local<T>(
  as: "person" | "app",
  work: (target: ConformanceTarget) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conformance-"));
  const service = await startLocalGraph({ dataDir, port: 0 });
  try {
    const response = await fetch(`${service.origin}/_local/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", [SECRET_HEADER]: service.secret },
      body: JSON.stringify(
        as === "person"
          ? {
              user: {
                id: crypto.randomUUID(),
                displayName: "Konformans",
                email: "konformans@example.se",
              },
            }
          : { clientId: "conformance" },
      ),
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    return await work({ graphUrl: service.graphUrl, token: async () => token, site: "root" });
  } finally {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function differences(localResults: ExampleResult[], tenantResults: ExampleResult[]): string[] {
  const lines: string[] = [];
  for (const tenant of tenantResults) {
    const match = localResults.find(
      (result) => result.source === tenant.source && result.name === tenant.name,
    );
    if (!match) continue;
    const same =
      match.outcome === tenant.outcome &&
      match.status === tenant.status &&
      match.differences.join("\n") === tenant.differences.join("\n");
    if (same) continue;
    lines.push(
      `${tenant.source.replace(/^.*\//, "")} ${tenant.name}: tenant ${tenant.outcome} (${tenant.status ?? "–"}), local ${match.outcome} (${match.status ?? "–"})`,
      ...tenant.differences.map((line) => `    tenant: ${line}`),
      ...match.differences.map((line) => `    local:  ${line}`),
    );
  }
  return lines;
}

try {
  if (!process.argv.includes("--tenant")) {
    const results = await local("person", (target) => runConformance(target));
    console.log(formatResults(results));
    process.exitCode = results.some((r) => r.outcome === "mismatch" || r.outcome === "error")
      ? 1
      : 0;
  } else {
    const config = loadConfig(process.env, process.cwd());
    if (config.mode !== "tenant") {
      throw new ConfigError([
        "--tenant behöver klientinställningarna TENANT_ID, CLIENT_ID, CLIENT_SECRET (eller certifikat) och SHAREPOINT_SITE_ID",
      ]);
    }
    const provider = new ClientCredentialsProvider(createConfidentialClient(config), config);
    const tenantResults = await runConformance({
      graphUrl: `${config.graphBaseUrl}/v1.0`,
      token: () => provider.getAccessToken(),
      site: config.siteId,
    });
    console.log(`Klienten (${config.graphBaseUrl}):\n${formatResults(tenantResults)}\n`);
    const localResults = await local("app", (target) => runConformance(target));
    console.log(`Den lokala tjänsten (som app):\n${formatResults(localResults)}\n`);
    const found = differences(localResults, tenantResults);
    console.log(
      found.length === 0
        ? "Klienten och den lokala tjänsten svarar likadant på alla exempel."
        : `Här skiljer sig klienten och den lokala tjänsten åt:\n${found.join("\n")}`,
    );
    process.exitCode = found.length === 0 ? 0 : 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
