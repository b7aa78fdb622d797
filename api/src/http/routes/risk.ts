import { Router } from "express";
import { z } from "zod";
import { type Actor, actorOf } from "../../domain/actor.ts";
import { cadenceFor, nextFollowUp } from "../../domain/cadence.ts";
import { type IsoDate, swedishDate } from "../../domain/dates.ts";
import type { Contract } from "../../domain/model.ts";
import {
  buildRiskIndex,
  checkRiskConfirmation,
  effectiveRisk,
  type RiskConfirmation,
  type RiskMatrix,
  type RiskSuggestion,
  raiseAfter,
  raiseOf,
  riskLevelOf,
  riskScore,
  suggestRisk,
} from "../../domain/risk.ts";
import { can, type Principal } from "../../policies/access.ts";
import { type ContractRisk, presentContractRisk } from "../../presenters/contract-risk.ts";
import type { AppStore } from "../../store/app-store.ts";
import { decodeContract, encodeRisk } from "../../store/mappers.ts";
import type { FieldsOf, ReadFieldsOf } from "../../store/schema.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { itemId, parseInput, text } from "../validation.ts";
import { conflictProblem } from "./records.ts";

/**
 * A contract's risk: the suggestion from what the app holds, with its
 * reasons, a person's assessment (the suggestion confirmed, or overridden
 * with a reason) kept on the contract, and when the next follow-up is due at
 * the level in force.
 */

const score = (label: string) =>
  z
    .number({ error: `Välj ${label}` })
    .int({ error: `${capitalised(label)} ska vara 1, 2, 3 eller 4` })
    .min(1, { error: `${capitalised(label)} ska vara 1, 2, 3 eller 4` })
    .max(4, { error: `${capitalised(label)} ska vara 1, 2, 3 eller 4` })
    .transform(riskScore);

function capitalised(label: string): string {
  return label.charAt(0).toLocaleUpperCase("sv") + label.slice(1);
}

/** `PATCH /api/contracts/:id/risk`: the cell a person settles on, and why when it is not the suggestion. */
export const riskAssessmentSchema = z.object({
  likelihood: score("sannolikhet"),
  consequence: score("konsekvens"),
  reason: text(2000, "Motiveringen").default(""),
});

/** `DELETE /api/contracts/:id/risk`: why the assessment no longer holds. */
export const riskWithdrawalSchema = z.object({
  reason: text(2000, "Motiveringen").refine((value) => value.length >= 3, {
    error: "Ange varför bedömningen återkallas.",
  }),
});

/** Kept in the reason column when the assessment is withdrawn, so the history tells why. */
export const WITHDRAWN_PREFIX = "Bedömningen återkallad: ";

interface Assessed {
  view: ContractRisk;
  suggestion: RiskSuggestion;
  matrix: RiskMatrix;
}

/** The contract's suggestion and the level in force, with the cadence it sets. */
async function assess(store: AppStore, contract: Contract, today: IsoDate): Promise<Assessed> {
  // The kommun-wide read model (shared with the KS overview) holds every nämnd's
  // deficiencies, which the provider's record elsewhere is counted from, and every
  // nämnd's deviations: this contract's are picked out, with no query of their own.
  const kommun = await store.kommunView();
  const deviations = kommun.deviations.filter((deviation) => deviation.contractId === contract.id);
  const followUps = kommun.followUps.filter((followUp) => followUp.contractId === contract.id);
  const index = buildRiskIndex({
    today,
    contracts: kommun.contracts,
    deficiencies: kommun.deficiencies,
    followUps,
    deviations,
    providers: kommun.providers,
  });
  const matrix = kommun.settings.riskMatrix;
  const cadence = cadenceFor(contract.strategic, kommun.settings.riskCadence);
  const suggestion = suggestRisk(contract, index, matrix);
  const risk = effectiveRisk(suggestion, contract.risk, matrix);
  const lastFollowUpOn = followUps
    .filter((followUp) => followUp.status === "klar" && followUp.followUpDate <= today)
    .reduce<string | undefined>(
      (latest, followUp) =>
        latest === undefined || followUp.followUpDate > latest ? followUp.followUpDate : latest,
      undefined,
    );
  const next = nextFollowUp(
    {
      level: risk.cell.level,
      lastFollowUpOn,
      contractStart: contract.startDate,
      raisedFrom: raiseOf(contract.risk, matrix),
      today,
    },
    cadence,
  );
  return {
    view: presentContractRisk(contract.id, contract.etag, risk, matrix, cadence, next),
    suggestion,
    matrix,
  };
}

export function riskRouter(store: AppStore, now: () => Date): Router {
  const router = Router();

  /** A contract the person may not read answers exactly as one that does not exist. */
  const readable = async (principal: Principal, id: unknown): Promise<Contract> => {
    const contract = await store.contract(parseInput(itemId("Avtal"), id));
    if (!can.readContractRisk(principal, contract)) throw new NotFoundError("Avtalet");
    return contract;
  };

  /**
   * Writes the assessment's columns at the version read and answers with the
   * risk as it now stands; a stale version answers 412 with the risk in force.
   */
  const saveRisk = async (
    contract: Contract,
    ifMatch: string,
    fields: FieldsOf<"contracts">,
    actor: Actor,
    today: IsoDate,
  ): Promise<ContractRisk> => {
    let updated: { eTag: string; fields: ReadFieldsOf<"contracts"> };
    try {
      updated = await store.updateContract(contract.id, ifMatch, fields, actor);
    } catch (error) {
      if (error instanceof ConflictError) {
        const current = await store.contract(contract.id);
        throw conflictProblem((await assess(store, current, today)).view);
      }
      throw error;
    }
    const saved = decodeContract(
      { id: contract.id, eTag: updated.eTag, fields: updated.fields },
      contract.sharedWithCommitteeIds,
    );
    return (await assess(store, saved, today)).view;
  };

  router.get("/contracts/:id/risk", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await readable(principal, request.params.id);
    const { view } = await assess(store, contract, swedishDate(now()));
    response.setHeader("ETag", contract.etag);
    response.json(view);
  });

  /**
   * A person confirms the suggestion or overrides it with a reason. Kept on
   * the contract (so its history shows who assessed what, and when) at the
   * version the person read; the level it replaced is kept too, so a raise
   * brings the next follow-up forward.
   */
  router.patch("/contracts/:id/risk", async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const contract = await readable(principal, request.params.id);
    if (!can.assessContractRisk(principal, contract))
      throw forbidden("Bara nämndens medlemmar och avtalets ansvariga kan bedöma avtalets risk.");
    const input = parseInput(riskAssessmentSchema, request.body);
    const today = swedishDate(now());
    const before = await assess(store, contract, today);
    const problem = checkRiskConfirmation(input, before.suggestion);
    if (problem) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltiga uppgifter",
        detail: problem.message,
        errors: [{ field: "reason", message: problem.message }],
      });
    }
    const { likelihood, consequence } = input;
    const level = riskLevelOf(before.matrix, likelihood, consequence);
    const confirmation: RiskConfirmation = {
      likelihood,
      consequence,
      reason: input.reason,
      confirmedBy: { id: principal.userId, name: principal.name, email: principal.email },
      confirmedOn: today,
      suggestedLevel: before.suggestion.cell.level,
      raisedFrom: raiseAfter(
        { level: before.view.level, confirmation: contract.risk },
        level,
        today,
      ),
    };
    const view = await saveRisk(
      contract,
      ifMatch,
      encodeRisk(confirmation, level),
      actorOf(principal),
      today,
    );
    response.setHeader("ETag", view.etag);
    response.json(view);
  });

  /**
   * A person withdraws the assessment: its columns are emptied, so the
   * suggestion is in force again (and a raise no longer brings a follow-up
   * forward); the reason stays in the reason column, so the contract's
   * history shows who withdrew it, when and why.
   */
  router.delete("/contracts/:id/risk", async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const contract = await readable(principal, request.params.id);
    if (!can.assessContractRisk(principal, contract))
      throw forbidden("Bara nämndens medlemmar och avtalets ansvariga kan återkalla bedömningen.");
    const input = parseInput(riskWithdrawalSchema, request.body ?? {});
    const today = swedishDate(now());
    if (!contract.risk) {
      if (contract.etag !== ifMatch)
        throw conflictProblem((await assess(store, contract, today)).view);
      throw new ProblemError({
        status: 409,
        code: "no-risk-assessment",
        title: "Ingen bedömning",
        detail: "Avtalet har ingen bekräftad riskbedömning att återkalla; förslaget gäller redan.",
      });
    }
    const view = await saveRisk(
      contract,
      ifMatch,
      { ...encodeRisk(undefined, undefined), riskReason: `${WITHDRAWN_PREFIX}${input.reason}` },
      actorOf(principal),
      today,
    );
    response.setHeader("ETag", view.etag);
    response.json(view);
  });

  return router;
}
