import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localTestConfig, startTestApp, type TestApp } from "../support/app.ts";
import { graphStats } from "../support/local-graph.ts";

/**
 * The cheap protections in front of the routes: the Host names local mode
 * answers to, no caching of signed-in answers, rate limits per address and per
 * person, a /healthz that cannot be used to spend the Graph budget, and no
 * X-Powered-By anywhere.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    config: { ...localTestConfig(), allowedHosts: ["avtal.test.asby.se"] },
    rateLimits: { apiPerUser: 40, publicPerAddress: 30, botPerAddress: 20 },
  });
});
afterAll(async () => {
  await app.stop();
});

/** A request with a Host header of our choosing (fetch cannot set Host). */
async function withHost(host: string, path: string): Promise<number> {
  const { request } = await import("node:http");
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: "127.0.0.1", port: url.port, path, headers: { Host: host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("local mode answers only to its own host names (DNS rebinding)", () => {
  test.each([
    ["localhost", 200],
    ["127.0.0.1", 200],
    ["avtal.test.asby.se", 200],
    ["attacker.example", 421],
    ["localhost.attacker.example", 421],
    ["127.0.0.1.nip.io", 421],
  ])("Host: %s → %i", async (host, status) => {
    const port = new URL(app.url).port;
    expect(await withHost(`${host}:${port}`, "/api/local-auth/users")).toBe(status);
  });
});

describe("signed-in answers are never cached", () => {
  test.each(["/api/me", "/api/contracts", "/api/exports/register.xlsx", "/api/local-auth/users"])(
    "%s: Cache-Control no-store",
    async (path) => {
      const response = await app.call("GET", path, { user: "karin" });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    },
  );

  test("also a report download and a refusal", async () => {
    const report = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: await app.committeeId("VAN") },
    });
    const download = await app.call("GET", `/api/reports/${report.body.report.id}/content`, {
      user: "anna",
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("cache-control")).toBe("no-store");
    const anonymous = await app.call("GET", "/api/me");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
  });
});

describe("rate limits", () => {
  test("per person on /api: 429 with Retry-After and a Swedish problem, others unaffected", async () => {
    let limited: Awaited<ReturnType<TestApp["call"]>> | undefined;
    for (let count = 0; count < 60 && !limited; count += 1) {
      const response = await app.call("GET", "/api/me", { user: "erik" });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited?.headers.get("content-type")).toContain("application/problem+json");
    expect(limited?.body.code).toBe("rate-limited");
    expect(limited?.body.detail).toMatch(/Vänta \d+ sekunder/);
    // Another person at the same address still gets through.
    expect((await app.call("GET", "/api/me", { user: "lars" })).status).toBe(200);
  });

  test("per address on /insyn", async () => {
    const statuses: number[] = [];
    for (let count = 0; count < 40; count += 1)
      statuses.push((await fetch(`${app.url}/insyn/avtal.json`)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  test("per address on the bot endpoint", async () => {
    const statuses: number[] = [];
    for (let count = 0; count < 25; count += 1) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      statuses.push(response.status);
    }
    // Refused for want of a Bot Framework token, until the limit answers first.
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("/healthz", () => {
  test("a flood of health checks costs one Graph request", async () => {
    const service = app.running.localGraph;
    if (!service) throw new Error("local mode expected");
    const stats = async () => (await graphStats(service)).requests;
    const before = await stats();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${app.url}/healthz`).then((r) => r.status)),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    expect((await stats()) - before).toBeLessThanOrEqual(1);
  });
});

describe("no X-Powered-By anywhere", () => {
  test.each([
    ["GET", "/"],
    ["GET", "/healthz"],
    ["GET", "/insyn"],
    ["GET", "/api/me"],
    ["GET", "/finns-inte"],
    ["POST", "/api/messages"],
  ])("%s %s", async (method, path) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      ...(method === "POST" ? { headers: { "Content-Type": "application/json" }, body: "{}" } : {}),
    });
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("content security policy", () => {
  test("scripts only from the app itself; framing only by Teams and Microsoft 365", async () => {
    const policy = (await fetch(`${app.url}/`)).headers.get("content-security-policy") ?? "";
    const directive = (name: string) =>
      policy
        .split(";")
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${name} `));
    expect(directive("script-src")).toBe("script-src 'self'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("frame-ancestors")).toContain("https://teams.microsoft.com");
    expect(directive("frame-ancestors")).not.toContain("*.example");
  });
});
