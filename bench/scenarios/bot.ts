import { performance } from "node:perf_hooks";
import { annualCycle } from "../../api/src/domain/annual-cycle.ts";
import { swedishDate } from "../../api/src/domain/dates.ts";
import { LocalTokenProvider } from "../../api/src/graph/auth-providers.ts";
import { createGraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import { LocalGraphServer } from "../../api/src/local/local-graph-server.ts";
import { createLogger } from "../../api/src/logger.ts";
import { ReminderRunner } from "../../api/src/reminders/reminder-runner.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { encodeCommittee, encodeContract } from "../../api/src/store/mappers.ts";
import { provision } from "../../api/src/store/provisioning.ts";
import { startTestApp } from "../../test/support/app.ts";
import { temporaryDirectory } from "../../test/support/local-graph.ts";
import { type Measurement, percentile } from "../report.ts";
import { createItems } from "../seed.ts";

/** The bot's reply time (local), and the daily reminder scan over 20,000 contracts. */

const TODAY = new Date("2026-11-24T07:00:00+01:00");

async function replyTimes(): Promise<Measurement[]> {
  const app = await startTestApp({ now: TODAY });
  try {
    const samples: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      const started = performance.now();
      const response = await app.call("POST", "/api/chat", {
        user: "anna",
        body: { text: round % 2 ? "status" : "brister" },
      });
      if (response.status !== 202) throw new Error(`chat failed: ${response.status}`);
      samples.push(performance.now() - started);
    }
    return [
      {
        scenario: "bot",
        metric: "reply (message in → card posted), p50",
        value: percentile(samples, 50),
        unit: "ms",
      },
      {
        scenario: "bot",
        metric: "reply (message in → card posted), p95",
        value: percentile(samples, 95),
        unit: "ms",
      },
    ];
  } finally {
    await app.stop();
  }
}

async function reminderScan(): Promise<Measurement[]> {
  const server = new LocalGraphServer({ dataDir: temporaryDirectory("bench-bot-"), port: 0 });
  await server.start();
  const access = createGraphAccess({
    graphRoot: server.origin,
    authProvider: new LocalTokenProvider(server.origin),
    logger: createLogger("silent"),
  });
  const store = new AppStore(access, "root");
  try {
    await provision(access, "root");
    const committees = await createItems(
      store,
      "committees",
      Array.from({ length: 20 }, (_, index) =>
        encodeCommittee({
          name: `Nämnd ${index}`,
          code: `N${index}`,
          periodKind: undefined,
          reportMonth: undefined,
          registryEmail: "",
          groupId: "",
          secretaryIds: [],
          isKs: index === 0,
          teamId: "",
          channelId: "",
          driveId: "",
        }),
      ),
    );
    const owner = { id: "owner", name: "Ägare", email: "" };
    await createItems(
      store,
      "contracts",
      Array.from({ length: 20_000 }, (_, index) =>
        encodeContract({
          title: `Avtal ${index}`,
          contractNumber: `S-${index}`,
          committeeId: committees[index % committees.length]!,
          serviceArea: "Område",
          provider: "Utförare AB",
          providerOrgNumber: "",
          ownRegime: false,
          owner,
          valueClass: index % 40 === 0 ? "hög" : "låg",
          impactClass: index % 40 === 0 ? "hög" : "låg",
          strategic: index % 40 === 0,
          overrideReason: "",
          startDate: "2022-01-01",
          endDate: `2027-0${1 + (index % 9)}-15`,
          extensionOptions: "",
          status: "aktivt",
          followUpsPerYear: 1,
          description: "",
          publicFields: [],
          publicDescription: "",
          internalNotes: "",
        }),
      ),
    );
    server.faults.configure({ latencyMs: 100 });
    access.counter.reset();
    const started = performance.now();
    const data = await store.cycleData();
    const obligations = annualCycle({
      today: swedishDate(TODAY),
      municipality: data.settings,
      ...data,
    });
    const result = await new ReminderRunner({
      store,
      poster: { post: async () => "x" },
      logger: createLogger("silent"),
      link: (path) => path,
      now: () => TODAY,
    }).run();
    const elapsed = performance.now() - started;
    return [
      {
        scenario: "bot",
        metric: "reminder scan, 20,000 contracts (100 ms latency): wall time",
        value: elapsed,
        unit: "ms",
      },
      {
        scenario: "bot",
        metric: "reminder scan, 20,000 contracts: Graph requests",
        value: access.counter.requests,
        unit: "requests",
      },
      {
        scenario: "bot",
        metric: "reminder scan, 20,000 contracts: obligations found",
        value: obligations.length,
        unit: `(${result.noChannel} without channel)`,
      },
    ];
  } finally {
    await server.stop();
  }
}

export async function botScenario(): Promise<Measurement[]> {
  return [...(await replyTimes()), ...(await reminderScan())];
}
