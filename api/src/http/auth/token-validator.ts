import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";

/**
 * Validates the bearer token the tab sends: signature against the issuer's
 * keys, issuer, audience, lifetime, tenant and the `access_as_user` scope.
 * Tenant mode checks Entra ID v2 tokens; local mode checks tokens from the
 * local sign-in issuer — through this same code, with no bypass.
 */

export interface AuthenticatedUser {
  /** Entra object id (`oid`). */
  id: string;
  name: string;
  email: string;
  tenantId: string;
  /** Group ids from the token's `groups` claim, if the registration emits them. */
  groups: string[] | undefined;
  /** The raw token, for on-behalf-of calls; never logged or returned. */
  assertion: string;
}

export interface TokenValidatorOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (the app's client id for v2 tokens). */
  audience: string;
  /** Expected `tid`. */
  tenantId: string;
  /** Scope the token must carry in `scp`. */
  requiredScope: string;
  keys: { jwksUrl: string } | { jwks: { keys: JsonWebKey[] } };
  /** Allowed clock skew in seconds. */
  clockToleranceSeconds?: number;
}

export class InvalidTokenError extends Error {}

export type TokenValidator = (token: string) => Promise<AuthenticatedUser>;

export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const keySet: JWTVerifyGetKey =
    "jwksUrl" in options.keys
      ? createRemoteJWKSet(new URL(options.keys.jwksUrl))
      : createLocalJWKSet(options.keys.jwks as Parameters<typeof createLocalJWKSet>[0]);
  return async (token: string) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ["RS256"],
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ["exp", "oid", "tid"],
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : "invalid token");
    }
    if (payload.tid !== options.tenantId) throw new InvalidTokenError("token for another tenant");
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(options.requiredScope))
      throw new InvalidTokenError(`missing scope ${options.requiredScope}`);
    const claim = (name: string) =>
      typeof payload[name] === "string" ? (payload[name] as string) : "";
    const groups = Array.isArray(payload.groups)
      ? payload.groups.filter((group): group is string => typeof group === "string")
      : undefined;
    return {
      id: claim("oid"),
      name: claim("name") || claim("preferred_username"),
      email: claim("preferred_username") || claim("email"),
      tenantId: claim("tid"),
      groups,
      assertion: token,
    };
  };
}
