import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { expect, test } from "vitest";
import { temporaryDirectory } from "./support/local-graph.ts";

const root = path.resolve(import.meta.dirname, "..");
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(root, script), ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

test("npm run import: one line per row and a summary; --dry-run writes nothing; a second run changes nothing", () => {
  const dataDir = temporaryDirectory("import-cli-");
  const env = { DATA_DIR: dataDir, LOCAL_GRAPH_PORT: "0", LOG_LEVEL: "silent" };
  expect(run("scripts/seed.ts", [], env).status).toBe(0);
  const file = path.join(dataDir, "register.csv");
  fs.writeFileSync(
    file,
    iconv.encode(
      [
        "Avtalsnummer;Avtalsnamn;Utförare;Avtalsstart;Avtalsslut;Årsvärde",
        "TN-CLI-1;Snöröjning Norra;Vinterväg AB;2024-01-01;2027-12-31;1 250 000 kr",
        ";;;;;",
        "TN-CLI-2;Gatubelysning;Ljus i Åsby AB;1 mars 2021;2020-01-01;",
        "TN-CLI-1;Snöröjning Norra;Vinterväg AB;2024-01-01;2027-12-31;1 250 000 kr",
      ].join("\r\n"),
      "win1252",
    ),
  );

  const dry = run("scripts/import.ts", [file, "--namnd", "tn", "--dry-run"], env);
  expect(dry.status, dry.stderr).toBe(0);
  const lines = dry.stdout.trim().split("\n");
  expect(lines.map((line) => line.split("\t").slice(0, 3).join(" "))).toEqual([
    "created register.csv rad 2 TN-CLI-1",
    "refused register.csv rad 4 TN-CLI-2",
    "unchanged register.csv rad 5 TN-CLI-1",
    "summary 1 created, 0 updated, 1 unchanged, 1 refused (dry run: nothing written)",
  ]);
  expect(lines[1]).toContain("Avtalsslut är före avtalsstart.");

  const result = path.join(dataDir, "resultat.xlsx");
  const real = run(
    "scripts/import.ts",
    [file, "--namnd", "Tekniska nämnden", "--resultat", result],
    env,
  );
  expect(real.status, real.stderr).toBe(0);
  expect(real.stdout.trim().split("\n").at(-1)).toBe(
    "summary\t1 created, 0 updated, 1 unchanged, 1 refused",
  );
  expect(fs.statSync(result).size).toBeGreaterThan(1000);

  const again = run("scripts/import.ts", [file, "--namnd", "TN"], env);
  expect(
    again.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t")[0]),
  ).toEqual(["unchanged", "refused", "unchanged", "summary"]);
  expect(again.stdout).toContain("summary\t0 created, 0 updated, 2 unchanged, 1 refused");

  const unknown = run("scripts/import.ts", [file, "--namnd", "Finns inte"], env);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('Nämnden "Finns inte" finns inte');
  const missing = run(
    "scripts/import.ts",
    [path.join(dataDir, "saknas.csv"), "--namnd", "TN"],
    env,
  );
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("saknas.csv finns inte");
  const usage = run("scripts/import.ts", [file], env);
  expect(usage.status).toBe(1);
  expect(usage.stderr).toContain("Användning: npm run import");
});
