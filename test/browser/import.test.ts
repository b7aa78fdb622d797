import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { accessibilityProblems, launchBrowser, pageErrors, signIn } from "../support/browser.ts";

/**
 * Socialnämndens secretary brings a register in through the tab: choose a
 * file, correct a column the proposal left out, check the preview, import,
 * and download the result.
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

/** The innermost elements that reach past the page's right edge (wide tables scroll inside their own region instead). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement)
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(parent).overflowX)) return true;
      return false;
    };
    const sticking = [...document.body.querySelectorAll("*")].filter(
      (element) =>
        element.getBoundingClientRect().right > width + 1 &&
        ![...element.children].some((child) => child.getBoundingClientRect().right > width + 1) &&
        !clipped(element),
    );
    return sticking.map(
      (element) =>
        `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px: ${element.textContent?.slice(0, 40)}`,
    );
  });

async function register(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Register 2026");
  sheet.getCell("A1").value = "Socialnämndens avtal";
  sheet.mergeCells("A1:F1");
  sheet.getRow(2).values = [
    "Avtalsnummer",
    "Avtalsnamn",
    "Utförare",
    "Avtalsslut",
    "Årsvärde",
    "Fritext 2",
  ];
  sheet.getRow(3).values = [
    "SN-TAB-1",
    "Stödboende",
    "Bo Tryggt AB",
    new Date("2027-06-30T00:00:00Z"),
    "1 250 000 kr",
    "Ring före besök",
  ];
  sheet.getRow(4).values = ["SN-TAB-2", "Kontaktfamiljer", "", "1/3/2027", "", ""];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test("the secretary imports a register: mapping, preview, import, result", async () => {
  const context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Maria Nilsson", "#/avtal");
  await page.getByRole("button", { name: "Importera från Excel" }).click();
  await page.getByRole("heading", { name: "Importera avtal", level: 1 }).waitFor();
  await page.getByLabel("Fil med avtalsregistret").setInputFiles({
    name: "register.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await register(),
  });

  // The proposal: every column but the free text one.
  const notes = page.getByLabel("Kolumn F: Fritext 2");
  await notes.waitFor();
  expect(await page.getByLabel("Kolumn A: Avtalsnummer").inputValue()).toBe("contractNumber");
  expect(await notes.inputValue()).toBe("");
  const preview = page.getByRole("table", { name: "Rader i filen" });
  await preview.getByRole("cell", { name: "SN-TAB-1", exact: true }).waitFor();
  await page
    .getByRole("region", { name: "3. Förhandsgranska och importera" })
    .getByText("Skapas: 1. Uppdateras: 0. Oförändrad: 0. Avvisas: 1.")
    .waitFor();
  await preview.getByText(/1\/3\/2027 kan vara både 1 mars och 3 januari 2027/).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  // The preview in the dark and high-contrast themes: the rules a theme can change.
  for (const theme of ["Mörkt", "Hög kontrast", "Ljust"]) {
    await page.getByLabel("Tema").selectOption({ label: theme });
    expect(
      await accessibilityProblems(page, { rules: ["color-contrast", "link-in-text-block"] }),
      theme,
    ).toEqual([]);
  }

  // At Teams' narrowest width (a phone, the side panel) the page does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 1600 });
  expect(await sidewaysOverflow(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The person maps the free text to the internal notes and previews again.
  await notes.selectOption({ label: "Interna anteckningar" });
  await expect
    .poll(() => page.getByRole("button", { name: "Importera", exact: true }).isDisabled())
    .toBe(true);
  await page.getByRole("button", { name: "Förhandsgranska med ändrade kolumner" }).click();
  await preview.getByText("Interna anteckningar: Ring före besök").waitFor();

  await page.getByRole("button", { name: "Importera", exact: true }).click();
  const resultRegion = page.getByRole("region", { name: "Resultat" });
  await resultRegion.getByText("Importen är klar", { exact: true }).waitFor();
  await resultRegion.getByText("Skapad: 1. Uppdaterad: 0. Oförändrad: 0. Avvisad: 1.").waitFor();
  const done = page.getByRole("table", { name: "Importerade rader" });
  expect(await done.getByRole("row").count()).toBe(3);
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 1600 });
  expect(await sidewaysOverflow(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Ladda ner resultatet (Excel)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Importresultat SN.xlsx");
  const result = new ExcelJS.Workbook();
  await result.xlsx.readFile((await download.path()) ?? "");
  expect(result.getWorksheet("Resultat")?.getRow(2).getCell(6).value).toBe("skapad");

  const sn = await app.committeeId("SN");
  const contracts = await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" });
  const imported = contracts.body.items.find(
    (item: { contractNumber: string }) => item.contractNumber === "SN-TAB-1",
  );
  expect(imported).toMatchObject({ title: "Stödboende", endDate: "2027-06-30" });
  // Imported without value and impact: on Översikt to classify, one click from the contract.
  await page
    .getByRole("navigation", { name: "Huvudmeny" })
    .getByRole("link", { name: "Översikt" })
    .click();
  const toClassify = page.getByRole("region", { name: /^Att klassificera/ });
  await toClassify.getByRole("link", { name: "Stödboende" }).click();
  await page.getByRole("heading", { name: "Stödboende", level: 1 }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test("a member who is not the nämnd's secretary is not offered the import", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await signIn(page, app.url, "Anna Lindqvist", "#/avtal");
  await page.getByRole("button", { name: "Nytt avtal" }).waitFor();
  expect(await page.getByRole("button", { name: "Importera från Excel" }).count()).toBe(0);
  await page.goto(`${app.url}/#/importera`);
  await page
    .getByText("Avtal importeras av nämndens sekreterare eller av kommunledningskontoret.")
    .waitFor();
  await context.close();
});

test("last period's follow-ups come as a second CSV file and are linked to the contracts by number", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signIn(page, app.url, "Maria Nilsson", "#/importera");
  await page.getByRole("heading", { name: "Importera avtal", level: 1 }).waitFor();
  const history = page.getByLabel("Förra periodens uppföljningar och brister (valfritt)");
  expect(await history.isDisabled()).toBe(true);
  await page.getByLabel("Fil med avtalsregistret").setInputFiles({
    name: "register.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Avtalsnummer;Avtal;Leverantör\r\nSN-TVA-1;Korttidsboende;Omsorg AB\r\n"),
  });
  const preview = page.getByRole("table", { name: "Rader i filen" });
  await preview.getByRole("cell", { name: "SN-TVA-1", exact: true }).waitFor();
  await history.setInputFiles({
    name: "uppfoljningar.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "Avtalsnummer;Period;Datum;Uppfyller väsentliga kvalitetskrav;Iakttagna brister\r\n" +
        "SN-TVA-1;2024–2025;2025-03-15;Delvis;Bemanning nattetid\r\n",
    ),
  });
  await preview.getByRole("cell", { name: /^uppfoljningar\.csv rad 2/ }).waitFor();
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await page
    .getByRole("region", { name: "Resultat" })
    .getByText("Skapad: 2. Uppdaterad: 0. Oförändrad: 0. Avvisad: 0.")
    .waitFor();

  const contract = (
    await app.call("GET", `/api/contracts?committeeId=${await app.committeeId("SN")}`, {
      user: "maria",
    })
  ).body.items?.find((item) => item.contractNumber === "SN-TVA-1");
  if (!contract) throw new Error("SN-TVA-1 was not imported");
  const followUps = await app.call("GET", `/api/follow-ups?contractId=${contract.id}`, {
    user: "maria",
  });
  expect(followUps.body.items).toMatchObject([
    { followUpDate: "2025-03-15", deficienciesSummary: "Bemanning nattetid" },
  ]);
  expect(errors).toEqual([]);
  await context.close();
});
