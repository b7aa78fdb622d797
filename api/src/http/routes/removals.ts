import { type Response, Router } from "express";
import { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import { stringOf } from "../../graph/json.ts";
import { can } from "../../policies/access.ts";
import { presentRemoved, REMOVABLE_DEFINITE, REMOVABLE_LABELS } from "../../presenters/removed.ts";
import type { AppStore } from "../../store/app-store.ts";
import { REMOVABLE_LISTS, type RemovableListKey } from "../../store/schema.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import type { RecordRemoved, RecordRestored, RemovedList } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { itemId, parseInput, requiredText } from "../validation.ts";

/**
 * Records removed by mistake: a removal is a mark on the row (who, when,
 * why), never a deletion, so kommunledningskontoret can list removed records
 * and restore them. The removal itself is a route of each kind of record
 * (`POST /api/<kind>/:id/remove`, see `markRemoved` below).
 */

/** The removal's body: why, always. */
export const removalSchema = z.object({
  reason: requiredText(1000, "Anledning"),
});

/** Marks the row removed at the version read, and answers with its new ETag. */
export async function markRemoved(
  store: AppStore,
  response: Response,
  list: RemovableListKey,
  id: string,
  ifMatch: string,
  reason: string,
  current: () => Promise<unknown>,
): Promise<void> {
  const { principal } = identityOf(response);
  try {
    const written = await store.markRemoved(list, id, ifMatch, reason, actorOf(principal));
    response.setHeader("ETag", written.eTag);
    response.json({ id, etag: written.eTag, removed: true } satisfies RecordRemoved);
  } catch (error) {
    if (error instanceof ConflictError) throw staleProblem(await current());
    throw error;
  }
}

function staleProblem(current: unknown): ProblemError {
  return new ProblemError({
    status: 412,
    code: "conflict",
    title: "Ändrat av någon annan",
    detail:
      "Posten har ändrats av någon annan sedan du öppnade den. Läs in den igen innan du tar bort eller återställer den.",
    current,
  });
}

const listSchema = z.enum(REMOVABLE_LISTS, { error: "Okänd sorts post" });

/**
 * A record comes back only with what it belongs to: a follow-up of a removed
 * contract (or a deficiency of a removed follow-up) would come back as a
 * record of nothing, "(okänt avtal)" in every list. So the person is told to
 * restore that first; it is in the same list of removed records.
 */
async function refuseWithoutParent(
  store: AppStore,
  list: RemovableListKey,
  fields: object,
): Promise<void> {
  const links: Array<[RemovableListKey, string | undefined]> = [
    ["contracts", list === "contracts" ? undefined : stringOf(fields, "contractLookupId")],
    ["followUps", stringOf(fields, "followUpLookupId")],
    ["deviations", stringOf(fields, "deviationLookupId")],
  ];
  for (const [parentList, parentId] of links) {
    if (!parentId) continue;
    let parent: { fields: object };
    try {
      parent = await store.storedRow(parentList, parentId);
    } catch (error) {
      // Gone altogether (never by this app): nothing to restore first.
      if (error instanceof NotFoundError) continue;
      throw error;
    }
    if (!stringOf(parent.fields, "removedAt")) continue;
    const what = REMOVABLE_DEFINITE[list];
    const parentWhat = REMOVABLE_DEFINITE[parentList];
    const title = parentList === "contracts" ? stringOf(parent.fields, "Title") : undefined;
    // "avtalet … borttaget, det", "uppföljningen … borttagen, den".
    const neuter = parentList === "contracts";
    throw new ProblemError({
      status: 409,
      code: "restore-first",
      title: `Återställ ${parentWhat} först`,
      detail: `${capitalised(what)} hör till ${parentWhat}${title ? ` ”${title}”` : ""}, som också är ${neuter ? "borttaget" : "borttagen"}. Återställ ${parentWhat} först – ${neuter ? "det" : "den"} finns under Borttagna poster – och sedan ${what}.`,
      restoreFirst: { list: parentList, id: parentId },
    });
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function removalsRouter(store: AppStore): Router {
  const router = Router();

  /** Kommunledningskontoret's list of removed records, newest removal first. */
  router.get("/removed", async (_request, response) => {
    const { principal } = identityOf(response);
    if (!can.restoreRemoved(principal))
      throw forbidden("Bara kommunledningskontoret kan se borttagna poster.");
    const rows = await store.removedRows();
    const names = await store.linkedNames({
      committees: [],
      contracts: [...new Set(rows.map((row) => row.contractId).filter(Boolean))],
      followUps: [],
      deviations: [],
    });
    const removed = new Map(rows.map((row) => [`${row.list}/${row.id}`, row]));
    response.json({
      items: rows.map((row) => presentRemoved(row, names, removed)),
    } satisfies RemovedList);
  });

  router.post("/removed/:list/:id/restore", async (request, response) => {
    const { principal } = identityOf(response);
    if (!can.restoreRemoved(principal))
      throw forbidden("Bara kommunledningskontoret kan återställa borttagna poster.");
    const list = parseInput(listSchema, request.params.list);
    const id = parseInput(itemId("Id"), request.params.id);
    const ifMatch = requireIfMatch(request);
    const row = await store.storedRow(list, id);
    if (!row.fields.removedAt) {
      throw new ProblemError({
        status: 409,
        code: "not-removed",
        title: "Posten är inte borttagen",
        detail: `${REMOVABLE_LABELS[list]} är inte borttagen och behöver inte återställas.`,
      });
    }
    await refuseWithoutParent(store, list, row.fields);
    try {
      const written = await store.restore(list, id, ifMatch, actorOf(principal));
      response.setHeader("ETag", written.eTag);
      response.json({ list, id, etag: written.eTag, restored: true } satisfies RecordRestored);
    } catch (error) {
      if (error instanceof ConflictError) throw staleProblem(undefined);
      throw error;
    }
  });

  return router;
}
