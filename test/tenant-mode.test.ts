import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type EntraAppRegistration,
  type EntraIdStandIn,
  startEntraId,
} from "@avtalsuppfoljning/local-graph";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../api/src/demo/demo-people.ts";
import { seedDemoData } from "../api/src/demo/seed.ts";
import { swedishDate } from "../api/src/domain/dates.ts";
import type { Me } from "../api/src/http/api-shapes.ts";
import { AppStore } from "../api/src/store/app-store.ts";
import { odataString } from "../api/src/store/odata.ts";
import type { ProblemFields } from "./support/api-answers.ts";
import type { TestResponse } from "./support/app.ts";
import { startTestGraph, type TestGraph, temporaryDirectory } from "./support/local-graph.ts";

/**
 * Tenant mode, offline: the app and `npm run provision -- --tenant` run as
 * their own processes with tenant settings, against an Entra ID stand-in
 * (HTTPS, trusted through NODE_EXTRA_CA_CERTS) and the local Graph service
 * verifying the stand-in's tokens. msal-node's client-credentials (secret and
 * certificate) and on-behalf-of flows, and the API's JWT checks, run for real.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const TENANT = crypto.randomUUID();
const OTHER_TENANT = crypto.randomUUID();
const CLIENT_ID = crypto.randomUUID();
const SECRET = "lokal-klienthemlighet-för-test";

let entra: EntraIdStandIn;
let foreignEntra: EntraIdStandIn;
let graph: TestGraph;
let registration: EntraAppRegistration;
let environment: Record<string, string>;
let app: ChildProcess | undefined;
let appUrl = "";

function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function startTenantApp(env: Record<string, string>): Promise<string> {
  app = spawn(process.execPath, ["scripts/start.ts"], { cwd: ROOT, env });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 30_000);
    const onData = (chunk: unknown) => {
      output += String(chunk);
      if (process.env.DEBUG_TENANT) process.stderr.write(String(chunk));
      const match = /Öppna:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    app!.stdout!.on("data", onData);
    app!.stderr!.on("data", onData);
    app!.on("exit", (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
  });
}

async function userToken(
  key: keyof typeof DEMO_USERS,
  overrides: Parameters<EntraIdStandIn["issueUserToken"]>[2] = {},
  issuer: EntraIdStandIn = entra,
): Promise<string> {
  const email = DEMO_USERS[key].email;
  const found = (await graph.access.client
    .api(`/users?$filter=${encodeURIComponent(`userPrincipalName eq ${odataString(email)}`)}`)
    .get()) as { value: Array<{ id: string; displayName: string }> };
  const user = found.value[0]!;
  return issuer.issueUserToken(
    { oid: user.id, name: user.displayName, preferredUsername: email },
    CLIENT_ID,
    overrides,
  );
}

/** A GET as the tab makes it; the test names the answer's type where it reads more than a refusal. */
async function api<T = unknown>(
  pathname: string,
  token?: string,
): Promise<TestResponse<T & ProblemFields>> {
  const response = await fetch(`${appUrl}${pathname}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

beforeAll(async () => {
  const certificate = await generate([{ name: "commonName", value: "Avtalsuppföljning" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  const directory = temporaryDirectory("avtal-tenant-");
  registration = {
    clientId: CLIENT_ID,
    displayName: "Avtalsuppföljning",
    secret: SECRET,
    certificates: [certificate.cert],
    applicationPermissions: ["Sites.Selected", "User.Read.All"],
    delegatedPermissions: ["User.Read"],
  };
  entra = await startEntraId({ tenantId: TENANT, apps: [registration] });
  foreignEntra = await startEntraId({ tenantId: OTHER_TENANT, apps: [] });
  graph = await startTestGraph({
    verifyTokens: true,
    trustedIssuers: [{ issuer: entra.graphIssuer, jwks: entra.jwks() }],
  });
  const site = (await graph.access.client.api("/sites/root").select("id").get()) as { id: string };

  const caFile = path.join(directory, "entra-ca.pem");
  fs.writeFileSync(caFile, entra.tlsCertificatePem);
  const keyFile = path.join(directory, "app-key.pem");
  fs.writeFileSync(keyFile, certificate.private, { mode: 0o600 });
  const thumbprint = new crypto.X509Certificate(certificate.cert).fingerprint256.replaceAll(
    ":",
    "",
  );
  environment = {
    PATH: process.env.PATH ?? "",
    NODE_EXTRA_CA_CERTS: caFile,
    TENANT_ID: TENANT,
    CLIENT_ID,
    SHAREPOINT_SITE_ID: site.id,
    GRAPH_BASE_URL: graph.server.origin,
    AUTHORITY_HOST: entra.origin,
    DATA_DIR: directory,
    LOG_LEVEL: "warn",
    PORT: "0",
    CLIENT_CERTIFICATE_PATH: keyFile,
    CLIENT_CERTIFICATE_THUMBPRINT: thumbprint,
  };
});

afterAll(async () => {
  app?.kill("SIGTERM");
  await Promise.all([entra?.stop(), foreignEntra?.stop(), graph?.stop()]);
});

describe("provisioning a tenant (npm run provision -- --tenant)", () => {
  const withSecret = () => {
    const {
      CLIENT_CERTIFICATE_PATH: _path,
      CLIENT_CERTIFICATE_THUMBPRINT: _print,
      ...rest
    } = environment;
    return { ...rest, CLIENT_SECRET: SECRET };
  };

  it("refuses a wrong client secret with Entra's reason", async () => {
    const result = await run("scripts/provision.ts", ["--tenant"], {
      ...withSecret(),
      CLIENT_SECRET: "fel-hemlighet",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("AADSTS7000215");
    expect(result.stderr).not.toContain("fel-hemlighet");
  });

  it("is refused until the site is shared with the app (Sites.Selected), with what to do", async () => {
    const refused = await run("scripts/provision.ts", ["--tenant"], withSecret());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Appen saknar behörighet till webbplatsen");
    // A SharePoint administrator (Sites.FullControl.All) grants the app full control of the one site.
    const grant = (await graph.access.client
      .api(`/sites/${environment.SHAREPOINT_SITE_ID}/permissions`)
      .post({
        roles: ["fullcontrol"],
        grantedToIdentities: [{ application: { id: CLIENT_ID, displayName: "Avtalsuppföljning" } }],
      })) as { roles: string[] };
    expect(grant.roles).toEqual(["fullcontrol"]);
  });

  it("shows the plan on a dry run, then creates the schema, then has nothing to do", async () => {
    const dryRun = await run("scripts/provision.ts", ["--tenant", "--dry-run"], withSecret());
    expect(dryRun.stderr).toBe("");
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("torrkörning");
    const planned = Number(/(\d+) created/.exec(dryRun.stdout)?.[1]);
    expect(planned).toBeGreaterThan(10);

    const first = await run("scripts/provision.ts", ["--tenant"], withSecret());
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Provisionerar webbplatsen ${environment.SHAREPOINT_SITE_ID}`);
    expect(Number(/(\d+) created/.exec(first.stdout)?.[1])).toBe(planned);

    const again = await run("scripts/provision.ts", ["--tenant"], withSecret());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\n0 created, 0 changed, \d+ unchanged/);
  });
});

describe("the app in tenant mode (certificate credential)", () => {
  beforeAll(async () => {
    // The lists exist (previous block); load the demo kommun as the IT department would enter it.
    await seedDemoData(new AppStore(graph.access, "root"), {
      today: swedishDate(new Date()),
      createDirectory: true,
    });
    appUrl = await startTenantApp(environment);
  });

  it("reaches SharePoint with an app-only token from the certificate (health)", async () => {
    const health = await api("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok", mode: "tenant", graph: "ok" });
  });

  it("accepts the tab's SSO token and reads the person's groups on their behalf", async () => {
    const response = await api<Me>("/api/me", await userToken("maria"));
    expect(response.status).toBe(200);
    expect(response.body.mode).toBe("tenant");
    expect(response.body.user.email).toBe(DEMO_USERS.maria.email);
    const social = response.body.committees.find((c: { code: string }) => c.code === "SN");
    expect(social).toMatchObject({ canWrite: true, canDecide: true });
    expect(response.body.committees.find((c: { code: string }) => c.code === "TN")).toBeUndefined();
  });

  it.each([
    ["another tenant", () => userToken("anna", { tenantId: OTHER_TENANT })],
    ["another audience", () => userToken("anna", { audience: "api://annan-app" })],
    [
      "an expired token",
      () => userToken("anna", { expiresAt: Math.floor(Date.now() / 1000) - 600 }),
    ],
    ["no access_as_user scope", () => userToken("anna", { scopes: ["User.Read"] })],
    [
      "another tenant's signing keys",
      () => userToken("anna", { tenantId: OTHER_TENANT }, foreignEntra),
    ],
    [
      "keys of another issuer, claiming ours",
      () => userToken("anna", { issuer: entra.issuer }, foreignEntra),
    ],
  ])("refuses %s with 401", async (_label, token) => {
    const response = await api("/api/me", await token());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthenticated");
  });

  it("explains in Swedish what to do when nobody has consented to User.Read", async () => {
    registration.delegatedPermissions = [];
    try {
      const response = await api("/api/me", await userToken("erik"));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("consent-required");
      expect(response.body.detail).toContain("administratörsmedgivande");
    } finally {
      registration.delegatedPermissions = ["User.Read"];
    }
    expect((await api("/api/me", await userToken("erik"))).status).toBe(200);
  });

  it("has no local sign-in and no local admin endpoints", async () => {
    expect((await api("/api/local-auth/users")).status).toBe(401);
    const token = await userToken("karin");
    expect((await api("/api/local-auth/users", token)).status).toBe(404);
    expect((await api("/_local/stats", token)).status).toBe(404);
  });

  it("starts Teams' consent window at Entra ID, for the app's own scope", async () => {
    const response = await fetch(`${appUrl}/auth/consent-start`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get("location") ?? "");
    const host = new URL(appUrl).host;
    expect(`${target.origin}${target.pathname}`).toBe(
      `${entra.origin}/${TENANT}/oauth2/v2.0/authorize`,
    );
    expect(target.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(target.searchParams.get("prompt")).toBe("consent");
    expect(target.searchParams.get("scope")).toContain(`api://${host}/${CLIENT_ID}/access_as_user`);
    expect(target.searchParams.get("redirect_uri")).toBe(`https://${host}/consent-end.html`);
    // No local Teams host in a tenant.
    expect((await fetch(`${appUrl}/teams-host/`)).status).toBe(404);
  });

  it("refuses bot activities without a Bot Framework token", async () => {
    const response = await fetch(`${appUrl}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ type: "message", text: "status" }),
    });
    expect(response.status).toBe(401);
  });
});

describe("the conformance suite against a tenant (npm run conformance -- --tenant)", () => {
  it("replays Microsoft's examples against the tenant and the local service and prints where they differ", async () => {
    const {
      CLIENT_CERTIFICATE_PATH: _path,
      CLIENT_CERTIFICATE_THUMBPRINT: _print,
      ...rest
    } = environment;
    const result = await run("scripts/conformance.ts", ["--tenant"], {
      ...rest,
      CLIENT_SECRET: SECRET,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/Klienten \(https?:\/\/.+\):\n/);
    expect(result.stdout).toMatch(/43 documented examples replayed/);
    expect(result.stdout).toContain("Den lokala tjänsten (som app):");
    // The app holds Sites.Selected with a grant on the site: it may make lists there but not grant
    // permissions (Sites.FullControl.All), which the local service's own tokens may. That differs.
    expect(result.stdout).toContain("Här skiljer sig klienten och den lokala tjänsten åt:");
    expect(result.stdout).toMatch(
      /site-post-permissions\.md create_permission_from_: tenant mismatch \(403\)/,
    );
    expect(result.code).toBe(1);
    // What the run made in the tenant's site is gone again.
    const lists = (await graph.access.client
      .api(`/sites/${environment.SHAREPOINT_SITE_ID}/lists`)
      .select("displayName")
      .get()) as { value: Array<{ displayName: string }> };
    expect(
      lists.value.filter((list) => /^(Inventory|Documents|Books) /.test(list.displayName)),
    ).toEqual([]);
  });
});
