import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { launchBrowser, signIn } from "../support/browser.ts";

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

/**
 * Fluent's focus manager (tabster) puts `<i aria-hidden tabindex=0 data-tabster-dummy>` sentinels
 * around arrow-key groups; they pass focus on at once and are a documented false positive of
 * aria-hidden-focus (microsoft/tabster#288; Accessibility Insights suppresses them too).
 * Only those nodes are ignored, and only for that rule.
 */
function isTabsterSentinel(violationId: string, html: string): boolean {
  return violationId === "aria-hidden-focus" && html.includes("data-tabster-dummy");
}

async function scan(target: Page) {
  const result = await new AxeBuilder({ page: target as never })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isTabsterSentinel(violation.id, node.html)),
    }))
    .filter((violation) => violation.nodes.length > 0)
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(" | ")}`,
    );
}

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
    expect(await scan(signInPage)).toEqual([]);
    await context.close();
  });

  test("every screen", async () => {
    const problems: string[] = [];
    for (const screen of SCREENS()) {
      await page.goto(`${app.url}/?theme=${theme}#/${screen}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label*="…"]'));
      for (const problem of await scan(page)) problems.push(`${screen}: ${problem}`);
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
      expect(await scan(publicPage), `${path} ${viewport.width}`).toEqual([]);
    }
    await context.close();
  }
});
