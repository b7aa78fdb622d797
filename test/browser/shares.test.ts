import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, desktopPage, launchBrowser, signIn } from "../support/browser.ts";

/**
 * A nämnd a contract is shared with may take itself off in the tab: Lars
 * (Socialnämnden) ends SN's part of the shared cleaning contract, and it
 * leaves SN's register. The confirmation is asked in the page, never in the
 * browser's own dialog (Teams does not allow those in a tab).
 */

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("a shared nämnd takes itself off a contract", async () => {
  const { context, page, errors } = await desktopPage(browser);
  const id = await app.contractId("Städning av kommunens lokaler");
  await signIn(page, app.url, "Lars Andersson", `#/avtal/${id}`);
  await page.getByRole("heading", { level: 1, name: "Städning av kommunens lokaler" }).waitFor();
  await page.getByRole("button", { name: "Ta bort Socialnämnden från avtalet" }).click();
  await page.getByText("Sluta följa upp avtalet?").waitFor();
  // The question's own button has the focus.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    "Ta bort Socialnämnden",
  );
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole("button", { name: "Ta bort Socialnämnden", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Avtal", exact: true }).waitFor();
  const register = await app.call("GET", "/api/contracts", { user: "lars" });
  expect(
    register.body.items.some(
      (item: { title: string }) => item.title === "Städning av kommunens lokaler",
    ),
  ).toBe(false);
  await context.close();
  expect(errors).toEqual([]);
});
