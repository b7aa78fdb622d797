import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import {
  accessibilityProblems,
  field,
  launchBrowser,
  pageErrors,
  signIn,
} from "../support/browser.ts";

/**
 * A report's life in the tab: the nämnd's secretary makes the draft, puts it
 * on the agenda and registers the nämnd's decision; a follow-up of a LOV
 * contract offers one feedback letter per provider.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ now: TODAY }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("Socialnämnden's secretary: draft, ready for the nämnd, the decision with date, § and dnr", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Maria Nilsson", "#/rapporter");
  await page.getByRole("button", { name: "Nämndens redovisning" }).click();
  const table = page.getByRole("table", { name: "Rapportutkast" });
  await table.getByRole("button", { name: "Klar för nämnd" }).click();
  await table.getByRole("button", { name: "Registrera beslut" }).click();
  const form = page.getByRole("form", { name: /^Nämndens beslut om / });
  await field(page, "Beslutsdatum").fill("2026-05-20");
  await field(page, "Paragraf (§)").fill("42");
  await field(page, "Diarienummer").fill("SN 2026/0077");
  expect(await accessibilityProblems(page)).toEqual([]);
  await form.getByRole("button", { name: "Spara beslut" }).click();
  await table.getByText("Beslutad 2026-05-20 § 42").waitFor();
  await table.getByText("Dnr SN 2026/0077").waitFor();
  const sn = await app.committeeId("SN");
  const rows = await app.call("GET", `/api/reports?committeeId=${sn}`, { user: "maria" });
  expect(rows.body.items[0]).toMatchObject({
    status: "beslutad",
    decisionDate: "2026-05-20",
    paragraph: "42",
    registryNumber: "SN 2026/0077",
  });
  expect(errors).toEqual([]);
  await context.close();
});

test("a follow-up of the hemtjänst valfrihetssystem offers a letter to each of its four providers", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = pageErrors(page);
  const van = await app.committeeId("VAN");
  const hemtjanst = await app.contractId("Hemtjänst enligt LOV");
  const followUps = await app.call("GET", `/api/follow-ups?committeeId=${van}`, { user: "anna" });
  const followUp = followUps.body.items.find(
    (item: { contractId: string; period: string }) =>
      item.contractId === hemtjanst && item.period === "2025–2026",
  )!;
  await signIn(page, app.url, "Anna Lindqvist", `#/uppfoljning/${followUp.id}`);
  const drafts = page.getByRole("region", { name: "Dokument i Word" });
  await drafts.waitFor();
  expect(
    await drafts.getByRole("button", { name: /^Återkoppling till .* \(Word\)$/ }).count(),
  ).toBe(4);
  await drafts
    .getByRole("button", { name: "Återkoppling till Omsorgshjälpen Väst AB (Word)" })
    .click();
  await drafts
    .getByText(/Utkastet är skapat\. Återkoppling\/2026\/.*Omsorgshjälpen Väst AB\.docx/)
    .waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
