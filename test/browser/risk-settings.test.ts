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
 * plain-Swedish explanation follow, saves, is told in Swedish beside the
 * field when the thresholds are out of order, keeps her draft when someone
 * saved first, and goes back to the defaults. Anna has no such menu entry
 * and sees the settings read only. Axe in light, dark and high contrast.
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
      .filter({ hasText: /^16 Hög$/ })
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
    "2 Låg",
    "4 Medel",
    "6 Hög",
    "8 Hög",
  ]);
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page
    .getByText("Inställningarna är sparade och gäller nu för alla nämnders avtal.")
    .waitFor();
  const saved = await settings();
  expect(saved.matrix.likelihoodLabels[0]).toBe("Liten");
  expect(saved.matrix.thresholds).toEqual({ medel: 4, hög: 6 });
  expect(saved.isDefault).toBe(false);

  // Out of order: the API's Swedish message beside the field, the focus on it.
  await field(page, "Lägsta poäng för medelhög risk").fill("7");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page
    .getByText("Gränsen för hög risk ska vara högre än den för medelhög risk.")
    .first()
    .waitFor();
  expect(
    await page.evaluate(() => document.activeElement?.closest("[class*=fui-Field]")?.textContent),
  ).toContain("Lägsta poäng för hög risk");
  expect(await accessibilityProblems(page)).toEqual([]);
  await field(page, "Lägsta poäng för medelhög risk").fill("4");

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
