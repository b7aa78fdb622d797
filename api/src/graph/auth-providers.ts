import fs from "node:fs";
import { SECRET_HEADER } from "@avtalsuppfoljning/local-graph";
import {
  AuthError,
  type AuthenticationResult,
  ConfidentialClientApplication,
  type Configuration,
} from "@azure/msal-node";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import type { TenantConfig } from "../config.ts";
import { stringOf } from "./json.ts";
import { tokenResponse } from "./shapes.ts";

/**
 * Where Graph tokens come from. Every provider implements graph-client's
 * AuthenticationProvider, so the middleware chain is the same in both modes.
 */

/** Where the local Graph service runs and the secret it created at start (local mode). */
export interface LocalGraphEndpoint {
  origin: string;
  secret: string;
}

/** Headers for the local Graph service's own endpoints (tokens, Bot Connector, admin). */
export function localServiceHeaders(endpoint: LocalGraphEndpoint): Record<string, string> {
  return { "Content-Type": "application/json", [SECRET_HEADER]: endpoint.secret };
}

/** Local mode: app tokens from the local Graph service's issuer, cached until shortly before expiry. */
export class LocalTokenProvider implements AuthenticationProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private readonly endpoint: LocalGraphEndpoint;
  private readonly clientId: string;

  constructor(endpoint: LocalGraphEndpoint, clientId = "avtalsuppfoljning-local") {
    this.endpoint = endpoint;
    this.clientId = clientId;
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 60_000 > Date.now()) return this.cached.token;
    const response = await fetch(`${this.endpoint.origin}/_local/token`, {
      method: "POST",
      headers: localServiceHeaders(this.endpoint),
      body: JSON.stringify({ clientId: this.clientId }),
    });
    if (!response.ok) throw new Error(`Lokal token kunde inte hämtas (HTTP ${response.status})`);
    const body = tokenResponse.parse(await response.json());
    this.cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

export const PUBLIC_AUTHORITY_HOST = "https://login.microsoftonline.com";

export function createConfidentialClient(config: TenantConfig): ConfidentialClientApplication {
  const auth: Configuration["auth"] = {
    clientId: config.clientId,
    authority: `${config.authorityHost}/${config.tenantId}`,
    // msal-node knows Microsoft's clouds; any other authority host must be named to be trusted.
    ...(config.authorityHost === PUBLIC_AUTHORITY_HOST
      ? {}
      : { knownAuthorities: [new URL(config.authorityHost).host] }),
    ...(config.credential.kind === "secret"
      ? { clientSecret: config.credential.secret }
      : {
          clientCertificate: {
            thumbprintSha256: config.credential.thumbprintSha256,
            privateKey: fs.readFileSync(config.credential.privateKeyPath, "utf8"),
          },
        }),
  };
  return new ConfidentialClientApplication({
    auth,
    system: { loggerOptions: { piiLoggingEnabled: false } },
  });
}

/** Graph's national clouds are their own token audiences; any other base URL (a proxy) stands for global Graph. */
const GLOBAL_GRAPH = "https://graph.microsoft.com";
const GRAPH_RESOURCES = [
  GLOBAL_GRAPH,
  "https://graph.microsoft.us",
  "https://dod-graph.microsoft.us",
  "https://microsoftgraph.chinacloudapi.cn",
];

export function graphResource(config: TenantConfig): string {
  return GRAPH_RESOURCES.includes(config.graphBaseUrl) ? config.graphBaseUrl : GLOBAL_GRAPH;
}

function graphScope(config: TenantConfig): string {
  return `${graphResource(config)}/.default`;
}

function tokenOf(result: AuthenticationResult | null, flow: string): string {
  if (!result?.accessToken) throw new Error(`Ingen token från Entra ID (${flow})`);
  return result.accessToken;
}

/** Tenant mode, unattended work (reminders, provisioning): client credentials. */
export class ClientCredentialsProvider implements AuthenticationProvider {
  private readonly client: ConfidentialClientApplication;
  private readonly config: TenantConfig;

  constructor(client: ConfidentialClientApplication, config: TenantConfig) {
    this.client = client;
    this.config = config;
  }

  async getAccessToken(): Promise<string> {
    // msal-node caches app tokens and refreshes them before expiry.
    const result = await this.client.acquireTokenByClientCredential({
      scopes: [graphScope(this.config)],
    });
    return tokenOf(result, "client credentials");
  }
}

/**
 * Entra ID refused on-behalf-of because nobody has consented to the delegated
 * permission (AADSTS65001 and kin). graph-client keeps an error's name as
 * `code`, so callers recognise it either way.
 */
export class ConsentRequiredError extends Error {
  override readonly name = "ConsentRequiredError";
}

export function isConsentRequired(error: unknown): boolean {
  return (
    error instanceof ConsentRequiredError || stringOf(error, "code") === "ConsentRequiredError"
  );
}

const CONSENT_ERRORS = /AADSTS(65001|65004|90094|90008)\b|consent_required|interaction_required/;

/** Tenant mode, acting for the signed-in user: on-behalf-of with the tab's token. */
export class OnBehalfOfProvider implements AuthenticationProvider {
  private readonly client: ConfidentialClientApplication;
  private readonly config: TenantConfig;
  private readonly userAssertion: string;

  private readonly scopes: string[];

  /** `scopes`: delegated Graph permissions, e.g. `User.Read`. */
  constructor(
    client: ConfidentialClientApplication,
    config: TenantConfig,
    userAssertion: string,
    scopes: string[],
  ) {
    this.client = client;
    this.config = config;
    this.userAssertion = userAssertion;
    this.scopes = scopes;
  }

  async getAccessToken(): Promise<string> {
    try {
      const result = await this.client.acquireTokenOnBehalfOf({
        oboAssertion: this.userAssertion,
        scopes: this.scopes.map((scope) => `${graphResource(this.config)}/${scope}`),
      });
      return tokenOf(result, "on-behalf-of");
    } catch (error) {
      if (
        error instanceof AuthError &&
        CONSENT_ERRORS.test(`${error.errorCode} ${error.subError} ${error.errorMessage}`)
      ) {
        throw new ConsentRequiredError(error.errorMessage || "consent required");
      }
      throw error;
    }
  }
}
