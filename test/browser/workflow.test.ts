import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { field, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the whole workflow: register, classify, follow up, deficiency, action plan, Översikt and the KS overview", async () => {
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Anna Lindqvist");

  // Register a contract and classify it strategic in the matrix.
  await page.getByRole("link", { name: "Avtal", exact: true }).click();
  await page.getByRole("button", { name: "Nytt avtal" }).click();
  await field(page, "Avtalets namn").fill("Hemsjukvård & rehab <natt>");
  await field(page, "Avtalsnummer").fill("ÅSBY-E2E-1");
  await field(page, "Verksamhetsområde").fill("Hemsjukvård");
  await field(page, "Utförare").fill("Nattvård i Åsby AB");
  await page.getByRole("radio", { name: /^Strategiskt/ }).check();
  await expect
    .poll(() => page.getByRole("status").filter({ hasText: "Resultat:" }).textContent())
    .toContain("strategiskt avtal");
  await field(page, "Avtalsstart").fill("2026-01-01");
  await page.getByRole("button", { name: "Spara avtalet" }).click();
  await page.getByRole("heading", { level: 1, name: "Hemsjukvård & rehab <natt>" }).waitFor();
  expect(await page.getByText("Strategiskt", { exact: true }).first().isVisible()).toBe(true);

  // A follow-up for the period that finds deficiencies.
  await page.getByRole("link", { name: "Uppföljning", exact: true }).click();
  await page.getByRole("button", { name: "Ny uppföljning" }).click();
  await field(page, "Avtal").selectOption({
    label: "Hemsjukvård & rehab <natt> (Nattvård i Åsby AB)",
  });
  await field(page, "Uppfyller utföraren väsentliga kvalitetskrav enligt avtalet?").selectOption(
    "delvis",
  );
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  // The server asks for the deficiencies, shown at the field.
  await page
    .getByText("Beskriv vilka brister som har iakttagits när kraven inte är uppfyllda")
    .waitFor();
  await field(page, "Vilka brister har iakttagits").fill("Läkemedelslistor saknas vid nattbesök.");
  await field(page, "Status").selectOption("klar");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByRole("cell", { name: "Hemsjukvård & rehab <natt>" }).waitFor();

  // The deficiency with its action plan, checked up within two weeks.
  await page.getByRole("link", { name: "Brister och handlingsplaner" }).click();
  await page.getByRole("button", { name: "Ny brist" }).click();
  await field(page, "Avtal").selectOption({
    label: "Hemsjukvård & rehab <natt> (Nattvård i Åsby AB)",
  });
  await field(page, "Brist").fill("Läkemedelslistor saknas");
  await field(page, "Åtgärder").fill("Rutin för läkemedelslistor och stickprov varje vecka.");
  const checkUp = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await field(page, "Uppföljning av handlingsplanen").fill(checkUp);
  await field(page, "Status").selectOption("pågår");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByRole("cell", { name: "Hemsjukvård & rehab <natt>" }).waitFor();

  // It shows on Översikt as due now, with Anna responsible.
  await page.getByRole("link", { name: "Översikt" }).click();
  const row = page
    .getByRole("row")
    .filter({ hasText: "Uppföljning av handlingsplan (Hemsjukvård & rehab <natt>)" });
  await row.waitFor();
  expect(await row.textContent()).toContain("Anna Lindqvist");
  expect(await row.getByText("Aktuell nu").isVisible()).toBe(true);

  // Kommunledningskontoret sees it across nämnder.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("button", { name: "Logga in som Karin Berg" }).click();
  await page.getByRole("link", { name: "Kommunövergripande" }).click();
  const van = page.getByRole("row").filter({ hasText: "Vård- och äldrenämnden" }).first();
  await van.waitFor();
  expect(await van.textContent()).toContain("Hemtjänst enligt LOV");
  expect(await page.getByText("Strategiska avtal").first().isVisible()).toBe(true);
  // Stored as typed: the ampersand and angle brackets are data, rendered as text.
  const contracts = await app.call("GET", "/api/contracts?q=E2E", { user: "karin" });
  expect(contracts.body.items.map((item: { title: string }) => item.title)).toEqual([
    "Hemsjukvård & rehab <natt>",
  ]);
  expect(errors).toEqual([]);
  await context.close();
});

test("a stale edit in a second page gets the conflict dialog, showing what changed", async () => {
  const contractId = await app.contractId("Matleveranser till hemmaboende");
  const open = async () => {
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    await signIn(page, app.url, "Anna Lindqvist", `#/avtal/${contractId}`);
    await field(page, "Utförare").waitFor();
    return { context, page };
  };
  const first = await open();
  const second = await open();
  await field(first.page, "Utförare").fill("Smakrik Catering Nord AB");
  await first.page.getByRole("button", { name: "Spara ändringar" }).click();
  await first.page.getByText("Sparat.").waitFor({ state: "attached" });

  await field(second.page, "Förlängningsoptioner").fill("1 år");
  await second.page.getByRole("button", { name: "Spara ändringar" }).click();
  const dialog = second.page.getByRole("alertdialog", {
    name: "Någon annan har ändrat samma uppgifter",
  });
  await dialog.waitFor();
  const difference = dialog.getByRole("row").filter({ hasText: "Utförare" });
  expect(await difference.textContent()).toContain("Smakrik Catering Nord AB");
  await dialog.getByRole("button", { name: "Läs in den sparade versionen" }).click();
  expect(await field(second.page, "Utförare").inputValue()).toBe("Smakrik Catering Nord AB");
  const stored = await app.call("GET", `/api/contracts/${contractId}`, { user: "anna" });
  expect(stored.body.provider).toBe("Smakrik Catering Nord AB");
  expect(stored.body.extensionOptions).toBe("");
  await first.context.close();
  await second.context.close();
});

test("another nämnd's contract answers as a missing one: 'Avtalet finns inte'", async () => {
  const skolskjuts = await app.contractId("Skolskjuts med bil för elever med särskilda behov");
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await signIn(page, app.url, "Anna Lindqvist", `#/avtal/${skolskjuts}`);
  await page.getByRole("alert").filter({ hasText: "Avtalet finns inte" }).waitFor();
  expect(await page.getByRole("alert").textContent()).not.toContain("Skolskjuts");
  await context.close();
});
