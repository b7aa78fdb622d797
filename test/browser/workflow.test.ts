import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { field, launchBrowser, pageErrors, signIn } from "../support/browser.ts";
import { loopbackContext, openInTeams } from "../support/teams-host.ts";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the whole workflow inside Teams: register, classify, follow up, deficiency, action plan, Översikt and the KS overview", async () => {
  const context = await loopbackContext(browser);
  const teams = await openInTeams(context, app, { person: "anna" });
  const { tab, page } = teams;
  const errors = pageErrors(page);

  // Register a contract and classify it strategic in the matrix.
  await tab.getByRole("link", { name: "Avtal", exact: true }).click();
  await tab.getByRole("button", { name: "Nytt avtal" }).click();
  await field(tab, "Avtalets namn").fill("Hemsjukvård & rehab <natt>");
  await field(tab, "Avtalsnummer").fill("ÅSBY-E2E-1");
  await field(tab, "Verksamhetsområde").fill("Hemsjukvård");
  await field(tab, "Utförare").fill("Nattvård i Åsby AB");
  // Nothing is public until someone chooses.
  expect(await tab.getByRole("checkbox", { name: "Visa utförare" }).isChecked()).toBe(false);
  await tab.getByRole("radio", { name: /^Strategiskt/ }).check();
  await expect
    .poll(() => tab.getByRole("status").filter({ hasText: "Resultat:" }).textContent())
    .toContain("strategiskt avtal");
  await field(tab, "Avtalsstart").fill("2026-01-01");
  await tab.getByRole("button", { name: "Spara avtalet" }).click();
  await tab.getByRole("heading", { level: 1, name: "Hemsjukvård & rehab <natt>" }).waitFor();
  // A visible confirmation, not only the screen reader's.
  await tab.getByText("Avtalet är sparat.", { exact: true }).last().waitFor();
  expect(await tab.getByText("Strategiskt", { exact: true }).first().isVisible()).toBe(true);

  // A follow-up from the contract's own page: the form opens for this contract.
  await tab.getByRole("button", { name: "Ny uppföljning" }).click();
  await tab.getByRole("heading", { level: 1, name: "Ny uppföljning" }).waitFor();
  expect(
    await field(tab, "Avtal").evaluate(
      (select: HTMLSelectElement) => select.selectedOptions[0]?.text,
    ),
  ).toBe("Hemsjukvård & rehab <natt> (Nattvård i Åsby AB)");
  // The yes/no questions start unanswered.
  expect(await tab.getByRole("radio", { name: "Ja" }).isChecked()).toBe(false);
  expect(await tab.getByRole("radio", { name: "Nej" }).isChecked()).toBe(false);
  await field(tab, "Uppfyller utföraren väsentliga kvalitetskrav enligt avtalet?").selectOption(
    "delvis",
  );
  // Now required, and marked so.
  expect(
    await field(tab, "Vilka brister har iakttagits").evaluate(
      (input) => "required" in input && input.required,
    ),
  ).toBe(true);
  await tab.getByRole("button", { name: "Spara", exact: true }).click();
  // Refused: the summary takes the focus and links to each field.
  const summary = tab.getByText("uppgifter behöver fyllas i innan du kan spara").first();
  await summary.waitFor();
  const frame = await teams.frame();
  expect(await frame.evaluate(() => document.activeElement?.textContent ?? "")).toContain(
    "behöver fyllas i",
  );
  await tab.getByRole("button", { name: /^Vilka brister har iakttagits:/ }).click();
  expect(
    await frame.evaluate(() =>
      document.activeElement?.closest("[data-field]")?.getAttribute("data-field"),
    ),
  ).toBe("deficienciesSummary");
  await field(tab, "Vilka brister har iakttagits").fill("Läkemedelslistor saknas vid nattbesök.");
  await tab
    .getByRole("radiogroup", { name: /Är befintlig kontroll/ })
    .getByRole("radio", { name: "Nej" })
    .check();
  await field(tab, "Status").selectOption("klar");
  await tab.getByRole("button", { name: "Spara", exact: true }).click();
  await tab.getByText("Uppföljningen är sparad.", { exact: true }).last().waitFor();
  await tab.getByRole("link", { name: "Hemsjukvård & rehab <natt>" }).first().waitFor();

  // The deficiency with its action plan, checked up within two weeks: no contract is chosen for you.
  await tab.getByRole("link", { name: "Brister och handlingsplaner" }).click();
  await tab.getByRole("button", { name: "Ny brist" }).click();
  expect(await field(tab, "Avtal").inputValue()).toBe("");
  await field(tab, "Avtal").selectOption({
    label: "Hemsjukvård & rehab <natt> (Nattvård i Åsby AB)",
  });
  await field(tab, "Brist").fill("Läkemedelslistor saknas");
  await field(tab, "Åtgärder").fill("Rutin för läkemedelslistor och stickprov varje vecka.");
  const checkUp = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await field(tab, "Uppföljning av handlingsplanen").fill(checkUp);
  await field(tab, "Status").selectOption("pågår");
  await tab.getByRole("button", { name: "Spara", exact: true }).click();
  await tab.getByText("Bristen och handlingsplanen är sparade.", { exact: true }).last().waitFor();
  await tab.getByRole("link", { name: "Hemsjukvård & rehab <natt>" }).first().waitFor();

  // It shows on Översikt as due now, with Anna responsible, and opens the deficiency itself.
  await tab.getByRole("link", { name: "Översikt" }).click();
  const item = tab
    .getByRole("row")
    .filter({ hasText: "Uppföljning av handlingsplan (Hemsjukvård & rehab <natt>)" });
  await item.waitFor();
  expect(await item.textContent()).toContain("Anna Lindqvist");
  expect(await item.getByText("Aktuell nu").isVisible()).toBe(true);
  await item.getByRole("link").click();
  await tab
    .getByRole("heading", { level: 1, name: /^Brister och handlingsplaner: Hemsjukvård/ })
    .waitFor();
  expect(await field(tab, "Brist").inputValue()).toBe("Läkemedelslistor saknas");

  // Kommunledningskontoret lands on Kommunövergripande and sees it across nämnder.
  const klk = await openInTeams(context, app, { person: "karin", team: "none" });
  await klk.tab.getByRole("heading", { level: 1, name: "Kommunövergripande" }).waitFor();
  const van = klk.tab.getByRole("row").filter({ hasText: "Vård- och äldrenämnden" }).first();
  await van.waitFor();
  expect(await van.textContent()).toContain("Hemtjänst enligt LOV");
  // Stored as typed: the ampersand and angle brackets are data, rendered as text.
  const contracts = await app.call("GET", "/api/contracts?q=E2E", { user: "karin" });
  expect(contracts.body.items.map((entry: { title: string }) => entry.title)).toEqual([
    "Hemsjukvård & rehab <natt>",
  ]);
  expect(teams.nativeDialogs).toEqual([]);
  expect(klk.nativeDialogs).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test("a stale edit gets the conflict dialog: only what the other person changed, and a choice per field", async () => {
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
  await first.page.getByText("Avtalet är sparat.").last().waitFor();

  await field(second.page, "Förlängningsoptioner").fill("1 år");
  await field(second.page, "Utförare").fill("Min Catering AB");
  await second.page.getByRole("button", { name: "Spara ändringar" }).click();
  const dialog = second.page.getByRole("alertdialog", {
    name: "Någon annan har ändrat samma uppgifter",
  });
  await dialog.waitFor();
  const changed = dialog.getByRole("list", { name: "Ändrade uppgifter" }).getByRole("listitem");
  expect(await changed.count()).toBe(1);
  expect(await changed.textContent()).toContain("Utförare");
  expect(await changed.textContent()).toContain("Den sparade versionen: Smakrik Catering Nord AB");
  // Who saved it and when: the person, not the app's own identity.
  expect(await dialog.textContent()).toMatch(/sparades en ny version \(av Anna Lindqvist, .*\d{4}/);
  await changed.getByRole("radio", { name: "Mitt värde: Min Catering AB" }).check();
  await dialog.getByRole("button", { name: "Spara med mina val" }).click();
  await second.page.getByText("Avtalet är sparat.").last().waitFor();
  const stored = await app.call("GET", `/api/contracts/${contractId}`, { user: "anna" });
  expect(stored.body.provider).toBe("Min Catering AB");
  expect(stored.body.extensionOptions).toBe("1 år");

  // The other way: take the saved version, dropping one's own typing.
  await field(first.page, "Förlängningsoptioner").fill("2 år");
  await first.page.getByRole("button", { name: "Spara ändringar" }).click();
  const again = first.page.getByRole("alertdialog", {
    name: "Någon annan har ändrat samma uppgifter",
  });
  await again.getByRole("button", { name: "Läs in den sparade versionen" }).click();
  expect(await field(first.page, "Utförare").inputValue()).toBe("Min Catering AB");
  expect(await field(first.page, "Förlängningsoptioner").inputValue()).toBe("1 år");
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
