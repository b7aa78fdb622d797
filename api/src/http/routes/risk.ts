import { Router } from "express";
import { nextFollowUp } from "../../domain/cadence.ts";
import { swedishDate } from "../../domain/dates.ts";
import { buildRiskIndex, effectiveRisk, suggestRisk } from "../../domain/risk.ts";
import { can } from "../../policies/access.ts";
import { presentContractRisk } from "../../presenters/contract-risk.ts";
import type { AppStore } from "../../store/app-store.ts";
import { NotFoundError } from "../../store/store-errors.ts";
import { identityOf } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";

/**
 * A contract's risk, read-only: the suggestion from what the app holds, with
 * its reasons, and when the next follow-up is due at that level. Until the
 * schema keeps a person's confirmation (and the provider register its notes
 * on finances and IVO), the suggestion is the level in force.
 */
export function riskRouter(store: AppStore, now: () => Date): Router {
  const router = Router();

  router.get("/contracts/:id/risk", async (request, response) => {
    const { principal } = identityOf(response);
    const contract = await store.contract(parseInput(itemId("Avtal"), request.params.id));
    // One the person may not read answers exactly as one that does not exist.
    if (!can.readContractRisk(principal, contract)) throw new NotFoundError("Avtalet");
    // The kommun-wide read model (shared with the KS overview) holds every nämnd's
    // deficiencies, which the provider's record elsewhere is counted from; deviations
    // are not in it, and only this contract's are needed.
    const [kommun, deviations] = await Promise.all([
      store.cycleView(),
      store.deviations({ contractId: contract.id }),
    ]);
    const today = swedishDate(now());
    const followUps = kommun.followUps.filter((followUp) => followUp.contractId === contract.id);
    const index = buildRiskIndex({
      today,
      contracts: kommun.contracts,
      deficiencies: kommun.deficiencies,
      followUps,
      deviations,
    });
    const matrix = kommun.settings.riskMatrix;
    const cadence = kommun.settings.riskCadence;
    const risk = effectiveRisk(suggestRisk(contract, index, matrix), undefined, matrix);
    const lastFollowUpOn = followUps
      .filter((followUp) => followUp.status === "klar" && followUp.followUpDate <= today)
      .reduce<string | undefined>(
        (latest, followUp) =>
          latest === undefined || followUp.followUpDate > latest ? followUp.followUpDate : latest,
        undefined,
      );
    const next = nextFollowUp(
      { level: risk.cell.level, lastFollowUpOn, contractStart: contract.startDate, today },
      cadence,
    );
    response.json(presentContractRisk(contract.id, risk, matrix, cadence, next));
  });

  return router;
}
