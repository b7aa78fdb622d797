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

  // The newest reply is in view: the chat scrolls to its end.
  for (const text of ["status", "brister"]) {
    const before = await chat.getByRole("listitem").count();
    await field(page, "Meddelande").fill(text);
    await page.getByRole("button", { name: "Skicka" }).click();
    await expect
      .poll(() => chat.getByRole("listitem").count(), { timeout: 10_000 })
      .toBe(before + 2);
  }
  await chat.getByText("Öppna brister").first().waitFor();
  const scroll = await chat.evaluate((list) => ({
    overflows: list.scrollHeight > list.clientHeight,
    atEnd: list.scrollTop + list.clientHeight >= list.scrollHeight - 2,
  }));
  expect(scroll).toEqual({ overflows: true, atEnd: true });
  expect(errors).toEqual([]);
  await context.close();
});
