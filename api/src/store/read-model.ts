/**
 * A short-lived read model the screens share. SharePoint charges the app, not
 * the person, for every read (resource units, GRAPH-FACTS §6), and on a
 * Monday morning a nämnd's staff open Översikt within minutes of each other:
 * they all see the same nämnd, so one read serves them all for a little while.
 *
 * - One load per key at a time: people who ask while it is under way wait for
 *   the same answer (no stampede on a cold start).
 * - An entry serves `ttlMs`. Past that it is read again in the background
 *   while it goes on serving, so nobody waits for the refresh; past twice
 *   that (SharePoint unreachable for a while) requests wait for a fresh read.
 * - The app's own writes call `invalidate()`: every entry goes, so whoever
 *   wrote (and everyone after) waits for a read that has the change. A read
 *   under way when the write lands is not kept; only those who asked before
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

interface Entry<T> {
  /** When the read that filled it began. */
  at: number;
  value: Promise<T>;
  /** Whether `value` has been read successfully (only then may it serve while stale). */
  settled: boolean;
  refreshing: boolean;
}

export class ReadModel<T> {
  private entries = new Map<string, Entry<T>>();
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
    if (entry?.settled && now - entry.at < 2 * this.ttlMs) {
      if (!entry.refreshing) this.refresh(key, entry, now);
      return entry.value;
    }
    this.prune(now);
    return this.fill(key, now).value;
  }

  /** Forgets every entry (after the app wrote something a model holds). */
  invalidate(): void {
    // A new map: reads under way write into the old one, which nobody reads any more.
    this.entries = new Map();
  }

  /** Number of entries held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Reads `key` now; the entry serves once the read succeeds, and a failed read is not kept. */
  private fill(key: string, now: number): Entry<T> {
    const entries = this.entries;
    const entry: Entry<T> = { at: now, value: this.load(key), settled: false, refreshing: false };
    entries.set(key, entry);
    entry.value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  }

  /** Reads `key` again while the stale entry goes on serving; it replaces the entry once read. */
  private refresh(key: string, stale: Entry<T>, now: number): void {
    const entries = this.entries;
    stale.refreshing = true;
    const value = this.load(key);
    value.then(
      () => {
        if (entries.get(key) === stale)
          entries.set(key, { at: now, value, settled: true, refreshing: false });
      },
      () => {
        // Keeps serving the stale entry; the next request tries again.
        stale.refreshing = false;
      },
    );
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries)
      if (now - entry.at >= 2 * this.ttlMs) this.entries.delete(key);
  }
}
