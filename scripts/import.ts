/**
 * `npm run import -- <fil> [<fil med historik>] --namnd <namn eller kod> [--dry-run] [--resultat <fil.xlsx>]`:
 * brings a register in from Excel or CSV, as the tab's import does, with the
 * mapping proposed from the headers (or the one remembered for the nämnd).
 * Prints one line per row starting with `created`, `updated`, `unchanged` or
 * `refused` (for scripts), then a summary line. `--dry-run` writes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { swedishDate } from "../api/src/domain/dates.ts";
import type { ImportReport } from "../api/src/import/preview.ts";
import { readImportFile } from "../api/src/import/read-file.ts";
import { resultWorkbook } from "../api/src/import/result-workbook.ts";
import { AppStore } from "../api/src/store/app-store.ts";
import { RegisterImport } from "../api/src/store/register-import.ts";
import { connect, runScript } from "./graph-connection.ts";

const USAGE =
  "Användning: npm run import -- <fil.xlsx|fil.csv> [<fil med uppföljningar och brister>] --namnd <namn eller kod> [--dry-run] [--resultat <fil.xlsx>]";

await runScript(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      namnd: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      resultat: { type: "string" },
    },
  });
  if (positionals.length === 0 || positionals.length > 2 || !values.namnd) throw new Error(USAGE);
  const files = await Promise.all(
    positionals.map(async (file) => {
      if (!fs.existsSync(file)) throw new Error(`Filen ${file} finns inte.`);
      return readImportFile(path.basename(file), new Uint8Array(fs.readFileSync(file)));
    }),
  );
  const connection = await connect();
  try {
    const store = new AppStore(connection.access, connection.siteRef);
    const committees = await store.committees();
    const wanted = values.namnd.trim().toLocaleLowerCase("sv");
    const committee = committees.find(
      (candidate) =>
        candidate.name.toLocaleLowerCase("sv") === wanted ||
        candidate.code.toLocaleLowerCase("sv") === wanted,
    );
    if (!committee) {
      throw new Error(
        `Nämnden "${values.namnd}" finns inte. Nämnder: ${committees.map((candidate) => candidate.name).join(", ")}`,
      );
    }
    const importer = new RegisterImport(store);
    const prepared = await importer.prepare({
      committee,
      files,
      today: swedishDate(new Date()),
    });
    for (const sheet of prepared.plan.report.sheets) {
      for (const problem of sheet.problems) console.error(`${sheet.name}: ${problem}`);
    }
    const report = values["dry-run"]
      ? prepared.plan.report
      : await importer.run(prepared, committee, { editorName: "Import (kommandoraden)" });
    print(report, values["dry-run"]);
    if (values.resultat) {
      fs.writeFileSync(
        values.resultat,
        await resultWorkbook(report, `Import till ${committee.name}`),
      );
      console.error(`Resultatet finns i ${values.resultat}.`);
    }
  } finally {
    await connection.close();
  }
});

function print(report: ImportReport, dryRun: boolean): void {
  for (const row of report.rows) {
    const problems = row.cells
      .filter((cell) => cell.status === "refused")
      .map((cell) => `${cell.column}: ${cell.message}`);
    const why = [row.reason, ...problems].filter(Boolean).join(" ");
    console.log(
      [row.action, `${row.sheet} rad ${row.row}`, row.contractNumber, row.label, why]
        .filter((part, index) => index < 3 || part !== "")
        .join("\t"),
    );
  }
  for (const person of report.unmatchedPeople)
    console.error(
      `Person som inte kunde kopplas: ${person.text} (${person.rows.join(", ")}): ${person.reason}`,
    );
  const { created, updated, unchanged, refused } = report.counts;
  console.log(
    `summary\t${created} created, ${updated} updated, ${unchanged} unchanged, ${refused} refused${dryRun ? " (dry run: nothing written)" : ""}`,
  );
}
