/**
 * `npm run bench`: runs every benchmark scenario, prints a table and writes
 * bench/results.json. Performance is measured here, never asserted in tests.
 */
import { printTable, writeResults } from "./report.ts";
import { botScenario } from "./scenarios/bot.ts";
import { localGraphScenario } from "./scenarios/local-graph.ts";
import { reportsScenario } from "./scenarios/reports.ts";
import { scaleScenario } from "./scenarios/scale.ts";
import { tabScenario } from "./scenarios/tab.ts";

const scenarios = {
  "local-graph": localGraphScenario,
  tab: tabScenario,
  reports: reportsScenario,
  bot: botScenario,
  scale: scaleScenario,
};
const only = process.argv.slice(2);
const rows = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.error(`bench: ${name} …`);
  rows.push(...(await run()));
}
printTable(rows);
writeResults(rows);
