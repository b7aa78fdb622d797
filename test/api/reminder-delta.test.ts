import { afterAll, beforeAll, expect, test } from "vitest";
import type { AdaptiveCard } from "../../api/src/bot/cards.ts";
import { DEMO_USERS } from "../../api/src/demo/demo-people.ts";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import { annualCycle } from "../../api/src/domain/annual-cycle.ts";
import { swedishDate } from "../../api/src/domain/dates.ts";
import { createLogger } from "../../api/src/logger.ts";
import { remindersFor } from "../../api/src/reminders/reminder-plan.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore, type CycleData, type KommunData } from "../../api/src/store/app-store.ts";
import { CYCLE_LISTS } from "../../api/src/store/cycle-mirror.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";
import { listClient } from "../support/lists.ts";
import { graphStats, localAdmin } from "../support/local-graph.ts";

/**
 * The daily reminder scan reads the kommun through items/delta: the first
 * run reads every list whole, a later one only what changed — and still
 * posts exactly what a scan reading everything afresh would.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");

let app: TestApp;
let store: AppStore;
const posted: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  store = new AppStore(app.running.graph, "root");
});

afterAll(async () => {
  await app.stop();
});

function runner(): ReminderRunner {
  return new ReminderRunner({
    store,
    poster: {
      post: async (_conversation: string, content: AdaptiveCard) => {
        posted.push(JSON.stringify(content));
        return `activity-${posted.length}`;
      },
    },
    logger: createLogger("silent"),
    link: (path) => `http://localhost/#/${path}`,
    now: () => TODAY,
  });
}

/** The whole kommun read afresh with queries, in the copy's order (deviations by id). */
async function readAfresh(): Promise<KommunData> {
  const fresh = new AppStore(app.running.graph, "root");
  const deviations = await fresh.deviations({});
  return {
    ...(await fresh.cycleData()),
    deviations: deviations.sort((a, b) => Number(a.id) - Number(b.id)),
  };
}

/** The reminders' keys a scan reading `data` finds. */
function keysOf(data: CycleData): string[] {
  const cycle = annualCycle({ today: swedishDate(TODAY), municipality: data.settings, ...data });
  return remindersFor(cycle)
    .map((reminder) => reminder.key)
    .sort();
}

/** What reading the kommun cost SharePoint: Graph requests, resource units. */
async function costOf<T>(
  read: () => Promise<T>,
): Promise<{ value: T; requests: number; units: number }> {
  await localAdmin(app.running.localGraph!, "POST", "/_local/stats/reset");
  app.running.graph.counter.reset();
  const value = await read();
  return {
    value,
    requests: app.running.graph.counter.snapshot().requests,
    units: (await graphStats(app.running.localGraph!)).resourceUnits.spent,
  };
}

test("a scan after a change reads only the change, by delta, and posts exactly what a full scan would", async () => {
  const first = await runner().run();
  expect(first.posted).toBeGreaterThan(0);
  const firstKeys = keysOf(await new AppStore(app.running.graph, "root").cycleData());

  // Changes made elsewhere (the app's API, SharePoint itself): a contract ending soon, an edit, a deletion.
  const van = await app.committeeId("VAN");
  const { id, name, email } = DEMO_USERS.anna;
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: {
      ...contractBody(van, { id, name, email }, "Trygghetslarm, upphör snart"),
      startDate: "2023-01-01",
      endDate: "2027-01-31",
      extensionDecisionDate: "2026-11-30",
      status: "aktivt",
    },
  });
  expect(created.status).toBe(201);
  const deficiencies = listClient(app.running.graph, "deficiencies");
  const [gone] = await deficiencies.query({ top: 1 });
  await deficiencies.delete(gone!.id, gone!.eTag);
  // A deviation deleted, another marked removed: both leave the copy.
  const deviations = listClient(app.running.graph, "deviations");
  const [deletedDeviation, removedDeviation] = await deviations.query({ top: 2 });
  await deviations.delete(deletedDeviation!.id, deletedDeviation!.eTag);
  await deviations.update(
    removedDeviation!.id,
    removedDeviation!.eTag,
    {
      removedAt: "2026-11-23T09:00:00Z",
      removedById: "karin",
      removedByName: "Karin",
      removedReason: "Fel avtal",
    },
    APP_ITSELF,
  );

  // The read itself: one batch of delta requests with a token (one per list), 1 RU each.
  const delta = await costOf(() => store.currentCycleData());
  expect(delta.requests).toBe(1);
  expect(delta.units).toBe(CYCLE_LISTS.length);
  const full = await readAfresh();
  expect(delta.value).toEqual(full);
  expect(delta.value.deficiencies.some((deficiency) => deficiency.id === gone!.id)).toBe(false);
  const deviationIds = delta.value.deviations.map((deviation) => deviation.id);
  expect(deviationIds).not.toContain(deletedDeviation!.id);
  expect(deviationIds).not.toContain(removedDeviation!.id);

  const fullKeys = keysOf(full);
  const fresh = fullKeys.filter((key) => !firstKeys.includes(key));
  expect(fresh.length).toBeGreaterThan(0);
  const before = posted.length;
  const second = await runner().run();
  expect(second.posted).toBe(fresh.length);
  expect(second.alreadyHandled).toBe(fullKeys.length - fresh.length);
  expect(posted.slice(before).every((card) => card.includes("Trygghetslarm"))).toBe(true);
});

test("a token SharePoint has forgotten (410) reads that list whole again, and the copy stays right", async () => {
  const followUps = listClient(app.running.graph, "followUps");
  const listId = (await followUps.itemsUrl()).split("/lists/")[1]!.split("/")[0];
  await localAdmin(app.running.localGraph!, "POST", "/_local/delta/expire", { listId });
  const [changed] = await followUps.query({ top: 1 });
  await followUps.update(
    changed!.id,
    changed!.eTag,
    { serviceEvaluation: "Ändrad i SharePoint" },
    APP_ITSELF,
  );

  const round = await costOf(() => store.currentCycleData());
  // The batch of parts with a token (1 RU each, the refused one too), then the follow-ups read whole (2 RU).
  expect(round.requests).toBe(2);
  expect(round.units).toBe(CYCLE_LISTS.length + 2);
  const full = await readAfresh();
  expect(round.value).toEqual(full);
  expect(
    round.value.followUps.find((followUp) => followUp.id === changed!.id)?.serviceEvaluation,
  ).toBe("Ändrad i SharePoint");
});

test("nothing changed: the round costs one resource unit per list and returns the same rows", async () => {
  const before = await store.currentCycleData();
  const quiet = await costOf(() => store.currentCycleData());
  expect(quiet.units).toBe(CYCLE_LISTS.length);
  expect(quiet.value.contracts).toBe(before.contracts);
  expect(quiet.value.followUps).toBe(before.followUps);
  expect(quiet.value.deviations).toBe(before.deviations);
});
