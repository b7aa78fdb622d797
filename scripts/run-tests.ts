/**
 * Runs the whole vitest suite and ends with the totals on a line of their own,
 * `N passed, N failed`, read from vitest's JSON report.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const report = path.resolve("test-results/vitest.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const results = JSON.parse(fs.readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  passed = results.numPassedTests;
  failed = results.numFailedTests;
}
// A run that crashed before reporting, or ran nothing, must not look green.
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest.status === 0 && passed > 0 ? 0 : 1);
