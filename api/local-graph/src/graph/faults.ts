import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { type GraphError, graphErrors } from "./errors.ts";

/**
 * Fault and latency injection plus request counting, so tests and benchmarks
 * can throttle the service like SharePoint does and read how many Graph calls
 * an operation made. Set through the admin endpoint or the environment.
 */

export const faultSettingsSchema = z.object({
  /** Share of operations answered with a throttling status (0–1). */
  failureRate: z.number().min(0).max(1).default(0),
  /** Which statuses to answer with, chosen at random. */
  statuses: z
    .array(z.union([z.literal(429), z.literal(503)]))
    .min(1)
    .default([429, 503]),
  retryAfterSeconds: z.number().int().min(0).max(600).default(1),
  /** Fixed latency added to every operation. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Extra random latency 0…jitter added on top. */
  latencyJitterMs: z.number().int().min(0).max(60_000).default(0),
  /** Throttle exactly the next N operations (deterministic tests); batch envelopes pass, their parts count. */
  failNext: z.number().int().min(0).max(10_000).default(0),
  /**
   * Store the next N upload-session fragments, then close the connection
   * without an answer: a response lost on the way back, after the server took
   * the bytes (the case "Resuming an in-progress upload" is for).
   */
  loseUploadAnswers: z.number().int().min(0).max(10_000).default(0),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export interface RequestCounters {
  /** HTTP requests to /v1.0 (a batch counts once here). */
  requests: number;
  /** Of those, `$batch` envelopes. */
  batches: number;
  /** Requests carried inside batches. */
  batchParts: number;
  /** Graph operations: requests that are not batches, plus batch parts. */
  operations: number;
  /** Operations answered with an injected 429/503. */
  throttled: number;
}

export class FaultInjector {
  private settings: FaultSettings;
  private counters: RequestCounters = {
    requests: 0,
    batches: 0,
    batchParts: 0,
    operations: 0,
    throttled: 0,
  };
  private readonly random: () => number;

  constructor(settings: Partial<FaultSettings> = {}, random: () => number = Math.random) {
    this.settings = faultSettingsSchema.parse(settings);
    this.random = random;
  }

  configure(update: unknown): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...(update as object) });
    return this.settings;
  }

  current(): FaultSettings {
    return this.settings;
  }

  stats(): RequestCounters {
    return { ...this.counters };
  }

  resetStats(): void {
    this.counters = { requests: 0, batches: 0, batchParts: 0, operations: 0, throttled: 0 };
  }

  /** Whether the answer to a stored upload fragment is to be lost (counts down `loseUploadAnswers`). */
  loseUploadAnswer(): boolean {
    if (this.settings.loseUploadAnswers === 0) return false;
    this.settings = { ...this.settings, loseUploadAnswers: this.settings.loseUploadAnswers - 1 };
    return true;
  }

  /**
   * Counts one operation, waits the injected latency and decides whether it is
   * throttled. `kind` says whether it came over HTTP, is a batch envelope or a part.
   */
  async admit(kind: "request" | "batch" | "part"): Promise<GraphError | undefined> {
    if (kind !== "part") this.counters.requests += 1;
    if (kind === "batch") this.counters.batches += 1;
    if (kind === "part") this.counters.batchParts += 1;
    if (kind !== "batch") this.counters.operations += 1;
    const { latencyMs, latencyJitterMs, failureRate, statuses, retryAfterSeconds, failNext } =
      this.settings;
    // Batch parts run inside the envelope's time on the server; only the envelope waits.
    const delay = kind === "part" ? 0 : latencyMs + Math.round(this.random() * latencyJitterMs);
    if (delay > 0) await sleep(delay);
    const forced = failNext > 0 && kind !== "batch";
    if (forced) this.settings = { ...this.settings, failNext: failNext - 1 };
    if (forced || (failureRate > 0 && this.random() < failureRate)) {
      this.counters.throttled += 1;
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 429;
      return graphErrors.throttled(status, retryAfterSeconds);
    }
    return undefined;
  }
}
