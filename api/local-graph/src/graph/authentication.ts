import { createLocalJWKSet, type JWK, jwtVerify } from "jose";
import { GRAPH_AUDIENCE, type LocalIssuer, unverifiedClaims } from "../entra-id/local-issuer.ts";
import type { Identity } from "../persistence/graph-persistence.ts";
import { type AccessGrant, grantOf } from "./access-grants.ts";
import { graphErrors } from "./errors.ts";

/**
 * Graph's bearer-token check. Every `/v1.0` request needs
 * `Authorization: Bearer …`. By default any non-empty token passes (its
 * claims name the caller); with `verifyTokens` only tokens signed by the local
 * issuer or a trusted issuer (an Entra ID stand-in) do, and a trusted
 * issuer's `roles`/`scp` decide what the caller may do.
 */

export interface TrustedIssuer {
  issuer: string;
  jwks: { keys: JWK[] };
}

export interface GraphCaller {
  identity: Identity;
  grant: AccessGrant;
  /** The app the token was issued to (`appid`, or v2's `azp`): whose resource-unit budget it spends. */
  appId: string;
}

export class GraphAuthenticator {
  private readonly issuer: LocalIssuer;
  private readonly verifyTokens: boolean;
  /** Key sets built once: every request of a tenant-mode test is verified against them. */
  private readonly trusted: Array<{ issuer: string; keys: ReturnType<typeof createLocalJWKSet> }>;

  constructor(issuer: LocalIssuer, verifyTokens: boolean, trustedIssuers: TrustedIssuer[]) {
    this.issuer = issuer;
    this.verifyTokens = verifyTokens;
    this.trusted = trustedIssuers.map(({ issuer: name, jwks }) => ({
      issuer: name,
      keys: createLocalJWKSet(jwks),
    }));
  }

  async authenticate(authorization: string | undefined): Promise<GraphCaller> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match?.[1]) {
      throw graphErrors.unauthenticated(
        (authorization ?? "") === ""
          ? "Access token is empty."
          : "The Authorization header must be 'Bearer <token>'.",
      );
    }
    const token = match[1];
    let claims: Record<string, unknown> | undefined;
    let grant: AccessGrant = { kind: "unrestricted" };
    if (this.verifyTokens) {
      claims = await this.issuer.verify(token).catch(() => undefined);
      if (!claims) {
        claims = await this.verifyTrusted(token);
        grant = grantOf(claims);
      }
    } else {
      claims = unverifiedClaims(token);
    }
    return { identity: identityOf(claims), grant, appId: appIdOf(claims) };
  }

  private async verifyTrusted(token: string): Promise<Record<string, unknown>> {
    for (const trusted of this.trusted) {
      try {
        const { payload } = await jwtVerify(token, trusted.keys, {
          issuer: trusted.issuer,
          audience: GRAPH_AUDIENCE,
          algorithms: ["RS256"],
        });
        return payload;
      } catch {
        // Try the next issuer.
      }
    }
    throw graphErrors.unauthenticated(
      "Access token validation failure. Invalid audience, issuer, signature or lifetime.",
    );
  }
}

function appIdOf(claims: Record<string, unknown> | undefined): string {
  const appId = claims?.appid ?? claims?.azp;
  return typeof appId === "string" && appId !== "" ? appId : "local-app";
}

/** A delegated token names a user; an app-only token names the application. */
function identityOf(claims: Record<string, unknown> | undefined): Identity {
  const text = (name: string) => (typeof claims?.[name] === "string" ? claims[name] : undefined);
  const name = text("name");
  const oid = text("oid");
  if (name && oid) {
    const email = text("upn") ?? text("preferred_username") ?? text("email");
    return { user: { id: oid, displayName: name, ...(email ? { email } : {}) } };
  }
  return {
    application: {
      id: text("appid") ?? "local-app",
      displayName: text("app_displayname") ?? "Avtalsuppföljning",
    },
  };
}
