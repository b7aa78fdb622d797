import { type Request, type Response, Router } from "express";
import type { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import type {
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
} from "../../domain/model.ts";
import { providerNamed } from "../../domain/providers.ts";
import { can, type Principal } from "../../policies/access.ts";
import type { AppStore, RecordListKey } from "../../store/app-store.ts";
import type { StoredItem } from "../../store/list-client.ts";
import {
  decodeDeficiency,
  decodeDeviation,
  decodeFollowUp,
  decodeKickoff,
  decodePlan,
  encodeDeficiency,
  encodeDeviation,
  encodeFollowUp,
  encodeKickoff,
  encodePlan,
} from "../../store/mappers.ts";
import { byCommittee, byRelation, type Filter } from "../../store/odata.ts";
import type { FieldsOf } from "../../store/schema.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";
import { historyOf } from "./history.ts";
import {
  deficiencySchema,
  deviationSchema,
  followUpSchema,
  kickoffSchema,
  planSchema,
} from "./record-schemas.ts";
import { markRemoved, removalSchema } from "./removals.ts";

/**
 * The nämnd's records — plans, kickoff meetings, deviations, follow-ups,
 * deficiencies with action plans — share one shape of API: list by nämnd or
 * contract, read, create, update with If-Match, history. Each kind declares
 * its list, schema and mapping; access is checked the same way for all.
 */

interface RecordBase {
  id: string;
  etag: string;
  committeeId: string;
  contractId?: string;
}

/** One kind of record: its list K, its API path, its schema and mapping, and its own rules. */
interface RecordKind<T extends RecordBase, K extends RecordListKey> {
  path: string;
  list: K;
  /** "Uppföljningen", for messages. */
  label: string;
  schema: z.ZodType<Omit<T, "id" | "etag">>;
  decode: (item: StoredItem<K>) => T;
  encode(record: Omit<T, "id" | "etag">): FieldsOf<K>;
  /** The rows of a nämnd and/or contract; undefined when nothing narrows them. */
  filter(relation: { committeeId?: string; contractId?: string }): Filter<K> | undefined;
  /** Plans belong to the nämnd alone; every other kind also to a contract. */
  perContract: boolean;
  /** Extra rule beyond the nämnd's write access (e.g. only secretaries decide plans). */
  mayWrite?(
    principal: Principal,
    record: Omit<T, "id" | "etag">,
    previous: T | undefined,
  ): string | undefined;
  /** What is wrong with the record's links (provider, follow-up, deviation), per field. */
  relations?(store: AppStore, record: Omit<T, "id" | "etag">): Promise<FieldProblem[]>;
  /** Why the record may not be removed now (other records would lose it), if so. */
  removalRefusal?(store: AppStore, record: T): Promise<ProblemError | undefined>;
}

const plans: RecordKind<FollowUpPlan, "plans"> = {
  path: "plans",
  list: "plans",
  label: "Uppföljningsplanen",
  perContract: false,
  schema: planSchema,
  decode: decodePlan,
  encode: encodePlan,
  filter: ({ committeeId }) => (committeeId ? byCommittee("plans", committeeId) : undefined),
  mayWrite: (principal, plan, previous) => {
    if (
      (plan.status === "beslutad" || previous?.status === "beslutad") &&
      !principal.secretaryOf.has(plan.committeeId)
    ) {
      return "Bara nämndsekreteraren kan markera en plan som beslutad eller ändra en beslutad plan.";
    }
    // A decided plan is the nämnd's decision: moving it takes the secretary of both nämnder.
    if (
      previous?.status === "beslutad" &&
      previous.committeeId !== plan.committeeId &&
      !principal.secretaryOf.has(previous.committeeId)
    ) {
      return "En beslutad plan kan bara flyttas till en annan nämnd av sekreteraren i båda nämnderna.";
    }
    return undefined;
  },
};

const kickoffs: RecordKind<KickoffMeeting, "kickoffs"> = {
  path: "kickoffs",
  list: "kickoffs",
  label: "Uppstartsmötet",
  perContract: true,
  schema: kickoffSchema,
  decode: decodeKickoff,
  encode: encodeKickoff,
  filter: (relation) => byRelation("kickoffs", relation),
};

const deviations: RecordKind<Deviation, "deviations"> = {
  path: "deviations",
  list: "deviations",
  label: "Avvikelsen",
  perContract: true,
  schema: deviationSchema,
  decode: decodeDeviation,
  encode: encodeDeviation,
  filter: (relation) => byRelation("deviations", relation),
  relations: (store, deviation) => providerProblems(store, deviation),
  removalRefusal: (store, deviation) =>
    deficienciesKeeping(store, deviation, "deviationId", "avvikelsen"),
};

const followUps: RecordKind<FollowUp, "followUps"> = {
  path: "follow-ups",
  list: "followUps",
  label: "Uppföljningen",
  perContract: true,
  schema: followUpSchema,
  decode: decodeFollowUp,
  encode: encodeFollowUp,
  filter: (relation) => byRelation("followUps", relation),
  removalRefusal: (store, followUp) =>
    deficienciesKeeping(store, followUp, "followUpId", "uppföljningen"),
};

/**
 * A follow-up or deviation that deficiencies were found in is not removed
 * while they are there: they would lose their reporting period and leave
 * the reports without a word while still being reminded. (Found on the
 * contract's own deficiencies: an indexed query, filtered here.)
 */
async function deficienciesKeeping(
  store: AppStore,
  record: { id: string; contractId: string },
  link: "followUpId" | "deviationId",
  what: "uppföljningen" | "avvikelsen",
): Promise<ProblemError | undefined> {
  const found = (await store.deficiencies({ contractId: record.contractId })).filter(
    (deficiency) => deficiency[link] === record.id,
  );
  if (found.length === 0) return undefined;
  const counted = `${found.length} ${found.length === 1 ? "brist" : "brister"}`;
  return new ProblemError({
    status: 409,
    code: "record-has-deficiencies",
    title: `${what === "uppföljningen" ? "Uppföljningen" : "Avvikelsen"} kan inte tas bort`,
    detail: `${counted} ${found.length === 1 ? "är registrerad" : "är registrerade"} från ${what}. Ta bort ${found.length === 1 ? "bristen" : "bristerna"} först om ${found.length === 1 ? "den" : "de"} registrerades av misstag, eller koppla ${found.length === 1 ? "den" : "dem"} till rätt ${what === "uppföljningen" ? "uppföljning" : "avvikelse"}.`,
    blocking: { deficiencies: found.length },
  });
}

const deficiencies: RecordKind<Deficiency, "deficiencies"> = {
  path: "deficiencies",
  list: "deficiencies",
  label: "Bristen",
  perContract: true,
  schema: deficiencySchema,
  decode: decodeDeficiency,
  encode: encodeDeficiency,
  filter: (relation) => byRelation("deficiencies", relation),
  relations: async (store, deficiency) => {
    const [provider, followUp, deviation] = await Promise.all([
      providerProblems(store, deficiency),
      linkProblems(store, "followUps", "followUpId", deficiency.followUpId, deficiency, {
        missing: "Uppföljningen finns inte",
        other: "Uppföljningen gäller ett annat avtal",
      }),
      linkProblems(store, "deviations", "deviationId", deficiency.deviationId, deficiency, {
        missing: "Avvikelsen finns inte",
        other: "Avvikelsen gäller ett annat avtal",
      }),
    ]);
    return [...provider, ...followUp, ...deviation];
  },
};

interface FieldProblem {
  field: string;
  message: string;
}

/** A record naming a provider must name one of its contract's providers. */
async function providerProblems(
  store: AppStore,
  record: { contractId: string; provider?: string },
): Promise<FieldProblem[]> {
  if (!record.provider?.trim()) return [];
  const contract = await store.contract(record.contractId).catch(() => undefined);
  if (!contract || providerNamed(contract, record.provider)) return [];
  return [
    {
      field: "provider",
      message: `Utföraren finns inte i avtalet. Välj en av: ${contract.providers.map((provider) => provider.name).join(", ")}`,
    },
  ];
}

/** A deficiency's follow-up or deviation must be about the same contract and nämnd. */
async function linkProblems(
  store: AppStore,
  list: "followUps" | "deviations",
  field: string,
  id: string | undefined,
  record: { contractId: string; committeeId: string },
  messages: { missing: string; other: string },
): Promise<FieldProblem[]> {
  if (!id) return [];
  let linked: { committeeLookupId?: string; contractLookupId?: string };
  try {
    linked = (await store.records(list).get(id)).fields;
  } catch (error) {
    if (error instanceof NotFoundError) return [{ field, message: messages.missing }];
    throw error;
  }
  // Another nämnd's record answers as a missing one: its id says nothing.
  if ((linked.committeeLookupId ?? "") !== record.committeeId)
    return [{ field, message: messages.missing }];
  return (linked.contractLookupId ?? "") === record.contractId
    ? []
    : [{ field, message: messages.other }];
}

async function checkRelations<T extends RecordBase, K extends RecordListKey>(
  store: AppStore,
  kind: RecordKind<T, K>,
  record: Omit<T, "id" | "etag">,
): Promise<void> {
  const problems = (await kind.relations?.(store, record)) ?? [];
  if (problems.length === 0) return;
  throw new ProblemError({
    status: 400,
    code: "validation",
    title: "Ogiltiga uppgifter",
    detail: "Några uppgifter behöver rättas innan de kan sparas.",
    errors: problems,
  });
}

/**
 * The contract a record names: one the person may not read answers exactly as
 * one that does not exist, so ids of other nämnders' contracts stay unknown.
 * (A contract owner outside the nämnd writes through the contract, so the
 * nämnd alone does not decide.)
 */
async function contractOrFail(
  store: AppStore,
  principal: Principal,
  id: string,
  committeeId: string,
): Promise<Contract> {
  // To someone who may not write the record's nämnd at all, the answer is just that.
  const missing = can.writeCommittee(principal, committeeId)
    ? new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltiga uppgifter",
        detail: "Avtalet finns inte.",
        errors: [{ field: "contractId", message: "Avtalet finns inte" }],
      })
    : forbidden();
  let contract: Contract;
  try {
    contract = await store.contract(id);
  } catch (error) {
    if (error instanceof NotFoundError) throw missing;
    throw error;
  }
  if (!can.readContract(principal, contract)) throw missing;
  return contract;
}

async function checkWrite<T extends RecordBase, K extends RecordListKey>(
  store: AppStore,
  principal: Principal,
  kind: RecordKind<T, K>,
  record: Omit<T, "id" | "etag">,
  previous: T | undefined,
): Promise<void> {
  const committee = await store.committee(record.committeeId);
  if (!committee) {
    throw new ProblemError({
      status: 400,
      code: "validation",
      title: "Ogiltiga uppgifter",
      detail: "Nämnden finns inte.",
      errors: [{ field: "committeeId", message: "Nämnden finns inte" }],
    });
  }
  const contractId = (record as { contractId?: string }).contractId;
  const sameRelations =
    previous !== undefined &&
    previous.contractId === contractId &&
    previous.committeeId === record.committeeId;
  // A member editing the nämnd's own record, still about the same contract, has nothing new to
  // check about the contract: the save needs no extra read (two round trips in all).
  const contractUnchangedForMember = sameRelations && principal.memberOf.has(record.committeeId);
  if (contractId && !contractUnchangedForMember) {
    const contract = await contractOrFail(store, principal, contractId, record.committeeId);
    if (![contract.committeeId, ...contract.sharedWithCommitteeIds].includes(record.committeeId)) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltiga uppgifter",
        detail: "Avtalet hör inte till nämnden.",
        errors: [{ field: "committeeId", message: "Avtalet hör inte till den här nämnden" }],
      });
    }
    if (!can.recordForContract(principal, contract, record.committeeId)) throw forbidden();
  } else if (!can.writeCommittee(principal, record.committeeId)) {
    throw forbidden();
  }
  if (
    previous &&
    previous.committeeId !== record.committeeId &&
    !can.writeCommittee(principal, previous.committeeId)
  ) {
    throw forbidden();
  }
  const refusal = kind.mayWrite?.(principal, record, previous);
  if (refusal) throw forbidden(refusal);
}

function present<T extends RecordBase>(response: Response, record: T): void {
  response.setHeader("ETag", record.etag);
  response.json(record);
}

export function recordsRouter(store: AppStore): Router {
  const router = Router();
  recordRoutes(router, store, plans);
  recordRoutes(router, store, kickoffs);
  recordRoutes(router, store, deviations);
  recordRoutes(router, store, followUps);
  recordRoutes(router, store, deficiencies);
  return router;
}

/** The routes of one kind of record: list, read, history, create, update. */
function recordRoutes<T extends RecordBase, K extends RecordListKey>(
  router: Router,
  store: AppStore,
  kind: RecordKind<T, K>,
): void {
  const client = store.records(kind.list);

  const load = async (request: Request): Promise<T> => {
    const id = parseInput(itemId("Id"), request.params.id);
    return kind.decode(await client.get(id));
  };
  /** A record of a nämnd the person may not read answers exactly as one that does not exist. */
  const loadReadable = async (request: Request, principal: Principal): Promise<T> => {
    const record = await load(request);
    if (!can.readCommittee(principal, record.committeeId)) throw new NotFoundError(kind.label);
    return record;
  };

  router.get(`/${kind.path}`, async (request, response) => {
    const { principal } = identityOf(response);
    const committeeId =
      typeof request.query.committeeId === "string"
        ? parseInput(itemId("Nämnd"), request.query.committeeId)
        : undefined;
    const contractId =
      typeof request.query.contractId === "string"
        ? parseInput(itemId("Avtal"), request.query.contractId)
        : undefined;
    if (contractId && !kind.perContract) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltig fråga",
        detail:
          "Uppföljningsplaner hör till nämnden, inte till ett avtal. Ange nämnd (committeeId).",
      });
    }
    if (!committeeId && !contractId) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltig fråga",
        detail: "Ange nämnd (committeeId) eller avtal (contractId).",
      });
    }
    if (committeeId && !can.readCommittee(principal, committeeId)) throw forbidden();
    let ownedContract: Contract | undefined;
    if (contractId && !committeeId) {
      const contract = await store.contract(contractId);
      if (!can.readContract(principal, contract)) throw new NotFoundError("Avtalet");
      if (contract.owner.id === principal.userId) ownedContract = contract;
    }
    const filter = kind.filter({
      ...(committeeId ? { committeeId } : {}),
      ...(contractId ? { contractId } : {}),
    });
    const records = (await client.query(filter ? { filter } : {})).map((item) => kind.decode(item));
    // By contract, a reader sees the nämnder they may read; the owner also the owning nämnd's records.
    const visible = records.filter(
      (record) =>
        can.readCommittee(principal, record.committeeId) ||
        record.committeeId === ownedContract?.committeeId,
    );
    response.json({ items: visible });
  });

  router.get(`/${kind.path}/:id`, async (request, response) => {
    const { principal } = identityOf(response);
    present(response, await loadReadable(request, principal));
  });

  router.get(`/${kind.path}/:id/history`, async (request, response) => {
    const { principal } = identityOf(response);
    const record = await loadReadable(request, principal);
    response.json({
      items: await historyOf(store, kind.list, record.id, record.committeeId),
    });
  });

  router.post(`/${kind.path}`, async (request, response) => {
    const { principal } = identityOf(response);
    const input = parseInput(kind.schema, request.body);
    await checkWrite(store, principal, kind, input, undefined);
    await checkRelations(store, kind, input);
    const created = await client.create(kind.encode(input), actorOf(principal));
    response.status(201);
    present(response, kind.decode(created));
  });

  /** Removed by mistake: marked with who, when and why, by whoever may edit the record. */
  router.post(`/${kind.path}/:id/remove`, async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const previous = await loadReadable(request, principal);
    const { id: _id, etag: _etag, ...stored } = previous;
    await checkWrite(store, principal, kind, stored, previous);
    const { reason } = parseInput(removalSchema, request.body);
    const refusal = await kind.removalRefusal?.(store, previous);
    if (refusal) throw refusal;
    await markRemoved(store, response, kind.list, previous.id, ifMatch, reason, () =>
      load(request),
    );
  });

  router.patch(`/${kind.path}/:id`, async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const previous = await loadReadable(request, principal);
    const { id: _id, etag: _etag, ...stored } = previous;
    const body = typeof request.body === "object" && request.body !== null ? request.body : {};
    const input = parseInput(kind.schema, { ...stored, ...body });
    await checkWrite(store, principal, kind, input, previous);
    await checkRelations(store, kind, input);
    try {
      const updated = await client.update(
        previous.id,
        ifMatch,
        kind.encode(input),
        actorOf(principal),
      );
      present(
        response,
        kind.decode({ id: previous.id, eTag: updated.eTag, fields: updated.fields }),
      );
    } catch (error) {
      // Someone saved between our read and our write: show what is stored now.
      if (error instanceof ConflictError) throw conflictProblem(await load(request));
      throw error;
    }
  });
}

/** 412 with the version now stored, so the tab can show what changed. */
export function conflictProblem(current: unknown): ProblemError {
  return new ProblemError({
    status: 412,
    code: "conflict",
    title: "Ändrat av någon annan",
    detail:
      "Posten har ändrats av någon annan sedan du öppnade den. Jämför med den sparade versionen och spara igen.",
    current,
  });
}
