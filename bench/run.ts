/**
 * `npm run bench`: runs every benchmark scenario, prints a table and writes
 * bench/results.json. Performance is measured here, never asserted in tests.
 */
import fs from "node:fs";
import { type Measurement, printTable, writeMarkdown, writeResults } from "./report.ts";
import { botScenario } from "./scenarios/bot.ts";
import { importScenario } from "./scenarios/import.ts";
import { localGraphScenario } from "./scenarios/local-graph.ts";
import { peakScenario } from "./scenarios/peak.ts";
import { reportsScenario } from "./scenarios/reports.ts";
import { riskScenario } from "./scenarios/risk.ts";
import { scaleScenario } from "./scenarios/scale.ts";
import { tabScenario } from "./scenarios/tab.ts";

const scenarios = {
  "local-graph": localGraphScenario,
  tab: tabScenario,
  reports: reportsScenario,
  bot: botScenario,
  scale: scaleScenario,
  import: importScenario,
  peak: peakScenario,
  risk: riskScenario,
};
const only = process.argv.slice(2);
function readPrevious(): Measurement[] {
  try {
    return (JSON.parse(fs.readFileSync("bench/results.json", "utf8")) as { rows: Measurement[] })
      .rows;
  } catch {
    return [];
  }
}

const rows: Measurement[] = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.error(`bench: ${name} …`);
  rows.push(...(await run()));
}
// Scenarios not run this time keep their last figures.
const previous = readPrevious().filter(
  (row) => !rows.some((fresh) => fresh.scenario === row.scenario),
);
const all = [...previous, ...rows];
printTable(all);
writeResults(all);
writeMarkdown(all);
