import { setTimeout as sleep } from "node:timers/promises";

/**
 * What SharePoint last said about the app's resource-unit budget. From 80 %
 * of the minute's budget its answers carry `RateLimit-Limit`, `-Remaining`
 * and `-Reset` (GRAPH-FACTS §6); a 429 says how long to wait. People's
 * requests go on regardless; background work (the reminder scan, the public
 * page's refresh) asks the gauge first and waits for the next minute, so the
 * last fifth of the budget is left to people.
 */

export interface BudgetReading {
  limit: number;
  remaining: number;
  /** When the minute's budget starts afresh (ms since the epoch). */
  resetAt: number;
}

/** Longest a background task waits at a time (SharePoint's minute, plus a margin). */
const MAX_WAIT_MS = 65_000;

export class RateLimitGauge {
  private reading: BudgetReading | undefined;
  private readonly now: () => number;
  private readonly listeners: Array<(reading: BudgetReading) => void> = [];

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /**
   * Reads a SharePoint answer's headers: RateLimit headers say the budget is
   * nearly spent; their absence on a SharePoint answer says it is not; a 429's
   * `Retry-After` says it is spent until then.
   */
  observe(status: number, headers: Headers): void {
    const before = this.nearlySpent();
    this.reading = this.readingAfter(status, headers);
    const reading = this.current();
    if (!before && reading) for (const listener of this.listeners) listener(reading);
  }

  /** Told when the budget becomes nearly spent (once, until it is read as below 80 % again). */
  whenNearlySpent(listener: (reading: BudgetReading) => void): void {
    this.listeners.push(listener);
  }

  private readingAfter(status: number, headers: Headers): BudgetReading | undefined {
    const now = this.now();
    const retryAfter = Number(headers.get("retry-after"));
    if (status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0) {
      return { limit: this.reading?.limit ?? 0, remaining: 0, resetAt: now + retryAfter * 1000 };
    }
    const limit = Number(headers.get("ratelimit-limit"));
    const remaining = Number(headers.get("ratelimit-remaining"));
    const reset = Number(headers.get("ratelimit-reset"));
    if (headers.has("ratelimit-limit") && [limit, remaining, reset].every(Number.isFinite)) {
      return { limit, remaining, resetAt: now + reset * 1000 };
    }
    return status < 400 ? undefined : this.reading;
  }

  /** The budget as last read, while it applies; undefined when below 80 % (or never read). */
  current(): BudgetReading | undefined {
    if (this.reading && this.reading.resetAt <= this.now()) this.reading = undefined;
    return this.reading;
  }

  /** Whether background work should wait: the budget is at 80 % or more, or spent. */
  nearlySpent(): boolean {
    return this.current() !== undefined;
  }

  /** Milliseconds background work should wait before its next Graph call (0: go ahead). */
  backgroundDelay(): number {
    const reading = this.current();
    return reading ? Math.min(MAX_WAIT_MS, Math.max(0, reading.resetAt - this.now())) : 0;
  }

  /** Waits while the budget is nearly spent: background work yields to people's requests. */
  async yieldToPeople(): Promise<number> {
    let waited = 0;
    for (let delay = this.backgroundDelay(); delay > 0; delay = this.backgroundDelay()) {
      // A little past the reset, so the first request of the new minute is a person's.
      await sleep(delay + 250);
      waited += delay + 250;
    }
    return waited;
  }
}
