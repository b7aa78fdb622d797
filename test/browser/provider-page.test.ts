import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

/**
 * A provider across the kommun in the tab: Anna (Vård- och äldrenämnden)
 * finds Trygga Händer under Leverantörer and sees her hemtjänst in full and
 * Socialnämnden's contract only as a count; Karin (kommunledningskontoret)
 * opens the same provider from the flagged list on Kommunövergripande and
 * sees both nämnder's contracts.
 */

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ now: new Date("2026-11-24T10:00:00+01:00") }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("a nämnd finds a provider and sees its own contracts in full, others' as counts; KS opens it from the flags", async () => {
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Anna Lindqvist", "#/leverantorer");
  await page.getByRole("heading", { level: 1, name: "Leverantörer" }).waitFor();
  await page.getByRole("searchbox", { name: "Sök leverantör" }).fill("trygga händer");
  await page
    .getByRole("status")
    .filter({ hasText: /^1 av \d+ leverantörer$/ })
    .waitFor();
  await page.getByRole("link", { name: "Trygga Händer Hemtjänst AB" }).click();

  await page.getByRole("heading", { level: 1, name: "Trygga Händer Hemtjänst AB" }).waitFor();
  expect(
    await page.getByText("Organisationsnummer 556910-3301. 2 avtal i 2 nämnder.").count(),
  ).toBe(1);
  const own = page.getByRole("region", { name: "Avtal du kan läsa (1)" });
  await own.getByRole("link", { name: "Hemtjänst enligt LOV" }).waitFor();
  expect(await own.getByText("Hög risk").count()).toBeGreaterThan(0);
  await own.getByRole("link", { name: "Svag ekonomisk ställning" }).waitFor();
  const others = page.getByRole("region", { name: "Andra nämnder" });
  await others.getByText(/^Socialnämnden: 1 avtal, \d+ (öppen brist|öppna brister)$/).waitFor();
  expect(await page.getByText("Boendestöd i ordinärt boende").count()).toBe(0);
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(page.url()).toContain("#/leverantorer/org%3A556910-3301");
  await context.close();

  const klk = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const klkPage = await klk.newPage();
  errors.push(...pageErrors(klkPage));
  await signIn(klkPage, app.url, "Karin Berg", "#/kommun");
  await klkPage
    .getByRole("region", { name: /^Leverantörer i flera nämnder/ })
    .getByRole("link", { name: "Trygga Händer Hemtjänst AB" })
    .click();
  const all = klkPage.getByRole("region", { name: "Avtal du kan läsa (2)" });
  await all.getByRole("link", { name: "Boendestöd i ordinärt boende" }).waitFor();
  await all.getByRole("link", { name: "Hemtjänst enligt LOV" }).waitFor();
  expect(await klkPage.getByRole("region", { name: "Andra nämnder" }).count()).toBe(0);
  expect(await accessibilityProblems(klkPage)).toEqual([]);
  await klk.close();
  expect(errors).toEqual([]);
});
