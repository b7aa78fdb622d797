import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DemoUserKey } from "../../api/src/demo/demo-people.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, field, launchBrowser, pageErrors } from "../support/browser.ts";
import { loopbackContext, openInTeams, type TeamsPage } from "../support/teams-host.ts";

/**
 * A contract with several providers (the hemtjänst valfrihetssystem, LOV)
 * in the tab inside Teams: its providers edited in the contract's form, a
 * deviation or deficiency naming the provider it concerns, a deficiency
 * linked to the follow-up that found it, the follow-up's words to the
 * providers, and the kickoff meeting's minutes as a Word draft.
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

interface Stored {
  id: string;
  contractId: string;
  description?: string;
  provider?: string;
  followUpId?: string;
  period?: string;
  providerFeedback?: string;
}

async function records(path: string, committee: string, user: DemoUserKey): Promise<Stored[]> {
  const committeeId = await app.committeeId(committee);
  return (
    await app.call<{ items: Stored[] }>("GET", `/api/${path}?committeeId=${committeeId}`, { user })
  ).body.items;
}

/** Opens a screen inside the open tab, as a link within the tab would. */
async function show(teams: TeamsPage, screen: string, heading: string | RegExp): Promise<void> {
  await (await teams.frame()).evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${screen}`);
  await teams.tab.getByRole("heading", { level: 1, name: heading }).waitFor();
}

test("a deviation and a deficiency name the LOV provider they concern; the deficiency's follow-up link can be removed again", async () => {
  const lov = await app.contractId("Hemtjänst enligt LOV");
  const single = await app.contractId("Matleveranser till hemmaboende");
  const context = await loopbackContext(browser);
  const teams = await openInTeams(context, app, { person: "anna", sub: "avvikelser/ny" });
  const { tab, page } = teams;
  const errors = pageErrors(page);
  await tab.getByRole("heading", { level: 1, name: "Ny avvikelse" }).waitFor();

  // Asked only when the chosen contract has several providers.
  const provider = field(tab, "Utförare som berörs");
  expect(await provider.count()).toBe(0);
  await field(tab, "Avtal").selectOption(single);
  expect(await provider.count()).toBe(0);
  await field(tab, "Avtal").selectOption(lov);
  await provider.waitFor();
  expect(await provider.evaluate((select: HTMLSelectElement) => select.options[0]?.text)).toBe(
    "Hela avtalet",
  );
  await provider.selectOption("Trygga Händer Hemtjänst AB");
  await field(tab, "Beskrivning").fill("Larmet besvarades efter 40 minuter.");
  await field(tab, "Allvarlighetsgrad").selectOption("Medel");
  expect(await accessibilityProblems(page)).toEqual([]);
  await tab.getByRole("button", { name: "Spara", exact: true }).click();
  await tab.getByText("Avvikelsen är sparad.", { exact: true }).last().waitFor();
  const deviation = (await records("deviations", "VAN", "anna")).find(
    (item) => item.description === "Larmet besvarades efter 40 minuter.",
  );
  expect(deviation).toMatchObject({ contractId: lov, provider: "Trygga Händer Hemtjänst AB" });

  // A deficiency found at the LOV contract's follow-up, about one of its providers.
  const followUp = (await records("follow-ups", "VAN", "anna")).find(
    (item) => item.contractId === lov && item.period === "2025–2026",
  );
  if (!followUp) throw new Error("the demo data's LOV follow-up is missing");
  await show(teams, "brister/ny", "Ny brist");
  await field(tab, "Avtal").selectOption(lov);
  await field(tab, "Utförare som berörs").selectOption("Omsorgshjälpen Väst AB");
  const found = field(tab, "Upptäckt vid uppföljning");
  // Named by contract, period and date.
  expect(await found.locator(`option[value="${followUp.id}"]`).textContent()).toMatch(
    /^Hemtjänst enligt LOV, 2025–2026 \(\d+ \S+ \d{4}\)$/,
  );
  await found.selectOption(followUp.id);
  await field(tab, "Brist").fill("Genomförandeplaner saknas för två brukare.");
  expect(await accessibilityProblems(page)).toEqual([]);
  await tab.getByRole("button", { name: "Spara", exact: true }).click();
  await tab.getByText("Bristen och handlingsplanen är sparade.", { exact: true }).last().waitFor();
  const deficiency = (await records("deficiencies", "VAN", "anna")).find(
    (item) => item.description === "Genomförandeplaner saknas för två brukare.",
  );
  expect(deficiency).toMatchObject({
    contractId: lov,
    provider: "Omsorgshjälpen Väst AB",
    followUpId: followUp.id,
  });

  // Unlinked and about the whole contract again: the change clears both, not keeps them.
  await show(teams, `brister/${deficiency?.id}`, /^Brister och handlingsplaner: Hemtjänst/);
  expect(await field(tab, "Upptäckt vid uppföljning").inputValue()).toBe(followUp.id);
  await field(tab, "Upptäckt vid uppföljning").selectOption("");
  await field(tab, "Utförare som berörs").selectOption("");
  await tab.getByRole("button", { name: "Spara ändringar" }).click();
  // The first save's message may still be shown: wait for the change itself.
  await expect
    .poll(async () => {
      const changed = await app.call("GET", `/api/deficiencies/${deficiency?.id}`, {
        user: "anna",
      });
      return { followUpId: changed.body.followUpId, provider: changed.body.provider };
    })
    .toEqual({ followUpId: undefined, provider: "" });
  await tab.getByText("Bristen och handlingsplanen är sparade.", { exact: true }).last().waitFor();
  expect(teams.nativeDialogs).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test("the LOV contract's providers in its form: a wrong address is refused at its line, then every provider is saved and shown in the history", async () => {
  const lov = await app.contractId("Hemtjänst enligt LOV");
  const context = await loopbackContext(browser);
  const teams = await openInTeams(context, app, { person: "anna", sub: `avtal/${lov}` });
  const { tab, page } = teams;
  const errors = pageErrors(page);
  await tab.getByRole("heading", { level: 1, name: "Hemtjänst enligt LOV" }).waitFor();
  expect(await field(tab, "Utförare").inputValue()).toBe("Hemtjänst Nord i Åsby AB");
  const others = field(tab, "Fler utförare i avtalet");
  const lines = (await others.inputValue()).split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^Omsorgshjälpen Väst AB; 556910-2204/);

  await others.fill([...lines, "Nya Omsorgen AB; 556123-4567; fel@"].join("\n"));
  await tab.getByRole("button", { name: "Spara ändringar" }).click();
  const message = tab.getByText("Rad 4: Ogiltig e-postadress").first();
  await message.waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await others.fill([...lines, "Nya Omsorgen AB; 556123-4567; info@nyaomsorgen.se"].join("\n"));
  await field(tab, "Utförarens e-post").fill("kontakt@hemtjanstnord.se");
  await tab.getByRole("button", { name: "Spara ändringar" }).click();
  await tab.getByText("Avtalet är sparat.", { exact: true }).last().waitFor();

  const stored = await app.call("GET", `/api/contracts/${lov}`, { user: "anna" });
  expect(stored.body.providers).toHaveLength(5);
  expect(stored.body.providers[0]).toEqual({
    name: "Hemtjänst Nord i Åsby AB",
    orgNumber: "556910-1107",
    email: "kontakt@hemtjanstnord.se",
  });
  expect(stored.body.providers[4]).toEqual({
    name: "Nya Omsorgen AB",
    orgNumber: "556123-4567",
    email: "info@nyaomsorgen.se",
  });
  expect(stored.body.provider).toContain("Nya Omsorgen AB");

  // The history says it in the form's words, not as stored JSON.
  await tab.getByRole("tab", { name: "Ändringshistorik" }).click();
  const history = tab.getByRole("list", { name: "Ändringshistorik" });
  await history
    .getByText(/Utförare \(alla\):/)
    .first()
    .waitFor();
  const text = (await history.textContent()) ?? "";
  expect(text).toContain("Nya Omsorgen AB; 556123-4567; info@nyaomsorgen.se");
  expect(text).not.toContain('"name"');
  // Exported from inside Teams' frame, the internal notes ticked in (issue 19, item 5).
  await tab.getByRole("checkbox", { name: "Ta med interna anteckningar" }).check();
  await tab.getByRole("button", { name: "Exportera historik" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    tab.getByRole("menuitem", { name: "Excel (.xlsx)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Historik avtal Hemtjänst enligt LOV.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const about = workbook.getWorksheet("Om utdraget");
  const aboutText = about?.getSheetValues().flat().map(String).join(" ") ?? "";
  expect(aboutText).toContain("Utdraget innehåller interna anteckningar.");
  const changes = workbook.getWorksheet("Historik")?.getColumn(4).values.map(String) ?? [];
  expect(changes).toContain("Utförare (alla)");
  expect(teams.nativeDialogs).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test("the follow-up's words to the providers are saved; the kickoff meeting offers its minutes in Word", async () => {
  const lov = await app.contractId("Hemtjänst enligt LOV");
  const followUp = (await records("follow-ups", "VAN", "anna")).find(
    (item) => item.contractId === lov && item.period === "2025–2026",
  );
  const context = await loopbackContext(browser);
  const anna = await openInTeams(context, app, {
    person: "anna",
    sub: `uppfoljning/${followUp?.id}`,
  });
  const feedback = field(anna.tab, "Återkoppling till utföraren (kommer med i brevet)");
  await feedback.fill("Nämnden ser att dokumentationen har blivit bättre under året.");
  await anna.tab.getByRole("button", { name: "Spara ändringar" }).click();
  await anna.tab.getByText("Uppföljningen är sparad.", { exact: true }).last().waitFor();
  const saved = await app.call("GET", `/api/follow-ups/${followUp?.id}`, { user: "anna" });
  expect(saved.body.providerFeedback).toBe(
    "Nämnden ser att dokumentationen har blivit bättre under året.",
  );

  const [kickoff] = await records("kickoffs", "KFN", "sara");
  const sara = await openInTeams(context, app, {
    person: "sara",
    sub: `uppstartsmoten/${kickoff?.id}`,
  });
  const errors = pageErrors(sara.page);
  const drafts = sara.tab.getByRole("region", { name: "Dokument i Word" });
  await drafts.getByRole("button", { name: "Protokoll (Word)" }).click();
  await drafts.getByText(/^Utkastet är skapat\. .*\.docx\./).waitFor();
  expect(await drafts.getByRole("link", { name: "Öppna i Word" }).count()).toBe(1);
  expect(anna.nativeDialogs).toEqual([]);
  expect(sara.nativeDialogs).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
