/**
 * A short-lived read model the screens share. SharePoint charges the app, not
 * the person, for every read (resource units, GRAPH-FACTS §6), and on a
 * Monday morning a nämnd's staff open Översikt within minutes of each other:
 * they all see the same nämnd, so one read serves them all for a little while.
 *
 * - One load per key at a time: people who ask while it is under way wait for
 *   the same answer (no stampede on a cold start).
 * - An entry lives `ttlMs`; after that the next request reads afresh.
 * - The app's own writes call `invalidate()`: every entry goes, so whoever
 *   wrote (and everyone after) sees the change at once. A load under way when
 *   the write lands is dropped from the model too; only those who asked before
 *   the write get it.
 *
 * Access is checked before the model is asked: an entry holds a nämnd's data,
 * never a person's.
 */

export interface ReadModelOptions {
  /** How long an entry serves before it is read again. */
  ttlMs: number;
  /** Milliseconds since the epoch (a benchmark runs it faster). */
  now?: () => number;
}

export class ReadModel<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  private readonly load: (key: string) => Promise<T>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(load: (key: string) => Promise<T>, options: ReadModelOptions) {
    this.load = load;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    this.prune(now);
    const value = this.load(key);
    const fresh = { at: now, value };
    this.entries.set(key, fresh);
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every entry (after the app wrote something a model holds). */
  invalidate(): void {
    this.entries.clear();
  }

  /** Number of entries held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries)
      if (now - entry.at >= this.ttlMs) this.entries.delete(key);
  }
}
