import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SECRET_FILE, SECRET_HEADER, startLocalGraph } from "../src/index.ts";
import {
  appToken,
  operatorHeaders,
  startTestGraph,
  type TestGraph,
  temporaryDirectory,
} from "./support.ts";

/**
 * The service on its own machine: its own endpoints (admin, tokens, the
 * connector's record and delivery) need the secret it made at start, the Bot
 * Connector a token it signed, a file's link its signature; bodies are JSON
 * only; a foreign Host or Origin is refused; deliveries go to a bot on this
 * machine only; its files are its owner's alone.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected freely here.
type Json = any;

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph.stop();
});

/** A raw request, so that Host and Origin can be set as a browser or an attacker would. */
function raw(
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += String(chunk)));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const operatorEndpoints: Array<[method: string, path: string, body?: unknown]> = [
  ["GET", "/_local/faults"],
  ["PUT", "/_local/faults", { latencyMs: 0 }],
  ["GET", "/_local/stats"],
  ["POST", "/_local/stats/reset"],
  ["POST", "/_local/token", {}],
  ["POST", "/_botframework/token", {}],
  ["GET", "/_local/connector/conversations/a%3Ax/activities"],
  ["POST", "/_local/connector/token", { audience: "bot" }],
  [
    "POST",
    "/_local/connector/deliver",
    { endpoint: "http://127.0.0.1:1/api/messages", botId: "b", activity: {} },
  ],
];

describe("the service's own endpoints need its secret", () => {
  test("without it or with a wrong one: 401; with it: answered", async () => {
    for (const [method, endpoint, body] of operatorEndpoints) {
      for (const secret of [undefined, "wrong", `${graph.server.secret}x`]) {
        const response = await fetch(`${graph.server.origin}${endpoint}`, {
          method,
          headers: {
            "Content-Type": "application/json",
            ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(response.status, `${method} ${endpoint} with ${secret ?? "no secret"}`).toBe(401);
        const error = (await response.json()) as Json;
        expect(error.error.code).toBe("unauthenticated");
      }
    }
    for (const [method, endpoint] of operatorEndpoints.filter(
      ([, endpoint]) => !endpoint.includes("deliver"),
    )) {
      const [, , body] = operatorEndpoints.find(([m, e]) => m === method && e === endpoint)!;
      const response = await fetch(`${graph.server.origin}${endpoint}`, {
        method,
        headers: operatorHeaders(graph.server),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, `${method} ${endpoint} with the secret`).toBe(200);
    }
  });

  test("the secret is new at every start and kept owner-only in the data folder", async () => {
    const dataDir = temporaryDirectory();
    const first = await startLocalGraph({ dataDir, port: 0 });
    const stored = fs.readFileSync(path.join(dataDir, SECRET_FILE), "utf8").trim();
    expect(stored).toBe(first.secret);
    expect(first.secret.length).toBeGreaterThanOrEqual(40);
    await first.stop();
    const second = await startLocalGraph({ dataDir, port: 0 });
    expect(second.secret).not.toBe(first.secret);
    await second.stop();
  });

  test("public keys and OpenID metadata need nothing (the bot SDK reads them)", async () => {
    for (const endpoint of [
      "/_local/issuer/keys",
      "/_botframework/v1/.well-known/openidconfiguration",
      "/_botframework/v1/.well-known/keys",
    ]) {
      expect((await fetch(`${graph.server.origin}${endpoint}`)).status, endpoint).toBe(200);
    }
  });
});

describe("bodies are application/json only", () => {
  test("a text/plain or form body is refused with 415 before it is read as anything", async () => {
    for (const [endpoint, method] of [
      ["/_local/token", "POST"],
      ["/_local/faults", "PUT"],
      ["/_local/connector/deliver", "POST"],
    ] as const) {
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
      ]) {
        const response = await fetch(`${graph.server.origin}${endpoint}`, {
          method,
          headers: { [SECRET_HEADER]: graph.server.secret, "Content-Type": type },
          body: JSON.stringify({ latencyMs: 5000 }),
        });
        expect(response.status, `${endpoint} as ${type}`).toBe(415);
      }
    }
    // Nothing was changed by the refused bodies.
    const faults = (await graph.admin("GET", "/_local/faults")) as Json;
    expect(faults.latencyMs).toBe(0);
  });
});

describe("Host and Origin", () => {
  test("a foreign Host (DNS rebinding) is refused on every endpoint; loopback names pass", async () => {
    const token = await appToken(graph.server);
    for (const endpoint of [
      "/v1.0/sites/root",
      "/_local/stats",
      "/",
      "/sites/avtal/Dokument/x.txt",
    ]) {
      const foreign = await raw("GET", `${graph.server.origin}${endpoint}`, {
        Host: `evil.example:${new URL(graph.server.origin).port}`,
        Authorization: `Bearer ${token}`,
        [SECRET_HEADER]: graph.server.secret,
      });
      expect(foreign.status, endpoint).toBe(421);
      expect(JSON.parse(foreign.body).error.message).toContain("evil.example");
    }
    const port = new URL(graph.server.origin).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const answer = await raw("GET", `${graph.server.origin}/v1.0/sites/root`, {
        Host: host,
        Authorization: `Bearer ${token}`,
      });
      expect(answer.status, host).toBe(200);
    }
  });

  test("a configured host name is accepted besides loopback", async () => {
    const service = await startLocalGraph({
      dataDir: temporaryDirectory(),
      port: 0,
      allowedHosts: ["graph.internal"],
    });
    try {
      const port = new URL(service.origin).port;
      const named = await raw("GET", `${service.origin}/`, { Host: `graph.internal:${port}` });
      expect(named.status).toBe(200);
      const other = await raw("GET", `${service.origin}/`, { Host: `other.internal:${port}` });
      expect(other.status).toBe(421);
    } finally {
      await service.stop();
    }
  });

  test("a request from another web origin is refused; the service's own origin passes", async () => {
    const token = await appToken(graph.server);
    const refused = await raw(
      "POST",
      `${graph.server.origin}/_local/connector/deliver`,
      {
        Host: new URL(graph.server.origin).host,
        Origin: "https://evil.example",
        "Content-Type": "application/json",
        [SECRET_HEADER]: graph.server.secret,
      },
      "{}",
    );
    expect(refused.status).toBe(403);
    const graphCall = await raw("GET", `${graph.server.origin}/v1.0/sites/root`, {
      Host: new URL(graph.server.origin).host,
      Origin: "http://localhost:3978",
      Authorization: `Bearer ${token}`,
    });
    expect(graphCall.status).toBe(403);
    const own = await raw("GET", `${graph.server.origin}/v1.0/sites/root`, {
      Host: new URL(graph.server.origin).host,
      Origin: graph.server.origin,
      Authorization: `Bearer ${token}`,
    });
    expect(own.status).toBe(200);
  });
});

describe("the Bot Connector", () => {
  test("needs a token this service signed for the connector", async () => {
    const post = (authorization?: string) =>
      fetch(`${graph.server.origin}/_connector/v3/conversations/a%3Ax/activities`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(authorization ? { Authorization: authorization } : {}),
        },
        body: JSON.stringify({ type: "message", text: "hej" }),
      });
    expect((await post()).status).toBe(401);
    expect((await post("Bearer anything")).status).toBe(401);
    // A Graph token is not a connector token.
    expect((await post(`Bearer ${await appToken(graph.server)}`)).status).toBe(401);
    const forBot = (await graph.admin("POST", "/_local/connector/token", {
      audience: "bot",
    })) as Json;
    expect((await post(`Bearer ${forBot.access_token}`)).status).toBe(401);
    const outbound = (await graph.admin("POST", "/_botframework/token", {})) as Json;
    expect((await post(`Bearer ${outbound.access_token}`)).status).toBe(201);
  });

  test("delivers only to a bot on this machine at /api/messages, with the stand-in as serviceUrl", async () => {
    const received: Array<{ path: string; authorization: string; body: Json }> = [];
    const bot = http.createServer((request, response) => {
      let text = "";
      request.on("data", (chunk) => (text += String(chunk)));
      request.on("end", () => {
        received.push({
          path: request.url ?? "",
          authorization: request.headers.authorization ?? "",
          body: JSON.parse(text),
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, "127.0.0.1", resolve));
    const port = (bot.address() as AddressInfo).port;
    try {
      const deliver = (endpoint: string) =>
        fetch(`${graph.server.origin}/_local/connector/deliver`, {
          method: "POST",
          headers: operatorHeaders(graph.server),
          body: JSON.stringify({
            endpoint,
            botId: "bot",
            activity: {
              type: "message",
              text: "hej",
              serviceUrl: "https://evil.example/",
              conversation: { id: "a:x" },
            },
          }),
        });
      for (const endpoint of [
        "https://example.com/api/messages",
        `http://10.0.0.1:${port}/api/messages`,
        `http://127.0.0.1:${port}/other`,
        `http://127.0.0.1:${port}/api/messages?x=1`,
        `http://user:pw@127.0.0.1:${port}/api/messages`,
      ]) {
        expect((await deliver(endpoint)).status, endpoint).toBe(400);
      }
      expect(received).toHaveLength(0);
      const delivered = await deliver(`http://127.0.0.1:${port}/api/messages`);
      expect(delivered.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]!.path).toBe("/api/messages");
      expect(received[0]!.authorization).toMatch(/^Bearer \S+/);
      expect(received[0]!.body.serviceUrl).toBe(`${graph.server.origin}/_connector`);
    } finally {
      bot.close();
    }
  });
});

describe("files", () => {
  test("a file's link needs its signature; a tampered or moved path is not served", async () => {
    const drive = (await graph.access.client.api("/sites/root/drive").get()) as { id: string };
    const item = (await graph.access.client
      .api(`/drives/${drive.id}/root:/hemlig.txt:/content`)
      .put(Buffer.from("hemligt"))) as { webUrl: string };
    const link = new URL(item.webUrl);
    expect(link.searchParams.get("web")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await (await fetch(link)).text()).toBe("hemligt");
    const tampered = new URL(link);
    tampered.searchParams.set("web", `${link.searchParams.get("web")!.slice(0, -2)}AA`);
    expect((await fetch(tampered)).status).toBe(404);
    const elsewhere = new URL(link);
    elsewhere.pathname = elsewhere.pathname.replace("hemlig.txt", "annan.txt");
    expect((await fetch(elsewhere)).status).toBe(404);
  });
});

describe("the data folder", () => {
  test("the folder is 0700 and every file the service writes 0600, also when made more open before", async () => {
    const dataDir = temporaryDirectory();
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, "graph.sqlite"), "");
    fs.chmodSync(path.join(dataDir, "graph.sqlite"), 0o644);
    const service = await startLocalGraph({ dataDir, port: 0 });
    try {
      // A write, so the write-ahead log and its index exist too.
      const token = await appToken(service);
      await fetch(`${service.graphUrl}/sites/root/lists`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ displayName: "Filrättigheter" }),
      });
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = fs.readdirSync(dataDir);
      expect(files).toEqual(
        expect.arrayContaining([
          "graph.sqlite",
          "graph.sqlite-wal",
          "graph.sqlite-shm",
          "local-issuer.jwk.json",
          SECRET_FILE,
          "web-links.key",
        ]),
      );
      for (const file of files) {
        expect(fs.statSync(path.join(dataDir, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      await service.stop();
    }
  });
});
