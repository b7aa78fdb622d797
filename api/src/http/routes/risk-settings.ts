import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import { cadenceProblems } from "../../domain/cadence.ts";
import { riskMatrixProblems, type SettingProblem } from "../../domain/risk.ts";
import { can, type Principal } from "../../policies/access.ts";
import { presentRiskSettings, type RiskSettingsView } from "../../presenters/risk-settings.ts";
import type { AppStore } from "../../store/app-store.ts";
import {
  type RiskSettingRows,
  riskCadenceSetting,
  riskMatrixSetting,
  riskSettingsEtag,
  riskSettingValues,
} from "../../store/risk-settings.ts";
import { ConflictError } from "../../store/store-errors.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { parseInput, requiredText } from "../validation.ts";
import { conflictProblem } from "./records.ts";

/**
 * Inställningar for risk: the kommun's internal-control matrix (names of the
 * four steps of sannolikhet and konsekvens, the thresholds of medel and hög)
 * and the follow-up cadence per level. Everyone signed in reads them (the
 * risk card explains its level with them); kommunledningskontoret changes
 * them, at the version it read.
 */

const label = (what: string) => requiredText(40, what);
const labels = (what: string) =>
  z.tuple([label(`${what} 1`), label(`${what} 2`), label(`${what} 3`), label(`${what} 4`)], {
    error: `Ange fyra namn för ${what.toLocaleLowerCase("sv")}`,
  });
const whole = (what: string) =>
  z
    .number({ error: `${what} ska vara ett tal` })
    .int({ error: `${what} ska vara ett heltal` })
    .min(0, { error: `${what} får inte vara negativ` })
    .max(48, { error: `${what} får vara högst 48` });

/** `PUT /api/settings/risk`: the whole matrix and cadence as the screen edits them. */
export const riskSettingsSchema = z.object({
  matrix: z.object({
    likelihoodLabels: labels("Sannolikhet"),
    consequenceLabels: labels("Konsekvens"),
    thresholds: z.object({
      medel: whole("Gränsen för medelhög risk"),
      hög: whole("Gränsen för hög risk"),
    }),
  }),
  cadence: z.object({
    intervalMonths: z.object({
      hög: whole("Intervallet för hög risk"),
      medel: whole("Intervallet för medelhög risk"),
      låg: whole("Intervallet för låg risk"),
    }),
    extraWithinMonths: whole("Tiden för en extra uppföljning"),
  }),
});

interface Current {
  rows: RiskSettingRows;
  view: RiskSettingsView;
}

async function current(store: AppStore, principal: Principal): Promise<Current> {
  const rows = await store.riskSettingRows();
  const view = presentRiskSettings({
    etag: riskSettingsEtag(rows),
    matrix: riskMatrixSetting(rows.riskMatrix?.value),
    cadence: riskCadenceSetting(rows.riskCadence?.value),
    canEdit: can.changeRiskSettings(principal),
  });
  return { rows, view };
}

/** The domain's checks, as field errors under the body's paths. */
function invalidSettings(problems: Array<SettingProblem & { under: string }>): ProblemError {
  return new ProblemError({
    status: 400,
    code: "validation",
    title: "Ogiltiga inställningar",
    detail:
      problems.length === 1
        ? (problems[0]?.message ?? "")
        : "Några inställningar behöver rättas innan de kan sparas.",
    errors: problems.map((problem) => ({
      field: `${problem.under}.${problem.field}`,
      code: problem.code,
      message: problem.message,
    })),
  });
}

export function riskSettingsRouter(store: AppStore): Router {
  const router = Router();

  router.get("/settings/risk", async (_request, response) => {
    const { principal } = identityOf(response);
    // Read afresh (not the cached settings): the screen saves at this version.
    const { view } = await current(store, principal);
    response.setHeader("ETag", view.etag);
    response.json(view);
  });

  router.put("/settings/risk", async (request, response) => {
    const { principal } = identityOf(response);
    if (!can.changeRiskSettings(principal))
      throw forbidden("Bara kommunledningskontoret kan ändra riskmatrisen och uppföljningstakten.");
    const ifMatch = requireIfMatch(request);
    const input = parseInput(riskSettingsSchema, request.body);
    const problems = [
      ...riskMatrixProblems(input.matrix).map((problem) => ({ ...problem, under: "matrix" })),
      ...cadenceProblems(input.cadence).map((problem) => ({ ...problem, under: "cadence" })),
    ];
    if (problems.length > 0) throw invalidSettings(problems);
    const before = await current(store, principal);
    if (before.view.etag !== ifMatch) throw conflictProblem(before.view);
    try {
      await store.saveRiskSettings(
        before.rows,
        riskSettingValues(input.matrix, input.cadence),
        actorOf(principal),
      );
    } catch (error) {
      if (error instanceof ConflictError)
        throw conflictProblem((await current(store, principal)).view);
      throw error;
    }
    const { view } = await current(store, principal);
    response.setHeader("ETag", view.etag);
    response.json(view);
  });

  return router;
}
