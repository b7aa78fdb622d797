import fs from "node:fs";
import {
  type AuthenticationResult,
  ConfidentialClientApplication,
  type Configuration,
} from "@azure/msal-node";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import type { TenantConfig } from "../config.ts";

/**
 * Where Graph tokens come from. Every provider implements graph-client's
 * AuthenticationProvider, so the middleware chain is the same in both modes.
 */

/** Local mode: app tokens from the local Graph service's issuer, cached until shortly before expiry. */
export class LocalTokenProvider implements AuthenticationProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private readonly tokenUrl: string;
  private readonly clientId: string;

  constructor(localGraphOrigin: string, clientId = "avtalsuppfoljning-local") {
    this.tokenUrl = `${localGraphOrigin}/_local/token`;
    this.clientId = clientId;
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 60_000 > Date.now()) return this.cached.token;
    const response = await fetch(this.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ clientId: this.clientId }),
    });
    if (!response.ok) throw new Error(`Lokal token kunde inte hämtas (HTTP ${response.status})`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

export function createConfidentialClient(config: TenantConfig): ConfidentialClientApplication {
  const auth: Configuration["auth"] = {
    clientId: config.clientId,
    authority: `${config.authorityHost}/${config.tenantId}`,
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

function graphScope(config: TenantConfig): string {
  return `${config.graphBaseUrl}/.default`;
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

/** Tenant mode, acting for the signed-in user: on-behalf-of with the tab's token. */
export class OnBehalfOfProvider implements AuthenticationProvider {
  private readonly client: ConfidentialClientApplication;
  private readonly config: TenantConfig;
  private readonly userAssertion: string;

  constructor(client: ConfidentialClientApplication, config: TenantConfig, userAssertion: string) {
    this.client = client;
    this.config = config;
    this.userAssertion = userAssertion;
  }

  async getAccessToken(): Promise<string> {
    const result = await this.client.acquireTokenOnBehalfOf({
      oboAssertion: this.userAssertion,
      scopes: [graphScope(this.config)],
    });
    return tokenOf(result, "on-behalf-of");
  }
}
