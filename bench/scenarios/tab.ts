import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { buildTabIfStale } from "../../scripts/build-tab.ts";
import { localTestConfig, startTestApp } from "../../test/support/app.ts";
import { launchBrowser } from "../../test/support/browser.ts";
import type { Measurement } from "../report.ts";

/**
 * The tab: its initial JavaScript (gzip) and the time until Översikt shows
 * the nämnd's årshjul in Chromium, with 100 ms added to every Graph request.
 */

const root = path.resolve(import.meta.dirname, "../..");

function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(root, "dist/tab/index.html"), "utf8");
  return [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((match) => path.join(root, "dist/tab", match[1]!));
}

/** A chunk and every chunk it imports statically, transitively. */
function withImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = fs.readFileSync(file, "utf8");
  for (const match of code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g))
    withImports(path.join(path.dirname(file), match[1]!), seen);
  return seen;
}

const gzipped = (files: Iterable<string>) =>
  [...files].reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(file), { level: 9 }).byteLength,
    0,
  );

export async function tabScenario(): Promise<Measurement[]> {
  await buildTabIfStale();
  const scripts = initialScripts();
  const raw = scripts.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const gzip = scripts.reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(file), { level: 9 }).byteLength,
    0,
  );
  // Översikt's own code: asked for at once, beside /api/me, once the initial scripts run.
  const assets = path.join(root, "dist/tab/assets");
  const overviewChunk = fs.readdirSync(assets).find((name) => /^Overview-.*\.js$/.test(name));
  const initial = new Set(scripts.flatMap((file) => [...withImports(file)]));
  const overview = overviewChunk
    ? [...withImports(path.join(assets, overviewChunk))].filter((file) => !initial.has(file))
    : [];
  const rows: Measurement[] = [
    {
      scenario: "tab",
      metric: "initial JavaScript, raw",
      value: Math.round(raw / 1024),
      unit: "KiB",
    },
    {
      scenario: "tab",
      metric: "initial JavaScript, gzip",
      value: Math.round(gzip / 1024),
      unit: "KiB",
    },
    {
      scenario: "tab",
      metric: "Översikt's chunks, loaded beside /api/me, gzip",
      value: Math.round(gzipped(overview) / 1024),
      unit: "KiB",
    },
  ];

  const base = localTestConfig();
  const config =
    base.mode === "local" ? { ...base, localGraph: { ...base.localGraph, latencyMs: 100 } } : base;
  const app = await startTestApp({ config });
  const browser = await launchBrowser();
  try {
    const token = await app.tokenFor("anna");
    const samples: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const context = await browser.newContext({ locale: "sv-SE" });
      await context.addInitScript(
        (value) => sessionStorage.setItem("avtalsuppfoljning.token", value),
        token,
      );
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${app.url}/#/oversikt`);
      await page.getByRole("list", { name: "Sammanfattning" }).waitFor();
      samples.push(performance.now() - started);
      await context.close();
    }
    samples.sort((a, b) => a - b);
    rows.push({
      scenario: "tab",
      metric: "Översikt rendered with data (100 ms Graph latency), median of 5",
      value: samples[2]!,
      unit: "ms",
    });
  } finally {
    await browser.close();
    await app.stop();
  }
  return rows;
}
