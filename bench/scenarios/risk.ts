import { performance } from "node:perf_hooks";
import { addDays, addMonths } from "../../api/src/domain/dates.ts";
import type { Contract, Deficiency, Deviation, FollowUp } from "../../api/src/domain/model.ts";
import {
  buildRiskIndex,
  type ProviderProfile,
  type RiskInput,
  suggestRisk,
  suggestRisks,
} from "../../api/src/domain/risk.ts";
import { contract } from "../../test/support/import-fixtures.ts";
import { type Measurement, percentile } from "../report.ts";

/**
 * The risk suggestion for every contract of the kommun at the bench scale
 * (50 nämnder, 20,000 contracts, 100,000 follow-ups, 20,000 deviations, 2,000
 * deficiencies, 4,000 providers each serving several nämnder), in memory: the
 * computation alone, as the KS overview and the reminder scan would run it
 * after their reads. Target (issue 21): ≤ 200 ms. The naive baseline filters
 * every list once per contract; it is measured on 50 contracts and scaled.
 * CPU time is given beside wall time: on a shared machine wall time also
 * counts other processes' turns.
 */

const TODAY = "2026-11-24";
const COMMITTEES = 50;
const CONTRACTS = 20_000;
const PROVIDERS = 4_000;
const RUNS = 7;
const NAIVE_SAMPLE = 50;

export function benchInput(): RiskInput {
  const contracts: Contract[] = Array.from({ length: CONTRACTS }, (_, index) => {
    const provider = index % PROVIDERS;
    return contract({
      id: String(index),
      committeeId: String(index % COMMITTEES),
      providers: [{ name: `Leverantör ${provider} AB`, orgNumber: "", email: "" }],
      provider: `Leverantör ${provider} AB`,
      strategic: index % 20 === 0,
      valueClass: index % 3 === 0 ? "hög" : "låg",
      impactClass: index % 2 === 0 ? "hög" : "låg",
      startDate: addMonths(TODAY, -((index % 60) + 1)),
      endDate: addMonths(TODAY, (index % 48) + 1),
      extensionDecisionDate: index % 7 === 0 ? addMonths(TODAY, index % 12) : undefined,
    });
  });
  const followUps: FollowUp[] = Array.from({ length: 100_000 }, (_, index) => ({
    id: `u${index}`,
    etag: "",
    contractId: String(index % CONTRACTS),
    committeeId: String(index % COMMITTEES),
    period: "2025–2026",
    followUpDate: addDays(TODAY, -((index * 7) % 1800)),
    form: "avtalsuppföljning",
    meetsRequirements: index % 10 === 0 ? "delvis" : "ja",
    deficienciesSummary: "",
    goalImpact: "",
    actionPlanSummary: "",
    goalFulfilment: "",
    serviceEvaluation: "",
    controlSufficient: true,
    feedbackToProviderOn: undefined,
    providerFeedback: "",
    publicSummary: "",
    status: "klar",
  }));
  const deviations: Deviation[] = Array.from({ length: 20_000 }, (_, index) => ({
    id: `a${index}`,
    etag: "",
    contractId: String((index * 13) % CONTRACTS),
    committeeId: String(((index * 13) % CONTRACTS) % COMMITTEES),
    occurredOn: addDays(TODAY, -(index % 700)),
    provider: "",
    description: "Avvikelse",
    severity: index % 5 === 0 ? "hög" : "medel",
    handling: "",
    status: "öppen",
  }));
  const deficiencies: Deficiency[] = Array.from({ length: 2_000 }, (_, index) => {
    const contractIndex = (index * 37) % CONTRACTS;
    return {
      id: `b${index}`,
      etag: "",
      contractId: String(contractIndex),
      committeeId: String(contractIndex % COMMITTEES),
      followUpId: undefined,
      deviationId: undefined,
      provider: "",
      recordedOn: undefined,
      description: "Brist",
      goalImpact: "",
      actionOwner: undefined,
      measures: "Åtgärd",
      deadline: addDays(TODAY, (index % 90) - 45),
      checkUpDate: addDays(TODAY, (index % 60) - 30),
      checkUpResult: "",
      sanctionNote: "",
      status: index % 2 === 0 ? "öppen" : "åtgärdad",
    };
  });
  const providers: ProviderProfile[] = Array.from({ length: PROVIDERS / 20 }, (_, index) => ({
    name: `Leverantör ${index * 20} AB`,
    orgNumber: "",
    weakFinances: index % 2 === 0,
    ivoDecisionPending: index % 3 === 0,
  }));
  return { today: TODAY, contracts, followUps, deviations, deficiencies, providers };
}

/**
 * How fast this machine is just now: 100,000 Map updates keyed like the
 * index's (a few ms on an idle laptop), so a slow figure can be told apart
 * from a slow machine shared with other work.
 */
function mapReference(): number {
  const keys = Array.from({ length: 100_000 }, (_, index) => String(index % CONTRACTS));
  const started = performance.now();
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return performance.now() - started;
}

/** What a first version would do: filter every list for each contract. */
function naiveSuggest(input: RiskInput, subject: Contract) {
  const only = <T extends { contractId: string }>(items: readonly T[]) =>
    items.filter((item) => item.contractId === subject.id);
  const otherIds = new Set(
    input.contracts
      .filter((other) =>
        other.providers.some((provider) =>
          subject.providers.some((mine) => mine.name === provider.name),
        ),
      )
      .map((other) => other.id),
  );
  return suggestRisk(
    subject,
    buildRiskIndex({
      ...input,
      contracts: input.contracts.filter((other) => otherIds.has(other.id)),
      deviations: only(input.deviations),
      followUps: only(input.followUps),
      deficiencies: input.deficiencies.filter((item) => otherIds.has(item.contractId)),
    }),
  );
}

export async function riskScenario(): Promise<Measurement[]> {
  const input = benchInput();
  const totals: number[] = [];
  const cpu: number[] = [];
  const builds: number[] = [];
  let high = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    buildRiskIndex(input);
    builds.push(performance.now() - started);
    const all = performance.now();
    const cpuBefore = process.cpuUsage();
    const suggestions = suggestRisks(input);
    totals.push(performance.now() - all);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    high = [...suggestions.values()].filter((item) => item.cell.level === "hög").length;
  }
  const reference = percentile(
    Array.from({ length: RUNS }, () => mapReference()),
    50,
  );
  const naiveStarted = performance.now();
  for (const subject of input.contracts.slice(0, NAIVE_SAMPLE)) naiveSuggest(input, subject);
  const naivePerContract = (performance.now() - naiveStarted) / NAIVE_SAMPLE;
  return [
    {
      scenario: "risk",
      metric: "risk suggestion, all 20,000 contracts (index + suggest), p50",
      value: percentile(totals, 50),
      unit: "ms",
    },
    {
      scenario: "risk",
      metric: "risk suggestion, all 20,000 contracts, CPU time p50",
      value: percentile(cpu, 50),
      unit: "ms",
    },
    {
      scenario: "risk",
      metric: "risk suggestion, all 20,000 contracts, max of 7 runs",
      value: Math.max(...totals),
      unit: "ms",
    },
    {
      scenario: "risk",
      metric: "risk index build alone, p50",
      value: percentile(builds, 50),
      unit: "ms",
    },
    { scenario: "risk", metric: "contracts suggested hög", value: high, unit: "contracts" },
    {
      scenario: "risk",
      metric: "machine reference: 100,000 Map updates, p50",
      value: reference,
      unit: "ms",
    },
    {
      scenario: "risk",
      metric: `naive baseline (every list filtered per contract; ${NAIVE_SAMPLE} measured, scaled to 20,000)`,
      value: naivePerContract * CONTRACTS,
      unit: "ms",
    },
  ];
}
