import { type Response, Router } from "express";
import { z } from "zod";
import { renderHistoryDocument } from "../../documents/history-document.ts";
import { type PdfConverter, PdfUnavailableError } from "../../documents/pdf-converter.ts";
import { historyWorkbook } from "../../exports/history-workbook.ts";
import { stringOf } from "../../graph/json.ts";
import { can, type Principal } from "../../policies/access.ts";
import {
  type HistoryExport,
  historyExport,
  historyFileTitle,
} from "../../presenters/history-export.ts";
import type { AppStore, RecordListKey } from "../../store/app-store.ts";
import type { RemovableListKey } from "../../store/schema.ts";
import { NotFoundError } from "../../store/store-errors.ts";
import { ProblemError } from "../problem.ts";
import { identityOf } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";
import { evidenceOf, historyOf, takesEvidence } from "./history.ts";

/**
 * A record's change history to hand out — to an inspection or as an allmän
 * handling: `GET /api/<kind>/:id/history/export?format=xlsx|pdf|docx&internal=true`.
 * Whoever may read the record's history may export it (a record of a nämnd
 * the person may not read answers 404, as the history does). Internal notes
 * stay out unless asked for (`internal=true`) by someone who may see them.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const exportQuery = z.object({
  format: z
    .enum(["xlsx", "pdf", "docx"], { error: "Välj format xlsx, pdf eller docx" })
    .default("xlsx"),
  internal: z
    .enum(["true", "false"], { error: "Ange internal=true eller internal=false" })
    .default("false")
    .transform((value) => value === "true"),
});

/** The record kinds by their API path (as in records.ts). */
const RECORD_PATHS: Record<string, RecordListKey> = {
  plans: "plans",
  kickoffs: "kickoffs",
  deviations: "deviations",
  "follow-ups": "followUps",
  deficiencies: "deficiencies",
};

/** What the record is called in its own words, per kind. */
const TITLE_FIELD: Record<RemovableListKey, string> = {
  contracts: "Title",
  plans: "mandatePeriod",
  kickoffs: "meetingDate",
  deviations: "description",
  followUps: "period",
  deficiencies: "description",
};

/** The record to export, read as the history route reads it: one the person may read, or 404. */
interface Exported {
  list: RemovableListKey;
  id: string;
  title: string;
  committeeId: string;
  contractId: string;
  /** Whether this person may see the record's internal notes. */
  mayReadInternal: boolean;
}

async function readableContract(
  store: AppStore,
  principal: Principal,
  id: string,
): Promise<Exported> {
  const contract = await store.contract(id);
  if (!can.readContract(principal, contract)) throw new NotFoundError("Avtalet");
  return {
    list: "contracts",
    id: contract.id,
    title: contract.title,
    committeeId: contract.committeeId,
    contractId: "",
    mayReadInternal: can.readInternalNotes(principal, contract),
  };
}

async function readableRecord(
  store: AppStore,
  principal: Principal,
  list: RecordListKey,
  id: string,
): Promise<Exported> {
  const client = store.records(list);
  const item = await client.get(id);
  const committeeId = stringOf(item.fields, "committeeLookupId") ?? "";
  if (!can.readCommittee(principal, committeeId)) throw new NotFoundError(client.what);
  const title = (stringOf(item.fields, TITLE_FIELD[list]) ?? "").split("\n")[0] ?? "";
  return {
    list,
    id: item.id,
    title: title.length > 120 ? `${title.slice(0, 119)}…` : title,
    committeeId,
    contractId: stringOf(item.fields, "contractLookupId") ?? "",
    // Only contracts have internal notes; reading the record is all it takes to see its fields.
    mayReadInternal: true,
  };
}

export function historyExportRouter(
  store: AppStore,
  pdf: PdfConverter,
  now: () => Date = () => new Date(),
): Router {
  const router = Router();

  const send = async (response: Response, record: Exported, query: unknown) => {
    const { principal } = identityOf(response);
    const { format, internal } = parseInput(exportQuery, query);
    if (internal && !record.mayReadInternal)
      throw new ProblemError({
        status: 403,
        code: "forbidden",
        title: "Ingen behörighet",
        detail: "Du får inte se postens interna anteckningar. Exportera utan dem.",
      });
    const [entries, files, settings, names] = await Promise.all([
      historyOf(store, record.list, record.id, record.committeeId),
      evidenceOf(store, record.list, record.id, record.committeeId),
      store.settings(),
      store.linkedNames({
        committees: [],
        contracts: record.contractId ? [record.contractId] : [],
        followUps: [],
        deviations: [],
      }),
    ]);
    const model = historyExport({
      list: record.list,
      id: record.id,
      title: record.title,
      municipality: settings.name,
      committeeName: names.committees.get(record.committeeId) ?? "",
      contractTitle: record.contractId ? (names.contracts.get(record.contractId) ?? "") : "",
      exportedAt: now().toISOString(),
      exportedBy: principal.name,
      internal,
      entries,
      // Contracts, follow-ups, deviations and deficiencies take evidence; plans and kickoffs do not.
      evidence: takesEvidence(record.list)
        ? files.map((file) => ({
            name: file.name,
            addedAt: file.uploadedAt,
            addedBy: file.uploadedBy.name,
            size: file.size,
            webUrl: file.webUrl,
          }))
        : undefined,
    });
    const { content, type } = await render(model, format);
    response
      .type(type)
      .setHeader(
        "Content-Disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(`${historyFileTitle(model)}.${format}`)}`,
      )
      .send(content);
  };

  /** The file in the format asked for; PDF is the Word document printed by LibreOffice. */
  const render = async (
    model: HistoryExport,
    format: "xlsx" | "pdf" | "docx",
  ): Promise<{ content: Buffer; type: string }> => {
    switch (format) {
      case "xlsx":
        return { content: await historyWorkbook(model), type: XLSX };
      case "docx":
        return { content: await renderHistoryDocument(model), type: DOCX };
      case "pdf":
        try {
          return {
            content: await pdf.convert(await renderHistoryDocument(model)),
            type: "application/pdf",
          };
        } catch (error) {
          if (!(error instanceof PdfUnavailableError)) throw error;
          throw new ProblemError({
            status: 503,
            code: "pdf-unavailable",
            title: "PDF kan inte skapas just nu",
            detail:
              "Servern kunde inte göra om historiken till PDF. Exportera som Excel eller Word i stället, eller försök igen senare.",
          });
        }
    }
  };

  router.get("/contracts/:id/history/export", async (request, response) => {
    const { principal } = identityOf(response);
    const id = parseInput(itemId("Avtal"), request.params.id);
    await send(response, await readableContract(store, principal, id), request.query);
  });

  for (const [path, list] of Object.entries(RECORD_PATHS)) {
    router.get(`/${path}/:id/history/export`, async (request, response) => {
      const { principal } = identityOf(response);
      const id = parseInput(itemId("Id"), request.params.id);
      await send(response, await readableRecord(store, principal, list, id), request.query);
    });
  }

  return router;
}
