import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { localTestConfig, startTestApp } from "../test/support/app.ts";

const base = localTestConfig();
const config =
  base.mode === "local" ? { ...base, localGraph: { ...base.localGraph, latencyMs: 100 } } : base;
const app = await startTestApp({ config });
const extra = (process.env.EXTRA ?? "").split(" ").filter(Boolean);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=sv-SE",
    ...extra,
  ],
});
const token = await app.tokenFor("anna");
for (let round = 0; round < 4; round++) {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.addInitScript(
    (value) => sessionStorage.setItem("avtalsuppfoljning.token", value),
    token,
  );
  const page = await context.newPage();
  const t0 = performance.now();
  const log: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/"))
      log.push(`${Math.round(performance.now() - t0)} req ${r.url().replace(app.url, "")}`);
  });
  page.on("response", (r) => {
    if (
      r.url().includes("/api/") ||
      r.url().includes("Overview") ||
      r.url().includes("presenceMotionSlot") ||
      r.url().includes("MenuTrigger")
    )
      log.push(`${Math.round(performance.now() - t0)} res ${r.url().replace(app.url, "")}`);
  });
  await page.goto(`${app.url}/#/oversikt`);
  const tNav = performance.now() - t0;
  await page.getByRole("list", { name: "Sammanfattning" }).waitFor();
  const total = performance.now() - t0;
  const nav = "";
  console.log(round, "goto", Math.round(tNav), "total", Math.round(total), nav, log.join(" | "));
  await context.close();
}
await browser.close();
await app.stop();
