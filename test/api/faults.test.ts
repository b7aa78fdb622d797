import { afterAll, beforeAll, expect, test } from "vitest";
import type { AnswerOf } from "../support/api-answers.ts";
import {
  type CallOptions,
  channelPosts,
  startTestApp,
  type TestApp,
  type TestResponse,
} from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { graphStats, localAdmin, setFaults } from "../support/local-graph.ts";

/**
 * The demo workflow while Graph throttles: 10 % of operations (requests and
 * batch parts, the Bot Connector included) answer 429 or 503 with
 * Retry-After, and every operation gets 0–40 ms of random latency. The person
 * using the app sees no error, and afterwards exactly what they did is
 * stored — once.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  await setFaults(app.running.localGraph!, {
    failureRate: 0.1,
    statuses: [429, 503],
    retryAfterSeconds: 1,
    latencyJitterMs: 40,
  });
  await localAdmin(app.running.localGraph!, "POST", "/_local/stats/reset");
});
afterAll(async () => {
  await app.stop();
});

/** A call the person makes; any failure here is one they would have seen. */
async function step<M extends string, P extends string>(
  method: M,
  path: P,
  options: CallOptions = {},
): Promise<TestResponse<AnswerOf<M, P>>> {
  const response = await app.call(method, path, { user: "anna", ...options });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response;
}

test("register, classify, follow up, deficiency, action plan, reports and reminders under throttling", async () => {
  const van = await app.committeeId("VAN");
  const me = (await step("GET", "/api/me")).body.user;
  await step("GET", `/api/committees/${van}/dashboard`);

  // Register and classify.
  const created = await step("POST", "/api/contracts", {
    body: { ...contractBody(van, me, "Trygghetslarm under störning"), contractNumber: "FEL-1" },
  });
  const classified = await step("PATCH", `/api/contracts/${created.body.id}`, {
    headers: { "If-Match": created.body.etag },
    body: { valueClass: "hög", impactClass: "hög", status: "aktivt", startDate: "2025-01-01" },
  });
  expect(classified.body.strategic).toBe(true);

  // Follow up, find a deficiency, plan the action.
  const followUp = await step("POST", "/api/follow-ups", {
    body: {
      ...recordBody("follow-ups", van, created.body.id, "störning"),
      meetsRequirements: "delvis",
      deficienciesSummary: "Larmen besvaras för långsamt nattetid.",
    },
  });
  const deficiency = await step("POST", "/api/deficiencies", {
    body: {
      ...recordBody("deficiencies", van, created.body.id, "störning"),
      followUpId: followUp.body.id,
      description: "Svarstid över 3 minuter nattetid",
    },
  });
  await step("PATCH", `/api/deficiencies/${deficiency.body.id}`, {
    headers: { "If-Match": deficiency.body.etag },
    body: {
      measures: "Bemanning av larmcentralen ökas nattetid.",
      actionOwner: me,
      deadline: "2026-12-31",
      checkUpDate: "2027-01-15",
      status: "pågår",
    },
  });

  // Reports: the nämnd's and, as kommunledningskontoret, the KS compilation.
  const report = await step("POST", "/api/reports", { body: { type: "namnd", committeeId: van } });
  const ks = await step("POST", "/api/reports", {
    user: "karin",
    body: { type: "ks", year: 2026 },
  });
  await step("GET", `/api/reports/${report.body.report.id}/content`);

  // Reminders: every due one posted, none twice.
  const first = await app.running.reminders.run();
  expect(first.failed).toBe(0);
  expect(first.posted).toBeGreaterThan(0);
  const second = await app.running.reminders.run();
  expect(second.posted).toBe(0);

  const { throttled } = await graphStats(app.running.localGraph!);
  expect(throttled, "the faults must actually have happened").toBeGreaterThan(5);

  // Afterwards, without faults: everything once.
  await setFaults(app.running.localGraph!, { failureRate: 0, latencyJitterMs: 0 });
  const contracts = (await step("GET", `/api/contracts?committeeId=${van}`)).body.items as Array<{
    contractNumber: string;
  }>;
  expect(contracts.filter((contract) => contract.contractNumber === "FEL-1")).toHaveLength(1);
  const followUps = (await step("GET", `/api/follow-ups?contractId=${created.body.id}`)).body.items;
  expect(followUps).toHaveLength(1);
  const deficiencies = (await step("GET", `/api/deficiencies?contractId=${created.body.id}`)).body
    .items;
  expect(deficiencies).toHaveLength(1);
  expect(deficiencies[0]).toMatchObject({ status: "pågår", actionOwner: { id: me.id } });
  const reports = (await step("GET", `/api/reports?committeeId=${van}`)).body.items as Array<{
    reportType: string;
  }>;
  expect(reports.filter((row) => row.reportType === "namnd")).toHaveLength(1);
  expect(ks.body.report.reportType).toBe("ks");
  const posts = await channelPosts(app);
  expect(posts).toHaveLength(first.posted);
  const headlines = posts.map((post) => JSON.stringify(post.attachments));
  expect(new Set(headlines).size).toBe(headlines.length);
});
