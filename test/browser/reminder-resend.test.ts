import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createLogger } from "../../api/src/logger.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

/**
 * A reminder whose process stopped while it was being sent shows up in the
 * kommun-wide overview; kommunledningskontoret sends it again from there.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ now: TODAY }), launchBrowser()]);
  let stopped = false;
  const interrupted = new ReminderRunner({
    store: new AppStore(app.running.graph, "root"),
    poster: app.running.bot,
    logger: createLogger("silent"),
    link: (path) => path,
    now: () => TODAY,
    checkpoint: (step) => {
      if (step === "posted" && !stopped) {
        stopped = true;
        throw new Error("processen stoppades");
      }
    },
  });
  await expect(interrupted.run()).rejects.toThrow("processen stoppades");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("kommunledningskontoret sees the uncertain reminder and sends it again", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Karin Berg", "#/kommun");
  const section = page.getByRole("region", { name: "Påminnelser som kanske inte har kommit fram" });
  await section.waitFor();
  await expect
    .poll(() => section.getByText(/^Osäker: avbröts medan den skickades/).count())
    .toBe(1);
  expect(await accessibilityProblems(page)).toEqual([]);

  await section.getByRole("button", { name: /^Skicka igen:/ }).click();
  await expect
    .poll(() => section.getByRole("status").textContent(), { timeout: 15_000 })
    .toContain("Påminnelsen är skickad igen.");
  await expect.poll(() => section.getByRole("table").count(), { timeout: 15_000 }).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
