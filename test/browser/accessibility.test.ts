import fs from "node:fs";
import path from "node:path";
import type { Browser, Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser } from "../support/browser.ts";
import {
  horizontalOverflow,
  loopbackContext,
  openInTeams,
  type TeamsPage,
} from "../support/teams-host.ts";

/**
 * Every screen inside the local Teams host: an axe-core scan in Teams'
 * light, dark and high-contrast themes (no serious or critical WCAG 2.1
 * A/AA violation, the host's own page included; the light theme with every
 * rule, the dark and high-contrast themes with the rules a theme can change:
 * colour contrast and links told apart from text), and at 360 px (a phone,
 * Teams' side panel) and 1280 px no screen scrolls sideways. The screens are
 * photographed to test-results/screens/ for people to look at.
 */

let app: TestApp;
let browser: Browser;
let contractId: string;
let followUpId: string;

const THEMES = ["default", "dark", "contrast"] as const;
const SHOTS = path.resolve("test-results/screens");

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  contractId = await app.contractId("Hemtjänst enligt LOV");
  const van = await app.committeeId("VAN");
  followUpId = (await app.call("GET", `/api/follow-ups?committeeId=${van}`, { user: "anna" })).body
    .items[0].id;
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Anna's screens in her nämnd (writable forms, her årshjul), then kommunledningskontoret's. */
const SCREENS = () => [
  "oversikt",
  "avtal",
  `avtal/${contractId}`,
  "avtal/nytt",
  "plan",
  "uppstartsmoten",
  "uppstartsmoten/ny",
  "avvikelser",
  "avvikelser/ny",
  "uppfoljning",
  `uppfoljning/${followUpId}`,
  "uppfoljning/ny",
  "brister",
  "brister/ny",
  "rapporter",
  "kanal",
];

/** Opens a screen inside the already open tab (as a link within the tab would) and waits for it. */
async function show(teams: TeamsPage, frame: Frame, screen: string): Promise<void> {
  await frame.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${screen}`);
  await teams.tab.getByRole("heading", { level: 1 }).first().waitFor();
  await frame.waitForFunction(() => !document.querySelector('[role="status"][aria-label*="…"]'));
}

async function everyScreen(
  teams: TeamsPage,
  screens: string[],
  check: (screen: string) => Promise<void>,
): Promise<void> {
  const frame = await teams.frame();
  for (const screen of screens) {
    await show(teams, frame, screen);
    await check(screen);
  }
}

describe.each(THEMES)("theme %s, inside Teams", (theme) => {
  test("every screen", async () => {
    const context = await loopbackContext(browser);
    const problems: string[] = [];
    const rules = theme === "default" ? undefined : ["color-contrast", "link-in-text-block"];
    const scan = (teams: TeamsPage) => async (screen: string) => {
      for (const problem of await accessibilityProblems(teams.page, rules ? { rules } : {}))
        problems.push(`${screen}: ${problem}`);
    };
    const anna = await openInTeams(context, app, { person: "anna", theme });
    await everyScreen(anna, SCREENS(), scan(anna));
    const karin = await openInTeams(context, app, { person: "karin", team: "none", theme });
    await everyScreen(karin, ["kommun"], scan(karin));
    const config = await openInTeams(context, app, {
      person: "johan",
      team: "IFN",
      view: "config",
      theme,
    });
    await scan(config)("konfigurera");
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
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
    await everyScreen(anna, SCREENS(), measure(anna));
    const karin = await openInTeams(context, app, { person: "karin", team: "none" });
    await everyScreen(karin, ["kommun"], measure(karin));
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

describe.each(THEMES)("theme %s, in a browser", (theme) => {
  test("the local sign-in page", async () => {
    const context = await browser.newContext({ locale: "sv-SE" });
    const signInPage = await context.newPage();
    await signInPage.goto(`${app.url}/?theme=${theme}`);
    await signInPage
      .getByRole("button", { name: /Logga in som/ })
      .first()
      .waitFor();
    expect(await accessibilityProblems(signInPage)).toEqual([]);
    await context.close();
  });
});

test("the public insight pages (no sign-in), also on a phone-sized screen", async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 800 },
  ]) {
    const context = await browser.newContext({ locale: "sv-SE", viewport });
    const publicPage = await context.newPage();
    for (const route of ["/insyn", "/insyn/van"]) {
      await publicPage.goto(`${app.url}${route}`);
      await publicPage.getByRole("heading", { level: 1 }).waitFor();
      expect(await accessibilityProblems(publicPage), `${route} ${viewport.width}`).toEqual([]);
    }
    await context.close();
  }
});
