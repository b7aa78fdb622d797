import { Router } from "express";
import { z } from "zod";
import {
  checkClassification,
  isStrategic,
  LEVELS,
  strategicCountWarning,
} from "../../domain/classification.ts";
import { contractWithNumber } from "../../domain/contract-number.ts";
import { addDays, swedishDate } from "../../domain/dates.ts";
import { CONTRACT_STATUSES, type Contract, PUBLIC_FIELD_CHOICES } from "../../domain/model.ts";
import { can } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import { type ContractFields, decodeContract, encodeContract } from "../../store/mappers.ts";
import { where } from "../../store/odata.ts";
import { ConflictError } from "../../store/store-errors.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { isoDate, itemId, parseInput, person, requiredText, text } from "../validation.ts";
import { conflictProblem } from "./records.ts";

/** The contract register: list with filters, read, create, update (classification included), history. */

const contractSchema = z
  .object({
    title: requiredText(255, "Avtalets namn"),
    contractNumber: requiredText(60, "Avtalsnummer"),
    committeeId: itemId("Nämnd"),
    sharedWithCommitteeIds: z.array(itemId("Nämnd")).max(50),
    serviceArea: requiredText(255, "Verksamhetsområde"),
    provider: requiredText(255, "Utförare"),
    providerOrgNumber: text(20, "Organisationsnummer"),
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
  const { strategicOverride, sharedWithCommitteeIds: _shared, ...rest } = input;
  return {
    ...rest,
    strategic: isStrategic({
      valueClass: input.valueClass,
      impactClass: input.impactClass,
      override: strategicOverride ?? undefined,
    }),
    overrideReason: strategicOverride?.reason ?? "",
  };
}

function toInput(contract: Contract): ContractInput {
  const matrix = contract.valueClass === "hög" && contract.impactClass === "hög";
  const { id: _id, etag: _etag, strategic, overrideReason, ...rest } = contract;
  return {
    ...rest,
    strategicOverride: strategic !== matrix ? { strategic, reason: overrideReason } : null,
  };
}

async function committeeWarning(store: AppStore, committeeId: string): Promise<string | undefined> {
  const strategic = await store.list("contracts").query({
    filter: where.and(
      where.eq("committeeLookupId", Number(committeeId)),
      where.eq("strategic", true),
    ),
  });
  return strategicCountWarning(
    strategic.filter((item) => item.fields.status !== "avslutat").length,
  );
}

async function checkCommittees(store: AppStore, input: ContractInput): Promise<void> {
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
}

/**
 * Refuses a contract number another contract already has, compared as
 * SharePoint compares text (case-insensitively, å = Å). The list's unique
 * column refuses exact copies too, also between two saves at once.
 */
async function checkNumberIsFree(store: AppStore, number: string, exceptId?: string) {
  const existing = contractWithNumber(
    (await store.list("contracts").query()).map((item) => ({
      id: item.id,
      contractNumber:
        typeof item.fields.contractNumber === "string" ? item.fields.contractNumber : "",
      title: typeof item.fields.Title === "string" ? item.fields.Title : "",
    })),
    number,
    exceptId,
  );
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

export function contractsRouter(store: AppStore): Router {
  const router = Router();

  router.get("/contracts", async (request, response) => {
    const { principal } = identityOf(response);
    const query = parseInput(listQuery, request.query);
    let contracts: Contract[];
    if (query.committeeId) {
      if (!can.readCommittee(principal, query.committeeId)) throw forbidden();
      contracts = (await store.cycleData(query.committeeId)).contracts;
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
    response.json({ items, total: items.length });
  });

  router.get("/contracts/:id", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await store.contract(parseInput(itemId("Avtal"), request.params.id));
    if (!can.readContract(principal, contract)) throw forbidden();
    response.setHeader("ETag", contract.etag);
    response.json(contract);
  });

  router.get("/contracts/:id/history", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await store.contract(parseInput(itemId("Avtal"), request.params.id));
    if (!can.readContract(principal, contract)) throw forbidden();
    response.json({ items: await store.history("contracts", contract.id) });
  });

  router.post("/contracts", async (request, response) => {
    const { principal, user } = identityOf(response);
    const input = parseInput(contractSchema, request.body);
    if (!can.writeCommittee(principal, input.committeeId)) throw forbidden();
    await checkCommittees(store, input);
    await checkNumberIsFree(store, input.contractNumber);
    const item = await store
      .list("contracts")
      .create({ ...encodeContract(toFields(input)), editorName: user.name });
    if (input.sharedWithCommitteeIds.length > 0)
      await store.setShares(item.id, input.sharedWithCommitteeIds);
    const contract = decodeContract(item, input.sharedWithCommitteeIds);
    response.status(201).setHeader("ETag", contract.etag);
    response.json({ ...contract, warning: await committeeWarning(store, contract.committeeId) });
  });

  router.patch("/contracts/:id", async (request, response) => {
    const { principal, user } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const previous = await store.contract(parseInput(itemId("Avtal"), request.params.id));
    if (!can.readContract(principal, previous)) throw forbidden();
    if (!can.writeContract(principal, previous))
      throw forbidden("Bara nämndens medlemmar och avtalets ansvariga kan ändra avtalet.");
    const body = typeof request.body === "object" && request.body !== null ? request.body : {};
    const input = parseInput(contractSchema, { ...toInput(previous), ...body });
    if (
      input.committeeId !== previous.committeeId &&
      !can.writeCommittee(principal, input.committeeId)
    )
      throw forbidden();
    await checkCommittees(store, input);
    if (input.contractNumber !== previous.contractNumber)
      await checkNumberIsFree(store, input.contractNumber, previous.id);
    let updated: { eTag: string; fields: Record<string, unknown> };
    try {
      updated = await store.list("contracts").update(previous.id, ifMatch, {
        ...encodeContract(toFields(input)),
        editorName: user.name,
      });
    } catch (error) {
      if (error instanceof ConflictError) throw conflictProblem(await store.contract(previous.id));
      throw error;
    }
    const shared = [...input.sharedWithCommitteeIds].sort();
    if (JSON.stringify(shared) !== JSON.stringify([...previous.sharedWithCommitteeIds].sort())) {
      await store.setShares(previous.id, input.sharedWithCommitteeIds);
    }
    const contract = decodeContract(
      {
        id: previous.id,
        eTag: updated.eTag,
        createdDateTime: "",
        lastModifiedDateTime: "",
        fields: updated.fields,
      },
      input.sharedWithCommitteeIds,
    );
    response.setHeader("ETag", contract.etag);
    response.json({ ...contract, warning: await committeeWarning(store, contract.committeeId) });
  });

  return router;
}
