import path from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "66666666-7777-8888-9999-000000000000";

function problems(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment, "/srv/app");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  test("APP_MODE=local → local mode with defaults under ./.data, on loopback only", () => {
    const config = loadConfig({ APP_MODE: "local" }, "/srv/app");
    expect(config.mode).toBe("local");
    expect(config.port).toBe(3978);
    expect(config.listenAddress).toBe("127.0.0.1");
    expect(config.dataDir).toBe(path.resolve("/srv/app/.data"));
    if (config.mode === "local") {
      expect(config.localGraph.port).toBe(5100);
      expect(config.localGraph.dataDir).toBe(path.resolve("/srv/app/.data/graph"));
    }
  });

  test("npm start's default: local mode when nothing else is said", () => {
    expect(loadConfig({}, "/srv/app", { defaultMode: "local" }).mode).toBe("local");
  });

  test("without APP_MODE or tenant settings nothing starts (no silent local mode)", () => {
    expect(problems({})[0]).toMatch(/^APP_MODE: saknas/);
  });

  test("NODE_ENV=production never starts local mode, even when asked", () => {
    for (const environment of [
      { NODE_ENV: "production" },
      { NODE_ENV: "production", APP_MODE: "local" },
    ]) {
      let thrown: unknown;
      try {
        loadConfig(environment, "/srv/app", { defaultMode: "local" });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const [problem] = (thrown as ConfigError).problems;
      for (const name of ["TENANT_ID", "CLIENT_ID", "SHAREPOINT_SITE_ID"])
        expect(problem).toContain(name);
    }
    const partial = (() => {
      try {
        loadConfig({ NODE_ENV: "production", TENANT_ID: TENANT }, "/srv/app", {
          defaultMode: "local",
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(partial.some((problem) => problem.startsWith("CLIENT_ID: saknas"))).toBe(true);
  });

  test("production is production in any case; a proxy setting that trusts everyone is refused", () => {
    expect(problems({ NODE_ENV: "Production", APP_MODE: "local" })[0]).toContain(
      "NODE_ENV=production",
    );
    expect(problems({ APP_MODE: "local", TRUST_PROXY: "0.0.0.0/0" })[0]).toContain("TRUST_PROXY");
    expect(loadConfig({ APP_MODE: "local", TRUST_PROXY: "1" }, "/srv/app").trustProxy).toBe(1);
  });

  test("listening beyond loopback in local mode is an explicit setting", () => {
    const config = loadConfig({ APP_MODE: "local", LISTEN_ADDRESS: "0.0.0.0" }, "/srv/app");
    expect(config.listenAddress).toBe("0.0.0.0");
    expect(problems({ APP_MODE: "local", LISTEN_ADDRESS: "alla" })[0]).toContain("LISTEN_ADDRESS");
  });

  test("APP_MODE=local with tenant settings is a contradiction, not a guess", () => {
    expect(problems({ APP_MODE: "local", TENANT_ID: TENANT })[0]).toContain("APP_MODE=local");
  });

  test("complete tenant settings → tenant mode", () => {
    const config = loadConfig(
      {
        TENANT_ID: TENANT,
        CLIENT_ID: CLIENT,
        CLIENT_SECRET: "hemligt",
        SHAREPOINT_SITE_ID: "contoso.sharepoint.com,a,b",
      },
      "/srv/app",
    );
    expect(config.mode).toBe("tenant");
    if (config.mode === "tenant") {
      expect(config.credential).toEqual({ kind: "secret", secret: "hemligt" });
      expect(config.graphBaseUrl).toBe("https://graph.microsoft.com");
    }
  });

  test("bad values are named with what is wrong, every one at once", () => {
    const found = problems({
      APP_MODE: "local",
      PORT: "abc",
      LOCAL_GRAPH_FAILURE_RATE: "2",
      LOG_LEVEL: "loud",
    });
    expect(found).toHaveLength(3);
    expect(found.find((problem) => problem.startsWith("PORT:"))).toContain('(fick "abc")');
    expect(found.find((problem) => problem.startsWith("LOCAL_GRAPH_FAILURE_RATE:"))).toContain(
      "högst 1",
    );
  });

  test("partial tenant settings list what is missing; a secret is never echoed", () => {
    const found = problems({ TENANT_ID: TENANT, CLIENT_SECRET: "topphemligt" });
    expect(found.some((problem) => problem.startsWith("CLIENT_ID: saknas"))).toBe(true);
    expect(found.some((problem) => problem.startsWith("SHAREPOINT_SITE_ID: saknas"))).toBe(true);
    expect(found.join("\n")).not.toContain("topphemligt");
    expect(problems({ TENANT_ID: "inte-ett-guid" })[0]).toContain("GUID");
  });

  test("a certificate needs its thumbprint; secret and certificate together are refused", () => {
    const base = { TENANT_ID: TENANT, CLIENT_ID: CLIENT, SHAREPOINT_SITE_ID: "site" };
    expect(problems({ ...base, CLIENT_CERTIFICATE_PATH: "cert.pem" })[0]).toContain(
      "CLIENT_CERTIFICATE_THUMBPRINT",
    );
    expect(
      problems({ ...base, CLIENT_CERTIFICATE_PATH: "cert.pem", CLIENT_SECRET: "s" })[0],
    ).toContain("bara en");
  });
});

describe("the Agents Playground switch", () => {
  test("accepted in local mode, refused with tenant settings", () => {
    const local = loadConfig({ APP_MODE: "local", BOT_ALLOW_UNAUTHENTICATED: "true" }, "/srv/app");
    expect(local.mode === "local" && local.botAllowUnauthenticated).toBe(true);
    const found = problems({
      BOT_ALLOW_UNAUTHENTICATED: "true",
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      CLIENT_SECRET: "s",
      SHAREPOINT_SITE_ID: "site",
    });
    expect(found[0]).toContain("BOT_ALLOW_UNAUTHENTICATED: får bara användas i lokalt läge");
  });
});
