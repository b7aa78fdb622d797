import { sendBatch } from "../api/src/graph/graph-batch.ts";
import type { AppStore } from "../api/src/store/app-store.ts";
import { encodeFollowUp } from "../api/src/store/mappers.ts";

/** Benchmark setup: creates list items through batches of 20 and returns their ids in order. */
export async function createItems(
  store: AppStore,
  list: Parameters<AppStore["list"]>[0],
  rows: Array<Record<string, unknown>>,
): Promise<string[]> {
  const url = await store.list(list).itemsUrl();
  const responses = await sendBatch(
    store.access,
    rows.map((fields, index) => ({
      id: String(index),
      method: "POST" as const,
      url,
      body: { fields },
    })),
  );
  return rows.map((_, index) => {
    const response = responses.get(String(index));
    if (response?.status !== 201)
      throw new Error(`bench setup: ${list} ${index} failed (${response?.status})`);
    return (response.body as { id: string }).id;
  });
}

/** A finished follow-up for the benchmarks; `deficient` ones only partly meet the requirements. */
export function benchFollowUp(row: {
  contractId: string;
  committeeId: string;
  period: string;
  followUpDate: string;
  deficient: boolean;
}): Record<string, unknown> {
  return encodeFollowUp({
    contractId: row.contractId,
    committeeId: row.committeeId,
    period: row.period,
    followUpDate: row.followUpDate,
    form: "avtalsuppföljning",
    meetsRequirements: row.deficient ? "delvis" : "ja",
    deficienciesSummary: row.deficient ? "Brister i dokumentationen." : "",
    goalImpact: "",
    actionPlanSummary: "",
    goalFulfilment: "",
    serviceEvaluation: "",
    controlSufficient: true,
    publicSummary: "",
    status: "klar",
  });
}
