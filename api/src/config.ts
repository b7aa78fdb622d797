import path from "node:path";
import { z } from "zod";

/**
 * All configuration, parsed once at start-up from the environment.
 * No tenant settings → local mode (embedded local Graph service).
 * Tenant settings → tenant mode (a real Microsoft 365 tenant).
 */

const port = (fallback: number) =>
  z.coerce
    .number({ error: "måste vara ett portnummer" })
    .int({ error: "måste vara ett heltal" })
    .min(0, { error: "måste vara 0–65535" })
    .max(65535, { error: "måste vara 0–65535" })
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: "måste vara ett GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
  });

const httpUrl = z.url({ protocol: /^https?$/, error: "måste vara en http(s)-adress" });

const environmentSchema = z.object({
  NODE_ENV: optionalText,
  APP_MODE: optionalText.pipe(
    z.enum(["local", "tenant"], { error: "måste vara local eller tenant" }).optional(),
  ),
  PORT: port(3978),
  LISTEN_ADDRESS: optionalText.pipe(
    z.union([z.ipv4(), z.ipv6()], { error: "måste vara en IP-adress, t.ex. 127.0.0.1" }).optional(),
  ),
  APP_HOSTNAME: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9.-]+$/i, {
        error: "måste vara ett värdnamn utan https:// och sökväg, t.ex. avtal.kommun.se",
      })
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default("./.data"),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(loopback|uniquelocal|linklocal|\d{1,2}|[0-9a-f.:/, ]+)$/i, {
      error:
        "måste vara loopback, ett antal proxysteg (t.ex. 1) eller proxyernas adresser (t.ex. 10.0.0.0/8)",
    })
    .refine((value) => !/(^|[\s,])(0\.0\.0\.0\/0|::\/0)($|[\s,])/.test(value), {
      error: "får inte lita på alla adresser (0.0.0.0/0): då kan vem som helst ange sin adress",
    })
    .default("loopback"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "måste vara fatal, error, warn, info, debug, trace eller silent",
    })
    .default("info"),
  LOCAL_GRAPH_PORT: port(5100),
  LOCAL_GRAPH_DATA_DIR: optionalText,
  LOCAL_GRAPH_FAILURE_RATE: z.coerce
    .number({ error: "måste vara ett tal mellan 0 och 1" })
    .min(0, { error: "måste vara minst 0" })
    .max(1, { error: "får vara högst 1" })
    .default(0),
  LOCAL_GRAPH_LATENCY_MS: z.coerce
    .number({ error: "måste vara ett antal millisekunder" })
    .int({ error: "måste vara ett heltal" })
    .min(0, { error: "får inte vara negativt" })
    .default(0),
  LOCAL_GRAPH_VERIFY_TOKENS: z
    .enum(["true", "false", ""], { error: "måste vara true eller false" })
    .default("true")
    .transform((value) => value !== "false"),
  TENANT_ID: optionalText.pipe(guid.optional()),
  CLIENT_ID: optionalText.pipe(guid.optional()),
  CLIENT_SECRET: optionalText,
  CLIENT_CERTIFICATE_PATH: optionalText,
  CLIENT_CERTIFICATE_THUMBPRINT: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, { error: "måste vara en SHA-256-tumavtryck (64 hex-tecken)" })
      .optional(),
  ),
  SHAREPOINT_SITE_ID: optionalText,
  BOT_ALLOW_UNAUTHENTICATED: z
    .enum(["true", "false", ""], { error: "måste vara true eller false" })
    .default("false")
    .transform((value) => value === "true"),
  GRAPH_BASE_URL: optionalText.pipe(httpUrl.optional()),
  AUTHORITY_HOST: optionalText.pipe(httpUrl.optional()),
});

export type Environment = z.input<typeof environmentSchema>;

interface CommonConfig {
  /** Port of the app (API, tab, bot). */
  port: number;
  /** Address the app listens on: loopback in local mode unless LISTEN_ADDRESS says otherwise. */
  listenAddress: string;
  /**
   * Which proxies in front of the app to believe about the client's address
   * (express's `trust proxy`): per-address rate limits count the real client.
   */
  trustProxy: string | number;
  /** Root of everything the app keeps on local disk. */
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export interface LocalGraphConfig {
  port: number;
  dataDir: string;
  /** Share of requests answered with 429/503 + Retry-After (0–1), for fault tests. */
  failureRate: number;
  /** Added latency per request, for benchmarks. */
  latencyMs: number;
  /** Verify bearer tokens against the local issuer instead of accepting any. */
  verifyTokens: boolean;
}

export interface LocalConfig extends CommonConfig {
  mode: "local";
  /**
   * Host names the app answers to (besides localhost and loopback addresses):
   * anything else is refused, so a web page cannot reach the app through DNS rebinding.
   */
  allowedHosts: string[];
  localGraph: LocalGraphConfig;
  /** Accept bot activities without a token, for the Agents Playground (never in tenant mode). */
  botAllowUnauthenticated: boolean;
}

export interface TenantConfig extends CommonConfig {
  mode: "tenant";
  tenantId: string;
  clientId: string;
  credential:
    | { kind: "secret"; secret: string }
    | { kind: "certificate"; privateKeyPath: string; thumbprintSha256: string };
  siteId: string;
  /** Graph root without version, e.g. https://graph.microsoft.com. */
  graphBaseUrl: string;
  /** Entra ID authority host, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
}

export type AppConfig = LocalConfig | TenantConfig;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Ogiltig konfiguration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const TENANT_REQUIRED = ["TENANT_ID", "CLIENT_ID", "SHAREPOINT_SITE_ID"] as const;

const TENANT_VARIABLES = [
  "TENANT_ID",
  "CLIENT_ID",
  "CLIENT_SECRET",
  "CLIENT_CERTIFICATE_PATH",
  "SHAREPOINT_SITE_ID",
] as const;

export interface LoadOptions {
  /**
   * The mode when neither APP_MODE nor tenant settings say: `npm start` and the
   * developer scripts try the app locally. Ignored under NODE_ENV=production,
   * where only tenant mode starts (fail closed, never a demo sign-in by mistake).
   */
  defaultMode?: "local";
}

export const LOOPBACK_ADDRESS = "127.0.0.1";

/** Parses the environment; throws ConfigError listing every bad or missing setting. */
export function loadConfig(
  environment: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
  options: LoadOptions = {},
): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const value = environment[name];
        const shown = name.includes("SECRET") || value === undefined ? "" : ` (fick "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(cwd, env.DATA_DIR);
  const tenantSettingsGiven = TENANT_VARIABLES.filter((name) => env[name] !== undefined);
  const production = env.NODE_ENV?.toLowerCase() === "production";
  const mode =
    env.APP_MODE ??
    (tenantSettingsGiven.length > 0 ? "tenant" : production ? undefined : options.defaultMode);
  if (production && mode !== "tenant") {
    throw new ConfigError([
      `NODE_ENV=production kräver klientläge: ${TENANT_REQUIRED.filter((name) => env[name] === undefined).join(", ")} saknas${env.CLIENT_SECRET === undefined && env.CLIENT_CERTIFICATE_PATH === undefined ? " (och CLIENT_SECRET eller CLIENT_CERTIFICATE_PATH)" : ""}. Lokalt läge med demoinloggning startar aldrig i produktion.`,
    ]);
  }
  if (mode === undefined) {
    throw new ConfigError([
      "APP_MODE: saknas. Ange APP_MODE=local för att prova appen lokalt (npm start gör det), eller klientinställningarna TENANT_ID, CLIENT_ID, SHAREPOINT_SITE_ID och CLIENT_SECRET/CLIENT_CERTIFICATE_PATH.",
    ]);
  }
  if (mode === "local" && tenantSettingsGiven.length > 0) {
    throw new ConfigError([
      `APP_MODE=local: ta bort klientinställningarna (${tenantSettingsGiven.join(", ")}) eller ange APP_MODE=tenant`,
    ]);
  }
  const common: CommonConfig = {
    port: env.PORT,
    listenAddress: env.LISTEN_ADDRESS ?? (mode === "local" ? LOOPBACK_ADDRESS : "0.0.0.0"),
    trustProxy: /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    dataDir,
    logLevel: env.LOG_LEVEL,
  };

  if (mode === "local") {
    return {
      ...common,
      mode: "local",
      allowedHosts: env.APP_HOSTNAME ? [env.APP_HOSTNAME.toLowerCase()] : [],
      botAllowUnauthenticated: env.BOT_ALLOW_UNAUTHENTICATED,
      localGraph: {
        port: env.LOCAL_GRAPH_PORT,
        dataDir: path.resolve(cwd, env.LOCAL_GRAPH_DATA_DIR ?? path.join(dataDir, "graph")),
        failureRate: env.LOCAL_GRAPH_FAILURE_RATE,
        latencyMs: env.LOCAL_GRAPH_LATENCY_MS,
        verifyTokens: env.LOCAL_GRAPH_VERIFY_TOKENS,
      },
    };
  }

  const problems: string[] = [];
  if (env.BOT_ALLOW_UNAUTHENTICATED) {
    problems.push(
      "BOT_ALLOW_UNAUTHENTICATED: får bara användas i lokalt läge (i en riktig klient måste boten kontrollera Teams token)",
    );
  }
  const required = (name: "TENANT_ID" | "CLIENT_ID" | "SHAREPOINT_SITE_ID") => {
    const value = env[name];
    if (value === undefined) {
      problems.push(
        `${name}: saknas (krävs i klientläge${tenantSettingsGiven.length > 0 ? ` när ${tenantSettingsGiven.join(", ")} är satt` : ""})`,
      );
    }
    return value ?? "";
  };
  const tenantId = required("TENANT_ID");
  const clientId = required("CLIENT_ID");
  const siteId = required("SHAREPOINT_SITE_ID");

  let credential: TenantConfig["credential"] | undefined;
  if (env.CLIENT_SECRET !== undefined && env.CLIENT_CERTIFICATE_PATH !== undefined) {
    problems.push("CLIENT_SECRET och CLIENT_CERTIFICATE_PATH: ange bara en av dem");
  } else if (env.CLIENT_SECRET !== undefined) {
    credential = { kind: "secret", secret: env.CLIENT_SECRET };
  } else if (env.CLIENT_CERTIFICATE_PATH !== undefined) {
    if (env.CLIENT_CERTIFICATE_THUMBPRINT === undefined) {
      problems.push("CLIENT_CERTIFICATE_THUMBPRINT: saknas (krävs med CLIENT_CERTIFICATE_PATH)");
    } else {
      credential = {
        kind: "certificate",
        privateKeyPath: path.resolve(cwd, env.CLIENT_CERTIFICATE_PATH),
        thumbprintSha256: env.CLIENT_CERTIFICATE_THUMBPRINT,
      };
    }
  } else {
    problems.push("CLIENT_SECRET eller CLIENT_CERTIFICATE_PATH: en av dem krävs i klientläge");
  }
  if (problems.length > 0 || credential === undefined) throw new ConfigError(problems);

  return {
    ...common,
    mode: "tenant",
    tenantId,
    clientId,
    credential,
    siteId,
    graphBaseUrl: (env.GRAPH_BASE_URL ?? "https://graph.microsoft.com").replace(/\/+$/, ""),
    authorityHost: (env.AUTHORITY_HOST ?? "https://login.microsoftonline.com").replace(/\/+$/, ""),
  };
}
