import { ResponseType } from "@microsoft/microsoft-graph-client";
import { Router } from "express";
import { z } from "zod";
import { OUTCOME_TEXT, ReportSetupError } from "../../documents/report-publisher.ts";
import {
  type ReportRequest,
  ReportRequestError,
  ReportService,
} from "../../documents/report-service.ts";
import { TemplateError } from "../../documents/template-filler.ts";
import { REPORT_TYPES } from "../../domain/model.ts";
import { can } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import { decodeReport } from "../../store/mappers.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf } from "../request-context.ts";
import { itemId, parseInput, periodKey } from "../validation.ts";

/** Report drafts: list, generate (the nämnd's members; the KS compilation only kommunledningskontoret), download. */

const generateSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: "Välj en rapporttyp" }),
  committeeId: itemId("Nämnd").optional(),
  period: periodKey("Perioden").optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  mandatePeriod: z.string().max(20).optional(),
  kickoffId: itemId("Uppstartsmöte").optional(),
  followUpId: itemId("Uppföljning").optional(),
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
      return { type: "namnd", committeeId: input.committeeId, period: input.period };
    case "plan":
      if (!input.committeeId) throw missing("committeeId", "nämnd");
      return { type: "plan", committeeId: input.committeeId, mandatePeriod: input.mandatePeriod };
    case "uppstart":
      if (!input.kickoffId) throw missing("kickoffId", "uppstartsmöte");
      return { type: "uppstart", kickoffId: input.kickoffId };
    case "aterkoppling":
      if (!input.followUpId) throw missing("followUpId", "uppföljning");
      return { type: "aterkoppling", followUpId: input.followUpId };
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
      if (
        reportRequest.type === "ks" ? !principal.klk : !can.writeCommittee(principal, committee.id)
      ) {
        throw forbidden(
          reportRequest.type === "ks"
            ? "Kommunstyrelsens sammanställning tas fram av kommunledningskontoret."
            : undefined,
        );
      }
      const result = await service.generate(reportRequest, user.name, committee);
      response.status(201).json({
        report: result.record,
        outcome: result.outcome,
        message: OUTCOME_TEXT[result.outcome],
        path: result.path,
        template: result.template,
      });
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

  router.get("/reports/:id/content", async (request, response) => {
    const { principal } = identityOf(response);
    const report = decodeReport(
      await store.list("reports").get(parseInput(itemId("Rapport"), request.params.id)),
    );
    if (!can.readCommittee(principal, report.committeeId)) throw forbidden();
    const committee = await store.committee(report.committeeId);
    if (!committee?.driveId || !report.driveItemId)
      throw new ProblemError({
        status: 404,
        code: "not-found",
        title: "Hittades inte",
        detail: "Filen finns inte längre.",
      });
    const content = (await store.access.client
      .api(`/drives/${committee.driveId}/items/${encodeURIComponent(report.driveItemId)}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
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
