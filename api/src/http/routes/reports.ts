import { Router } from "express";
import { z } from "zod";
import { OUTCOME_TEXT, ReportSetupError } from "../../documents/report-publisher.ts";
import {
  type ReportRequest,
  ReportRequestError,
  ReportService,
} from "../../documents/report-service.ts";
import { TemplateError } from "../../documents/template-filler.ts";
import { actorOf } from "../../domain/actor.ts";
import { swedishDate } from "../../domain/dates.ts";
import { REPORT_STATUSES, REPORT_TYPES, type ReportRecord } from "../../domain/model.ts";
import { decisionProblems, needsSecretary, paragraphNumber } from "../../domain/report-life.ts";
import { fileContent } from "../../graph/file-content.ts";
import { graphStatusOf } from "../../graph/json.ts";
import { can } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import { decodeReport, encodeReportDecision, toDate } from "../../store/mappers.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import type { ReportLifeAnswer, ReportMade } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { isoDate, itemId, parseInput, periodKey, text } from "../validation.ts";
import { conflictProblem } from "./records.ts";

/** Report drafts: list, generate (the nämnd's members; the KS compilation only kommunledningskontoret), download. */

export const generateSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: "Välj en rapporttyp" }),
  committeeId: itemId("Nämnd").optional(),
  period: periodKey("Perioden").optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  mandatePeriod: z.string().max(20).optional(),
  kickoffId: itemId("Uppstartsmöte").optional(),
  followUpId: itemId("Uppföljning").optional(),
  /** The feedback letter's provider, when the contract has several. */
  provider: z.string().trim().max(255).optional(),
  /** The nämnd's report: list the evidence behind each follow-up under Beslutsunderlag (remembered). */
  evidence: z.boolean({ error: "Välj ja eller nej för underlagen" }).optional(),
});

/** A report's life: status, and the nämnd's decision once taken (merged onto the stored row). */
export const lifeSchema = z.object({
  status: z.enum(REPORT_STATUSES, { error: "Välj status: utkast, klar för nämnd eller beslutad" }),
  decisionDate: isoDate("Beslutsdatum").optional(),
  paragraph: text(20, "Paragraf"),
  registryNumber: text(60, "Diarienummer"),
});

function toRequest(input: z.infer<typeof generateSchema>): ReportRequest {
  const missing = (field: string, label: string) =>
    new ProblemError({
      status: 400,
      code: "validation",
      title: "Ogiltiga uppgifter",
      detail: `Ange ${label}.`,
      errors: [{ field, message: `Ange ${label}` }],
    });
  switch (input.type) {
    case "ks":
      return { type: "ks", year: input.year };
    case "namnd":
      if (!input.committeeId) throw missing("committeeId", "nämnd");
      return {
        type: "namnd",
        committeeId: input.committeeId,
        period: input.period,
        evidence: input.evidence,
      };
    case "plan":
      if (!input.committeeId) throw missing("committeeId", "nämnd");
      return { type: "plan", committeeId: input.committeeId, mandatePeriod: input.mandatePeriod };
    case "uppstart":
      if (!input.kickoffId) throw missing("kickoffId", "uppstartsmöte");
      return { type: "uppstart", kickoffId: input.kickoffId };
    case "aterkoppling":
      if (!input.followUpId) throw missing("followUpId", "uppföljning");
      return { type: "aterkoppling", followUpId: input.followUpId, provider: input.provider };
  }
}

export function reportsRouter(store: AppStore, now: () => Date): Router {
  const router = Router();
  const service = new ReportService(store, now);

  router.get("/reports", async (request, response) => {
    const { principal } = identityOf(response);
    const committeeId = parseInput(itemId("Nämnd"), request.query.committeeId);
    if (!can.readCommittee(principal, committeeId)) throw forbidden();
    response.json({ items: await store.reports(committeeId) });
  });

  router.post("/reports", async (request, response) => {
    const { principal, user } = identityOf(response);
    const reportRequest = toRequest(parseInput(generateSchema, request.body));
    try {
      const committee = await service.committeeOf(reportRequest);
      // Another nämnd's kickoff meeting or follow-up answers as a missing one.
      if (reportRequest.type === "uppstart" && !can.readCommittee(principal, committee.id))
        throw new ReportRequestError("Uppstartsmötet finns inte.");
      if (reportRequest.type === "aterkoppling" && !can.readCommittee(principal, committee.id))
        throw new ReportRequestError("Uppföljningen finns inte.");
      if (
        reportRequest.type === "ks" ? !principal.klk : !can.writeCommittee(principal, committee.id)
      ) {
        throw forbidden(
          reportRequest.type === "ks"
            ? "Kommunstyrelsens sammanställning tas fram av kommunledningskontoret."
            : undefined,
        );
      }
      const result = await service.generate(reportRequest, user, committee);
      response.status(201).json({
        report: result.record,
        outcome: result.outcome,
        message: OUTCOME_TEXT[result.outcome],
        path: result.path,
        template: result.template,
      } satisfies ReportMade);
    } catch (error) {
      if (error instanceof ReportRequestError || error instanceof ReportSetupError) {
        throw new ProblemError({
          status: 400,
          code: "report-request",
          title: "Rapporten kan inte skapas",
          detail: error.message,
        });
      }
      if (error instanceof TemplateError) {
        throw new ProblemError({
          status: 422,
          code: "template",
          title: "Fel i nämndens Word-mall",
          detail: error.message,
        });
      }
      throw error;
    }
  });

  // The report's life, set by the nämnd: members mark it ready; only its secretary records the decision.
  router.patch("/reports/:id", async (request, response) => {
    const { principal } = identityOf(response);
    const ifMatch = requireIfMatch(request);
    const id = parseInput(itemId("Rapport"), request.params.id);
    const previous = decodeReport(await store.report(id));
    if (!can.readCommittee(principal, previous.committeeId)) throw new NotFoundError("Rapporten");
    if (!can.writeCommittee(principal, previous.committeeId)) throw forbidden();
    const body = typeof request.body === "object" && request.body !== null ? request.body : {};
    const input = parseInput(lifeSchema, {
      status: previous.status,
      decisionDate: previous.decisionDate,
      paragraph: previous.paragraph,
      registryNumber: previous.registryNumber,
      ...body,
    });
    const next = {
      ...input,
      paragraph: paragraphNumber(input.paragraph),
      // A decision date belongs to a decided report only.
      decisionDate: input.status === "beslutad" ? input.decisionDate : undefined,
    };
    const problems = decisionProblems(next, swedishDate(now()));
    if (problems.length > 0) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Ogiltiga uppgifter",
        detail: "Ett beslut behöver datum, paragraf och diarienummer.",
        errors: problems,
      });
    }
    if (needsSecretary(previous, next) && !principal.secretaryOf.has(previous.committeeId)) {
      throw forbidden("Bara nämndsekreteraren kan registrera eller ändra nämndens beslut.");
    }
    let updated: ReportRecord;
    try {
      const written = await store.updateReport(
        previous.id,
        ifMatch,
        encodeReportDecision(next),
        actorOf(principal),
      );
      updated = decodeReport({
        id: previous.id,
        eTag: written.eTag,
        fields: written.fields,
      });
    } catch (error) {
      if (error instanceof ConflictError)
        throw conflictProblem(decodeReport(await store.report(id)));
      throw error;
    }
    // The file carries the same life in its metadata, so the library shows it too.
    const committee = await store.committee(previous.committeeId);
    let fileUpdated = false;
    if (committee?.driveId && previous.driveItemId) {
      try {
        await store.access.client
          .api(
            `/drives/${committee.driveId}/items/${encodeURIComponent(previous.driveItemId)}/listItem/fields`,
          )
          .patch({
            reportStatus: next.status,
            decisionDate: toDate(next.decisionDate),
            paragraph: next.paragraph,
            registryNumber: next.registryNumber,
          });
        fileUpdated = true;
      } catch (error) {
        // The file may have been moved or deleted in the library; the register row still holds the decision.
        if (graphStatusOf(error) !== 404) throw error;
      }
    }
    response.setHeader("ETag", updated.etag);
    response.json({
      ...updated,
      ...(fileUpdated
        ? {}
        : { message: "Filen finns inte längre i biblioteket; beslutet är sparat i Rapporter." }),
    } satisfies ReportLifeAnswer);
  });

  router.get("/reports/:id/content", async (request, response) => {
    const { principal } = identityOf(response);
    const report = decodeReport(
      await store.report(parseInput(itemId("Rapport"), request.params.id)),
    );
    if (!can.readCommittee(principal, report.committeeId)) throw new NotFoundError("Rapporten");
    const committee = await store.committee(report.committeeId);
    if (!committee?.driveId || !report.driveItemId)
      throw new ProblemError({
        status: 404,
        code: "not-found",
        title: "Hittades inte",
        detail: "Filen finns inte längre.",
      });
    const content = await fileContent(store.access, committee.driveId, report.driveItemId);
    response
      .status(200)
      .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .setHeader(
        "Content-Disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(`${report.title}.docx`)}`,
      )
      .send(Buffer.from(content));
  });

  return router;
}
