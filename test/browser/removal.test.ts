import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { recordBody } from "../support/bodies.ts";
import {
  accessibilityProblems,
  desktopPage,
  launchBrowser,
  pageErrors,
  signIn,
} from "../support/browser.ts";

/**
 * A deviation registered by mistake: Lars (Socialnämnden) removes it with a
 * reason in the page's own dialog; it leaves the list; Karin
 * (kommunledningskontoret) finds it under "Borttagna poster" and restores it;
 * the deviation's history tells both, by name.
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

test("a record is removed with a reason and restored by kommunledningskontoret", async () => {
  const sn = await app.committeeId("SN");
  const contracts = await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "lars" });
  const contract = contracts.body.items?.find((item) => item.committeeId === sn);
  if (!contract) throw new Error("no SN contract in the demo data");
  const created = await app.call("POST", "/api/deviations", {
    user: "lars",
    body: {
      ...recordBody("deviations", sn, contract.id, "fel"),
      description: "Registrerad på fel avtal",
    },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;

  const { context, page, errors } = await desktopPage(browser);
  await signIn(page, app.url, "Lars Andersson", `#/avvikelser/${id}`);
  await page.getByRole("heading", { level: 2, name: "Ändringshistorik" }).waitFor();
  // Before the removal, the history is exported for the record's file (issue 19, item 5).
  await page.getByRole("button", { name: "Exportera historik" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: "Excel (.xlsx)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Historik avvikelsen .*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const historik = workbook.getWorksheet("Historik");
  expect(historik?.getRow(2).getCell(2).text).toBe("Lars Andersson");
  expect(historik?.getRow(2).getCell(3).text).toBe("Skapad");
  await page.getByRole("button", { name: "Ta bort", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Ta bort avvikelsen?" });
  await dialog.waitFor();
  // The reason is asked first: the field has the focus.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  expect(await accessibilityProblems(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Ta bort", exact: true }).click();
  await dialog.getByText("Skriv varför posten tas bort.").waitFor();
  // Asked again where it is missing: the field has the focus back.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  await page.keyboard.type("Registrerad på fel avtal");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Avvikelser", exact: true }).waitFor();
  expect((await app.call("GET", `/api/deviations/${id}`, { user: "lars" })).status).toBe(404);
  await context.close();

  const klk = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const klkPage = await klk.newPage();
  errors.push(...pageErrors(klkPage));
  await signIn(klkPage, app.url, "Karin Berg", "#/kommun");
  const section = klkPage.getByRole("region", { name: "Borttagna poster" });
  await section.getByText("Registrerad på fel avtal").first().waitFor();
  await section
    .getByRole("button", { name: "Återställ avvikelse Registrerad på fel avtal" })
    .click();
  await section.getByText("är återställd och syns igen i listorna").waitFor();
  expect(await accessibilityProblems(klkPage)).toEqual([]);
  await klk.close();

  const restored = await app.call("GET", `/api/deviations/${id}`, { user: "lars" });
  expect(restored.status).toBe(200);
  const history = await app.call("GET", `/api/deviations/${id}/history`, { user: "lars" });
  expect(history.body.items.map((entry: { summary: string }) => entry.summary)).toEqual([
    "Återställd",
    "Borttagen: Registrerad på fel avtal",
    "Skapad",
  ]);
  expect(errors).toEqual([]);
});
