import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ProviderPage } from "../../api/src/http/api-shapes.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";
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

  // From the contract back to the provider: its name on the contract links to this page.
  await own.getByRole("link", { name: "Hemtjänst enligt LOV" }).click();
  await page.getByRole("heading", { level: 1, name: "Hemtjänst enligt LOV" }).waitFor();
  await page.getByRole("link", { name: "Trygga Händer Hemtjänst AB" }).click();
  await page.getByRole("heading", { level: 1, name: "Trygga Händer Hemtjänst AB" }).waitFor();
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

test("the card Uppgifter om leverantören: a nämnd notes a pending IVO decision, sees a bad number at its field, and the saved values; others read only", async () => {
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Maria Nilsson", "#/leverantorer/org%3A556910-3301");
  const card = page.getByRole("region", { name: "Uppgifter om leverantören" });
  const flags = card.getByRole("list", { name: "Noterat om leverantören" });
  await flags.waitFor();
  expect(await flags.getByRole("listitem").allTextContents()).toEqual(["Svag ekonomi"]);
  const facts = card.getByRole("definition");
  expect(await facts.first().textContent()).toBe("556910-3301");

  const form = card.getByRole("form", { name: "Ändra uppgifter om leverantören" });
  const orgNumber = form.getByRole("textbox", { name: "Organisationsnummer" });
  await orgNumber.fill("556910-3302");
  await form.getByRole("button", { name: "Spara uppgifterna" }).click();
  // The API's message at the field, and the focus there.
  await form.getByText("kontrollsiffran (den sista siffran) är fel", { exact: false }).waitFor();
  expect(await orgNumber.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await orgNumber.getAttribute("aria-invalid")).toBe("true");
  expect(await accessibilityProblems(page)).toEqual([]);

  await orgNumber.fill("556910-3301");
  await form.getByRole("checkbox", { name: "Väntar på beslut från IVO" }).check();
  await form
    .getByRole("textbox", { name: "IVO och andra myndigheters beslut" })
    .fill("Ansökan om tillstånd för boendestöd ligger hos IVO.");
  await form.getByRole("textbox", { name: "Kontaktpersonens telefon" }).fill("0123-456 99");
  await form.getByRole("button", { name: "Spara uppgifterna" }).click();
  await card
    .getByRole("status")
    .filter({ hasText: "Uppgifterna om leverantören är sparade." })
    .waitFor();
  await flags.getByText("Väntar på beslut från IVO").waitFor();
  expect(await flags.getByRole("listitem").allTextContents()).toEqual([
    "Svag ekonomi",
    "Väntar på beslut från IVO",
  ]);
  expect(await facts.allTextContents()).toEqual([
    "556910-3301",
    expect.stringContaining("ekonomisk ställning"),
    "Ansökan om tillstånd för boendestöd ligger hos IVO.",
    expect.stringContaining("Lena Ström, 0123-456 99"),
  ]);

  // Karin changes the entry meanwhile: Maria's save is told of the conflict, keeps her draft,
  // shows the saved values, and her next save goes through at the version now in force.
  const karinsPage = await app.call<ProviderPage>(
    "GET",
    `/api/providers/${encodeURIComponent("org:556910-3301")}`,
    { user: "karin" },
  );
  const entry = karinsPage.body.register.entry;
  const karins = await app.call(
    "PUT",
    `/api/providers/${encodeURIComponent("org:556910-3301")}/register`,
    {
      user: "karin",
      headers: { "If-Match": entry?.etag ?? "" },
      body: { ...entry, contactName: "Olof Ek" },
    },
  );
  expect(karins.status).toBe(200);
  const contactName = form.getByRole("textbox", { name: "Kontaktperson", exact: true });
  await contactName.fill("Maja Lind");
  await form.getByRole("button", { name: "Spara uppgifterna" }).click();
  await card.getByRole("alert").filter({ hasText: "Ändrat av någon annan" }).waitFor();
  await card.getByText("Olof Ek, 0123-456 99", { exact: false }).waitFor();
  expect(await contactName.inputValue()).toBe("Maja Lind");
  await form.getByRole("button", { name: "Spara uppgifterna" }).click();
  await card
    .getByRole("status")
    .filter({ hasText: "Uppgifterna om leverantören är sparade." })
    .waitFor();
  await card.getByText("Maja Lind, 0123-456 99", { exact: false }).waitFor();

  await card.getByRole("button", { name: "Visa ändringshistorik" }).click();
  const history = card.getByRole("list", { name: "Ändringshistorik" });
  await history.getByText("Kontaktperson: Olof Ek → Maja Lind").waitFor();
  await history.getByText("Väntar på beslut från IVO: Nej → Ja").waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await context.close();

  // Erik (Tekniska nämnden) has no contract with the provider: the card without a form.
  const erik = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const erikPage = await erik.newPage();
  errors.push(...pageErrors(erikPage));
  await signIn(erikPage, app.url, "Erik Johansson", "#/leverantorer/org%3A556910-3301");
  const readOnly = erikPage.getByRole("region", { name: "Uppgifter om leverantören" });
  await readOnly
    .getByRole("list", { name: "Noterat om leverantören" })
    .getByText("Väntar på beslut från IVO")
    .waitFor();
  expect(await readOnly.getByRole("form").count()).toBe(0);
  expect(await accessibilityProblems(erikPage)).toEqual([]);
  await erik.close();
  expect(errors).toEqual([]);
});

test.each(["dark", "contrast"])(
  "the provider card in the %s theme: no contrast problems",
  async (theme) => {
    const context = await browser.newContext({
      locale: "sv-SE",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/?theme=${theme}#/leverantorer/org%3A556910-3301`);
    await page.getByRole("button", { name: "Logga in som Maria Nilsson" }).click();
    const card = page.getByRole("region", { name: "Uppgifter om leverantören" });
    await card.getByRole("list", { name: "Noterat om leverantören" }).waitFor();
    await card.getByRole("button", { name: "Visa ändringshistorik" }).click();
    await card.getByRole("list", { name: "Ändringshistorik" }).waitFor();
    expect(
      await accessibilityProblems(page, { rules: ["color-contrast", "link-in-text-block"] }),
    ).toEqual([]);
    await context.close();
  },
);

test("Samma leverantör?: a nämnd answers yes after a conflict, the result is announced, and the other number is listed as Även känd som", async () => {
  const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  const van = await app.committeeId("VAN");
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: {
      ...contractBody(van, anna, "Trygghetsringning"),
      provider: "trygga händer hemtjänst",
      providerOrgNumber: "556910-5504",
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);

  // Erik may not edit the entry: he reads the question, without the buttons.
  const erik = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const erikPage = await erik.newPage();
  const errors = pageErrors(erikPage);
  await signIn(erikPage, app.url, "Erik Johansson", "#/leverantorer/org%3A556910-3301");
  const readOnly = erikPage.getByRole("region", { name: "Uppgifter om leverantören" });
  await readOnly
    .getByText("Samma namn förekommer med olika organisationsnummer", { exact: false })
    .waitFor();
  expect(await readOnly.getByRole("button", { name: "Ja, samma leverantör" }).count()).toBe(0);
  await erik.close();

  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  errors.push(...pageErrors(page));
  await signIn(page, app.url, "Anna Lindqvist", "#/leverantorer/org%3A556910-3301");
  const card = page.getByRole("region", { name: "Uppgifter om leverantören" });
  const question = card.getByRole("group", {
    name: "Samma namn förekommer med olika organisationsnummer (556910-3301, 556910-5504).",
  });
  await question.getByRole("button", { name: "Nej, olika leverantörer" }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  // Karin changes the entry meanwhile: Anna's answer is told of the conflict and not recorded.
  const karinsPage = await app.call<ProviderPage>(
    "GET",
    `/api/providers/${encodeURIComponent("org:556910-3301")}`,
    { user: "karin" },
  );
  const entry = karinsPage.body.register.entry;
  const karins = await app.call(
    "PUT",
    `/api/providers/${encodeURIComponent("org:556910-3301")}/register`,
    {
      user: "karin",
      headers: { "If-Match": entry?.etag ?? "" },
      body: { ...entry, contactPhone: "0123-111 11" },
    },
  );
  expect(karins.status).toBe(200);
  await question.getByRole("button", { name: "Ja, samma leverantör" }).click();
  const status = card.getByRole("status").filter({ hasText: "Ändrat av någon annan" });
  await status.waitFor();
  expect(await status.getAttribute("aria-live")).toBe("polite");
  await card.getByText("0123-111 11", { exact: false }).waitFor();

  // Answered again at the version now shown: recorded, announced, and the question gone.
  await question.getByRole("button", { name: "Ja, samma leverantör" }).click();
  await card
    .getByRole("status")
    .filter({ hasText: "det är samma leverantör som Trygga Händer Hemtjänst AB" })
    .waitFor();
  await card
    .getByRole("definition")
    .filter({ hasText: "organisationsnummer 556910-5504" })
    .waitFor();
  expect(await card.getByRole("term").allTextContents()).toContain("Även känd som");
  expect(await card.getByText("Samma leverantör?").count()).toBe(0);
  // The pressed button went with its question: the focus stays in the card.
  expect(await card.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await accessibilityProblems(page)).toEqual([]);

  // The contract spelled the other way now carries the entry's weak finances.
  const risk = await app.call("GET", `/api/contracts/${created.body.id}/risk`, { user: "anna" });
  expect(risk.body.reasons).toContain(
    "Svag ekonomisk ställning noterad för trygga händer hemtjänst",
  );
  await context.close();
  expect(errors).toEqual([]);
});
