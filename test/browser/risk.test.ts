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
 * The risk card on a contract: Anna sees hemtjänst suggested as hög risk with
 * its reasons, overrides it to medel — asked for a reason first, with the
 * focus on the field — and sees the suggestion said to stand above her
 * assessment. Someone saving in between gets the conflict told, not
 * overwritten. She withdraws the assessment with a reason, and the
 * suggestion holds again. Keyboard only for the form; axe in light, dark and
 * high contrast.
 */

let app: TestApp;
let browser: Browser;
let hemtjanst: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  hemtjanst = await app.contractId("Hemtjänst enligt LOV");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the suggestion with its reasons, overridden with a reason, and a conflict told", async () => {
  const { context, page, errors } = await desktopPage(browser);
  await signIn(page, app.url, "Anna Lindqvist", `#/avtal/${hemtjanst}`);
  const card = page.getByRole("region", { name: "Riskbedömning" });
  await card.getByText("Förslag: Hög risk").waitFor();
  const reasons = card.getByRole("list", { name: "Skäl till förslaget" }).getByRole("listitem");
  expect(await reasons.first().textContent()).toMatch(/^Hög risk: sannolikhet 4/);
  expect(await reasons.allTextContents()).toContain("6 öppna brister");
  await card.getByText("Bedömning: ingen ännu").waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  // Keyboard: a lower likelihood, then save without a reason.
  await field(page, "Sannolikhet").focus();
  await field(page, "Sannolikhet").selectOption("2");
  await card.getByText("Blir: Medelhög risk").waitFor();
  await card.getByRole("button", { name: "Spara bedömningen" }).focus();
  await page.keyboard.press("Enter");
  await card.getByText("Ange varför bedömningen skiljer sig från förslaget.").waitFor();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.keyboard.type("Bristerna åtgärdas enligt handlingsplanen");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await card.getByText("Riskbedömningen är sparad.").waitFor();
  await card.getByText("Bedömning: Medelhög risk").waitFor();
  // A deliberate override is told, not nagged about.
  await card.getByText("Bedömningen är lägre än förslaget").waitFor();
  expect(await card.getByText("Se över bedömningen").count()).toBe(0);
  await card.getByText("Motivering: Bristerna åtgärdas enligt handlingsplanen").waitFor();
  const stored = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
  expect(stored.body.confirmed).toMatchObject({ likelihood: 2, consequence: 4 });

  // Someone else saves meanwhile: the next save is refused and said so.
  const other = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
    user: "anna",
    headers: { "If-Match": stored.body.etag },
    body: { likelihood: 4, consequence: 4 },
  });
  expect(other.status).toBe(200);
  await field(page, "Konsekvens").selectOption("3");
  await card.getByRole("button", { name: "Spara bedömningen" }).click();
  await card.getByText("Ändrat av någon annan").waitFor();
  // The stored assessment is shown; the person's draft is kept to save again.
  await card.getByText("Bedömning: Hög risk").waitFor();
  expect(await field(page, "Konsekvens").inputValue()).toBe("3");
  const after = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
  expect(after.body.confirmed).toMatchObject({ likelihood: 4, consequence: 4 });

  // Withdrawn: a reason asked for in an in-page dialog, then the suggestion holds again.
  await card.getByRole("button", { name: "Återkalla bedömningen" }).click();
  const dialog = page.getByRole("dialog", { name: "Återkalla bedömningen?" });
  await dialog.waitFor();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  await dialog.getByRole("button", { name: "Återkalla", exact: true }).click();
  await dialog.getByText("Ange varför bedömningen återkallas.").waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await field(page, "Varför återkallas bedömningen?").fill("Bedömningen gjordes på fel underlag");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await card.getByText("Bedömningen är återkallad. Förslaget gäller nu.").waitFor();
  await card.getByText("Bedömning: ingen ännu").waitFor();
  expect(await dialog.count()).toBe(0);
  expect(await card.getByRole("button", { name: "Återkalla bedömningen" }).count()).toBe(0);
  const withdrawn = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
  expect(withdrawn.body).toMatchObject({ source: "suggested", confirmed: null });
  const history = await app.call("GET", `/api/contracts/${hemtjanst}/history`, { user: "anna" });
  expect(history.body.items[0]!.changes).toContainEqual(
    expect.objectContaining({
      field: "riskReason",
      to: "Bedömningen återkallad: Bedömningen gjordes på fel underlag",
    }),
  );
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test("read only for kommunledningskontoret; accessible in Teams' dark and high-contrast themes", async () => {
  const context = await loopbackContext(browser);
  for (const theme of ["dark", "contrast"] as const) {
    const teams = await openInTeams(context, app, {
      person: "anna",
      theme,
      sub: `avtal/${hemtjanst}`,
    });
    const card = teams.tab.getByRole("region", { name: "Riskbedömning" });
    await card.getByRole("button", { name: /Bekräfta förslaget|Spara bedömningen/ }).waitFor();
    expect(
      await accessibilityProblems(teams.page, { rules: ["color-contrast", "link-in-text-block"] }),
      theme,
    ).toEqual([]);
    expect(teams.nativeDialogs).toEqual([]);
    await teams.page.close();
  }
  const karin = await openInTeams(context, app, {
    person: "karin",
    team: "none",
    sub: `avtal/${hemtjanst}`,
  });
  const card = karin.tab.getByRole("region", { name: "Riskbedömning" });
  await card.getByText(/^Förslag: /).waitFor();
  expect(await card.getByRole("button").count()).toBe(0);
  await context.close();
}, 120_000);
