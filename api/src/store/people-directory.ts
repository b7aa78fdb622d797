import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { graphStatusOf } from "../graph/json.ts";

/**
 * People's names as the directory (Entra ID) has them, by object id: what a
 * channel post's @mention shows, rather than a name someone typed into the
 * register. Cached for an hour; a person the directory does not know gives
 * undefined.
 */
export class PeopleDirectory {
  private readonly cache = new Map<string, { at: number; name: Promise<string | undefined> }>();
  private readonly access: GraphAccess;
  private readonly ttlMs: number;

  constructor(access: GraphAccess, ttlMs = 60 * 60_000) {
    this.access = access;
    this.ttlMs = ttlMs;
  }

  displayName(objectId: string): Promise<string | undefined> {
    if (!GUID.test(objectId)) return Promise.resolve(undefined);
    const cached = this.cache.get(objectId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.name;
    const name = this.access.client
      .api(`/users/${objectId}`)
      .select("displayName")
      .get()
      .then(
        (user: { displayName?: unknown }) =>
          typeof user.displayName === "string" ? user.displayName : undefined,
        (error: unknown) => {
          this.cache.delete(objectId);
          if (isNotFound(error)) return undefined;
          throw error;
        },
      );
    this.cache.set(objectId, { at: Date.now(), name });
    return name;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Graph's 404 for an object the directory does not have. */
export function isNotFound(error: unknown): boolean {
  return graphStatusOf(error) === 404;
}
