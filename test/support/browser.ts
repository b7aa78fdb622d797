import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type FrameLocator,
  type Locator,
  type Page,
} from "playwright-core";
import { buildTabIfStale } from "../../scripts/build-tab.ts";

/**
 * Debian's Chromium, headless, driven by playwright-core (no downloaded
 * browser): its headless shell when installed, as Playwright itself uses for
 * headless runs. The full browser in headless mode also renders its own
 * omnibox WebUI in every window, which competes for the cores and doubles
 * the tab's measured first render on a two-core machine.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ??
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((candidate) =>
    fs.existsSync(candidate),
  ) ??
  "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  await buildTabIfStale();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--lang=sv-SE",
    ],
  });
}

/**
 * A desktop-sized Swedish page that collects its uncaught errors, Content
 * Security Policy violations and any native dialog (the tab must show none).
 */
export async function desktopPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  page.on("dialog", (dialog) => {
    errors.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, errors };
}

/** Signs in on the local sign-in page as one of the demo people. */
export async function signIn(page: Page, baseUrl: string, name: string, path = ""): Promise<void> {
  await page.goto(`${baseUrl}/${path}`);
  await page.getByRole("button", { name: `Logga in som ${name}` }).click();
  await page.getByRole("navigation", { name: "Huvudmeny" }).waitFor();
}

/**
 * Collects uncaught page errors and Content Security Policy violations (the
 * browser reports those on the console), so a test can assert there were none.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      errors.push(message.text());
  });
  return errors;
}

/** A form control by its exact label (a required field's label ends in " *"). */
export function field(page: Page | FrameLocator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^${escaped}\\s*\\*?\\s*$`));
}

/**
 * Fluent's focus manager (tabster) puts `<i aria-hidden tabindex=0 data-tabster-dummy>` sentinels
 * around arrow-key groups; they pass focus on at once and are a documented false positive of
 * aria-hidden-focus (microsoft/tabster#288; Accessibility Insights suppresses them too).
 * Only those nodes are ignored, and only for that rule.
 */
function isTabsterSentinel(violationId: string, html: string): boolean {
  return violationId === "aria-hidden-focus" && html.includes("data-tabster-dummy");
}

/**
 * Serious and critical WCAG 2.1 A/AA violations on the page (its frames
 * included), as readable lines. `rules` narrows the scan, e.g. to the rules a
 * theme can change (colour contrast) when the page was already scanned whole.
 */
export async function accessibilityProblems(
  target: Page,
  options: { rules?: string[] } = {},
): Promise<string[]> {
  // A dialog fading in has its text at part opacity: scan once the finite animations are done
  // (a spinner's run forever and are left alone).
  await target.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const builder = new AxeBuilder({ page: target as never });
  const result = await (options.rules
    ? builder.withRules(options.rules)
    : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
  ).analyze();
  return result.violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isTabsterSentinel(violation.id, node.html)),
    }))
    .filter((violation) => violation.nodes.length > 0)
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(" | ")}`,
    );
}
