import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localTestConfig, startTestApp, type TestApp } from "../support/app.ts";

/**
 * Microsoft 365 Agents Playground sends activities without a token
 * (BOT_ALLOW_UNAUTHENTICATED=true, local mode only). The activity below was
 * recorded from Playground 0.2.28 as it is: its mock user ("Alex Wilber") is
 * unknown to the directory, and its serviceUrl is its own connector on
 * localhost. Such a person gets a clear Swedish answer (help always works),
 * and replies go to a connector on loopback only, never to another address an
 * activity names.
 */

const RECORDED = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, "../fixtures/agents-playground-message.json"),
    "utf8",
  ),
) as Record<string, unknown>;

interface Received {
  path: string;
  body: { text?: string; attachments?: Array<{ content: unknown }> };
}

let app: TestApp;
/** The Playground's connector stand-in: records the replies the bot sends. */
let connector: http.Server;
let connectorUrl = "";
const received: Received[] = [];

beforeAll(async () => {
  app = await startTestApp({ config: { ...localTestConfig(), botAllowUnauthenticated: true } });
  connector = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += String(chunk)));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: body ? JSON.parse(body) : {} });
      response.writeHead(201, { "Content-Type": "application/json" }).end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, "127.0.0.1", resolve));
  connectorUrl = `http://localhost:${(connector.address() as AddressInfo).port}/_connector`;
});
afterAll(async () => {
  await app.stop();
  await new Promise((resolve) => connector.close(resolve));
});

async function send(activity: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${app.url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-ms-agents-playground": "true" },
    body: JSON.stringify(activity),
  });
  await response.text();
  return response.status;
}

/** The bot's reply to one activity, as the connector received it. */
async function replyTo(text: string): Promise<Received["body"]> {
  const before = received.length;
  expect(await send({ ...RECORDED, text, serviceUrl: connectorUrl })).toBeLessThan(300);
  for (let waited = 0; received.length === before && waited < 5000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const reply = received.at(-1);
  expect(reply?.path).toMatch(/^\/_connector\/v3\/conversations\/.+\/activities/);
  return reply?.body ?? {};
}

describe("a person the directory does not know (the Playground's mock user)", () => {
  test("hjälp is answered with the help card", async () => {
    const reply = await replyTo("hjälp");
    expect(JSON.stringify(reply.attachments)).toContain("Så här kan du fråga mig");
  });

  test.each(["status", "brister", "plan", "rapporter", "försenat"])(
    "%s: a clear Swedish answer that they have no nämnd, not an error",
    async (command) => {
      const reply = await replyTo(command);
      expect(reply.text).toContain("Du hör inte till någon nämnd i Avtalsuppföljning");
      expect(reply.text).not.toContain("Något gick fel");
    },
  );

  test("the API answers such a person 403 with the same explanation, never 500", async () => {
    const token = await app.running.localSignIn!.issue({
      id: "00000000-0000-0000-0000-0000000000020",
      name: "Alex Wilber",
      email: "alexw@example.com",
    });
    const me = await app.call("GET", "/api/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.committees).toEqual([]);
    const dashboard = await app.call(
      "GET",
      `/api/committees/${await app.committeeId("VAN")}/dashboard`,
      { token },
    );
    expect(dashboard.status).toBe(403);
    expect(dashboard.body.code).toBe("no-committee");
    expect(dashboard.body.detail).toContain("Du hör inte till någon nämnd");
  });
});

describe("without a token, replies go to this machine only", () => {
  test.each([
    "https://smba.trafficmanager.net/teams/",
    "http://192.0.2.10/_connector",
    "http://localhost.attacker.example/_connector",
    "http://127.0.0.1.nip.io/_connector",
    "file:///etc/passwd",
    "",
  ])("serviceUrl %s is refused before anything is sent", async (serviceUrl) => {
    const before = received.length;
    expect(await send({ ...RECORDED, serviceUrl })).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.length).toBe(before);
  });
});
