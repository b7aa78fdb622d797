import { Router } from "express";
import { z } from "zod";
import {
  annualCycle,
  countByStatus,
  followUpDueDatesOf,
  type Obligation,
  periodKindOf,
} from "../../domain/annual-cycle.ts";
import { strategicCountWarning } from "../../domain/classification.ts";
import { swedishDate } from "../../domain/dates.ts";
import { mandatePeriodContaining } from "../../domain/mandate-period.ts";
import { strategicContractsOf } from "../../domain/report-models.ts";
import { latestCompletePeriod, periodContaining } from "../../domain/reporting-period.ts";
import { can, readableCommittees, rolesOf } from "../../policies/access.ts";
import {
  type CommitteeSummary,
  type Me,
  presentCommittee,
  presentCommitteeName,
} from "../../presenters/committee.ts";
import type { Dashboard, Overview, OverviewRow } from "../../presenters/dashboard.ts";
import { kommunRisk, presentFlaggedProviders } from "../../presenters/provider-flags.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { Items } from "../api-shapes.ts";
import { forbidden, identityOf, notFound } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";

/** Nämnder, the nämnd's dashboard (the årshjul) and kommunledningskontoret's overview. */

export function committeesRouter(
  store: AppStore,
  now: () => Date,
  mode: "local" | "tenant",
): Router {
  const router = Router();

  router.get("/me", async (_request, response) => {
    const { user, principal } = identityOf(response);
    const [committees, settings] = await Promise.all([store.committees(), store.settings()]);
    response.json({
      user: { id: user.id, name: user.name, email: user.email },
      roles: rolesOf(principal),
      municipality: settings.name,
      mode,
      committees: readableCommittees(principal, committees).map((committee) => ({
        ...presentCommittee(committee, settings),
        canWrite: can.writeCommittee(principal, committee.id),
        canDecide: can.decideForCommittee(principal, committee.id),
        listsEvidence: settings.reportEvidence.has(committee.id),
      })),
    } satisfies Me);
  });

  router.get("/committees", async (request, response) => {
    const { principal } = identityOf(response);
    // A tab in a team asks which nämnd the team is (Teams hands it the group id):
    // answered for that one group, so the list never hands out every nämnd's group.
    const { groupId } = parseInput(
      z.object({ groupId: z.guid("Ange teamets grupp-id.").optional() }),
      request.query,
    );
    const [committees, settings] = await Promise.all([store.committees(), store.settings()]);
    response.json({
      items: committees
        .filter((committee) => groupId === undefined || committee.groupId === groupId)
        .map((committee) => {
          if (can.readCommittee(principal, committee.id))
            return presentCommittee(committee, settings);
          const name = presentCommitteeName(committee, settings);
          return groupId === undefined ? name : { ...name, groupId: committee.groupId };
        }),
    } satisfies Items<CommitteeSummary>);
  });

  router.get("/committees/:id/dashboard", async (request, response) => {
    const { principal } = identityOf(response);
    const committeeId = parseInput(itemId("Nämnd"), request.params.id);
    const committee = await store.committee(committeeId);
    if (!committee) throw notFound("Nämnden");
    if (!can.readCommittee(principal, committeeId)) throw forbidden();
    const data = await store.cycleView(committeeId);
    const today = swedishDate(now());
    const obligations = annualCycle({ today, municipality: data.settings, ...data }).filter(
      (obligation) => obligation.committeeId === committeeId,
    );
    const strategic = data.contracts.filter(
      (contract) => contract.strategic && contract.status !== "avslutat",
    );
    // Contracts brought in by the import without value and impact: the nämnd classifies them.
    const toClassify = data.contracts
      .filter(
        (contract) =>
          contract.committeeId === committeeId &&
          !contract.classified &&
          contract.status !== "avslutat",
      )
      .map((contract) => ({
        id: contract.id,
        title: contract.title,
        contractNumber: contract.contractNumber,
      }));
    const kind = periodKindOf(committee, data.settings);
    response.json({
      committee: presentCommittee(committee, data.settings),
      today,
      currentPeriod: periodContaining(kind, today),
      latestCompletePeriod: latestCompletePeriod(kind, today),
      mandatePeriod: mandatePeriodContaining(today),
      counts: {
        ...countByStatus(obligations),
        contracts: data.contracts.length,
        strategic: strategic.length,
        openDeficiencies: data.deficiencies.filter((deficiency) => deficiency.status !== "åtgärdad")
          .length,
        toClassify: toClassify.length,
      },
      toClassify,
      warning: strategicCountWarning(
        strategic.filter((contract) => contract.committeeId === committeeId).length,
      ),
      obligations,
    } satisfies Dashboard);
  });

  router.get("/overview", async (_request, response) => {
    const { principal } = identityOf(response);
    if (!can.seeKommunOverview(principal))
      throw forbidden("Översikten över alla nämnder är till för kommunledningskontoret.");
    const data = await store.kommunView();
    const today = swedishDate(now());
    const obligations = annualCycle({ today, municipality: data.settings, ...data });
    const mandate = mandatePeriodContaining(today);
    const rows = data.committees.map((committee): OverviewRow => {
      const mine = obligations.filter((obligation) => obligation.committeeId === committee.id);
      const period = latestCompletePeriod(periodKindOf(committee, data.settings), today);
      // The period's strategic contracts: one that starts after the period is not counted in it.
      const strategic = strategicContractsOf(data, committee.id, period);
      const expected = strategic.reduce(
        (sum, contract) =>
          sum +
          followUpDueDatesOf(
            { ...data, municipality: data.settings },
            contract,
            committee.id,
            period,
          ).length,
        0,
      );
      const done = data.followUps.filter(
        (followUp) =>
          followUp.committeeId === committee.id &&
          followUp.period === period.key &&
          followUp.status === "klar",
      ).length;
      const plan = data.plans.find(
        (candidate) =>
          candidate.committeeId === committee.id && candidate.mandatePeriod === mandate.key,
      );
      const report = data.reports.find(
        (candidate) =>
          candidate.committeeId === committee.id &&
          candidate.reportType === "namnd" &&
          candidate.period === period.key,
      );
      const withDeficiencies = new Set(
        data.deficiencies
          .filter(
            (deficiency) =>
              deficiency.committeeId === committee.id && deficiency.status !== "åtgärdad",
          )
          .map((deficiency) => deficiency.contractId),
      );
      return {
        committee: presentCommittee(committee, data.settings),
        period: period.key,
        // A plan not yet written is only missing once its deadline has passed.
        planStatus: plan?.status ?? (today > mandate.planDue ? "saknas" : "ej påbörjad"),
        followUps: { done: Math.min(done, expected), expected },
        strategicContracts: strategic.length,
        contractsWithDeficiencies: strategic
          .filter((contract) => withDeficiencies.has(contract.id))
          .map((contract) => ({ id: contract.id, title: contract.title })),
        openDeficiencies: data.deficiencies.filter(
          (deficiency) =>
            deficiency.committeeId === committee.id && deficiency.status !== "åtgärdad",
        ).length,
        reportStatus: report?.status ?? "saknas",
        /** The nämnd's decision on its report, once recorded in Rapporter. */
        reportDecision:
          report?.status === "beslutad"
            ? { date: report.decisionDate ?? "", paragraph: report.paragraph }
            : null,
        counts: countByStatus(mine),
        late: mine.filter((obligation: Obligation) => obligation.status === "late"),
      };
    });
    // Reminders that may not have gone out: being sent when a process stopped, or failed.
    // ("reserverad" ones were never posted; the next run posts them.)
    const reminderProblems = (await store.reminders.uncertain()).map((row) => ({
      id: row.id,
      title: row.title,
      committeeId: row.committeeId,
      status: row.status,
      claimedAt: row.claimedAt,
      error: row.error,
    }));
    // Uppsiktsplikt: providers failing in several nämnder at once, from the same read model.
    const flaggedProviders = presentFlaggedProviders(
      data.contracts,
      data.committees,
      // Weighed as on each contract's page: the shared read model holds every nämnd's deviations.
      kommunRisk({ today, ...data, matrix: data.settings.riskMatrix }),
    );
    const strategicTotal = data.contracts.filter(
      (contract) => contract.strategic && contract.status !== "planerat",
    ).length;
    response.json({
      today,
      mandatePeriod: mandate,
      totals: {
        strategicContracts: strategicTotal,
        late: obligations.filter((obligation) => obligation.status === "late").length,
        committeesLate: rows.filter((row) => row.counts.late > 0).length,
      },
      committees: rows,
      flaggedProviders,
      reminderProblems,
    } satisfies Overview);
  });

  return router;
}
