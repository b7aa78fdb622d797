import crypto from "node:crypto";
import https from "node:https";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type EntraIdStandIn, GRAPH_AUDIENCE, LOCAL_ISSUER, startEntraId } from "../src/index.ts";
import { appToken, startTestGraph, type TestGraph } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are inspected freely in tests.
type JsonBody = any;

async function call(graph: TestGraph, authorization?: string) {
  const response = await fetch(`${graph.server.graphUrl}/sites/root`, {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  };
}

describe("verifyTokens: false: any non-empty bearer token", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ verifyTokens: false });
  });
  afterAll(async () => {
    await graph.stop();
  });

  test("a request without a token gets Graph's 401 body", async () => {
    const { status, body } = await call(graph);
    expect(status).toBe(401);
    expect(body.error?.code).toBe("unauthenticated");
    expect(body.error?.message).toBe("Access token is empty.");
  });

  test("a non-bearer scheme is refused; a bearer token is accepted", async () => {
    expect((await call(graph, "Basic dXNlcjpwYXNz")).status).toBe(401);
    expect((await call(graph, "Bearer ")).status).toBe(401);
    expect((await call(graph, "Bearer anything")).status).toBe(200);
  });
});

describe("by default: only tokens from the local issuer", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(async () => {
    await graph.stop();
  });

  test("a token from the service's token endpoint passes", async () => {
    const site = (await graph.access.client.api("/sites/root").get()) as { id: string };
    expect(site.id).toContain("localhost");
  });

  test("a forged, expired or wrong-audience token is refused", async () => {
    const other = await generateKeyPair("RS256");
    const forged = await new SignJWT({ appid: "x" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(GRAPH_AUDIENCE)
      .setExpirationTime("1h")
      .sign(other.privateKey);
    expect((await call(graph, `Bearer ${forged}`)).status).toBe(401);
    expect((await call(graph, "Bearer not-a-jwt")).status).toBe(401);

    const issued = await appToken(graph.server);
    expect((await call(graph, `Bearer ${issued}`)).status).toBe(200);
    const tampered = `${issued.slice(0, -4)}AAAA`;
    expect((await call(graph, `Bearer ${tampered}`)).status).toBe(401);
  });
});

describe("channel messages", () => {
  test("posting to a channel app-only is refused as in Graph (reminders go through the bot)", async () => {
    const graph = await startTestGraph();
    try {
      const response = await fetch(`${graph.server.graphUrl}/teams/t1/channels/19:abc/messages`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${await appToken(graph.server)}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ body: { content: "Påminnelse" } }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toBe(
        "Message POST is allowed in application-only context only for import purposes.",
      );
    } finally {
      await graph.stop();
    }
  });
});

describe("tokens from Entra ID (stand-in): what roles and scopes allow", () => {
  const tenantId = crypto.randomUUID();
  const clientId = crypto.randomUUID();
  const bareClientId = crypto.randomUUID();
  let entra: EntraIdStandIn;
  let graph: TestGraph;

  /** The stand-in's token endpoint over HTTPS, trusting its certificate. */
  function requestToken(form: Record<string, string>): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
      const body = new URLSearchParams(form).toString();
      const request = https.request(
        `${entra.origin}/${tenantId}/oauth2/v2.0/token`,
        {
          method: "POST",
          ca: entra.tlsCertificatePem,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += String(chunk)));
          response.on("end", () => resolve(JSON.parse(text) as Record<string, string>));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  const appToken = async (client: string) =>
    (
      await requestToken({
        grant_type: "client_credentials",
        client_id: client,
        client_secret: "hemlig",
        scope: `${GRAPH_AUDIENCE}/.default`,
      })
    ).access_token!;

  const graphGet = async (path: string, token: string) => {
    const response = await fetch(`${graph.server.graphUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as JsonBody };
  };

  beforeAll(async () => {
    const app = (id: string, roles: string[]) => ({
      clientId: id,
      displayName: "Avtalsuppföljning",
      secret: "hemlig",
      applicationPermissions: roles,
      delegatedPermissions: ["User.Read"],
    });
    entra = await startEntraId({
      tenantId,
      apps: [app(clientId, ["Sites.Selected"]), app(bareClientId, [])],
    });
    graph = await startTestGraph({
      verifyTokens: true,
      trustedIssuers: [{ issuer: entra.graphIssuer, jwks: entra.jwks() }],
    });
  });
  afterAll(async () => {
    await Promise.all([entra.stop(), graph.stop()]);
  });

  test("Sites.Selected reaches a site only as far as the site's grant goes", async () => {
    const token = await appToken(clientId);
    const site = (await graph.access.client.api("/sites/root").get()) as { id: string };
    const grantRole = async (role: string) =>
      graph.access.client.api(`/sites/${site.id}/permissions`).post({
        roles: [role],
        grantedToIdentities: [{ application: { id: clientId, displayName: "Avtalsuppföljning" } }],
      });
    const post = (path: string, body: unknown) =>
      fetch(`${graph.server.graphUrl}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).then((response) => response.status);
    const newList = (name: string) => ({ displayName: name, list: { template: "genericList" } });

    expect((await graphGet("/sites/root", token)).status).toBe(403);
    await grantRole("read");
    expect((await graphGet("/sites/root", token)).status).toBe(200);
    expect(await post(`/sites/${site.id}/lists`, newList("Läst"))).toBe(403);
    await grantRole("write");
    const list = (await graph.access.client
      .api(`/sites/${site.id}/lists`)
      .post(newList("Skrivbar"))) as { id: string };
    expect(
      await post(`/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: "Ja" } }),
    ).toBe(201);
    expect(await post(`/sites/${site.id}/lists`, newList("Ny lista"))).toBe(403);
    await grantRole("fullcontrol");
    expect(await post(`/sites/${site.id}/lists`, newList("Ny lista"))).toBe(201);

    // Granting needs Sites.FullControl.All, which the app does not have.
    expect(
      await post(`/sites/${site.id}/permissions`, {
        roles: ["fullcontrol"],
        grantedToIdentities: [{ application: { id: bareClientId } }],
      }),
    ).toBe(403);
    const denied = await graphGet("/sites/root", await appToken(bareClientId));
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("accessDenied");
  });

  test("/me needs a delegated token; an app token reading users needs a directory role", async () => {
    const token = await appToken(clientId);
    const me = await graphGet("/me/transitiveMemberOf", token);
    expect(me.status).toBe(400);
    expect(me.body.error.message).toBe(
      "/me request is only valid with delegated authentication flow.",
    );
    const users = await graphGet("/users", token);
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe("Authorization_RequestDenied");
  });

  test("the token endpoint refuses an unknown client, a wrong secret and a scope without /.default", async () => {
    const unknown = await requestToken({
      grant_type: "client_credentials",
      client_id: crypto.randomUUID(),
      client_secret: "hemlig",
      scope: `${GRAPH_AUDIENCE}/.default`,
    });
    expect(unknown.error).toBe("unauthorized_client");
    const wrongSecret = await requestToken({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: "fel",
      scope: `${GRAPH_AUDIENCE}/.default`,
    });
    expect(wrongSecret.error).toBe("invalid_client");
    expect(wrongSecret.error_description).toMatch(/^AADSTS7000215/);
    const badScope = await requestToken({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: "hemlig",
      scope: `${GRAPH_AUDIENCE}/Sites.Selected`,
    });
    expect(badScope.error).toBe("invalid_scope");
  });

  test("on-behalf-of gives a User.Read token that reads the person's groups but not the site", async () => {
    const person = (await graph.access.client.api("/users").post({
      accountEnabled: true,
      displayName: "Test Testsson",
      mailNickname: "test",
      userPrincipalName: "test.testsson@asby.se",
      passwordProfile: { password: "x-Lösen-123" },
    })) as { id: string };
    const group = (await graph.access.client.api("/groups").post({
      displayName: "Tekniska nämnden",
      mailNickname: "tn",
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ["Unified"],
    })) as { id: string };
    await graph.access.client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `${graph.server.graphUrl}/directoryObjects/${person.id}` });
    const userToken = await entra.issueUserToken(
      { oid: person.id, name: "Test Testsson", preferredUsername: "test.testsson@asby.se" },
      clientId,
    );
    const obo = await requestToken({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      client_id: clientId,
      client_secret: "hemlig",
      assertion: userToken,
      scope: `${GRAPH_AUDIENCE}/User.Read openid profile offline_access`,
    });
    expect(obo.scope).toBe(`${GRAPH_AUDIENCE}/User.Read`);
    const groups = await graphGet(
      "/me/transitiveMemberOf/microsoft.graph.group?$select=id",
      obo.access_token!,
    );
    expect(groups.status).toBe(200);
    expect(groups.body.value.map((entry: { id: string }) => entry.id)).toEqual([group.id]);
    expect((await graphGet("/sites/root", obo.access_token!)).status).toBe(403);

    const notConsented = await requestToken({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      client_id: clientId,
      client_secret: "hemlig",
      assertion: userToken,
      scope: `${GRAPH_AUDIENCE}/Mail.Read`,
    });
    expect(notConsented.error).toBe("invalid_grant");
    expect(notConsented.suberror).toBe("consent_required");
  });
});
