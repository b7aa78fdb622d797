import { performance } from "node:perf_hooks";
import { ReportService } from "../../api/src/documents/report-service.ts";
import { latestCompletePeriod } from "../../api/src/domain/reporting-period.ts";
import { LocalTokenProvider } from "../../api/src/graph/auth-providers.ts";
import { createGraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import { LocalGraphServer } from "../../api/src/local/local-graph-server.ts";
import { createLogger } from "../../api/src/logger.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { encodeCommittee, encodeContract } from "../../api/src/store/mappers.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import { temporaryDirectory } from "../../test/support/local-graph.ts";
import type { Measurement } from "../report.ts";
import { benchFollowUp, createItems } from "../seed.ts";

/**
 * Report generation with 100 ms added to every Graph request: one nämnd's
 * report, and the KS compilation over 50 nämnder × 10 strategic contracts.
 */

const COMMITTEES = 50;
const CONTRACTS_PER_COMMITTEE = 10;
const TODAY = new Date("2026-11-24T10:00:00+01:00");

export async function reportsScenario(): Promise<Measurement[]> {
  const server = new LocalGraphServer({ dataDir: temporaryDirectory("bench-reports-"), port: 0 });
  await server.start();
  const access = createGraphAccess({
    graphRoot: server.origin,
    authProvider: new LocalTokenProvider(server.origin),
    logger: createLogger("silent"),
  });
  const store = new AppStore(access, "root");
  await provision(access, "root");
  await store.setSetting("municipalityName", "Benchkommun");
  const committeeIds = await createItems(
    store,
    "committees",
    Array.from({ length: COMMITTEES }, (_, index) =>
      encodeCommittee({
        name: index === 0 ? "Kommunstyrelsen" : `Nämnd ${index}`,
        code: index === 0 ? "KS" : `N${index}`,
        periodKind: undefined,
        reportMonth: undefined,
        registryEmail: `n${index}.diarium@bench.se`,
        groupId: "",
        secretaryIds: [],
        isKs: index === 0,
        teamId: "",
        channelId: "",
        driveId: "",
      }),
    ),
  );
  store.invalidate();
  await provision(access, "root");
  const owner = { id: "owner", name: "Ägare", email: "agare@bench.se" };
  const contractIds = await createItems(
    store,
    "contracts",
    committeeIds.flatMap((committeeId, committeeIndex) =>
      Array.from({ length: CONTRACTS_PER_COMMITTEE }, (_, index) =>
        encodeContract({
          title: `Avtal ${committeeIndex}-${index}`,
          contractNumber: `B-${committeeIndex}-${index}`,
          committeeId,
          serviceArea: "Hemtjänst",
          provider: "Utförare AB",
          providerOrgNumber: "",
          ownRegime: false,
          owner,
          valueClass: "hög",
          impactClass: "hög",
          strategic: true,
          overrideReason: "",
          startDate: "2020-01-01",
          extensionOptions: "",
          status: "aktivt",
          followUpsPerYear: 1,
          description: "",
          publicFields: [],
          publicDescription: "",
          internalNotes: "",
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

  server.faults.configure({ latencyMs: 100 });
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
