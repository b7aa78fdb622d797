import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser } from "../support/browser.ts";
import {
  everyScreen,
  loopbackContext,
  openInTeams,
  type TeamsPage,
  tabScreens,
} from "../support/teams-host.ts";

/**
 * Every screen inside the local Teams host: an axe-core scan in Teams'
 * light, dark and high-contrast themes (no serious or critical WCAG 2.1
 * A/AA violation, the host's own page included; the light theme with every
 * rule, the dark and high-contrast themes with the rules a theme can change:
 * colour contrast and links told apart from text).
 */

let app: TestApp;
let browser: Browser;
let screens: string[];

const THEMES = ["default", "dark", "contrast"] as const;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  screens = await tabScreens(app);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

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
    await everyScreen(anna, screens, scan(anna));
    const karin = await openInTeams(context, app, { person: "karin", team: "none", theme });
    await everyScreen(karin, ["kommun", "importera", "installningar"], scan(karin));
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
