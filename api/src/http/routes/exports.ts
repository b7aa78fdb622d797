import { Router } from "express";
import { z } from "zod";
import { swedishDate } from "../../domain/dates.ts";
import { effectiveRisk, RISK_LEVEL_LABELS, suggestRisk } from "../../domain/risk.ts";
import {
  type ExportData,
  followUpsWorkbook,
  REPORTING_FIELDS,
  REPORTING_LAYOUTS,
  registerWorkbook,
  reportingCsv,
  reportingRows,
  reportingWorkbook,
} from "../../exports/workbooks.ts";
import { can } from "../../policies/access.ts";
import { kommunRisk } from "../../presenters/provider-flags.ts";
import type { AppStore } from "../../store/app-store.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";

/**
 * Downloads: the register and a period's follow-ups as Excel, and the
 * reporting-system export (Hypergene/Stratsys) as CSV or Excel. One nämnd
 * for its readers; the whole kommun for kommunledningskontoret.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const query = z.object({
  committeeId: itemId("Nämnd").optional(),
  period: z
    .string()
    .regex(/^\d{4}(–\d{4})?$/, { error: "Perioden skrivs t.ex. 2025–2026" })
    .optional(),
  system: z.enum(["hypergene", "stratsys", "egen"]).default("hypergene"),
});

const layoutSchema = z
  .array(z.object({ header: z.string().min(1).max(100), field: z.enum(REPORTING_FIELDS) }))
  .min(1)
  .max(30);

export function exportsRouter(store: AppStore, now: () => Date = () => new Date()): Router {
  const router = Router();

  /**
   * Each contract's risk level in force, from the kommun-wide read model (as
   * the KS overview weighs it: a provider's deficiencies in other nämnder count,
   * and every contract's deviations).
   */
  async function riskLevels(data: ExportData): Promise<Map<string, string>> {
    const kommun = await store.kommunView();
    const matrix = kommun.settings.riskMatrix;
    // The index the KS overview and the provider page weigh from (remembered over the same copy).
    const { index } = kommunRisk({ today: swedishDate(now()), ...kommun, matrix });
    const levels = new Map<string, string>();
    for (const contract of data.contracts) {
      const risk = effectiveRisk(suggestRisk(contract, index, matrix), contract.risk, matrix);
      const label = RISK_LEVEL_LABELS[risk.cell.level];
      levels.set(contract.id, risk.source === "confirmed" ? label : `${label} (förslag)`);
    }
    return levels;
  }

  async function scope(
    request: { query: unknown },
    response: Parameters<typeof identityOf>[0],
  ): Promise<{ data: ExportData; label: string; parsed: z.infer<typeof query> }> {
    const { principal } = identityOf(response);
    const parsed = parseInput(query, request.query);
    if (parsed.committeeId) {
      if (!can.readCommittee(principal, parsed.committeeId)) throw forbidden();
      const data = await store.cycleData(parsed.committeeId);
      const committee = data.committees.find((candidate) => candidate.id === parsed.committeeId);
      return {
        data: {
          ...data,
          followUps: data.followUps.filter(
            (followUp) => !parsed.period || followUp.period === parsed.period,
          ),
        },
        label: committee?.code ?? "namnd",
        parsed,
      };
    }
    if (!principal.klk)
      throw forbidden(
        "Export för hela kommunen är till för kommunledningskontoret. Välj en nämnd.",
      );
    // The whole kommun from the shared read model (its copy, brought current by delta, the
    // same the risk levels weigh): not every list read whole.
    const data = await store.kommunView();
    return {
      data: {
        ...data,
        followUps: data.followUps.filter(
          (followUp) => !parsed.period || followUp.period === parsed.period,
        ),
      },
      label: "kommun",
      parsed,
    };
  }

  const send = (
    response: Parameters<typeof identityOf>[0],
    type: string,
    fileName: string,
    content: Buffer | string,
  ) => {
    response
      .type(type)
      .setHeader(
        "Content-Disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(content);
  };

  router.get("/exports/register.xlsx", async (request, response) => {
    const { data, label } = await scope(request, response);
    const workbook = await registerWorkbook({ ...data, riskLevels: await riskLevels(data) });
    send(response, XLSX, `Avtalsregister ${label}.xlsx`, workbook);
  });

  router.get("/exports/follow-ups.xlsx", async (request, response) => {
    const { data, label, parsed } = await scope(request, response);
    send(
      response,
      XLSX,
      `Uppföljningar ${label}${parsed.period ? ` ${parsed.period}` : ""}.xlsx`,
      await followUpsWorkbook(data),
    );
  });

  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/exports/reporting-system.${format}`, async (request, response) => {
      const { data, label, parsed } = await scope(request, response);
      let layout = parsed.system === "egen" ? undefined : REPORTING_LAYOUTS[parsed.system];
      if (!layout) {
        const stored = await store.setting("exportLayout");
        const custom = layoutSchema.safeParse(stored ? safeJson(stored) : undefined);
        if (!custom.success) {
          throw new ProblemError({
            status: 400,
            code: "export-layout",
            title: "Egen exportlayout saknas",
            detail: `Inställningen exportLayout saknas eller är ogiltig. Ange en lista som [{"header":"Avtal","field":"avtal"}] med fälten ${REPORTING_FIELDS.join(", ")}.`,
          });
        }
        layout = custom.data;
      }
      const rows = reportingRows({ ...data, riskLevels: await riskLevels(data) }, parsed.period);
      const name = `${parsed.system === "egen" ? "Rapportering" : parsed.system === "hypergene" ? "Hypergene" : "Stratsys"} ${label}${parsed.period ? ` ${parsed.period}` : ""}`;
      if (format === "csv")
        send(response, "text/csv; charset=utf-8", `${name}.csv`, reportingCsv(rows, layout));
      else send(response, XLSX, `${name}.xlsx`, await reportingWorkbook(rows, layout));
    });
  }
  return router;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
