/**
 * `npm test`: the checks (lint, typecheck, type-escape ceilings, the tab's
 * build) and then the whole vitest suite, ending with the totals on a line of
 * their own, `N passed, N failed`. A check that fails counts as one failed
 * test and does not stop the suite, so the line is printed whatever happens.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const node = process.execPath;
const CHECKS: Array<[string, string[]]> = [
  ["lint", [node, "node_modules/@biomejs/biome/bin/biome", "check", "."]],
  ["typecheck", [node, "node_modules/typescript/bin/tsc", "--noEmit"]],
  ["type escapes", [node, "scripts/type-escapes.ts"]],
  [
    "build:tab",
    [node, "node_modules/vite/bin/vite.js", "build", "--config", "teams-app/vite.config.ts"],
  ],
];

let checksPassed = 0;
let checksFailed = 0;
for (const [name, [command, ...args]] of CHECKS) {
  console.log(`\n> ${name}`);
  const result = spawnSync(command ?? node, args, { stdio: "inherit" });
  if (result.status === 0) checksPassed += 1;
  else {
    checksFailed += 1;
    console.error(`✗ ${name} failed`);
  }
}

const report = path.resolve("test-results/vitest.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = spawnSync(
  node,
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
passed += checksPassed;
failed += checksFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && vitest.status === 0 && passed > 0 ? 0 : 1);
