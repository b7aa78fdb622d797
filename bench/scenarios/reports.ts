import { performance } from "node:perf_hooks";
import { ReportService } from "../../api/src/documents/report-service.ts";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import { latestCompletePeriod } from "../../api/src/domain/reporting-period.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import {
  localAdmin,
  setBudget,
  setFaults,
  startTestGraph,
} from "../../test/support/local-graph.ts";
import type { Measurement } from "../report.ts";
import { benchCommittee, benchContract, benchFollowUp, createItems } from "../seed.ts";

/**
 * Report generation with 100 ms added to every Graph request: one nämnd's
 * report, and the KS compilation over 50 nämnder × 10 strategic contracts.
 */

const COMMITTEES = 50;
const CONTRACTS_PER_COMMITTEE = 10;
const TODAY = new Date("2026-11-24T10:00:00+01:00");

export async function reportsScenario(): Promise<Measurement[]> {
  const { server, access } = await startTestGraph();
  const store = new AppStore(access, "root");
  // Loading 1,050 items spends about 2,100 RU, most of a minute's budget: done with enforcement
  // off and as if earlier (the budget starts afresh below), so the reports are not kept waiting.
  await setBudget(server, { enforced: false });
  await provision(access, "root");
  await store.setSetting("municipalityName", "Benchkommun", APP_ITSELF);
  const committeeIds = await createItems(
    store,
    "committees",
    Array.from({ length: COMMITTEES }, (_, index) => benchCommittee(index, { isKs: index === 0 })),
  );
  store.invalidate();
  await provision(access, "root");
  const owner = { id: "owner", name: "Ägare", email: "agare@bench.se" };
  const contractIds = await createItems(
    store,
    "contracts",
    committeeIds.flatMap((committeeId, committeeIndex) =>
      Array.from({ length: CONTRACTS_PER_COMMITTEE }, (_, index) =>
        benchContract({
          title: `Avtal ${committeeIndex}-${index}`,
          contractNumber: `B-${committeeIndex}-${index}`,
          committeeId,
          owner,
          strategic: true,
        }),
      ),
    ),
  );
  const period = latestCompletePeriod("july-june", "2026-11-24");
  await createItems(
    store,
    "followUps",
    contractIds.map((contractId, index) =>
      benchFollowUp({
        contractId,
        committeeId: committeeIds[Math.floor(index / CONTRACTS_PER_COMMITTEE)]!,
        period: period.key,
        followUpDate: "2026-06-01",
        deficient: index % 7 === 0,
      }),
    ),
  );

  await localAdmin(server, "POST", "/_local/stats/reset");
  await setBudget(server, { enforced: true });
  await setFaults(server, { latencyMs: 100 });
  const service = new ReportService(store, () => TODAY);
  const rows: Measurement[] = [];
  const measure = async (label: string, run: () => Promise<unknown>) => {
    access.counter.reset();
    const started = performance.now();
    await run();
    const counts = access.counter.snapshot();
    rows.push({
      scenario: "reports",
      metric: `${label}: wall time`,
      value: performance.now() - started,
      unit: "ms",
    });
    rows.push({
      scenario: "reports",
      metric: `${label}: Graph requests (batch parts)`,
      value: counts.requests,
      unit: `requests (${counts.batchParts} parts)`,
    });
  };
  await measure("nämnd report, 10 strategic contracts", () =>
    service.generate({ type: "namnd", committeeId: committeeIds[1]! }, "bench"),
  );
  await measure(`KS compilation, ${COMMITTEES} nämnder × ${CONTRACTS_PER_COMMITTEE}`, () =>
    service.generate({ type: "ks", year: 2026 }, "bench"),
  );
  await server.stop();
  return rows;
}
