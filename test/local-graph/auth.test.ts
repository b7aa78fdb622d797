import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOCAL_ISSUER } from "../../api/src/local/local-graph-server.ts";
import { GRAPH_AUDIENCE } from "../../api/src/local/local-issuer.ts";
import { startTestGraph, type TestGraph } from "../support/local-graph.ts";

async function call(graph: TestGraph, authorization?: string) {
  const response = await fetch(`${graph.server.graphUrl}/sites/root`, {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  };
}

describe("default: any non-empty bearer token", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
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

describe("verifying tokens from the local issuer", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ verifyTokens: true });
  });
  afterAll(async () => {
    await graph.stop();
  });

  test("the app's local token provider gets a token that passes", async () => {
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

    const issued = (await (
      await fetch(`${graph.server.origin}/_local/token`, { method: "POST" })
    ).json()) as {
      access_token: string;
    };
    expect((await call(graph, `Bearer ${issued.access_token}`)).status).toBe(200);
    const tampered = `${issued.access_token.slice(0, -4)}AAAA`;
    expect((await call(graph, `Bearer ${tampered}`)).status).toBe(401);
  });
});

describe("channel messages", () => {
  test("posting to a channel app-only is refused as in Graph (reminders go through the bot)", async () => {
    const graph = await startTestGraph();
    try {
      const response = await fetch(`${graph.server.graphUrl}/teams/t1/channels/19:abc/messages`, {
        method: "POST",
        headers: { Authorization: "Bearer app-token", "Content-Type": "application/json" },
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
