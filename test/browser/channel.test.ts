import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { field, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ now: new Date("2026-11-24T07:00:00+01:00") }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the Kanal view shows the day's reminders, and a person can chat with the bot", async () => {
  await app.running.reminders.run();
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Erik Johansson", "#/kanal");
  const channel = page.getByRole("list", { name: "Inlägg i kanalen" });
  await channel
    .getByText(
      "Försenad: Uppföljning av handlingsplan (Skolskjuts med bil för elever med särskilda behov)",
    )
    .waitFor();
  expect(await channel.textContent()).toContain("@Erik Johansson");

  await field(page, "Meddelande").fill("förfaller 200");
  await page.getByRole("button", { name: "Skicka" }).click();
  const chat = page.getByRole("list", { name: "Chatt" });
  await chat.getByText("Avtal som löper ut inom 200 dagar").waitFor();
  expect(await chat.textContent()).toContain("Snöröjning och halkbekämpning");
  expect(errors).toEqual([]);
  await context.close();
});
