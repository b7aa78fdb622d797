import { afterEach, expect, test } from "vitest";
import { createLogger } from "../../api/src/logger.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { adaptiveCardProblems } from "../support/adaptive-cards.ts";
import { channelPosts, startTestApp, type TestApp } from "../support/app.ts";

const TODAY = new Date("2026-11-24T07:00:00+01:00");
/** The demo's obligations on that day (see the annual-cycle tests): all nämnder have a channel. */
const EXPECTED_REMINDERS = 17;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function runner(testApp: TestApp, afterPost?: (reminder: { key: string }) => void) {
  return new ReminderRunner({
    store: new AppStore(testApp.running.graph, "root"),
    poster: testApp.running.bot,
    logger: createLogger("silent"),
    link: (path) => `http://localhost/#/${path}`,
    now: () => TODAY,
    ...(afterPost ? { afterPost } : {}),
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
  const rows = await new AppStore(app.running.graph, "root").list("reminders").query();
  expect(rows).toHaveLength(EXPECTED_REMINDERS);
  expect(rows.every((row) => row.fields.status === "skickad")).toBe(true);
});

test("a crash between posting and marking is not re-posted, and is reported to kommunledningskontoret", async () => {
  app = await startTestApp({ now: TODAY });
  let crashed = false;
  const crashing = runner(app, () => {
    if (!crashed) {
      crashed = true;
      throw new Error("simulerad krasch");
    }
  });
  await expect(crashing.run()).rejects.toThrow("simulerad krasch");
  const afterRestart = await runner(app).run();
  expect(afterRestart.posted).toBe(EXPECTED_REMINDERS - 1);
  expect(afterRestart.alreadyHandled).toBe(1);
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS);
  const overview = await app.call("GET", "/api/overview", { user: "karin" });
  expect(overview.body.reminderProblems).toHaveLength(1);
  expect(overview.body.reminderProblems[0]).toMatchObject({ status: "reserverad" });
});

test("throttling (429 with Retry-After) is waited out; nothing is lost or doubled", async () => {
  app = await startTestApp({ now: TODAY });
  app.running.localGraph!.faults.configure({ failNext: 3, statuses: [429], retryAfterSeconds: 1 });
  const result = await app.running.reminders.run();
  expect(result.posted).toBe(EXPECTED_REMINDERS);
  expect(await channelPosts(app)).toHaveLength(EXPECTED_REMINDERS);
});
