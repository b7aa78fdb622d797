import fs from "node:fs";
import path from "node:path";
import {
  type CryptoKey,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { PRIVATE_FILE_MODE, writePrivateFile } from "../persistence/data-folder.ts";

/**
 * The local service's token issuer: it signs app tokens for local mode (the
 * stand-in for Entra ID's client-credentials endpoint) and can verify them.
 * The key lives in the data folder so tokens stay valid across restarts.
 */

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
const ALGORITHM = "RS256";

export class LocalIssuer {
  private readonly privateKey: CryptoKey;
  private readonly publicKey: CryptoKey;
  private readonly publicJwk: JWK;
  readonly issuer: string;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, publicJwk: JWK, issuer: string) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicJwk = publicJwk;
    this.issuer = issuer;
  }

  static async open(dataDir: string, issuer: string): Promise<LocalIssuer> {
    const file = path.join(dataDir, "local-issuer.jwk.json");
    let jwks: { privateJwk: JWK; publicJwk: JWK };
    if (fs.existsSync(file)) {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
      jwks = JSON.parse(fs.readFileSync(file, "utf8")) as typeof jwks;
    } else {
      const pair = await generateKeyPair(ALGORITHM, { extractable: true });
      const kid = `local-${Date.now().toString(36)}`;
      jwks = {
        privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: ALGORITHM },
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: ALGORITHM, use: "sig" },
      };
      writePrivateFile(file, JSON.stringify(jwks));
    }
    const privateKey = (await importJWK(jwks.privateJwk, ALGORITHM)) as CryptoKey;
    const publicKey = (await importJWK(jwks.publicJwk, ALGORITHM)) as CryptoKey;
    return new LocalIssuer(privateKey, publicKey, jwks.publicJwk, issuer);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /**
   * A Graph token for an app (app-only), or for a person using it (delegated:
   * `oid`, `name`, `upn`), for local development and tests that act as someone.
   */
  async issueAppToken(
    clientId: string,
    lifetimeSeconds = 3600,
    user?: { id: string; displayName: string; email?: string | undefined },
  ): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({
      appid: clientId,
      app_displayname: "Avtalsuppföljning (lokal)",
      ...(user
        ? {
            oid: user.id,
            name: user.displayName,
            ...(user.email ? { upn: user.email } : {}),
            scp: "Sites.ReadWrite.All",
          }
        : { roles: ["Sites.Selected"] }),
    })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.publicJwk.kid ?? "local", typ: "JWT" })
      .setIssuer(this.issuer)
      .setAudience(GRAPH_AUDIENCE)
      .setSubject(clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
    return { token, expiresIn: lifetimeSeconds };
  }

  /** A token for another audience (the local Bot Framework stand-in uses this). */
  async sign(
    claims: JWTPayload,
    options: { issuer: string; audience: string; lifetimeSeconds?: number; expiresAt?: number },
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.publicJwk.kid ?? "local", typ: "JWT" })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? `${options.lifetimeSeconds ?? 3600}s`)
      .sign(this.privateKey);
  }

  /** Verifies a Graph token this issuer signed. */
  verify(token: string): Promise<JWTPayload> {
    return this.verifyFor(token, { issuer: this.issuer, audience: GRAPH_AUDIENCE });
  }

  /** Verifies a token signed with this key for the given issuer name and audience. */
  async verifyFor(
    token: string,
    expected: { issuer: string; audience: string },
  ): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.publicKey, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: [ALGORITHM],
    });
    return payload;
  }
}

/** Best-effort reading of claims without verification, for display names only. */
export function unverifiedClaims(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}
