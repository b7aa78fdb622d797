import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";
import { temporaryDirectory } from "./support/local-graph.ts";

const root = path.resolve(import.meta.dirname, "..");
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(root, script), ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

test("npm run report writes a draft into the local library and says where", () => {
  const env = {
    DATA_DIR: temporaryDirectory("report-cli-"),
    LOCAL_GRAPH_PORT: "0",
    LOG_LEVEL: "silent",
  };
  expect(run("scripts/seed.ts", [], env).status).toBe(0);
  const ks = run("scripts/report.ts", ["ks"], env);
  expect(ks.status, ks.stderr).toBe(0);
  expect(ks.stdout).toMatch(
    /^Fil: {2}Rapporter\/\d{4}\/Kommunstyrelsens sammanställning \d{4}\.docx$/m,
  );
  const nämnd = run("scripts/report.ts", ["namnd", "--namnd", "tn"], env);
  expect(nämnd.stdout).toMatch(
    /^Fil: {2}Rapporter\/\d{4}\/Redovisning strategiska avtal \d{4}–\d{4}\.docx$/m,
  );
  const unknown = run("scripts/report.ts", ["namnd", "--namnd", "Finns inte"], env);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('Nämnden "Finns inte" finns inte');
  const wrongType = run("scripts/report.ts", ["årsbok"], env);
  expect(wrongType.status).toBe(1);
  expect(wrongType.stderr).toContain("Användning: npm run report");
});
