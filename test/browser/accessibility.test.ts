import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser, signIn } from "../support/browser.ts";

/**
 * An axe-core scan of every screen in Teams' light, dark and high-contrast
 * themes: no serious or critical WCAG 2.1 A/AA violations.
 */

let app: TestApp;
let browser: Browser;
let page: Page;
let contractId: string;

const THEMES = ["default", "dark", "contrast"] as const;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  contractId = await app.contractId("Hemtjänst enligt LOV");
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  await signIn(page, app.url, "Karin Berg");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const SCREENS = () => [
  "oversikt",
  "avtal",
  `avtal/${contractId}`,
  "avtal/nytt",
  "plan",
  "uppstartsmoten",
  "avvikelser",
  "uppfoljning",
  "brister",
  "rapporter",
  "kommun",
  "kanal",
  "konfigurera",
];

describe.each(THEMES)("theme %s", (theme) => {
  test("the sign-in page", async () => {
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

  test("every screen", async () => {
    const problems: string[] = [];
    for (const screen of SCREENS()) {
      await page.goto(`${app.url}/?theme=${theme}#/${screen}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label*="…"]'));
      for (const problem of await accessibilityProblems(page))
        problems.push(`${screen}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});

test("the public insight pages (no sign-in), also on a phone-sized screen", async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 800 },
  ]) {
    const context = await browser.newContext({ locale: "sv-SE", viewport });
    const publicPage = await context.newPage();
    for (const path of ["/insyn", "/insyn/van"]) {
      await publicPage.goto(`${app.url}${path}`);
      await publicPage.getByRole("heading", { level: 1 }).waitFor();
      expect(await accessibilityProblems(publicPage), `${path} ${viewport.width}`).toEqual([]);
    }
    await context.close();
  }
});
