import fs from "node:fs";
import path from "node:path";
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
 * Evidence in the tab: Anna attaches a PDF to a follow-up with the real file
 * input, sees it listed with size, her name and the time; a file of a type
 * not allowed is explained in Swedish before anything is sent; she removes
 * the file with a reason and the history tells it. Erik, of another nämnd,
 * reading the contract of VAN is refused by the API (403) — tested in the
 * HTTP suite; here the list is read-only for kommunledningskontoret.
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

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

test("a file is attached with the file input, listed, refused when not allowed, and removed with a reason", async () => {
  const van = await app.committeeId("VAN");
  const contract = await app.contractId("Hemtjänst enligt LOV");
  const created = await app.call("POST", "/api/follow-ups", {
    user: "anna",
    body: recordBody("follow-ups", van, contract, "underlag i fliken"),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;

  const { context, page, errors } = await desktopPage(browser);
  await signIn(page, app.url, "Anna Lindqvist", `#/uppfoljning/${id}`);
  const section = page.getByRole("region", { name: "Underlag" });
  await section.getByText("Inga filer är bifogade ännu.").waitFor();

  // The file input is reached with the keyboard, by its label.
  const input = section.getByLabel("Bifoga en fil");
  await input.focus();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("file");

  // A type outside the allow-list: explained at once, nothing sent.
  await input.setInputFiles({
    name: "program.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ"),
  });
  await section
    .getByRole("alert")
    .getByText("Filtypen .exe kan inte bifogas som underlag")
    .waitFor();

  await input.setInputFiles({
    name: "Protokoll från mötet.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await section.getByText("Protokoll från mötet.pdf är bifogad.").waitFor();
  const list = section.getByRole("list", { name: "Bifogade filer" });
  await list.getByRole("link", { name: "Protokoll från mötet.pdf" }).waitFor();
  await list.getByText(`${PDF.byteLength} byte · Anna Lindqvist`).waitFor();
  // The history shows the file, by name and person.
  await page.getByText("Underlag tillagt: Protokoll från mötet.pdf").waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  fs.mkdirSync(path.resolve("test-results/screens"), { recursive: true });
  await section.screenshot({ path: path.resolve("test-results/screens/underlag.png") });

  // Download through the API (the bytes as sent).
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    list.getByRole("button", { name: "Ladda ned Protokoll från mötet.pdf" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Protokoll från mötet.pdf");

  // Removed with a reason, in the page's own dialog.
  await list.getByRole("button", { name: "Ta bort Protokoll från mötet.pdf" }).click();
  const dialog = page.getByRole("dialog", { name: "Ta bort filen Protokoll från mötet.pdf?" });
  await dialog.waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.keyboard.type("Fel möte");
  await dialog.getByRole("button", { name: "Ta bort", exact: true }).click();
  await section.getByText("Protokoll från mötet.pdf är borttagen.").waitFor();
  await section.getByText("Inga filer är bifogade ännu.").waitFor();
  await page
    .getByText("Underlag borttaget: Protokoll från mötet.pdf. Anledning: Fel möte")
    .waitFor();
  await context.close();

  // Kommunledningskontoret reads the list but gets no file input.
  const again = await app.call("POST", `/api/follow-ups/${id}/evidence?name=Kvar.pdf`, {
    user: "anna",
    body: PDF.toString("latin1"),
    headers: { "Content-Type": "application/pdf" },
  });
  expect(again.status, JSON.stringify(again.body)).toBe(201);
  const klk = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const klkPage = await klk.newPage();
  errors.push(...pageErrors(klkPage));
  await signIn(klkPage, app.url, "Karin Berg", `#/uppfoljning/${id}`);
  const klkSection = klkPage.getByRole("region", { name: "Underlag" });
  await klkSection.getByRole("link", { name: "Kvar.pdf" }).waitFor();
  expect(await klkSection.getByLabel("Bifoga en fil").count()).toBe(0);
  expect(await klkSection.getByRole("button", { name: "Ta bort Kvar.pdf" }).count()).toBe(0);
  await klk.close();
  expect(errors).toEqual([]);
});
