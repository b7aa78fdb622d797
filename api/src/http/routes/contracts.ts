import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import {
  checkClassification,
  isStrategic,
  LEVELS,
  matrixSaysStrategic,
  strategicCountWarning,
} from "../../domain/classification.ts";
import { contractWithNumber } from "../../domain/contract-number.ts";
import { addDays, swedishDate } from "../../domain/dates.ts";
import {
  CONTRACT_STATUSES,
  type Committee,
  type Contract,
  PUBLIC_FIELD_CHOICES,
} from "../../domain/model.ts";
import { swedishList } from "../../domain/swedish.ts";
import { can, type Principal } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import { type ContractFields, decodeContract, encodeContract } from "../../store/mappers.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import type { ContractAnswer, ContractList } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { isoDate, itemId, parseInput, person, requiredText, text } from "../validation.ts";
import { historyOf } from "./history.ts";
import { conflictProblem } from "./records.ts";
import { markRemoved, removalSchema } from "./removals.ts";

/** The contract register: list with filters, read, create, update (classification included), history. */

export const providerSchema = z.object({
  name: requiredText(255, "Utförarens namn"),
  orgNumber: text(20, "Organisationsnummer"),
  email: z
    .string()
    .trim()
    .max(320)
    .refine((value) => value === "" || /^[^@\s]+@[^@\s]+$/.test(value), {
      error: "Ogiltig e-postadress",
    })
    .default(""),
});

export const contractSchema = z
  .object({
    title: requiredText(255, "Avtalets namn"),
    contractNumber: requiredText(60, "Avtalsnummer"),
    committeeId: itemId("Nämnd"),
    sharedWithCommitteeIds: z.array(itemId("Nämnd")).max(50),
    serviceArea: requiredText(255, "Verksamhetsområde"),
    /** The single provider; with `providers` (several, e.g. LOV) it follows from them. */
    provider: text(255, "Utförare"),
    providerOrgNumber: text(20, "Organisationsnummer"),
    providers: z.array(providerSchema).max(200).optional(),
    ownRegime: z.boolean(),
    owner: person,
    valueClass: z.enum(LEVELS),
    impactClass: z.enum(LEVELS),
    /** The nämnd's decision when it differs from the matrix. */
    strategicOverride: z
      .object({ strategic: z.boolean(), reason: text(2000, "Motivering") })
      .nullable(),
    annualValue: z
      .number({ error: "Årsvärdet måste vara ett tal" })
      .min(0, { error: "Årsvärdet kan inte vara negativt" })
      .max(1e12)
      .optional(),
    startDate: isoDate("Avtalsstart").optional(),
    endDate: isoDate("Avtalsslut").optional(),
    extensionOptions: text(255, "Förlängningsoptioner"),
    extensionDecisionDate: isoDate("Sista dag för beslut om förlängning").optional(),
    status: z.enum(CONTRACT_STATUSES),
    followUpsPerYear: z.number().int({ error: "Ange ett heltal" }).min(0).max(12),
    description: text(20_000, "Beskrivning"),
    publicFields: z.array(z.enum(PUBLIC_FIELD_CHOICES)).max(PUBLIC_FIELD_CHOICES.length),
    publicDescription: text(2000, "Vad följs upp (publikt)"),
    internalNotes: text(20_000, "Interna anteckningar"),
  })
  .superRefine((contract, context) => {
    if (!contract.providers?.length && contract.provider === "") {
      context.addIssue({ code: "custom", path: ["provider"], message: "Ange utförare" });
    }
    const names = (contract.providers ?? []).map((provider) =>
      provider.name.toLocaleLowerCase("sv"),
    );
    if (new Set(names).size !== names.length) {
      context.addIssue({
        code: "custom",
        path: ["providers"],
        message: "Samma utförare står med två gånger",
      });
    }
    if (contract.startDate && contract.endDate && contract.endDate < contract.startDate) {
      context.addIssue({
        code: "custom",
        path: ["endDate"],
        message: "Avtalsslut kan inte vara före avtalsstart",
      });
    }
    if (
      contract.extensionDecisionDate &&
      contract.endDate &&
      contract.extensionDecisionDate > contract.endDate
    ) {
      context.addIssue({
        code: "custom",
        path: ["extensionDecisionDate"],
        message: "Beslut om förlängning måste tas före avtalsslut",
      });
    }
    if (contract.sharedWithCommitteeIds.includes(contract.committeeId)) {
      context.addIssue({
        code: "custom",
        path: ["sharedWithCommitteeIds"],
        message: "Den ansvariga nämnden kan inte också vara delägare",
      });
    }
    const problem = checkClassification({
      valueClass: contract.valueClass,
      impactClass: contract.impactClass,
      override: contract.strategicOverride ?? undefined,
    });
    if (problem === "override-reason-missing") {
      context.addIssue({
        code: "custom",
        path: ["strategicOverride", "reason"],
        message: "Motivera varför nämnden gör en annan bedömning än matrisen",
      });
    }
    if (problem === "override-matches-matrix") {
      context.addIssue({
        code: "custom",
        path: ["strategicOverride", "strategic"],
        message: "Bedömningen är densamma som matrisens; ingen avvikelse behövs",
      });
    }
  });

type ContractInput = z.infer<typeof contractSchema>;

function toFields(input: ContractInput): ContractFields {
  const { strategicOverride, sharedWithCommitteeIds: _shared, providers, ...rest } = input;
  return {
    ...rest,
    providers: providers?.length
      ? providers
      : [{ name: input.provider, orgNumber: input.providerOrgNumber, email: "" }],
    strategic: isStrategic({
      valueClass: input.valueClass,
      impactClass: input.impactClass,
      override: strategicOverride ?? undefined,
    }),
    overrideReason: strategicOverride?.reason ?? "",
  };
}

function toInput(contract: Contract): ContractInput {
  const matrix = matrixSaysStrategic(contract.valueClass, contract.impactClass);
  const { id: _id, etag: _etag, strategic, overrideReason, ...rest } = contract;
  return {
    ...rest,
    strategicOverride: strategic !== matrix ? { strategic, reason: overrideReason } : null,
  };
}

async function committeeWarning(store: AppStore, committeeId: string): Promise<string | undefined> {
  return strategicCountWarning(await store.strategicCount(committeeId));
}

/** The nämnder the input names, all of which must exist. */
async function checkCommittees(store: AppStore, input: ContractInput): Promise<Committee[]> {
  const committees = await store.committees();
  const missing = [input.committeeId, ...input.sharedWithCommitteeIds].filter(
    (id) => !committees.some((committee) => committee.id === id),
  );
  if (missing.length > 0) {
    throw new ProblemError({
      status: 400,
      code: "validation",
      title: "Ogiltiga uppgifter",
      detail: "En nämnd som angavs finns inte.",
      errors: [{ field: "committeeId", message: "Nämnden finns inte" }],
    });
  }
  return committees;
}

/**
 * A nämnd put on a contract's shares gets its obligations, reminders and
 * report rows: only its members (or kommunledningskontoret) may add it. Any
 * nämnd may take itself off; whoever edits the contract may take any off.
 */
function checkShareChanges(
  principal: Principal,
  previous: Contract | undefined,
  wanted: string[],
  committees: Committee[],
): void {
  const before = previous?.sharedWithCommitteeIds ?? [];
  const name = (id: string) => committees.find((committee) => committee.id === id)?.name ?? id;
  for (const added of wanted.filter((id) => !before.includes(id))) {
    if (!can.shareWith(principal, added)) {
      throw forbidden(
        `Bara ${name(added)}s medlemmar (eller kommunledningskontoret) kan dela ett avtal med ${name(added)}.`,
      );
    }
  }
  for (const removed of before.filter((id) => !wanted.includes(id))) {
    if (!previous || !can.unshare(principal, previous, removed)) throw forbidden();
  }
}

/** The share names kept on the contract itself, so its history shows each change. */
function sharedWithField(ids: string[], committees: Committee[]): { sharedWith: string } {
  return {
    sharedWith: committees
      .filter((committee) => ids.includes(committee.id))
      .map((committee) => committee.name)
      .join(", "),
  };
}

/** A contract the person may not read answers exactly as one that does not exist. */
async function readableContract(
  store: AppStore,
  principal: Principal,
  id: unknown,
): Promise<Contract> {
  const contract = await store.contract(parseInput(itemId("Avtal"), id));
  if (!can.readContract(principal, contract)) throw new NotFoundError("Avtalet");
  return contract;
}

/**
 * Refuses a contract number another contract already has, compared as
 * SharePoint compares text (case-insensitively, å = Å). The list's unique
 * column refuses exact copies too, also between two saves at once.
 */
async function checkNumberIsFree(store: AppStore, number: string, exceptId?: string) {
  const existing = contractWithNumber(await store.contractNumbers(), number, exceptId);
  if (existing?.removed) {
    throw new ProblemError({
      status: 409,
      code: "duplicate",
      title: "Avtalsnumret finns redan",
      detail: `Avtalsnumret ${existing.contractNumber} hör till ${existing.title || "ett avtal"}, som är borttaget. Kommunledningskontoret kan återställa det; annars behöver det nya avtalet ett annat nummer.`,
      errors: [
        {
          field: "contractNumber",
          message: `Hör till ett borttaget avtal (${existing.title || "utan namn"})`,
        },
      ],
    });
  }
  if (existing) {
    throw new ProblemError({
      status: 409,
      code: "duplicate",
      title: "Avtalsnumret finns redan",
      detail: `Avtalsnumret ${existing.contractNumber} används redan av ${existing.title || "ett annat avtal"}. Avtalsnummer är unika oavsett stora och små bokstäver.`,
      errors: [
        {
          field: "contractNumber",
          message: `Används redan av ${existing.title || "ett annat avtal"}`,
        },
      ],
    });
  }
}

const listQuery = z.object({
  committeeId: itemId("Nämnd").optional(),
  q: z.string().max(200).optional(),
  serviceArea: z.string().max(255).optional(),
  strategic: z.enum(["true", "false"]).optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  expiresWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});

function matchesSearch(contract: Contract, q: string): boolean {
  const needle = q.trim().toLocaleLowerCase("sv");
  return [contract.title, contract.provider, contract.contractNumber, contract.serviceArea].some(
    (value) => value.toLocaleLowerCase("sv").includes(needle),
  );
}

/**
 * The stored contract with the changes sent. A client that sends only the
 * single provider's name or number (no `providers`) changes a contract with
 * one provider; a contract with several is changed through `providers`.
 */
function mergeProviders(previous: Contract, body: Record<string, unknown>): unknown {
  const merged: Record<string, unknown> = { ...toInput(previous), ...body };
  const changed =
    ("provider" in body && body.provider !== previous.provider) ||
    ("providerOrgNumber" in body && body.providerOrgNumber !== previous.providerOrgNumber);
  if ("providers" in body || !changed) return merged;
  if (previous.providers.length > 1) {
    throw new ProblemError({
      status: 400,
      code: "validation",
      title: "Ogiltiga uppgifter",
      detail: "Avtalet har flera utförare. Ändra dem i listan över utförare (providers).",
      errors: [{ field: "providers", message: "Ändra utförarna i listan" }],
    });
  }
  merged.providers = [
    {
      name: merged.provider,
      orgNumber: merged.providerOrgNumber,
      email: previous.providers[0]?.email ?? "",
    },
  ];
  return merged;
}

export function contractsRouter(store: AppStore): Router {
  const router = Router();

  router.get("/contracts", async (request, response) => {
    const { principal } = identityOf(response);
    const query = parseInput(listQuery, request.query);
    let contracts: Contract[];
    if (query.committeeId) {
      if (!can.readCommittee(principal, query.committeeId)) throw forbidden();
      contracts = (await store.cycleView(query.committeeId)).contracts;
    } else {
      contracts = (await store.allContracts()).filter((contract) =>
        can.readContract(principal, contract),
      );
    }
    const today = swedishDate(new Date());
    const items = contracts
      .filter((contract) => !query.q || matchesSearch(contract, query.q))
      .filter((contract) => !query.serviceArea || contract.serviceArea === query.serviceArea)
      .filter((contract) => !query.strategic || contract.strategic === (query.strategic === "true"))
      .filter((contract) => !query.status || contract.status === query.status)
      .filter(
        (contract) =>
          query.expiresWithinDays === undefined ||
          (contract.endDate !== undefined &&
            contract.endDate >= today &&
            contract.endDate <= addDays(today, query.expiresWithinDays)),
      )
      .sort((a, b) => a.title.localeCompare(b.title, "sv"));
    response.json({ items, total: items.length } satisfies ContractList);
  });

  router.get("/contracts/:id", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await readableContract(store, principal, request.params.id);
    response.setHeader("ETag", contract.etag);
    response.json(contract);
  });

  router.get("/contracts/:id/history", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await readableContract(store, principal, request.params.id);
    response.json({
      items: await historyOf(store, "contracts", contract.id, contract.committeeId),
    });
  });

  /**
   * Removed by mistake: marked with who, when and why by whoever may edit it —
   * unless follow-ups, deficiencies, deviations or kickoff meetings are
   * recorded against it, which would lose their contract ("okänt avtal" in
   * every list): those are removed first (or the contract ended).
   */
  router.post("/contracts/:id/remove", async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const contract = await readableContract(store, principal, request.params.id);
    if (!can.writeContract(principal, contract))
      throw forbidden("Bara nämndens medlemmar och avtalets ansvariga kan ta bort avtalet.");
    const { reason } = parseInput(removalSchema, request.body);
    const [followUps, deficiencies, deviations, kickoffs] = await Promise.all([
      store.followUps({ contractId: contract.id }),
      store.deficiencies({ contractId: contract.id }),
      store.deviations({ contractId: contract.id }),
      store.kickoffs({ contractId: contract.id }),
    ]);
    const blocking = {
      followUps: followUps.length,
      deficiencies: deficiencies.length,
      deviations: deviations.length,
      kickoffs: kickoffs.length,
    };
    const counted = [
      counting(blocking.followUps, "uppföljning", "uppföljningar"),
      counting(blocking.deficiencies, "brist", "brister"),
      counting(blocking.deviations, "avvikelse", "avvikelser"),
      counting(blocking.kickoffs, "uppstartsmöte", "uppstartsmöten"),
    ].filter(Boolean);
    if (counted.length > 0) {
      throw new ProblemError({
        status: 409,
        code: "contract-has-records",
        title: "Avtalet kan inte tas bort",
        detail: `Avtalet har ${swedishList(counted)} registrerade. De hör till nämndens uppföljning och skulle bli utan avtal. Ta bort dem först om de registrerades av misstag, eller sätt avtalets status till avslutat.`,
        blocking,
      });
    }
    await markRemoved(store, response, "contracts", contract.id, ifMatch, reason, () =>
      store.contract(contract.id),
    );
  });

  router.post("/contracts", async (request, response) => {
    const { principal } = identityOf(response);
    const input = parseInput(contractSchema, request.body);
    if (!can.writeCommittee(principal, input.committeeId)) throw forbidden();
    const committees = await checkCommittees(store, input);
    checkShareChanges(principal, undefined, input.sharedWithCommitteeIds, committees);
    await checkNumberIsFree(store, input.contractNumber);
    const by = actorOf(principal);
    const item = await store.createContract(
      {
        ...encodeContract(toFields(input)),
        ...sharedWithField(input.sharedWithCommitteeIds, committees),
      },
      by,
    );
    if (input.sharedWithCommitteeIds.length > 0)
      await store.setShares(item.id, input.sharedWithCommitteeIds, by);
    const contract = decodeContract(item, input.sharedWithCommitteeIds);
    response.status(201).setHeader("ETag", contract.etag);
    response.json({
      ...contract,
      warning: await committeeWarning(store, contract.committeeId),
    } satisfies ContractAnswer);
  });

  router.patch("/contracts/:id", async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const previous = await readableContract(store, principal, request.params.id);
    if (!can.writeContract(principal, previous))
      throw forbidden("Bara nämndens medlemmar och avtalets ansvariga kan ändra avtalet.");
    const body = typeof request.body === "object" && request.body !== null ? request.body : {};
    const input = parseInput(contractSchema, mergeProviders(previous, body));
    if (
      input.committeeId !== previous.committeeId &&
      !can.moveContract(principal, previous, input.committeeId)
    )
      throw forbidden(
        "Ett avtal flyttas till en annan nämnd av någon som arbetar i båda nämnderna.",
      );
    const committees = await checkCommittees(store, input);
    checkShareChanges(principal, previous, input.sharedWithCommitteeIds, committees);
    if (input.contractNumber !== previous.contractNumber)
      await checkNumberIsFree(store, input.contractNumber, previous.id);
    let updated: { eTag: string; fields: Record<string, unknown> };
    try {
      updated = await store.updateContract(
        previous.id,
        ifMatch,
        {
          ...encodeContract(toFields(input)),
          ...sharedWithField(input.sharedWithCommitteeIds, committees),
        },
        actorOf(principal),
      );
    } catch (error) {
      if (error instanceof ConflictError) throw conflictProblem(await store.contract(previous.id));
      throw error;
    }
    const shared = [...input.sharedWithCommitteeIds].sort();
    if (JSON.stringify(shared) !== JSON.stringify([...previous.sharedWithCommitteeIds].sort())) {
      await store.setShares(previous.id, input.sharedWithCommitteeIds, actorOf(principal));
    }
    const contract = decodeContract(
      {
        id: previous.id,
        eTag: updated.eTag,
        fields: updated.fields,
      },
      input.sharedWithCommitteeIds,
    );
    response.setHeader("ETag", contract.etag);
    response.json({
      ...contract,
      warning: await committeeWarning(store, contract.committeeId),
    } satisfies ContractAnswer);
  });

  /**
   * A nämnd takes itself (or, for whoever edits the contract, another nämnd)
   * off a contract's shares. The contract's own row records the change first,
   * so its history has it; then the share row goes.
   */
  router.delete("/contracts/:id/shares/:committeeId", async (request, response) => {
    const { principal } = identityOf(response);
    const committeeId = parseInput(itemId("Nämnd"), request.params.committeeId);
    let contract = await readableContract(store, principal, request.params.id);
    if (!contract.sharedWithCommitteeIds.includes(committeeId))
      throw new NotFoundError("Delningen med nämnden");
    if (!can.unshare(principal, contract, committeeId)) throw forbidden();
    const committees = await store.committees();
    for (let attempt = 1; ; attempt += 1) {
      const remaining = contract.sharedWithCommitteeIds.filter((id) => id !== committeeId);
      try {
        await store.updateContract(
          contract.id,
          contract.etag,
          sharedWithField(remaining, committees),
          actorOf(principal),
        );
        await store.setShares(contract.id, remaining, actorOf(principal));
        break;
      } catch (error) {
        // Someone saved the contract meanwhile: take the share off their version.
        if (!(error instanceof ConflictError) || attempt >= 3) throw error;
        contract = await store.contract(contract.id);
      }
    }
    response.status(204).end();
  });

  return router;
}

/** "1 uppföljning", "3 uppföljningar", or nothing for none. */
function counting(count: number, one: string, many: string): string {
  return count === 0 ? "" : `${count} ${count === 1 ? one : many}`;
}
