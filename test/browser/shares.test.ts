import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

/**
 * A nämnd a contract is shared with may take itself off in the tab: Lars
 * (Socialnämnden) ends SN's part of the shared cleaning contract, and it
 * leaves SN's register. The confirmation is an in-page dialog, never the
 * browser's own (Teams does not allow those in a tab).
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
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  page.on("dialog", (dialog) => {
    errors.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const id = await app.contractId("Städning av kommunens lokaler");
  await signIn(page, app.url, "Lars Andersson", `#/avtal/${id}`);
  await page.getByRole("heading", { level: 1, name: "Städning av kommunens lokaler" }).waitFor();
  await page.getByRole("button", { name: "Ta bort Socialnämnden från avtalet" }).click();
  const dialog = page.getByRole("dialog", { name: "Sluta följa upp avtalet?" });
  await dialog.waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Ta bort Socialnämnden" }).click();
  await page.getByRole("heading", { level: 1, name: "Avtal", exact: true }).waitFor();
  const register = await app.call("GET", "/api/contracts", { user: "lars" });
  expect(
    register.body.items.some(
      (item: { title: string }) => item.title === "Städning av kommunens lokaler",
    ),
  ).toBe(false);
  expect(errors).toEqual([]);
});
