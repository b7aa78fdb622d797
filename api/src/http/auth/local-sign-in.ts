import fs from "node:fs";
import path from "node:path";
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import type { TokenValidatorOptions } from "./token-validator.ts";

/**
 * Local mode's stand-in for Entra ID sign-in: it signs tokens shaped like
 * Entra v2 access tokens for a chosen demo user. The API validates them with
 * the same validator as real tokens.
 */

export const LOCAL_SIGN_IN = {
  issuer: "urn:avtalsuppfoljning:local-sign-in/v2.0",
  audience: "api://localhost/avtalsuppfoljning",
  tenantId: "00000000-0000-4000-8000-00000000a5b7",
  scope: "access_as_user",
} as const;

export class LocalSignIn {
  private readonly privateKey: CryptoKey;
  private readonly publicJwk: JWK;

  private constructor(privateKey: CryptoKey, publicJwk: JWK) {
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
  }

  static async open(dataDir: string): Promise<LocalSignIn> {
    const file = path.join(dataDir, "local-sign-in.jwk.json");
    let stored: { privateJwk: JWK; publicJwk: JWK };
    if (fs.existsSync(file)) {
      stored = JSON.parse(fs.readFileSync(file, "utf8")) as typeof stored;
    } else {
      const pair = await generateKeyPair("RS256", { extractable: true });
      const kid = `local-sign-in-${Date.now().toString(36)}`;
      stored = {
        privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: "RS256" },
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" },
      };
      fs.mkdirSync(dataDir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(stored), { mode: 0o600 });
      fs.renameSync(temporary, file);
    }
    return new LocalSignIn(
      (await importJWK(stored.privateJwk, "RS256")) as CryptoKey,
      stored.publicJwk,
    );
  }

  validatorOptions(): TokenValidatorOptions {
    return {
      issuer: LOCAL_SIGN_IN.issuer,
      audience: LOCAL_SIGN_IN.audience,
      tenantId: LOCAL_SIGN_IN.tenantId,
      requiredScope: LOCAL_SIGN_IN.scope,
      keys: { jwks: { keys: [this.publicJwk as JsonWebKey] } },
    };
  }

  /** A token for one user, valid for eight hours (a working day). */
  async issue(
    user: { id: string; name: string; email: string },
    lifetimeSeconds = 8 * 3600,
  ): Promise<string> {
    return new SignJWT({
      oid: user.id,
      tid: LOCAL_SIGN_IN.tenantId,
      name: user.name,
      preferred_username: user.email,
      scp: LOCAL_SIGN_IN.scope,
      ver: "2.0",
    })
      .setProtectedHeader({ alg: "RS256", kid: this.publicJwk.kid ?? "local", typ: "JWT" })
      .setIssuer(LOCAL_SIGN_IN.issuer)
      .setAudience(LOCAL_SIGN_IN.audience)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
  }
}
