import { sendBatch } from "../api/src/graph/graph-batch.ts";
import type { AppStore } from "../api/src/store/app-store.ts";

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
