import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { field, launchBrowser, pageErrors } from "../support/browser.ts";
import { loopbackContext, openInTeams, tabAddress } from "../support/teams-host.ts";

/**
 * The tab as Teams runs it: framed from another origin in a sandbox without
 * modals by the local Teams host, speaking teams-js's host protocol.
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

describe("in Teams", () => {
  test("SSO, the nämnd from the team, a theme change pushed by Teams", async () => {
    const context = await loopbackContext(browser);
    // The dashboard is asked for as soon as /api/me answers, and that answer is the one shown.
    const dashboards: string[] = [];
    context.on("request", (request) => {
      if (/\/api\/committees\/\d+\/dashboard$/.test(request.url())) dashboards.push(request.url());
    });
    const teams = await openInTeams(context, app, { person: "anna" });
    const errors = pageErrors(teams.page);
    await teams.tab.getByRole("heading", { name: "Översikt – Vård- och äldrenämnden" }).waitFor();
    await teams.tab.getByRole("list", { name: "Sammanfattning" }).waitFor();
    expect(dashboards).toEqual([
      `${app.url}/api/committees/${await app.committeeId("VAN")}/dashboard`,
    ]);
    expect(await teams.tab.getByText("Anna Lindqvist").first().isVisible()).toBe(true);
    expect(await teams.page.locator("#log").textContent()).toContain("authentication.getAuthToken");
    // Inside Teams there is no local sign-in, theme menu or sign-out.
    expect(await teams.tab.getByRole("button", { name: "Logga ut" }).count()).toBe(0);
    expect(await teams.tab.getByLabel("Tema").count()).toBe(0);

    const frame = await teams.frame();
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe("default");
    await teams.page.getByLabel("Tema").selectOption("dark");
    await expect
      .poll(() => frame.evaluate(() => document.documentElement.dataset.theme))
      .toBe("dark");
    // The page's own background follows the theme to every edge (no white margin).
    const edges = await frame.evaluate(() => ({
      margin: getComputedStyle(document.body).margin,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
    expect(edges.margin).toBe("0px");
    expect(edges.background).not.toBe("rgb(255, 255, 255)");
    expect(teams.nativeDialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a deep link opens its screen and shows in the tab's address", async () => {
    const contractId = await app.contractId("Hemtjänst enligt LOV");
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "anna", sub: `avtal/${contractId}` });
    await teams.tab.getByRole("heading", { level: 1, name: "Hemtjänst enligt LOV" }).waitFor();
    expect(await tabAddress(teams)).toBe(`#/avtal/${contractId}`);
    await teams.tab.getByRole("link", { name: "Avvikelser", exact: true }).click();
    await teams.tab.getByRole("heading", { level: 1, name: "Avvikelser" }).waitFor();
    expect(await tabAddress(teams)).toMatch(/^#\/avvikelser/);
    await context.close();
  });

  test("the unsaved-changes guard is an in-page dialog for the menu, the nämnd picker, Back and a reload", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "karin", team: "KS", sub: "oversikt" });
    const { tab } = teams;
    await tab.getByRole("link", { name: "Uppföljningsplan" }).click();
    const timetable = field(tab, "4. Tidsplan – när?");
    await timetable.fill("Varje kvartal, med rapport till nämnden i maj.");
    const leaveDialog = tab.getByRole("alertdialog", { name: "Osparade ändringar" });

    // The menu.
    await tab.getByRole("link", { name: "Avtal", exact: true }).click();
    await leaveDialog.waitFor();
    await leaveDialog.getByRole("button", { name: "Stanna kvar" }).click();
    expect(await timetable.inputValue()).toBe("Varje kvartal, med rapport till nämnden i maj.");

    // The nämnd picker.
    const picker = tab.getByLabel("Nämnd", { exact: true });
    const before = await picker.inputValue();
    await picker.selectOption({ label: "Socialnämnden" });
    await leaveDialog.waitFor();
    await leaveDialog.getByRole("button", { name: "Stanna kvar" }).click();
    expect(await picker.inputValue()).toBe(before);
    expect(await timetable.inputValue()).toBe("Varje kvartal, med rapport till nämnden i maj.");

    // The browser's Back.
    const frame = await teams.frame();
    await frame.evaluate(() => window.history.back());
    await leaveDialog.waitFor();
    expect(await tabAddress(teams)).toBe("#/plan");
    await leaveDialog.getByRole("button", { name: "Stanna kvar" }).click();
    expect(await timetable.inputValue()).toBe("Varje kvartal, med rapport till nämnden i maj.");

    // Teams reloads the tab: the typing comes back as a restored draft.
    await teams.page.getByRole("button", { name: "Ladda om fliken" }).click();
    await tab.getByRole("link", { name: "Uppföljningsplan" }).click();
    await tab.getByText(/Dina osparade ändringar från .* är återställda/).waitFor();
    expect(await field(tab, "4. Tidsplan – när?").inputValue()).toBe(
      "Varje kvartal, med rapport till nämnden i maj.",
    );

    // Leaving without saving drops the draft.
    await tab.getByRole("link", { name: "Avtal", exact: true }).click();
    await leaveDialog.getByRole("button", { name: "Lämna utan att spara" }).click();
    await tab.getByRole("heading", { level: 1, name: "Avtal" }).waitFor();
    await tab.getByRole("link", { name: "Uppföljningsplan" }).click();
    await tab.getByRole("heading", { level: 1, name: /^Uppföljningsplan/ }).waitFor();
    expect(await field(tab, "4. Tidsplan – när?").inputValue()).not.toContain("Varje kvartal");
    expect(await tab.getByText(/är återställda/).count()).toBe(0);

    expect(teams.nativeDialogs).toEqual([]);
    await context.close();
  });

  test("the channel tab's configuration page: no app chrome, the team's nämnd, a whole tab name", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "johan", team: "IFN", view: "config" });
    const { tab, page } = teams;
    await tab.getByText("Individ- och familjeomsorgsnämnden").first().waitFor();
    expect(await tab.getByRole("navigation", { name: "Huvudmeny" }).count()).toBe(0);
    expect(await tab.getByLabel("Nämnd").count()).toBe(0);
    const save = page.getByRole("button", { name: "Spara" });
    await expect.poll(() => save.isEnabled()).toBe(true);
    await save.click();
    await page.getByText("Fliken ”Avtal – IFN” har lagts till i kanalen.").waitFor();
    expect(await page.locator("#tab-name").textContent()).toBe("Avtal – IFN");
    await tab
      .getByRole("heading", { name: "Översikt – Individ- och familjeomsorgsnämnden" })
      .waitFor();
    expect(teams.nativeDialogs).toEqual([]);
    await context.close();
  });

  test("the team decides a channel tab's nämnd, whatever ?namnd the saved tab carries", async () => {
    const socialnamnden = await app.committeeId("SN");
    const context = await loopbackContext(browser);
    const first = await openInTeams(context, app, { person: "karin", team: "VAN" });
    await first.page.evaluate(
      ([url, id]) =>
        localStorage.setItem(
          "teams-host.tab.VAN",
          JSON.stringify({
            entityId: `namnd-${id}`,
            contentUrl: `${url}/?namnd=${id}#/oversikt`,
            suggestedDisplayName: "Avtal",
          }),
        ),
      [app.url, socialnamnden],
    );
    const teams = await openInTeams(context, app, { person: "karin", team: "VAN" });
    await teams.tab.getByRole("heading", { name: "Översikt – Vård- och äldrenämnden" }).waitFor();
    expect(await (await teams.frame()).evaluate(() => window.location.search)).toBe(
      `?namnd=${socialnamnden}`,
    );
    await context.close();
  });

  test("a team whose nämnd the person may not read says so, instead of showing another", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "anna", team: "SN" });
    const message = teams.tab.getByText(
      /Du har inte behörighet att läsa Socialnämnden, som det här teamet hör till/,
    );
    await message.waitFor();
    expect(await teams.tab.getByRole("heading", { name: /Vård- och äldrenämnden/ }).count()).toBe(
      0,
    );
    await context.close();
  });
});

describe("working in lists and the årshjul", () => {
  test("årshjul items open their task, prefilled: a kickoff for the contract's start, a follow-up for its period", async () => {
    const context = await loopbackContext(browser);
    const anna = await openInTeams(context, app, { person: "anna" });
    const kickoff = anna.tab.getByRole("link", {
      name: /^Uppstartsmöte före avtalsstart .*Korttidsboende Björken/,
    });
    await kickoff.click();
    await anna.tab.getByRole("heading", { level: 1, name: "Nytt uppstartsmöte" }).waitFor();
    const bjorken = await app.call(
      "GET",
      `/api/contracts/${await app.contractId("Korttidsboende Björken")}`,
      {
        user: "anna",
      },
    );
    expect(
      await field(anna.tab, "Avtal").evaluate(
        (select: HTMLSelectElement) => select.selectedOptions[0]?.text,
      ),
    ).toMatch(/^Korttidsboende Björken/);
    expect(await field(anna.tab, "Avtalsstart (eller förlängningens start)").inputValue()).toBe(
      bjorken.body.startDate,
    );

    const erik = await openInTeams(context, app, { person: "erik" });
    const followUp = erik.tab.getByRole("link", {
      name: /^Uppföljning 1 av Snöröjning och halkbekämpning för perioden/,
    });
    const title = (await followUp.first().textContent()) ?? "";
    const period = /perioden (\S+)$/.exec(title)?.[1];
    await followUp.first().click();
    await erik.tab.getByRole("heading", { level: 1, name: /uppföljning/i }).waitFor();
    expect(
      await field(erik.tab, "Avtal").evaluate(
        (select: HTMLSelectElement) => select.selectedOptions[0]?.text,
      ),
    ).toMatch(/^Snöröjning och halkbekämpning/);
    expect(await field(erik.tab, "Period").inputValue()).toBe(period);
    await context.close();
  });

  test("a list keeps its filters per person and screen, also where the frame may not store", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "anna" });
    const { tab } = teams;
    await tab.getByRole("link", { name: "Avvikelser", exact: true }).click();
    await tab.getByLabel("Status").selectOption({ label: "Öppen" });
    await tab.getByRole("link", { name: "Översikt" }).click();
    await tab.getByRole("heading", { level: 1, name: /^Översikt/ }).waitFor();
    await tab.getByRole("link", { name: "Avvikelser", exact: true }).click();
    await tab.getByRole("heading", { level: 1, name: "Avvikelser" }).waitFor();
    expect(await tab.getByLabel("Status").inputValue()).toBe("öppen");
    expect(decodeURIComponent(await tabAddress(teams))).toContain("status=öppen");
    await context.close();
  });

  test("kommunledningskontoret: figures open the lists behind them, the late list names each nämnd, read-only views say so", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "karin", team: "none" });
    const { tab } = teams;
    await tab.getByRole("heading", { level: 1, name: "Kommunövergripande" }).waitFor();
    const late = tab.getByRole("table", { name: "Försenat i nämnderna" });
    expect(await late.getByRole("columnheader", { name: "Nämnd" }).count()).toBe(1);
    // Uppsiktsplikt: the provider failing in two nämnder, its nämnder and the sentence for KS.
    await tab
      .getByRole("heading", { level: 2, name: "Leverantörer i flera nämnder (1)" })
      .waitFor();
    const flagged = tab.getByRole("table", { name: "Leverantörer i flera nämnder" });
    const row = flagged.getByRole("row", { name: /Trygga Händer Hemtjänst AB \(556910-3301\)/ });
    expect(await row.count()).toBe(1);
    expect(await row.getByRole("listitem").allTextContents()).toEqual(
      expect.arrayContaining([
        "Vård- och äldrenämnden: 1 avtal, 2 öppna brister, 1 med hög risk",
        // Boendestöd is hög as on its own page: its deviation and its provider's noted finances.
        "Socialnämnden: 1 avtal, 1 öppen brist, 1 med hög risk",
      ]),
    );
    expect(await row.textContent()).toContain("Kommunstyrelsen bör i sin uppsiktsplikt");
    const overview = await app.call("GET", "/api/overview", { user: "karin" });
    await tab
      .getByRole("link", { name: /Strategiska avtal/ })
      .first()
      .click();
    await tab.getByRole("heading", { level: 1, name: "Avtal" }).waitFor();
    expect(await tabAddress(teams)).toContain("strategiskt=true");
    await expect
      .poll(() => tab.getByText(/^\d+ avtal$/).textContent())
      .toBe(`${overview.body.totals.strategicContracts} avtal`);
    await tab.getByRole("link", { name: "Hemtjänst enligt LOV" }).click();
    await tab.getByText("Du har läsbehörighet").waitFor();
    expect(await tab.getByRole("button", { name: "Spara ändringar" }).count()).toBe(0);
    await context.close();
  });
});

describe("when Teams is slow, silent or says no", () => {
  test("a Teams that answers after 3 seconds still starts the tab in Teams", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(context, app, { person: "anna", init: "slow" });
    await teams.tab.getByRole("heading", { name: "Översikt – Vård- och äldrenämnden" }).waitFor();
    expect(await teams.tab.getByRole("button", { name: /Logga in/ }).count()).toBe(0);
    await context.close();
  });

  test("a Teams that never answers gets a Swedish message, not the local sign-in", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(
      context,
      app,
      { person: "anna", init: "never" },
      { waitForApp: false },
    );
    const alert = teams.tab.getByRole("alert").filter({ hasText: "Teams svarar inte" });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain("Ladda om fliken");
    expect(await teams.tab.getByRole("button", { name: /Logga in som/ }).count()).toBe(0);
    await context.close();
  });

  test("consent missing: the tab asks through authentication.authenticate() and then starts", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(
      context,
      app,
      { person: "anna", sso: "consent" },
      { waitForApp: false },
    );
    const alert = teams.tab.getByRole("alert").filter({ hasText: "Medgivande saknas" });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain("Logga in igen");
    await teams.tab.getByRole("button", { name: "Ge medgivande" }).click();
    const consent = teams.page.getByRole("dialog", { name: "Begäran om behörighet" });
    await consent.waitFor();
    expect(await consent.textContent()).toContain("https://localhost:");
    await consent.getByRole("button", { name: "Godkänn" }).click();
    await teams.tab.getByRole("heading", { name: "Översikt – Vård- och äldrenämnden" }).waitFor();
    expect(await teams.page.locator("#log").textContent()).toContain("authentication.authenticate");
    await context.close();
  });

  test("SSO that fails says what to do in Teams' words", async () => {
    const context = await loopbackContext(browser);
    const teams = await openInTeams(
      context,
      app,
      { person: "anna", sso: "fail" },
      { waitForApp: false },
    );
    const alert = teams.tab.getByRole("alert").filter({ hasText: "Kunde inte logga in" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Teams kunde inte logga in dig");
    expect(await teams.tab.getByRole("button", { name: /Logga in som/ }).count()).toBe(0);
    await context.close();
  });

  test("storage denied in the frame: the tab works without remembering", async () => {
    const context = await loopbackContext(browser);
    await context.addInitScript(() => {
      if (window.location.hostname !== "localhost") return;
      for (const name of ["localStorage", "sessionStorage"])
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException("Access is denied for this document.", "SecurityError");
          },
        });
    });
    const teams = await openInTeams(context, app, { person: "anna" });
    const errors = pageErrors(teams.page);
    await teams.tab.getByRole("link", { name: "Avvikelser", exact: true }).click();
    await teams.tab.getByRole("heading", { level: 1, name: "Avvikelser" }).waitFor();
    await teams.tab.getByLabel("Status").selectOption({ label: "Öppen" });
    expect(await tabAddress(teams)).toContain("status=");
    expect(errors).toEqual([]);
    await context.close();
  });
});
