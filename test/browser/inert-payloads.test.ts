import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";
import { launchBrowser, pageErrors, signIn } from "../support/browser.ts";
import { renderToText } from "../support/libreoffice.ts";

/**
 * Text people type is shown as text everywhere it goes: the tab, the bot's
 * cards, the public /insyn pages and CSV, and the Word reports. Each payload
 * below would do something if any of them interpreted it.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
const MARKUP = `<img src=x onerror="globalThis.__pwned=1">Solrosen`;
const SCRIPT = "<script>globalThis.__pwned=1</script>Omsorg AB";
const LINK = "[klicka här](javascript:globalThis.__pwned=1)";
const FORMULA = '=HYPERLINK("https://example.com","Klicka")';
const TEMPLATE = "{{title}} {#contracts}";

let app: TestApp;
let browser: Browser;
let contractId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ now: TODAY }), launchBrowser()]);
  const van = await app.committeeId("VAN");
  const me = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: {
      ...contractBody(van, me, MARKUP),
      provider: SCRIPT,
      serviceArea: FORMULA,
      description: LINK,
      publicDescription: `${LINK} ${TEMPLATE}`,
      publicFields: ["provider", "serviceArea"],
      startDate: "2024-01-01",
      status: "aktivt",
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  contractId = created.body.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("hostile text stays text", () => {
  test("in the tab: shown literally, nothing runs", async () => {
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, app.url, "Anna Lindqvist", `#/avtal/${contractId}`);
    await page.getByRole("heading", { level: 1, name: MARKUP }).waitFor();
    await expect.poll(() => page.getByText(SCRIPT).count()).toBeGreaterThan(0);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(await page.locator("a[href^='javascript']").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("in the bot's card: markdown escaped, so no link is made", async () => {
    await app.call("POST", "/api/chat", { user: "anna", body: { text: "avtal Solrosen" } });
    const items = (await app.call("GET", "/api/chat", { user: "anna" })).body.items as Array<{
      activity: { attachments?: Array<{ content: unknown }> };
    }>;
    const card = JSON.stringify(items.at(-1)?.activity.attachments?.[0]?.content ?? {});
    expect(card).toContain("Solrosen");
    expect(card).not.toContain("](javascript");
    // Teams shows the escaped characters as the literal text.
    expect(card.replace(/\\\\(.)/g, "$1")).toContain(JSON.stringify(MARKUP).slice(1, -1));
  });

  test("on /insyn and in its CSV: HTML encoded, formulas defused", async () => {
    const page = await (await fetch(`${app.url}/insyn/VAN`)).text();
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain("<script>globalThis");
    expect(page).toContain("&lt;img src=x");
    const csv = await (await fetch(`${app.url}/insyn/avtal.csv`)).text();
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|;)"?=HYPERLINK/m);
  });

  test("in the Word report: printed as typed, placeholders untouched", async () => {
    const van = await app.committeeId("VAN");
    const generated = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: van },
    });
    expect(generated.status).toBe(201);
    const response = await fetch(`${app.url}/api/reports/${generated.body.report.id}/content`, {
      headers: { Authorization: `Bearer ${await app.tokenFor("anna")}` },
    });
    const { text } = await renderToText(new Uint8Array(await response.arrayBuffer()));
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(MARKUP);
    expect(flat).toContain("<script>globalThis.__pwned=1</script>Omsorg AB");
  });
});
