import { afterEach, expect, test } from "vitest";
import { REMINDER_SERVICE } from "../../api/src/domain/actor.ts";
import type { ReminderResent } from "../../api/src/http/api-shapes.ts";
import { createLogger } from "../../api/src/logger.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { adaptiveCardProblems } from "../support/adaptive-cards.ts";
import { channelPosts, startTestApp, type TestApp } from "../support/app.ts";
import { listClient } from "../support/lists.ts";
import { setFaults } from "../support/local-graph.ts";

const TODAY = new Date("2026-11-24T07:00:00+01:00");
/** The demo's obligations on that day (see the annual-cycle tests): all nämnder have a channel. */
const EXPECTED_REMINDERS = 17;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A runner; `crashAt` throws once, right after that step, as if the process died there. */
function runner(testApp: TestApp, crashAt?: "taken" | "posted") {
  let crashed = false;
  return new ReminderRunner({
    store: new AppStore(testApp.running.graph, "root"),
    poster: testApp.running.bot,
    logger: createLogger("silent"),
    link: (path) => `http://localhost/#/${path}`,
    now: () => TODAY,
    checkpoint: (step) => {
      if (step === crashAt && !crashed) {
        crashed = true;
        throw new Error("simulerad krasch");
      }
    },
  });
}

test("each reminder is posted once to the nämnd's channel, naming the responsible person; a second run posts nothing", async () => {
  app = await startTestApp({ now: TODAY });
  const first = await app.running.reminders.run();
  expect(first).toEqual({ posted: EXPECTED_REMINDERS, alreadyHandled: 0, noChannel: 0, failed: 0 });
  const posts = await channelPosts(app);
  expect(posts).toHaveLength(EXPECTED_REMINDERS);
  const checkUp = posts.find((post) =>
    JSON.stringify(post.attachments).includes("Uppföljning av handlingsplan (Skolskjuts"),
  );
  expect(checkUp?.text).toContain("<at>Erik Johansson</at>");
  expect(checkUp?.entities?.[0]).toMatchObject({
    type: "mention",
    text: "<at>Erik Johansson</at>",
  });
  for (const post of posts) {
    const content = (post.attachments?.[0] as { content: unknown } | undefined)?.content;
    expect(adaptiveCardProblems(content)).toEqual([]);
  }
  const second = await app.running.reminders.run();
  expect(second).toEqual({
    posted: 0,
    alreadyHandled: EXPECTED_REMINDERS,
    noChannel: 0,
    failed: 0,
  });
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS);
});

test("two instances at once never post the same reminder twice", async () => {
  app = await startTestApp({ now: TODAY });
  const [a, b] = await Promise.all([runner(app).run(), runner(app).run()]);
  expect(a.posted + b.posted).toBe(EXPECTED_REMINDERS);
  expect(a.alreadyHandled + b.alreadyHandled).toBe(EXPECTED_REMINDERS);
  const posts = await channelPosts(app);
  expect(posts).toHaveLength(EXPECTED_REMINDERS);
  const rows = await listClient(app.running.graph, "reminders").query();
  expect(rows).toHaveLength(EXPECTED_REMINDERS);
  expect(rows.every((row) => row.fields.status === "skickad")).toBe(true);
});

test("a crash between posting and marking is not re-posted, and is reported to kommunledningskontoret", async () => {
  app = await startTestApp({ now: TODAY });
  await expect(runner(app, "posted").run()).rejects.toThrow("simulerad krasch");
  const afterRestart = await runner(app).run();
  expect(afterRestart.posted).toBe(EXPECTED_REMINDERS - 1);
  expect(afterRestart.alreadyHandled).toBe(1);
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS);
  const overview = await app.call("GET", "/api/overview", { user: "karin" });
  expect(overview.body.reminderProblems).toHaveLength(1);
  expect(overview.body.reminderProblems[0]).toMatchObject({ status: "skickas" });
});

test("kommunledningskontoret sends an uncertain reminder again from the overview", async () => {
  app = await startTestApp({ now: TODAY });
  await expect(runner(app, "posted").run()).rejects.toThrow("simulerad krasch");
  await runner(app).run();
  const problem = (await app.call("GET", "/api/overview", { user: "karin" })).body
    .reminderProblems[0]!;
  const path = `/api/reminders/${problem.id}/release`;
  expect((await app.call("POST", path, { user: "anna", body: {} })).status).toBe(403);
  const released = await app.call<ReminderResent>("POST", path, { user: "karin", body: {} });
  expect(released.status).toBe(200);
  expect(released.body.result.posted).toBe(1);
  expect(released.body.message).toBe("Påminnelsen är skickad igen.");
  // Sent again knowingly: the uncertain one may now be in the channel twice.
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS + 1);
  const overview = await app.call("GET", "/api/overview", { user: "karin" });
  expect(overview.body.reminderProblems).toEqual([]);
  const again = await app.call("POST", path, { user: "karin", body: {} });
  expect(again.status).toBe(409);
  expect(again.body.code).toBe("reminder-not-uncertain");
});

test("a crash after claiming but before posting: the next run posts it, once, with nothing uncertain", async () => {
  app = await startTestApp({ now: TODAY });
  await expect(runner(app, "taken").run()).rejects.toThrow("simulerad krasch");
  expect(await channelPosts(app)).toHaveLength(0);
  const rows = await listClient(app.running.graph, "reminders").query();
  expect(rows.map((row) => row.fields.status)).toEqual(["skickas"]);
  // "skickas" with nothing posted is indistinguishable from posted-but-unmarked: it stays out.
  const afterRestart = await runner(app).run();
  expect(afterRestart.posted).toBe(EXPECTED_REMINDERS - 1);
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS - 1);
});

test("a claim left 'reserverad' by a stopped instance is taken and posted by the next run", async () => {
  app = await startTestApp({ now: TODAY });
  await runner(app).run();
  const rows = await listClient(app.running.graph, "reminders").query();
  // Turn one sent reminder back into a bare claim, as if its instance stopped right after registering.
  const victim = rows[0]!;
  await listClient(app.running.graph, "reminders").update(
    victim.id,
    victim.eTag,
    { status: "reserverad" },
    REMINDER_SERVICE,
  );
  const before = (await channelPosts(app)).length;
  const again = await runner(app).run();
  expect(again).toMatchObject({ posted: 1, alreadyHandled: EXPECTED_REMINDERS - 1, failed: 0 });
  expect(await channelPosts(app)).toHaveLength(before + 1);
  const overview = await app.call("GET", "/api/overview", { user: "karin" });
  expect(overview.body.reminderProblems).toEqual([]);
});

test("throttling (429 with Retry-After) is waited out; nothing is lost or doubled", async () => {
  app = await startTestApp({ now: TODAY });
  await setFaults(app.running.localGraph!, { failNext: 3, statuses: [429], retryAfterSeconds: 1 });
  const result = await app.running.reminders.run();
  expect(result.posted).toBe(EXPECTED_REMINDERS);
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS);
});

test("the owner is told when a contract's suggested risk rises above the confirmed level, once", async () => {
  app = await startTestApp({ now: TODAY });
  const hemtjanst = await app.contractId("Hemtjänst enligt LOV");
  const read = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
  expect(read.body.suggestion.level).toBe("hög");
  // Assessed låg when the suggestion was låg too (as if the signals came later): a rise since.
  const store = app.running.store;
  const contract = await store.contract(hemtjanst);
  await store.updateContract(
    hemtjanst,
    contract.etag,
    {
      riskLikelihood: 1,
      riskConsequence: 2,
      riskLevel: "låg",
      riskConfirmedOn: "2026-06-01",
      riskConfirmedById: "anna",
      riskConfirmedByName: "Anna Lindqvist",
      riskSuggestedLevel: "låg",
    },
    REMINDER_SERVICE,
  );
  const first = await app.running.reminders.run();
  expect(first.posted).toBe(EXPECTED_REMINDERS + 1);
  const review = (await channelPosts(app)).find((post) =>
    JSON.stringify(post.attachments).includes("Se över riskbedömningen av Hemtjänst enligt LOV"),
  );
  expect(JSON.stringify(review?.attachments)).toContain(
    "förslaget är nu hög risk, bedömningen låg risk",
  );
  expect(review?.text).toContain("<at>Anna Lindqvist</at>");
  expect((await app.running.reminders.run()).posted).toBe(0);
});

test("a rise the contract's deviations cause is told too: the scan weighs what the contract's page does", async () => {
  app = await startTestApp({ now: TODAY });
  const simhall = await app.contractId("Drift av simhallen Åsbybadet");
  const read = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
  expect(read.body.suggestion.signals).toEqual([]);
  const { likelihood, consequence, level } = read.body.suggestion;
  // Confirmed as suggested, then three deviations are recorded (one serious): only they raise it.
  const confirmed = await app.call("PATCH", `/api/contracts/${simhall}/risk`, {
    user: "sara",
    headers: { "If-Match": read.body.etag },
    body: { likelihood, consequence },
  });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  const contract = await app.call("GET", `/api/contracts/${simhall}`, { user: "sara" });
  for (const [occurredOn, severity] of [
    ["2026-09-14", "låg"],
    ["2026-10-05", "medel"],
    ["2026-11-02", "hög"],
  ]) {
    const deviation = await app.call("POST", "/api/deviations", {
      user: "sara",
      body: {
        contractId: simhall,
        committeeId: contract.body.committeeId,
        occurredOn,
        description: "Bassängen stängd utan besked till skolorna",
        severity,
        handling: "",
        status: "öppen",
      },
    });
    expect(deviation.status, JSON.stringify(deviation.body)).toBe(201);
  }
  const page = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
  expect(page.body.suggestionRose).toBe(true);
  expect(page.body.suggestion.level).not.toBe(level);

  const run = await app.running.reminders.run();
  expect(run.posted).toBe(EXPECTED_REMINDERS + 1);
  const review = (await channelPosts(app)).find((post) =>
    JSON.stringify(post.attachments).includes("Se över riskbedömningen av Drift av simhallen"),
  );
  expect(JSON.stringify(review?.attachments)).toContain(
    `förslaget är nu ${page.body.suggestion.levelLabel.toLocaleLowerCase("sv")}`,
  );
});
