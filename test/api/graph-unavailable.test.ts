import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { setFaults } from "../support/local-graph.ts";

/**
 * When SharePoint keeps answering 429/503 after the Graph client's retries,
 * a person is told that SharePoint is busy (503, nothing changed), never that
 * what they asked for does not exist.
 */

let app: TestApp;
const localGraph = () => {
  const service = app.running.localGraph;
  if (!service) throw new Error("local mode expected");
  return service;
};
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

test("a contract read while Graph throttles every request: 503 graph-unavailable, not 404", async () => {
  const id = await app.contractId("Hemtjänst enligt LOV");
  const van = await app.committeeId("VAN");
  // Signed in and memberships read before the throttling starts.
  await app.call("GET", "/api/me", { user: "anna" });
  await setFaults(localGraph(), { failureRate: 1, statuses: [429], retryAfterSeconds: 0 });
  try {
    const response = await app.call("GET", `/api/contracts/${id}`, { user: "anna" });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe("graph-unavailable");
    expect(response.headers.get("retry-after")).toBe("30");
    const record = await app.call("POST", "/api/deviations", {
      user: "anna",
      body: {
        contractId: id,
        committeeId: van,
        occurredOn: "2026-11-20",
        description: "Avvikelse under strypning",
        severity: "låg",
        handling: "",
        status: "öppen",
      },
    });
    expect(record.status).toBe(503);
    expect(record.body.detail).not.toContain("finns inte");
  } finally {
    await setFaults(localGraph(), { failureRate: 0 });
  }
});
