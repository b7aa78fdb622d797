import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import {
  accessibilityProblems,
  desktopPage,
  field,
  launchBrowser,
  signIn,
} from "../support/browser.ts";
import { loopbackContext, openInTeams } from "../support/teams-host.ts";

/**
 * Inställningar for risk: Karin (kommunledningskontoret) renames a step of
 * sannolikhet and moves the threshold of hög risk, sees the preview and the
 * plain-Swedish explanation follow, saves, is told in Swedish beside both
 * fields as she types when the thresholds or intervals are out of order (the
 * preview gives way to a note, nothing is sent), keeps her draft when someone
 * saved first, and goes back to the defaults. At 360 px the names fit and the
 * preview names the steps. Anna has no such menu entry and sees the settings
 * read only. Axe in light, dark and high contrast.
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

const settings = async () => (await app.call("GET", "/api/settings/risk", { user: "karin" })).body;

test("a label and a threshold edited, previewed, saved; errors and conflicts told; back to the defaults", async () => {
  const { context, page, errors } = await desktopPage(browser);
  await signIn(page, app.url, "Karin Berg", "#/installningar");
  await page.getByRole("heading", { name: "Inställningar", level: 1 }).waitFor();
  await page
    .getByRole("navigation", { name: "Huvudmeny" })
    .getByRole("link", { name: "Inställningar" })
    .waitFor();
  const preview = page.getByRole("table", { name: "Förhandsvisning" });
  await page.getByText("Hög risk: 4 rutor, Medelhög risk: 7 rutor, Låg risk: 5 rutor.").waitFor();
  expect(
    await preview
      .getByRole("cell")
      .filter({ hasText: /^16 Hög risk$/ })
      .count(),
  ).toBe(1);
  expect(await accessibilityProblems(page)).toEqual([]);

  // A name and a threshold: the preview and the sentences follow as she types.
  await field(page, "Sannolikhet 1").fill("Liten");
  await preview.getByRole("rowheader", { name: "1 – Liten" }).waitFor();
  await field(page, "Lägsta poäng för hög risk").fill("6");
  await page.getByText("Hög risk: 8 rutor, Medelhög risk: 3 rutor, Låg risk: 5 rutor.").waitFor();
  await page.getByText("Poäng från 4 till 5 ger medelhög risk.").waitFor();
  await page.getByText("Poäng från 6 till 16 ger hög risk.").waitFor();
  // 2 × 3 = 6 is hög now, in words as well as colour.
  const row2 = preview
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /^2 – / }) });
  expect(await row2.getByRole("cell").allTextContents()).toEqual([
    "2 Låg risk",
    "4 Medelhög risk",
    "6 Hög risk",
    "8 Hög risk",
  ]);
  expect(await page.getByText(/Medel\b/).count()).toBe(0);
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page
    .getByText("Inställningarna är sparade och gäller nu för alla nämnders avtal.")
    .waitFor();
  const saved = await settings();
  expect(saved.matrix.likelihoodLabels[0]).toBe("Liten");
  expect(saved.matrix.thresholds).toEqual({ medel: 4, hög: 6 });
  expect(saved.isDefault).toBe(false);

  // Out of order: told beside both fields as she types, the preview gives way to a note.
  const medel = field(page, "Lägsta poäng för medelhög risk");
  const hög = field(page, "Lägsta poäng för hög risk");
  const fieldText = (label: string) =>
    page
      .locator("[class*=fui-Field]")
      .filter({ has: field(page, label) })
      .textContent();
  const order = "Gränsen för hög risk ska vara högre än den för medelhög risk.";
  const note = page.getByText("Rätta gränserna för att se matrisen.");
  await medel.fill("10");
  await hög.fill("5");
  await note.waitFor();
  expect(await fieldText("Lägsta poäng för medelhög risk")).toContain(order);
  expect(await fieldText("Lägsta poäng för hög risk")).toContain(order);
  expect(await medel.getAttribute("aria-invalid")).toBe("true");
  expect(await hög.getAttribute("aria-invalid")).toBe("true");
  expect(await preview.count()).toBe(0);
  expect(await page.getByText(/^Poäng /).count()).toBe(0);
  expect(await accessibilityProblems(page)).toEqual([]);
  await medel.fill("1");
  await hög.fill("17");
  await page.getByText("Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.").waitFor();
  await page.getByText("Gränsen för hög risk ska vara ett heltal mellan 2 och 16.").waitFor();
  expect(await page.getByText(order).count()).toBe(0);
  await note.waitFor();
  expect(await page.getByText(/ger (låg|medelhög|hög) risk/).count()).toBe(0);
  // Saving is refused here, nothing is sent, and the focus goes to the first field at fault.
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna sparades inte").waitFor();
  await page.getByText("Rätta de markerade fälten.").waitFor();
  expect(
    await page.evaluate(() => document.activeElement?.closest("[class*=fui-Field]")?.textContent),
  ).toContain("Lägsta poäng för medelhög risk");
  expect((await settings()).matrix.thresholds).toEqual({ medel: 4, hög: 6 });
  await medel.fill("4");
  await hög.fill("6");
  await preview.waitFor();
  expect(await note.count()).toBe(0);
  expect(await medel.getAttribute("aria-invalid")).not.toBe("true");

  // The intervals likewise: both of the pair out of order are marked, their explanations give way.
  const intervalOrder = "Högre risk ska följas upp minst lika ofta som lägre risk.";
  await page.getByText("Följs upp två gånger per år.").waitFor();
  await field(page, "Hög risk: månader mellan uppföljningar").fill("18");
  await page.getByText("Rätta månaderna för att se hur ofta avtalen följs upp.").waitFor();
  expect(await fieldText("Hög risk: månader mellan uppföljningar")).toContain(intervalOrder);
  expect(await fieldText("Medelhög risk: månader mellan uppföljningar")).toContain(intervalOrder);
  expect(await fieldText("Låg risk: månader mellan uppföljningar")).not.toContain(intervalOrder);
  expect(await page.getByText(/^Följs upp /).count()).toBe(0);
  await field(page, "Hög risk: månader mellan uppföljningar").fill("6");
  await page.getByText("Följs upp två gånger per år.").waitFor();

  // What only the API checks (a step without a name) comes under the same banner title.
  await field(page, "Konsekvens 2").fill(" ");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna sparades inte").waitFor();
  expect(await fieldText("Konsekvens 2")).toContain("Ange konsekvens 2");
  expect(await page.getByText("Ogiltiga inställningar").count()).toBe(0);
  await field(page, "Konsekvens 2").fill("Kännbar");

  // Someone saves meanwhile: her draft stays, and saving again makes it hold.
  const other = await app.call("PUT", "/api/settings/risk", {
    user: "karin",
    headers: { "If-Match": saved.etag },
    body: { matrix: { ...saved.matrix, thresholds: { medel: 3, hög: 8 } }, cadence: saved.cadence },
  });
  expect(other.status).toBe(200);
  await field(page, "Konsekvens 4").fill("Katastrofal");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Ändrat av någon annan").waitFor();
  expect(await field(page, "Konsekvens 4").inputValue()).toBe("Katastrofal");
  expect(await field(page, "Lägsta poäng för hög risk").inputValue()).toBe("6");
  expect((await settings()).matrix.thresholds).toEqual({ medel: 3, hög: 8 });
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page
    .getByText("Inställningarna är sparade och gäller nu för alla nämnders avtal.")
    .waitFor();
  const mine = await settings();
  expect(mine.matrix.thresholds).toEqual({ medel: 4, hög: 6 });
  expect(mine.matrix.consequenceLabels[3]).toBe("Katastrofal");

  // Back to the defaults: into the form first, in force once saved.
  await page.getByRole("button", { name: "Återställ standard" }).click();
  expect(await field(page, "Sannolikhet 1").inputValue()).toBe("Osannolik");
  await page.getByText("Hög risk: 4 rutor, Medelhög risk: 7 rutor, Låg risk: 5 rutor.").waitFor();
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page
    .getByText("Inställningarna är sparade och gäller nu för alla nämnders avtal.")
    .waitFor();
  expect((await settings()).isDefault).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test("at 360 px the steps' names fit their fields, and the preview names them under the matrix", async () => {
  const context = await loopbackContext(browser, { width: 360, height: 1600 });
  const teams = await openInTeams(context, app, {
    person: "karin",
    team: "none",
    sub: "installningar",
  });
  const preview = teams.tab.getByRole("table", { name: "Förhandsvisning" });
  await preview.waitFor();
  const longest = field(teams.tab, "Konsekvens 4");
  expect(await longest.inputValue()).toBe("Mycket allvarlig");
  // The whole name shows: the field is as wide as the text, and wide as the form (one under the other).
  const fit = await longest.evaluate((input) => ({
    scroll: input.scrollWidth,
    client: input.clientWidth,
  }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  const [likely, consequence] = await Promise.all([
    field(teams.tab, "Sannolikhet 1").boundingBox(),
    field(teams.tab, "Konsekvens 1").boundingBox(),
  ]);
  expect(consequence?.y ?? 0).toBeGreaterThan((likely?.y ?? 0) + (likely?.height ?? 0));
  expect(consequence?.width ?? 0).toBeGreaterThan(250);
  const legend = teams.tab.getByRole("list", { name: "Konsekvens (kolumner)" });
  expect(await legend.getByRole("listitem").allTextContents()).toEqual([
    "1 – Lindrig",
    "2 – Kännbar",
    "3 – Allvarlig",
    "4 – Mycket allvarlig",
  ]);
  await teams.tab
    .getByRole("list", { name: "Sannolikhet (rader)" })
    .getByText("2 – Mindre sannolik")
    .waitFor();
  expect(await accessibilityProblems(teams.page)).toEqual([]);
  await context.close();
}, 120_000);

test("accessible in Teams' dark and high-contrast themes; read only, and not in the menu, for a nämnd's member", async () => {
  const context = await loopbackContext(browser);
  for (const theme of ["dark", "contrast"] as const) {
    const teams = await openInTeams(context, app, {
      person: "karin",
      team: "none",
      theme,
      sub: "installningar",
    });
    await teams.tab.getByRole("table", { name: "Förhandsvisning" }).waitFor();
    await teams.tab.getByRole("button", { name: "Spara inställningarna" }).waitFor();
    expect(
      await accessibilityProblems(teams.page, { rules: ["color-contrast", "link-in-text-block"] }),
      theme,
    ).toEqual([]);
    expect(teams.nativeDialogs).toEqual([]);
    await teams.page.close();
  }
  const anna = await openInTeams(context, app, { person: "anna", sub: "installningar" });
  await anna.tab
    .getByText("Bara kommunledningskontoret kan ändra riskmatrisen och uppföljningstakten.")
    .waitFor();
  expect(await anna.tab.getByRole("button", { name: "Spara inställningarna" }).count()).toBe(0);
  expect(
    await anna.tab
      .getByRole("navigation", { name: "Huvudmeny" })
      .getByRole("link", { name: "Inställningar" })
      .count(),
  ).toBe(0);
  await context.close();
}, 120_000);
