import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import { RateLimitGauge } from "../../api/src/graph/rate-limit-gauge.ts";
import { readImportFile } from "../../api/src/import/read-file.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import { RegisterImport } from "../../api/src/store/register-import.ts";
import {
  graphStats,
  setBudget,
  setFaults,
  startTestGraph,
} from "../../test/support/local-graph.ts";
import type { Measurement } from "../report.ts";
import { benchCommittee, createItems } from "../seed.ts";

/**
 * Issue 20's scale: a register of 5,000 rows (Excel, amounts as text,
 * Swedish dates, 50 owners named) imported into one nämnd with 100 ms added
 * to every Graph request, then the same file again (every row unchanged).
 *
 * The wall time is the app's own speed, with the resource-unit budget counted
 * but not enforced. In a tenant the budget sets a floor: 5,000 creates cost
 * 10,000 RU, and the import leaves the last fifth of each minute to people,
 * so the scenario also reports the RU spent and the minutes that floor takes
 * for a kommun of 1,001–5,000 licenses (2,500 RU per minute).
 */

const ROWS = 5000;
/** A kommun of 1,001–5,000 licenses (GRAPH-FACTS §6). */
const BUDGET_PER_MINUTE = 2500;
const TODAY = "2026-11-24";

async function registerFile(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Avtal");
  sheet.addRow([
    "Avtalsnummer",
    "Avtalsnamn",
    "Leverantör",
    "Org.nr",
    "Avtalsstart",
    "Avtalsslut",
    "Årsvärde",
    "Avtalsansvarig",
    "Egen regi",
  ]);
  for (let index = 1; index <= ROWS; index += 1) {
    sheet.addRow([
      `IMP-${index}`,
      `Avtal ${index}`,
      `Utförare ${index % 300} AB`,
      "556000-0001",
      "1 mars 2024",
      new Date(Date.UTC(2028, index % 12, 1)),
      `${(index % 90) + 10} 000 kr`,
      `Ansvarig ${index % 50}`,
      index % 10 === 0 ? "Ja" : "Nej",
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function importScenario(): Promise<Measurement[]> {
  const { server, access } = await startTestGraph();
  const store = new AppStore(access, "root");
  await provision(access, "root");
  await createItems(store, "committees", [benchCommittee(1)]);
  store.invalidate();
  const [committee] = await store.committees();
  if (!committee) throw new Error("bench setup: no nämnd");
  const bytes = await registerFile();
  // The app's own speed: the import consults a gauge no SharePoint answer feeds, so it never
  // waits for the budget; the RU rows below give the floor the budget sets in a tenant.
  const importer = new RegisterImport(
    new AppStore({ ...access, rateLimit: new RateLimitGauge() }, "root"),
  );

  await setFaults(server, { latencyMs: 100 });
  await setBudget(server, { tenantSize: "1001-5000", enforced: false });
  const rows: Measurement[] = [];
  const measure = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    access.counter.reset();
    const unitsBefore = (await graphStats(server)).resourceUnits.spent;
    const started = performance.now();
    const result = await run();
    const wall = performance.now() - started;
    const counts = access.counter.snapshot();
    const units = (await graphStats(server)).resourceUnits.spent - unitsBefore;
    rows.push(
      {
        scenario: "import",
        metric: `${label}: wall time`,
        value: wall,
        unit: "ms",
      },
      {
        scenario: "import",
        metric: `${label}: resource units (floor at 2,500 RU/min with a fifth left to people)`,
        value: units,
        unit: `RU (${(units / (BUDGET_PER_MINUTE * 0.8)).toFixed(1)} min)`,
      },
      {
        scenario: "import",
        metric: `${label}: Graph requests (batch parts)`,
        value: counts.requests,
        unit: `requests (${counts.batchParts} parts)`,
      },
    );
    return result;
  };
  const once = async (label: string) => {
    const files = [await readImportFile("register.xlsx", bytes)];
    const prepared = await measure(`${label}, preview (read, match, plan)`, () =>
      importer.prepare({ committee, files, today: TODAY }),
    );
    const report = await measure(`${label}, import (writes)`, () =>
      importer.run(prepared, committee, { by: { ...APP_ITSELF, name: "bench" } }),
    );
    return report.counts;
  };
  const first = await once(`${ROWS} rows, new`);
  if (first.created !== ROWS) throw new Error(`bench: ${JSON.stringify(first)}`);
  const second = await once(`${ROWS} rows, again`);
  if (second.unchanged !== ROWS) throw new Error(`bench: ${JSON.stringify(second)}`);
  await server.stop();
  return rows;
}
