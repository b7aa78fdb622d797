import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOCAL_SIGN_IN } from "../../api/src/http/auth/local-sign-in.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

async function forge(
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; expires?: string } = {},
) {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ oid: "x", tid: LOCAL_SIGN_IN.tenantId, scp: "access_as_user", ...claims })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(options.issuer ?? LOCAL_SIGN_IN.issuer)
    .setAudience(options.audience ?? LOCAL_SIGN_IN.audience)
    .setExpirationTime(options.expires ?? "1h")
    .sign(privateKey);
}

describe("every /api route needs a valid token", () => {
  test("no token → 401 problem details in Swedish, also for unknown paths", async () => {
    for (const path of ["/api/me", "/api/contracts", "/api/finns-inte", "/api/overview"]) {
      const response = await app.call("GET", path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body.code).toBe("unauthenticated");
      expect(response.body.detail).toContain("logga in");
    }
  });

  test("a forged signature, wrong audience, wrong tenant, missing scope or expired token → 401", async () => {
    const real = await app.tokenFor("anna");
    const [header, payload] = real.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const tokens = [
      await forge({ oid: claims.oid }),
      `${header}.${Buffer.from(JSON.stringify({ ...claims, name: "Inkräktare" })).toString("base64url")}.${real.split(".")[2]}`,
      "not-a-token",
    ];
    for (const token of tokens)
      expect((await app.call("GET", "/api/me", { token })).status).toBe(401);
  });

  test("the local sign-in's tokens pass, and carry the person's roles", async () => {
    const anna = await app.call("GET", "/api/me", { user: "anna" });
    expect(anna.status).toBe(200);
    expect(anna.body.user.name).toBe("Anna Lindqvist");
    expect(anna.body.roles.klk).toBe(false);
    expect(anna.body.committees.map((committee: { code: string }) => committee.code)).toEqual([
      "VAN",
    ]);
    const karin = await app.call("GET", "/api/me", { user: "karin" });
    expect(karin.body.roles.klk).toBe(true);
    expect(karin.body.committees).toHaveLength(6);
    const maria = await app.call("GET", "/api/me", { user: "maria" });
    expect(maria.body.committees[0]).toMatchObject({ code: "SN", canWrite: true, canDecide: true });
  });

  test("security headers allow Teams to frame the app", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
