import { Router } from "express";
import { z } from "zod";
import { swedishDate } from "../../domain/dates.ts";
import type { Contract } from "../../domain/model.ts";
import { providerGroups } from "../../domain/provider-signals.ts";
import { providerKeysMemo } from "../../domain/risk.ts";
import { can } from "../../policies/access.ts";
import { kommunRisk } from "../../presenters/provider-flags.ts";
import { presentProviderPage, presentProviderSummary } from "../../presenters/provider-page.ts";
import type { AppStore, CycleData } from "../../store/app-store.ts";
import { NotFoundError } from "../../store/store-errors.ts";
import type { Items, ProviderPage, ProviderSummary } from "../api-shapes.ts";
import { identityOf } from "../request-context.ts";
import { parseInput } from "../validation.ts";

/**
 * The kommun's providers, each once however its name was typed, and one
 * provider's page: its contracts across every nämnd (in full where the person
 * may read them, counts elsewhere). From the kommun copy the KS overview
 * shares (one batch of delta requests once warm), deviations included: one
 * round trip.
 */

/** `org:556000-1234` or `name:trygga händer`, as the list gives them. */
const providerKey = z
  .string()
  .trim()
  .regex(/^(org:\d{6}-\d{4}|name:.{1,200})$/u, { error: "Leverantören är ogiltig" });

/** Contracts with a provider of their own (the nämnd's own regime has none). */
function withProviders(data: CycleData): Contract[] {
  return data.contracts.filter((contract) => !contract.ownRegime);
}

export function providersRouter(store: AppStore, now: () => Date): Router {
  const router = Router();

  router.get("/providers", async (_request, response) => {
    const data = await store.cycleView();
    const items = providerGroups(withProviders(data), providerKeysMemo())
      .map(presentProviderSummary)
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    response.json({ items } satisfies Items<ProviderSummary>);
  });

  router.get("/providers/:key", async (request, response) => {
    const { principal } = identityOf(response);
    const key = parseInput(providerKey, request.params.key);
    const data = await store.kommunView();
    const today = swedishDate(now());
    const canRead = (contract: Contract) => can.readContract(principal, contract);
    const group = providerGroups(withProviders(data), providerKeysMemo()).find((candidate) =>
      candidate.keys.includes(key),
    );
    if (!group) throw new NotFoundError("Leverantören");
    // Every contract's deviations count toward its risk, as on the contract's own page; only
    // the readable contracts' are shown.
    const risk = kommunRisk({ today, ...data, matrix: data.settings.riskMatrix });
    const readable = new Set(group.contracts.filter(canRead).map((contract) => contract.id));
    response.json(
      presentProviderPage({
        group,
        canRead,
        committees: data.committees,
        deficiencies: data.deficiencies,
        deviations: data.deviations.filter((deviation) => readable.has(deviation.contractId)),
        risk,
        keysOf: risk.index.keysOf,
        today,
      }) satisfies ProviderPage,
    );
  });

  return router;
}
