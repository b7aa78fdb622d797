import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { parseWith, withId } from "../graph/json.ts";
import { readAll } from "../graph/paging.ts";
import { isNotFound } from "./people-directory.ts";

/**
 * A user's group ids: from the token's `groups` claim when the app
 * registration emits it; otherwise read through Graph and cached for a few
 * minutes. A tab request reads the person's own memberships as the person
 * (on-behalf-of, delegated User.Read: the least privilege Graph allows for
 * this); the bot, which has no user token, reads them as the app.
 */
export interface MembershipOptions {
  ttlMs?: number;
  /** Graph access as the signed-in user, from the token the tab sent (tenant mode). */
  asUser?: (assertion: string) => GraphAccess;
}

const GROUPS_ONLY = "microsoft.graph.group?$select=id&$top=999";

export class MembershipResolver {
  private readonly cache = new Map<string, { at: number; groups: Promise<Set<string>> }>();
  private readonly access: GraphAccess;
  private readonly ttlMs: number;
  private readonly asUser: MembershipOptions["asUser"];

  constructor(access: GraphAccess, options: MembershipOptions = {}) {
    this.access = access;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.asUser = options.asUser;
  }

  async groupsOf(user: {
    id: string;
    groups: string[] | undefined;
    assertion?: string;
  }): Promise<Set<string>> {
    if (user.groups) return new Set(user.groups);
    const cached = this.cache.get(user.id);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.groups;
    const groups = this.read(user).then((list) => new Set(list.map((group) => group.id)));
    this.cache.set(user.id, { at: Date.now(), groups });
    groups.catch(() => this.cache.delete(user.id));
    if (this.cache.size > 5000) {
      for (const [key, value] of this.cache)
        if (Date.now() - value.at >= this.ttlMs) this.cache.delete(key);
    }
    return groups;
  }

  private read(user: { id: string; assertion?: string }): Promise<Array<{ id: string }>> {
    if (this.asUser && user.assertion) {
      return readAll(
        this.asUser(user.assertion),
        `/me/transitiveMemberOf/${GROUPS_ONLY}`,
        parseWith(withId),
      );
    }
    // Someone the directory does not know (a guest that was removed, the Agents
    // Playground's mock user) belongs to no group, so to no nämnd.
    return readAll(
      this.access,
      `/users/${encodeURIComponent(user.id)}/transitiveMemberOf/${GROUPS_ONLY}`,
      parseWith(withId),
    ).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
  }
}
