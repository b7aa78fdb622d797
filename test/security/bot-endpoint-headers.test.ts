import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Finding (informational — the documented claim does not hold): SECURITY.md
 * says "Every /api answer (exports and report downloads too, refusals too) is
 * Cache-Control: no-store". The bot's endpoint, /api/messages, is mounted
 * outside the /api router that adds the header, so its answers (a refusal,
 * the rate limiter's 429, and any invoke response the bot may one day return
 * with data in it) carry no Cache-Control at all. Nothing personal is in them
 * today.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ rateLimits: { botPerAddress: 2 } });
});
afterAll(async () => {
  await app.stop();
});

const post = () =>
  fetch(`${app.url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });

describe("the bot's endpoint is an /api answer like the others", () => {
  test("a refusal is no-store", async () => {
    const refused = await post();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });

  test("the rate limiter's 429 is no-store", async () => {
    let last = await post();
    for (let count = 0; count < 5 && last.status !== 429; count += 1) last = await post();
    expect(last.status).toBe(429);
    expect(last.headers.get("cache-control")).toBe("no-store");
  });
});
