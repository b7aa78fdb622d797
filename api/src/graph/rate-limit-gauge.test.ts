import { describe, expect, test } from "vitest";
import { localTestConfig } from "../../../test/support/app.ts";
import type { AppConfig } from "../config.ts";
import { RateLimitGauge } from "./rate-limit-gauge.ts";
import { organisationOf, userAgentFor } from "./user-agent.ts";

describe("the budget as SharePoint reports it", () => {
  const headers = (limit: number, remaining: number, reset: number) =>
    new Headers({
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(remaining),
      "RateLimit-Reset": String(reset),
    });

  test("RateLimit headers mean nearly spent until their reset; background work waits that long", () => {
    let now = 1_000_000;
    const gauge = new RateLimitGauge(() => now);
    expect(gauge.nearlySpent()).toBe(false);
    expect(gauge.backgroundDelay()).toBe(0);
    gauge.observe(200, headers(2500, 400, 12));
    expect(gauge.nearlySpent()).toBe(true);
    expect(gauge.current()).toEqual({ limit: 2500, remaining: 400, resetAt: now + 12_000 });
    expect(gauge.backgroundDelay()).toBe(12_000);
    now += 12_000;
    expect(gauge.nearlySpent()).toBe(false);
  });

  test("a SharePoint answer without the headers says the budget is below 80 %", () => {
    const gauge = new RateLimitGauge(() => 0);
    gauge.observe(200, headers(2500, 100, 30));
    gauge.observe(200, new Headers());
    expect(gauge.nearlySpent()).toBe(false);
    // An error without headers says nothing about the budget.
    gauge.observe(200, headers(2500, 100, 30));
    gauge.observe(404, new Headers());
    expect(gauge.nearlySpent()).toBe(true);
  });

  test("a 429 means spent until its Retry-After", () => {
    const gauge = new RateLimitGauge(() => 5_000);
    gauge.observe(429, new Headers({ "Retry-After": "41" }));
    expect(gauge.current()?.remaining).toBe(0);
    expect(gauge.backgroundDelay()).toBe(41_000);
  });
});

describe("the decorated User-Agent", () => {
  test("NONISV|<kommun>|Avtalsuppfoljning/<version>, in ASCII", () => {
    expect(userAgentFor("Åsby kommun", "1.2.0")).toBe("NONISV|Asby-kommun|Avtalsuppfoljning/1.2.0");
    expect(userAgentFor("|", "1.0.0")).toBe("NONISV|Kommun|Avtalsuppfoljning/1.0.0");
  });

  test("the kommun is its SharePoint host in a tenant, Lokal in local mode", () => {
    const tenant = {
      mode: "tenant",
      siteId: "asbykommun.sharepoint.com,6b2a…,9c1d…",
    } as AppConfig;
    expect(organisationOf(tenant)).toBe("asbykommun");
    expect(organisationOf(localTestConfig())).toBe("Lokal");
  });
});
