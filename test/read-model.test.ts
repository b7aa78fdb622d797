import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_USERS } from "../api/src/demo/demo-people.ts";
import type { Overview } from "../api/src/http/api-shapes.ts";
import { CYCLE_LISTS, committeeSlice } from "../api/src/store/cycle-mirror.ts";
import { startTestApp, type TestApp, type TestResponse } from "./support/app.ts";
import { contractBody, recordBody } from "./support/bodies.ts";
import { graphStats, localAdmin } from "./support/local-graph.ts";

/**
 * The screens' shared read model: people of one nämnd who open Översikt (or
 * the register) within a minute cost SharePoint one read between them, the
 * KS overview likewise, and the app's own writes are seen at once — by whoever
 * wrote and by everyone else.
 */

let app: TestApp;
let sn: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-24T10:00:00+01:00") });
  sn = await app.committeeId("SN");
});

afterAll(async () => {
  await app.stop();
});

/** What one request cost SharePoint: resource units and Graph requests. */
async function costOf<T>(
  request: () => Promise<TestResponse<T>>,
): Promise<{ response: TestResponse<T>; units: number; requests: number }> {
  const graph = app.running.localGraph!;
  await localAdmin(graph, "POST", "/_local/stats/reset");
  app.running.graph.counter.reset();
  const response = await request();
  const units = (await graphStats(graph)).resourceUnits.spent;
  return { response, units, requests: app.running.graph.counter.snapshot().requests };
}

const dashboard = (user: "maria" | "lars") => () =>
  app.call("GET", `/api/committees/${sn}/dashboard`, { user });

test("two people of the same nämnd open Översikt one after the other: SharePoint is read once", async () => {
  // Maria (nämndsekreterare) and Lars (samordnare) both work in Socialnämnden; both signed in.
  app.running.store.invalidate();
  await app.call("GET", "/api/me", { user: "maria" });
  await app.call("GET", "/api/me", { user: "lars" });
  const maria = await costOf(dashboard("maria"));
  expect(maria.response.status).toBe(200);
  // One batch of ten list queries (2 RU each; the provider register is one), and the
  // contract another nämnd shares with SN (1 RU).
  expect(maria.requests).toBe(2);
  expect(maria.units).toBe(10 * 2 + 1);

  const lars = await costOf(dashboard("lars"));
  expect(lars.response.status).toBe(200);
  expect(lars.response.body).toEqual(maria.response.body);
  expect(lars.units).toBe(0);
  expect(lars.requests).toBe(0);

  const mariaAgain = await costOf(dashboard("maria"));
  expect(mariaAgain.units).toBe(0);

  // The register of the same nämnd is read from the same model.
  const register = await costOf(() =>
    app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "lars" }),
  );
  expect(register.response.status).toBe(200);
  expect(register.response.body.total).toBeGreaterThan(0);
  expect(register.units).toBe(0);
  console.info(
    `Översikt, Socialnämnden: first ${maria.units} RU in ${maria.requests} request(s); second person ${lars.units} RU, ${lars.requests} requests; register after it ${register.units} RU`,
  );
});

test("kommunledningskontoret's overview of every nämnd is shared the same way", async () => {
  app.running.store.invalidate();
  const first = await costOf(() => app.call("GET", "/api/overview", { user: "karin" }));
  expect(first.response.status).toBe(200);
  expect(first.units).toBeGreaterThanOrEqual(18);
  const second = await costOf(() => app.call("GET", "/api/overview", { user: "karin" }));
  expect(second.response.body.committees).toEqual(first.response.body.committees);
  // Only the reminder log's problems are read each time (one query, 2 RU).
  expect(second.units).toBeLessThanOrEqual(2);
});

test("a person sees their own change at once, and so does everyone else of the nämnd", async () => {
  const before = await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" });
  const open = before.body.counts.openDeficiencies as number;
  const contracts = before.body.counts.contracts as number;
  const register = await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" });
  const contractId = register.body.items[0]!.id as string;

  const deficiency = await app.call("POST", "/api/deficiencies", {
    user: "maria",
    body: recordBody("deficiencies", sn, contractId, "Maria"),
  });
  expect(deficiency.status).toBe(201);
  const afterDeficiency = await app.call("GET", `/api/committees/${sn}/dashboard`, {
    user: "maria",
  });
  expect(afterDeficiency.body.counts.openDeficiencies).toBe(open + 1);
  const seenByLars = await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "lars" });
  expect(seenByLars.body.counts.openDeficiencies).toBe(open + 1);

  const { id, name, email } = DEMO_USERS.maria;
  const created = await app.call("POST", "/api/contracts", {
    user: "maria",
    body: contractBody(sn, { id, name, email }, "Boendestöd i egen regi, läst genast"),
  });
  expect(created.status).toBe(201);
  const registerAfter = await app.call("GET", `/api/contracts?committeeId=${sn}`, {
    user: "lars",
  });
  expect(registerAfter.body.items.map((item: { title: string }) => item.title)).toContain(
    "Boendestöd i egen regi, läst genast",
  );
  const dashboardAfter = await app.call("GET", `/api/committees/${sn}/dashboard`, {
    user: "lars",
  });
  expect(dashboardAfter.body.counts.contracts).toBe(contracts + 1);
});

test("a write that fails on a stale ETag also clears the model, so the next read is current", async () => {
  const list = await app.call("GET", `/api/follow-ups?committeeId=${sn}`, { user: "maria" });
  const followUp = list.body.items[0]!;
  await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" });
  const refused = await app.call("PATCH", `/api/follow-ups/${followUp.id}`, {
    user: "maria",
    headers: { "If-Match": '"stale"' },
    body: { serviceEvaluation: "Gammal version." },
  });
  expect(refused.status).toBe(412);
  // The kommun copy is warm by now (the overview above): the nämnd's part of it, by delta
  // (one request per list in the copy, 1 RU each).
  const after = await costOf(dashboard("lars"));
  expect(after.requests).toBe(1);
  expect(after.units).toBe(CYCLE_LISTS.length);
  expect(after.response.body.counts).toEqual(
    (await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" })).body.counts,
  );
});

test("once the kommun copy is warm, a nämnd's screens are its part of it: one batch of delta requests, the same data as its own queries", async () => {
  await app.running.store.currentCycleData();
  app.running.store.invalidate();
  await app.call("GET", "/api/me", { user: "maria" });
  const fromCopy = await costOf(dashboard("maria"));
  expect(fromCopy.response.status).toBe(200);
  expect(fromCopy.requests).toBe(1);
  expect(fromCopy.units).toBe(CYCLE_LISTS.length);

  // Every nämnd's part of the copy holds exactly what its own indexed queries read.
  const store = app.running.store;
  const kommun = await store.currentCycleData();
  const byId = (rows: readonly { id: string }[]) =>
    [...rows].sort((a, b) => Number(a.id) - Number(b.id));
  for (const committee of kommun.committees) {
    const own = await store.cycleData(committee.id);
    const part = committeeSlice(kommun, committee.id);
    expect(part.contracts.length, committee.code).toBeGreaterThan(0);
    for (const key of [
      "contracts",
      "plans",
      "kickoffs",
      "followUps",
      "deficiencies",
      "reports",
    ] as const)
      expect(byId(part[key]), `${committee.code} ${key}`).toEqual(byId(own[key]));
    // The copy's deviations of the nämnd are exactly what its own query reads (removed ones left out).
    const deviations = kommun.deviations.filter((row) => row.committeeId === committee.id);
    expect(byId(deviations), `${committee.code} deviations`).toEqual(
      byId(await store.deviations({ committeeId: committee.id })),
    );
  }
  expect(kommun.deviations.length).toBeGreaterThan(0);
});

test("after a write, the overview of every nämnd is brought up to date by delta, not read whole again", async () => {
  app.running.store.invalidate();
  await app.call("GET", "/api/overview", { user: "karin" });
  const before = await app.call("GET", "/api/overview", { user: "karin" });
  const row = (body: Partial<Overview>) =>
    body.committees?.find((entry) => entry.committee.id === sn);
  const register = await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" });
  const created = await app.call("POST", "/api/deficiencies", {
    user: "maria",
    body: recordBody("deficiencies", sn, register.body.items![0]!.id, "Maria, via delta"),
  });
  expect(created.status).toBe(201);

  const after = await costOf(() => app.call("GET", "/api/overview", { user: "karin" }));
  expect(after.response.status).toBe(200);
  // One batch of delta requests with a token (one per list, 1 RU each), plus the reminder log's problems (one query, 2 RU).
  expect(after.units).toBe(CYCLE_LISTS.length + 2);
  expect(after.requests).toBe(2);
  expect(row(after.response.body)?.openDeficiencies).toBe(
    (row(before.body)?.openDeficiencies ?? 0) + 1,
  );
});
