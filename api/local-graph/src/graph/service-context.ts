import type { GraphPersistence } from "../persistence/graph-persistence.ts";
import type { WebLinks } from "./web-links.ts";

/** What every handler may use; built once per service instance. */
export interface ServiceContext {
  persistence: GraphPersistence;
  /** Origin of the service's API, e.g. `http://127.0.0.1:5100` (links for clients: nextLink, uploadUrl). */
  origin: () => string;
  /** Origin of `webUrl`s: where people open files (the configured port, even when a script runs its own instance). */
  webOrigin: () => string;
  now: () => Date;
  downloads: DownloadTokens;
  /** Signs the links that open files (a file's webUrl). */
  webLinks: WebLinks;
}

/** Short-lived pre-authenticated download URLs, like `@microsoft.graph.downloadUrl`. */
export class DownloadTokens {
  private readonly tokens = new Map<string, { driveId: string; itemId: string; expires: number }>();

  issue(token: string, driveId: string, itemId: string, now: number): void {
    this.tokens.set(token, { driveId, itemId, expires: now + 60 * 60 * 1000 });
    if (this.tokens.size > 10_000) {
      for (const [key, value] of this.tokens) if (value.expires < now) this.tokens.delete(key);
    }
  }

  resolve(token: string, now: number): { driveId: string; itemId: string } | undefined {
    const entry = this.tokens.get(token);
    return entry && entry.expires > now ? entry : undefined;
  }
}
