import crypto from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { generate } from "selfsigned";
import { GRAPH_AUDIENCE } from "./local-issuer.ts";

/**
 * A local stand-in for Entra ID's endpoints that msal-node and the API use:
 * OpenID metadata, signing keys and the v2 token endpoint (client credentials
 * with a secret or a certificate assertion, and on-behalf-of). It serves HTTPS
 * with its own self-signed certificate, because msal-node accepts only https
 * authorities; processes that talk to it trust that certificate through
 * NODE_EXTRA_CA_CERTS, exactly as they would trust a corporate CA.
 *
 * Errors follow Entra's shape: `{error, error_description: "AADSTS…", error_codes, suberror}`.
 */

export interface EntraAppRegistration {
  clientId: string;
  displayName: string;
  /** A client secret, if the registration has one. */
  secret?: string;
  /** PEM certificates whose private keys may sign client assertions. */
  certificates?: string[];
  /** Application permissions on Graph with admin consent, e.g. Sites.Selected. */
  applicationPermissions: string[];
  /** Delegated Graph permissions consented for all users, e.g. User.Read. */
  delegatedPermissions: string[];
}

export interface EntraIdStandInOptions {
  tenantId: string;
  apps: EntraAppRegistration[];
  /** Default 0: a free port. */
  port?: number;
}

export interface SignedInUser {
  oid: string;
  name: string;
  preferredUsername: string;
}

const ALGORITHM = "RS256";
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);
const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ON_BEHALF_OF = "urn:ietf:params:oauth:grant-type:jwt-bearer";

class TokenEndpointError extends Error {
  readonly status: number;
  readonly error: string;
  readonly codes: number[];
  readonly suberror: string | undefined;
  constructor(status: number, error: string, description: string, suberror?: string) {
    super(description);
    this.status = status;
    this.error = error;
    this.codes = [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)];
    this.suberror = suberror;
  }
}

export class EntraIdStandIn {
  readonly tenantId: string;
  /** PEM of the TLS certificate, for NODE_EXTRA_CA_CERTS. */
  readonly tlsCertificatePem: string;
  private readonly apps: Map<string, EntraAppRegistration>;
  private readonly server: https.Server;
  private readonly signingKey: CryptoKey;
  private readonly publicKey: CryptoKey;
  private readonly publicJwk: JWK;
  private baseOrigin = "";

  private constructor(
    options: EntraIdStandInOptions,
    tls: { key: string; cert: string },
    keys: { signing: CryptoKey; public: CryptoKey },
    publicJwk: JWK,
  ) {
    this.tenantId = options.tenantId;
    this.apps = new Map(options.apps.map((app) => [app.clientId, app]));
    this.tlsCertificatePem = tls.cert;
    this.signingKey = keys.signing;
    this.publicKey = keys.public;
    this.publicJwk = publicJwk;
    this.server = https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
      this.handle(request)
        .then(({ status, body }) => {
          response.writeHead(status, {
            "Content-Type": "application/json; charset=utf-8",
            "Cache-Control": "no-store",
          });
          response.end(JSON.stringify(body));
        })
        .catch(() => {
          if (!response.headersSent) response.writeHead(500).end();
        });
    });
  }

  static async start(options: EntraIdStandInOptions): Promise<EntraIdStandIn> {
    const tls = await generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      extensions: [
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    const pair = await generateKeyPair(ALGORITHM, { extractable: true });
    const kid = crypto.randomUUID();
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, use: "sig", alg: ALGORITHM };
    const standIn = new EntraIdStandIn(
      options,
      { key: tls.private, cert: tls.cert },
      { signing: pair.privateKey, public: pair.publicKey },
      publicJwk,
    );
    await new Promise<void>((resolve, reject) => {
      standIn.server.once("error", reject);
      standIn.server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    standIn.baseOrigin = `https://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  /** The authority host, e.g. for AUTHORITY_HOST. */
  get origin(): string {
    return this.baseOrigin;
  }

  /** `iss` of v2 tokens for the app's own API (what the tab sends). */
  get issuer(): string {
    return `${this.baseOrigin}/${this.tenantId}/v2.0`;
  }

  /** `iss` of tokens for Graph (v1 tokens, like https://sts.windows.net/<tid>/). */
  get graphIssuer(): string {
    return `${this.baseOrigin}/${this.tenantId}/`;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /**
   * The token Teams gives the tab (`getAuthToken`): v2, audience = the app's
   * client id, scope access_as_user. Overrides make wrong tokens for tests.
   */
  async issueUserToken(
    user: SignedInUser,
    clientId: string,
    overrides: {
      tenantId?: string;
      audience?: string;
      scopes?: string[];
      expiresAt?: number;
      issuer?: string;
    } = {},
  ): Promise<string> {
    return this.sign(
      {
        oid: user.oid,
        sub: user.oid,
        name: user.name,
        preferred_username: user.preferredUsername,
        tid: overrides.tenantId ?? this.tenantId,
        azp: "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        scp: (overrides.scopes ?? ["access_as_user"]).join(" "),
        ver: "2.0",
      },
      {
        issuer: overrides.issuer ?? this.issuer,
        audience: overrides.audience ?? clientId,
        expiresAt: overrides.expiresAt ?? Math.floor(Date.now() / 1000) + 3600,
      },
    );
  }

  private sign(
    claims: JWTPayload,
    options: { issuer: string; audience: string; expiresAt: number },
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.publicJwk.kid ?? "", typ: "JWT" })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setNotBefore("-5s")
      .setExpirationTime(options.expiresAt)
      .setJti(crypto.randomUUID())
      .sign(this.signingKey);
  }

  private async handle(
    request: import("node:http").IncomingMessage,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(request.url ?? "/", this.baseOrigin);
    const [tenant, ...rest] = url.pathname.split("/").filter(Boolean);
    const path = rest.join("/");
    if (tenant !== this.tenantId) {
      return tokenError(
        new TokenEndpointError(
          400,
          "invalid_request",
          `AADSTS90002: Tenant '${tenant ?? ""}' not found. Check to make sure you have the correct tenant ID.`,
        ),
      );
    }
    if (request.method === "GET" && path === "v2.0/.well-known/openid-configuration") {
      const base = `${this.baseOrigin}/${this.tenantId}`;
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ["code", "id_token", "code id_token", "token id_token"],
          subject_types_supported: ["pairwise"],
          id_token_signing_alg_values_supported: [ALGORITHM],
          token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
          tenant_region_scope: "EU",
        },
      };
    }
    if (request.method === "GET" && path === "discovery/v2.0/keys") {
      return { status: 200, body: this.jwks() };
    }
    if (request.method === "POST" && path === "oauth2/v2.0/token") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      try {
        return { status: 200, body: await this.token(form, url) };
      } catch (error) {
        if (error instanceof TokenEndpointError) return tokenError(error);
        throw error;
      }
    }
    return { status: 404, body: { error: "not_found" } };
  }

  private async token(form: URLSearchParams, url: URL): Promise<Record<string, unknown>> {
    const app = await this.authenticateClient(form, `${url.origin}${url.pathname}`);
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const grantType = form.get("grant_type");
    if (grantType === "client_credentials") return this.clientCredentials(app, scopes);
    if (grantType === ON_BEHALF_OF && form.get("requested_token_use") === "on_behalf_of") {
      return this.onBehalfOf(app, scopes, form.get("assertion") ?? "");
    }
    throw new TokenEndpointError(
      400,
      "unsupported_grant_type",
      `AADSTS70003: The app requested an unsupported grant type '${grantType ?? ""}'.`,
    );
  }

  private async authenticateClient(
    form: URLSearchParams,
    tokenEndpoint: string,
  ): Promise<EntraAppRegistration> {
    const clientId = form.get("client_id") ?? "";
    const app = this.apps.get(clientId);
    if (!app) {
      throw new TokenEndpointError(
        400,
        "unauthorized_client",
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`,
      );
    }
    const secret = form.get("client_secret");
    if (secret !== null) {
      if (app.secret === undefined || !sameText(secret, app.secret)) {
        throw new TokenEndpointError(
          401,
          "invalid_client",
          `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        );
      }
      return app;
    }
    if (form.get("client_assertion_type") === JWT_BEARER_ASSERTION) {
      await this.verifyClientAssertion(app, form.get("client_assertion") ?? "", tokenEndpoint);
      return app;
    }
    throw new TokenEndpointError(
      401,
      "invalid_client",
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }

  /** A certificate credential: a JWT signed with the private key, naming the certificate by thumbprint. */
  private async verifyClientAssertion(
    app: EntraAppRegistration,
    assertion: string,
    tokenEndpoint: string,
  ): Promise<void> {
    const refuse = (detail: string) =>
      new TokenEndpointError(
        401,
        "invalid_client",
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. ${detail}`,
      );
    let thumbprint: string | undefined;
    try {
      const header = decodeProtectedHeader(assertion);
      thumbprint = (header["x5t#S256"] as string | undefined) ?? header.x5t;
    } catch {
      throw refuse("The assertion is not a JWT.");
    }
    const certificate = (app.certificates ?? [])
      .map((pem) => new crypto.X509Certificate(pem))
      .find((candidate) => {
        const der = candidate.raw;
        return (
          thumbprint === crypto.createHash("sha256").update(der).digest("base64url") ||
          thumbprint === crypto.createHash("sha1").update(der).digest("base64url")
        );
      });
    if (!certificate) throw refuse("No registered certificate has that thumbprint.");
    try {
      await jwtVerify(assertion, certificate.publicKey, {
        issuer: app.clientId,
        subject: app.clientId,
        audience: tokenEndpoint,
        algorithms: ["PS256", "RS256"],
        // Entra allows five minutes of clock skew.
        clockTolerance: 300,
      });
    } catch (error) {
      throw refuse(`Assertion validation failed: ${(error as Error).message}`);
    }
  }

  private async clientCredentials(
    app: EntraAppRegistration,
    scopes: string[],
  ): Promise<Record<string, unknown>> {
    const resource = defaultScopeResource(scopes);
    if (resource === undefined) {
      throw new TokenEndpointError(
        400,
        "invalid_scope",
        `AADSTS1002012: The provided value for scope ${scopes.join(" ")} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const roles = resource === GRAPH_AUDIENCE ? app.applicationPermissions : [];
    const expiresIn = 3599;
    const token = await this.sign(
      {
        appid: app.clientId,
        app_displayname: app.displayName,
        idtyp: "app",
        tid: this.tenantId,
        oid: app.clientId,
        sub: app.clientId,
        ...(roles.length > 0 ? { roles } : {}),
      },
      {
        issuer: resource === GRAPH_AUDIENCE ? this.graphIssuer : this.issuer,
        audience: resource,
        expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
      },
    );
    return {
      token_type: "Bearer",
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: token,
    };
  }

  private async onBehalfOf(
    app: EntraAppRegistration,
    requestedScopes: string[],
    assertion: string,
  ): Promise<Record<string, unknown>> {
    let user: JWTPayload;
    try {
      ({ payload: user } = await jwtVerify(assertion, this.publicKey, {
        issuer: this.issuer,
        audience: app.clientId,
        algorithms: [ALGORITHM],
      }));
    } catch (error) {
      throw new TokenEndpointError(
        400,
        "invalid_grant",
        `AADSTS50013: Assertion failed signature validation. [Reason - ${(error as Error).message}]`,
      );
    }
    if (user.tid !== this.tenantId) {
      throw new TokenEndpointError(
        400,
        "invalid_grant",
        "AADSTS50020: The user account does not exist in this tenant.",
      );
    }
    const wanted = requestedScopes.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
    const defaultResource = defaultScopeResource(wanted);
    const graphScopes =
      defaultResource === GRAPH_AUDIENCE
        ? app.delegatedPermissions
        : wanted.map((scope) => scope.replace(`${GRAPH_AUDIENCE}/`, ""));
    const missing = graphScopes.filter((scope) => !app.delegatedPermissions.includes(scope));
    if (graphScopes.length === 0 || missing.length > 0) {
      throw new TokenEndpointError(
        400,
        "invalid_grant",
        `AADSTS65001: The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
        "consent_required",
      );
    }
    const expiresIn = 3599;
    const token = await this.sign(
      {
        appid: app.clientId,
        app_displayname: app.displayName,
        idtyp: "user",
        tid: this.tenantId,
        oid: user.oid,
        sub: user.sub,
        name: user.name,
        upn: user.preferred_username,
        scp: graphScopes.join(" "),
      },
      {
        issuer: this.graphIssuer,
        audience: GRAPH_AUDIENCE,
        expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
      },
    );
    return {
      token_type: "Bearer",
      scope: graphScopes.map((scope) => `${GRAPH_AUDIENCE}/${scope}`).join(" "),
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: token,
    };
  }
}

function tokenError(error: TokenEndpointError): { status: number; body: unknown } {
  return {
    status: error.status,
    body: {
      error: error.error,
      error_description: `${error.message}\r\nTrace ID: ${crypto.randomUUID()}\r\nCorrelation ID: ${crypto.randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
      error_codes: error.codes,
      timestamp: new Date().toISOString(),
      trace_id: crypto.randomUUID(),
      correlation_id: crypto.randomUUID(),
      ...(error.suberror ? { suberror: error.suberror } : {}),
    },
  };
}

/** `https://graph.microsoft.com/.default` → `https://graph.microsoft.com`; undefined unless the only scope is a `/.default`. */
function defaultScopeResource(scopes: string[]): string | undefined {
  const [only, ...others] = scopes;
  if (only === undefined || others.length > 0 || !only.endsWith("/.default")) return undefined;
  return only.slice(0, -"/.default".length);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
