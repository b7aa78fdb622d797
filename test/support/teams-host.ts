import type { Browser, BrowserContext, Frame, FrameLocator, Page } from "playwright-core";
import { DEMO_USERS, type DemoUserKey } from "../../api/src/demo/demo-people.ts";
import type { TestApp } from "./app.ts";

/**
 * The tab inside the local Teams host (teams-app/local-host): another origin,
 * a sandbox without modals, the teams-js host protocol. Every page opened
 * here records native dialogs — opened ones, and the ones the sandbox
 * silently refused (Chromium logs "Ignored call to 'confirm()'") — so a test
 * can require that none was tried.
 */

export interface HostOptions {
  person: DemoUserKey;
  /** A nämnd's code, or "none" for the personal app. Default: the person's own nämnd. */
  team?: string;
  view?: "channel" | "personal" | "config";
  theme?: "default" | "dark" | "contrast";
  /** A deep link's sub page, e.g. "avtal/12". */
  sub?: string;
  init?: "normal" | "slow" | "never";
  sso?: "ok" | "consent" | "fail" | "never";
}

export interface TeamsPage {
  page: Page;
  /** The tab's frame, for locators. */
  tab: FrameLocator;
  /** The tab's frame, for evaluating script in it (its address, its document). */
  frame(): Promise<Frame>;
  /** Native dialogs the tab opened or tried to open. */
  nativeDialogs: string[];
}

export function hostUrl(app: TestApp, options: HostOptions): string {
  const params = new URLSearchParams({ person: DEMO_USERS[options.person].email });
  for (const key of ["team", "view", "theme", "sub", "init", "sso"] as const) {
    const value = options[key];
    if (value) params.set(key, value);
  }
  return `${app.url.replace("//localhost:", "//127.0.0.1:")}/teams-host/?${params}`;
}

/** A browser context that can reach only this machine (teams-js's CDN lookups are refused). */
export async function loopbackContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "sv-SE", viewport });
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
    (route) => route.abort(),
  );
  return context;
}

export async function openInTeams(
  context: BrowserContext,
  app: TestApp,
  options: HostOptions,
  { waitForApp = true } = {},
): Promise<TeamsPage> {
  const page = await context.newPage();
  const nativeDialogs: string[] = [];
  page.on("dialog", (dialog) => {
    nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Ignored call to '(alert|confirm|prompt|print)\(\)'/.test(message.text()))
      nativeDialogs.push(message.text());
  });
  await page.goto(hostUrl(app, options));
  const tab = page.frameLocator('iframe[title="Avtalsuppföljning"]');
  if (waitForApp) {
    await tab
      .getByRole(options.view === "config" ? "heading" : "navigation", {
        name: options.view === "config" ? "Lägg till Avtalsuppföljning i kanalen" : "Huvudmeny",
      })
      .waitFor();
  }
  return {
    page,
    tab,
    nativeDialogs,
    async frame() {
      const handle = await page.locator('iframe[title="Avtalsuppföljning"]').elementHandle();
      const frame = await handle?.contentFrame();
      if (!frame) throw new Error("the tab's frame is missing");
      return frame;
    },
  };
}

/** The tab's address (the hash), as the tab's own document sees it. */
export async function tabAddress(teams: TeamsPage): Promise<string> {
  return (await teams.frame()).evaluate(() => window.location.hash);
}

/** How far the tab's page scrolls sideways (0 when it fits its frame). */
export async function horizontalOverflow(teams: TeamsPage): Promise<number> {
  return (await teams.frame()).evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Anna's screens in her nämnd inside Teams: lists, a record, the forms of new records. */
export async function tabScreens(app: TestApp): Promise<string[]> {
  const contractId = await app.contractId("Hemtjänst enligt LOV");
  const van = await app.committeeId("VAN");
  const followUps = await app.call("GET", `/api/follow-ups?committeeId=${van}`, { user: "anna" });
  return [
    "oversikt",
    "avtal",
    `avtal/${contractId}`,
    "avtal/nytt",
    "plan",
    "uppstartsmoten",
    "uppstartsmoten/ny",
    "avvikelser",
    "avvikelser/ny",
    "uppfoljning",
    `uppfoljning/${followUps.body.items[0]!.id}`,
    "uppfoljning/ny",
    "brister",
    "brister/ny",
    "rapporter",
    "leverantorer",
    `leverantorer/${encodeURIComponent("org:556910-3301")}`,
    "kanal",
  ];
}

/** Opens a screen inside the already open tab (as a link within the tab would) and waits for it. */
async function show(teams: TeamsPage, frame: Frame, screen: string): Promise<void> {
  await frame.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${screen}`);
  await teams.tab.getByRole("heading", { level: 1 }).first().waitFor();
  await frame.waitForFunction(() => !document.querySelector('[role="status"][aria-label*="…"]'));
}

/** Shows each screen in turn in the open tab and runs `check` on it. */
export async function everyScreen(
  teams: TeamsPage,
  screens: string[],
  check: (screen: string) => Promise<void>,
): Promise<void> {
  const frame = await teams.frame();
  for (const screen of screens) {
    await show(teams, frame, screen);
    await check(screen);
  }
}
