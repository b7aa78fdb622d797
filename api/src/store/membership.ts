import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { readAll } from "../graph/paging.ts";

/**
 * A user's group ids: from the token's `groups` claim when the app
 * registration emits it, otherwise looked up through Graph
 * (`transitiveMemberOf`) and cached for a few minutes.
 */
export class MembershipResolver {
  private readonly cache = new Map<string, { at: number; groups: Promise<Set<string>> }>();
  private readonly access: GraphAccess;
  private readonly ttlMs: number;

  constructor(access: GraphAccess, ttlMs = 5 * 60_000) {
    this.access = access;
    this.ttlMs = ttlMs;
  }

  async groupsOf(user: { id: string; groups: string[] | undefined }): Promise<Set<string>> {
    if (user.groups) return new Set(user.groups);
    const cached = this.cache.get(user.id);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.groups;
    const groups = readAll<{ id: string }>(
      this.access,
      `/users/${encodeURIComponent(user.id)}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999`,
    ).then((list) => new Set(list.map((group) => group.id)));
    this.cache.set(user.id, { at: Date.now(), groups });
    groups.catch(() => this.cache.delete(user.id));
    if (this.cache.size > 5000) {
      for (const [key, value] of this.cache)
        if (Date.now() - value.at >= this.ttlMs) this.cache.delete(key);
    }
    return groups;
  }
}
