import { graphErrors } from "../errors.ts";
import { type GraphResponse, json } from "../graph-request.ts";
import type { ParsedQuery } from "../odata/query-options.ts";
import { planQuery } from "../odata/query-plan.ts";
import { contentTypeOf } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";
import {
  checkItemQuery,
  DEFAULT_PAGE_SIZE,
  type ListScope,
  MAX_TOP,
  presentListItem,
} from "./items.ts";
import { decodeSkipToken, encodeSkipToken, queryPart } from "./paging.ts";

/**
 * `items/delta`: a first round returns every item, later rounds (with the
 * token from `@odata.deltaLink`) what changed since, deleted items with a
 * `deleted` facet. A token older than the kept change log, or one this
 * list never gave, → 410 resyncRequired; one that is not a token → 400.
 * `$select`, `$expand` and `$top` are supported (listitem-delta.md).
 */

type DeltaState =
  | { phase: "initial"; afterId: number; upTo: number }
  | { phase: "changes"; afterSeq: number; upTo: number };

function encodeToken(listId: string, seq: number) {
  return Buffer.from(`${listId}:${seq}`).toString("base64url");
}

function decodeToken(token: string, listId: string): number {
  const [tokenList, seq] = Buffer.from(token, "base64url").toString("utf8").split(":");
  if (tokenList !== listId || !seq || !/^\d+$/.test(seq)) {
    throw graphErrors.invalidRequest("The delta token is not valid for this list.");
  }
  return Number(seq);
}

export function itemsDelta(
  context: ServiceContext,
  scope: ListScope,
  query: ParsedQuery,
  path: string,
): GraphResponse {
  checkItemQuery(scope, query);
  if (query.top !== undefined && query.top > MAX_TOP) {
    throw graphErrors.invalidRequest(`$top must be an integer between 1 and ${MAX_TOP}.`);
  }
  const listId = scope.list.id;
  const origin = context.origin();
  const fingerprint = `delta|${listId}`;
  const pageSize = query.top ?? DEFAULT_PAGE_SIZE;
  const token = query.parameters.get("token");

  let state: DeltaState;
  if (query.skiptoken) {
    state = decodeSkipToken<DeltaState>(query.skiptoken, fingerprint);
  } else if (token === "latest") {
    const latest = encodeToken(listId, context.persistence.latestChange(listId));
    return json(200, { value: [], "@odata.deltaLink": `${origin}/v1.0${path}?token=${latest}` });
  } else if (token !== undefined) {
    const seq = decodeToken(token, listId);
    state = { phase: "changes", afterSeq: seq, upTo: context.persistence.latestChange(listId) };
  } else {
    state = { phase: "initial", afterId: 0, upTo: context.persistence.latestChange(listId) };
  }
  // Older than the kept change log, or from a history this list does not have
  // (a token of a list since recreated or restored): SharePoint cannot say what changed.
  if (
    state.phase === "changes" &&
    (state.afterSeq < context.persistence.deltaFloor(listId) || state.afterSeq > state.upTo)
  ) {
    throw graphErrors.resyncRequired(`${origin}/v1.0${path}`);
  }

  const present = (item: Parameters<typeof presentListItem>[2]) =>
    presentListItem(context, scope, item, query.expand, query.select);

  const value: unknown[] = [];
  let next: DeltaState | undefined;
  if (state.phase === "initial") {
    const page = context.persistence.queryItems(
      listId,
      planQuery({
        filter: undefined,
        orderBy: [],
        columns: [],
        itemCount: 0,
        honorNonIndexed: false,
      }),
      pageSize,
      state.afterId > 0 ? [state.afterId] : undefined,
    );
    for (const item of page.items) value.push(present(item));
    const last = page.items.at(-1);
    if (page.nextKeyset && last) next = { ...state, afterId: last.id };
  } else {
    const changes = context.persistence
      .changesSince(listId, state.afterSeq, pageSize)
      .filter((change) => change.seq <= state.upTo);
    const latestByItem = new Map<number, boolean>();
    for (const change of changes) latestByItem.set(change.itemId, change.deleted);
    for (const [itemId] of latestByItem) {
      const item = context.persistence.getItem(listId, itemId);
      value.push(
        item
          ? present(item)
          : {
              id: String(itemId),
              parentReference: { siteId: scope.site.id },
              // What the item was is gone with it; the list's kind says what it most likely was.
              contentType: contentTypeOf(
                scope.list,
                scope.list.template === "documentLibrary" ? "Document" : "Item",
              ),
              deleted: { state: "deleted" },
            },
      );
    }
    const last = changes.at(-1);
    if (changes.length === pageSize && last && last.seq < state.upTo)
      next = { ...state, afterSeq: last.seq };
  }

  // Links carry the shape options on ($select, $expand, $top), never the old token.
  const link = (key: "token" | "$skiptoken", value: string) => {
    const parts: string[] = [];
    for (const [name, given] of query.raw) {
      const bare = name.toLowerCase().replace(/^\$/, "");
      if (bare === "select" || bare === "expand" || bare === "top")
        parts.push(queryPart(name, given));
    }
    parts.push(queryPart(key, value));
    return `${origin}/v1.0${path}?${parts.join("&")}`;
  };
  if (next) {
    return json(200, {
      value,
      "@odata.nextLink": link("$skiptoken", encodeSkipToken(next, fingerprint)),
    });
  }
  return json(200, { value, "@odata.deltaLink": link("token", encodeToken(listId, state.upTo)) });
}
