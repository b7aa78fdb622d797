import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { launchBrowser } from "../support/browser.ts";
import {
  everyScreen,
  horizontalOverflow,
  loopbackContext,
  openInTeams,
  type TeamsPage,
  tabScreens,
} from "../support/teams-host.ts";

/**
 * The widths Teams gives a tab: at 360 px (a phone, Teams' side panel) and
 * 1280 px no screen inside the local Teams host scrolls sideways. Each
 * screen is photographed to test-results/screens/ for people to look at.
 */

let app: TestApp;
let browser: Browser;
let screens: string[];
const SHOTS = path.resolve("test-results/screens");

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  screens = await tabScreens(app);
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each([
  { width: 360, height: 1600 },
  { width: 1280, height: 1600 },
])("$width px wide, inside Teams", (viewport) => {
  test("no screen scrolls sideways; each is photographed", async () => {
    const context = await loopbackContext(browser, viewport);
    const overflowing: string[] = [];
    const measure = (teams: TeamsPage) => async (screen: string) => {
      const overflow = await horizontalOverflow(teams);
      if (overflow > 0) overflowing.push(`${screen}: ${overflow}px`);
      await teams.page.screenshot({
        path: path.join(
          SHOTS,
          `${viewport.width}-${screen.replace(/\//g, "_").replace(/\d+$/, "id")}.png`,
        ),
      });
    };
    const anna = await openInTeams(context, app, { person: "anna" });
    await everyScreen(anna, screens, measure(anna));
    const karin = await openInTeams(context, app, { person: "karin", team: "none" });
    await everyScreen(karin, ["kommun", "importera", "installningar"], measure(karin));
    const config = await openInTeams(context, app, {
      person: "johan",
      team: "IFN",
      view: "config",
    });
    await measure(config)("konfigurera");
    expect(overflowing).toEqual([]);
    await context.close();
  }, 240_000);
});
