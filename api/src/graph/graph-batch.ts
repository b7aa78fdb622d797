import { setTimeout as sleep } from "node:timers/promises";
import type { GraphAccess } from "./graph-client-factory.ts";
import { type BatchResponse, batchReply } from "./shapes.ts";

/**
 * JSON batching with what graph-client's RetryHandler does not do: it looks
 * inside the batch and re-sends the parts that were throttled (429/503), after
 * the longest Retry-After among them, together with the parts that failed only
 * because they depended on a throttled one (424).
 */

export const MAX_BATCH_SIZE = 20;

export interface BatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Relative to the Graph version root, e.g. `/sites/root/lists`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export type { BatchResponse };

export interface BatchOptions {
  maxAttempts?: number;
  /** Fallback wait when a throttled part has no Retry-After. */
  defaultRetryAfterSeconds?: number;
  /** Told after each batch of 20 is answered (how many requests it carried), e.g. for a progress bar. */
  onBatchDone?: (requests: number) => void;
  /** Awaited before each batch of 20 is sent: bulk work waits here while the budget is nearly spent. */
  beforeBatch?: () => Promise<unknown>;
}

const RETRIABLE = new Set([429, 503, 504]);

function retryAfterSeconds(response: BatchResponse | undefined, fallback: number): number {
  const header = Object.entries(response?.headers ?? {}).find(
    ([name]) => name.toLowerCase() === "retry-after",
  )?.[1];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback;
}

function contentTypeOf(request: BatchRequest): string | undefined {
  if (request.body === undefined) return undefined;
  return Object.entries(request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === "content-type",
  )?.[1];
}

const isJson = (contentType: string | undefined) =>
  contentType === undefined || /^application\/json\b/i.test(contentType);

function withJsonContentType(request: BatchRequest): BatchRequest {
  if (request.body === undefined || contentTypeOf(request) !== undefined) return request;
  return { ...request, headers: { ...request.headers, "Content-Type": "application/json" } };
}

/**
 * A part sent with a base64 body (file content) is answered with a base64
 * body, even when that is JSON (by design, Microsoft Q&A 1352007): read back
 * as the JSON it carries.
 */
function decodedBody(response: BatchResponse): BatchResponse {
  if (typeof response.body !== "string") return response;
  try {
    return { ...response, body: JSON.parse(Buffer.from(response.body, "base64").toString("utf8")) };
  } catch {
    return response;
  }
}

const SHAREPOINT_PART = /^\/?(sites|drives)\b/;

/**
 * Each part is metered on its own, so its answer carries the budget's RateLimit
 * headers (or its own 429) whatever the envelope says: read them into the
 * gauge background work consults. Only what says the budget is (nearly)
 * spent: a part without the headers says nothing about the envelope's reading.
 */
function noteBudget(
  access: GraphAccess,
  sent: readonly BatchRequest[],
  answers: ReadonlyMap<string, BatchResponse>,
): void {
  for (const request of sent) {
    const answer = answers.get(request.id);
    if (!answer || !SHAREPOINT_PART.test(request.url)) continue;
    const headers = new Headers(answer.headers ?? {});
    if (answer.status === 429 || headers.has("ratelimit-limit")) {
      access.rateLimit.observe(answer.status, headers);
    }
  }
}

/** Batches of 20 in flight at once: enough to overlap latency, few enough not to provoke throttling. */
export const PARALLEL_BATCHES = 4;

/**
 * Thrown when some batches could not be sent at all (the network, Graph
 * down): it carries the responses of the batches that were answered, so a
 * caller can tell what was written from what may not have been.
 */
export class BatchIncomplete extends Error {
  readonly responses: ReadonlyMap<string, BatchResponse>;

  constructor(responses: ReadonlyMap<string, BatchResponse>, options: { cause: unknown }) {
    super("Some JSON batches could not be sent", options);
    this.name = "BatchIncomplete";
    this.responses = responses;
  }
}

/**
 * Sends any number of requests in batches of 20, a few at a time; returns the
 * responses by id. A batch that cannot be sent does not stop the others; the
 * first such failure is thrown afterwards as `BatchIncomplete`.
 */
export async function sendBatch(
  access: GraphAccess,
  requests: BatchRequest[],
  options: BatchOptions = {},
): Promise<Map<string, BatchResponse>> {
  const chunks: BatchRequest[][] = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
    const chunk = requests.slice(start, start + MAX_BATCH_SIZE);
    const ids = new Set(chunk.map((request) => request.id));
    for (const request of chunk) {
      for (const dependency of request.dependsOn ?? []) {
        if (!ids.has(dependency)) {
          throw new Error(
            `Batch request ${request.id} depends on ${dependency}, which is not in the same batch of 20`,
          );
        }
      }
    }
    chunks.push(chunk);
  }
  const results = new Map<string, BatchResponse>();
  const queue = [...chunks];
  const failures: unknown[] = [];
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      try {
        await options.beforeBatch?.();
        for (const [id, response] of await sendChunk(access, chunk, options))
          results.set(id, response);
      } catch (error) {
        failures.push(error);
      }
      options.onBatchDone?.(chunk.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, chunks.length) }, worker));
  if (failures.length > 0) throw new BatchIncomplete(results, { cause: failures[0] });
  return results;
}

async function sendChunk(
  access: GraphAccess,
  chunk: BatchRequest[],
  options: BatchOptions,
): Promise<Map<string, BatchResponse>> {
  const maxAttempts = options.maxAttempts ?? 6;
  const fallback = options.defaultRetryAfterSeconds ?? 1;
  const done = new Map<string, BatchResponse>();
  let pending = chunk.map(withJsonContentType);
  const sentAsBase64 = new Set(
    pending.filter((request) => !isJson(contentTypeOf(request))).map((request) => request.id),
  );
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const reply = batchReply.parse(await access.client.api("/$batch").post({ requests: pending }));
    const byId = new Map(
      reply.responses.map((response) => [
        response.id,
        sentAsBase64.has(response.id) ? decodedBody(response) : response,
      ]),
    );
    noteBudget(access, pending, byId);
    const throttled = pending.filter((request) => RETRIABLE.has(byId.get(request.id)?.status ?? 0));
    const retry = new Set(throttled.map((request) => request.id));
    // A 424 caused (directly or through a chain) by a throttled part is retried with it.
    for (let grew = true; grew; ) {
      grew = false;
      for (const request of pending) {
        if (retry.has(request.id) || byId.get(request.id)?.status !== 424) continue;
        if ((request.dependsOn ?? []).some((id) => retry.has(id))) {
          retry.add(request.id);
          grew = true;
        }
      }
    }
    for (const request of pending) {
      const response = byId.get(request.id);
      if (response && (!retry.has(request.id) || attempt >= maxAttempts))
        done.set(request.id, response);
    }
    if (attempt >= maxAttempts) break;
    pending = pending.filter((request) => retry.has(request.id));
    if (pending.length > 0) {
      const wait = Math.max(
        ...throttled.map((request) => retryAfterSeconds(byId.get(request.id), fallback)),
        0,
      );
      await sleep(wait * 1000);
    }
  }
  return done;
}
