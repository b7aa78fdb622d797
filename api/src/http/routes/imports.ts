import express, { type RequestHandler, Router } from "express";
import { z } from "zod";
import { swedishDate } from "../../domain/dates.ts";
import type { Committee } from "../../domain/model.ts";
import { isRecord } from "../../graph/json.ts";
import {
  FIELDS,
  IMPORT_KINDS,
  type ImportKind,
  KIND_LABELS,
  REQUIRED_FIELDS,
} from "../../import/fields.ts";
import { MappingError } from "../../import/import-plan.ts";
import { type ImportReport, ROW_ACTIONS } from "../../import/preview.ts";
import { IMPORT_LIMITS, ImportFileError, readImportFile } from "../../import/read-file.ts";
import { resultWorkbook } from "../../import/result-workbook.ts";
import type { ReadFile } from "../../import/sheet.ts";
import { can } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import { RegisterImport } from "../../store/register-import.ts";
import type { FieldChoices, ImportDone, ImportLine, ImportPreview } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";

/**
 * Bringing a nämnd's existing register in: the file(s) sent as base64 in
 * JSON, a preview with the proposed (or the person's) mapping and every
 * row's outcome, then the import itself, whose result can be downloaded as
 * Excel. The file is sent again with the import, so the server keeps
 * nothing between the steps. The nämnd's secretaries import for their
 * nämnd; kommunledningskontoret for any.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NDJSON = "application/x-ndjson";

/** The register and, optionally, last period's history in a file of its own. */
const MAX_FILES = 2;

/** The largest body: two files at the size limit, as base64, and the mapping. */
export const IMPORT_BODY_LIMIT =
  Math.ceil((MAX_FILES * IMPORT_LIMITS.maxFileBytes * 4) / 3) + 256 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const fileSchema = z.object({
  name: z
    .string({ error: "Filens namn saknas" })
    .trim()
    .min(1, { error: "Filens namn saknas" })
    .max(255, { error: "Filens namn får vara högst 255 tecken" })
    .refine((name) => /\.(xlsx|csv|txt)$/i.test(name), {
      error: "Importen läser Excel-arbetsböcker (.xlsx) och CSV-filer (.csv)",
    }),
  content: z
    .string({ error: "Filens innehåll saknas" })
    .regex(BASE64, { error: "Filens innehåll ska skickas som base64" }),
});

export const choiceSchema = z.object({
  file: z
    .number()
    .int()
    .min(0)
    .max(MAX_FILES - 1),
  sheet: z.number().int().min(0).max(255),
  kind: z.enum([...IMPORT_KINDS, "ignore"], { error: "Välj vad bladet innehåller" }),
  columns: z.array(z.string().max(60).nullable()).max(500),
});

export const importSchema = z.object({
  committeeId: itemId("Nämnd"),
  files: z
    .array(fileSchema)
    .min(1, { error: "Välj en fil att importera" })
    .max(MAX_FILES, { error: `Högst ${MAX_FILES} filer åt gången` }),
  /** The mapping as the person left it; without it, the remembered one or the proposal. */
  choices: z.array(choiceSchema).max(100).optional(),
});

const cellSchema = z.object({
  field: z.string().max(200),
  column: z.string().max(300),
  value: z.string().max(40_000),
  status: z.enum(["new", "changed", "refused", "warning"]),
  before: z.string().max(40_000).optional(),
  message: z.string().max(2000).optional(),
});

/** The result as the import answered it, sent back for the workbook. */
export const resultSchema = z.object({
  committeeId: itemId("Nämnd"),
  report: z.object({
    files: z
      .array(
        z.object({
          name: z.string().max(255),
          format: z.enum(["xlsx", "csv"]),
          encoding: z.string().max(40).optional(),
          delimiter: z.string().max(40).optional(),
        }),
      )
      .max(MAX_FILES),
    sheets: z
      .array(
        z.object({
          file: z.number().int(),
          sheet: z.number().int(),
          name: z.string().max(300),
          kind: z.enum([...IMPORT_KINDS, "ignore"]),
          headerRow: z.number().int(),
          dataStart: z.number().int(),
          rows: z.number().int(),
          columns: z
            .array(
              z.object({
                letter: z.string().max(4),
                header: z.string().max(300),
                field: z.string().max(60).nullable(),
              }),
            )
            .max(500),
          problems: z.array(z.string().max(2000)).max(50),
        }),
      )
      .max(100),
    rows: z
      .array(
        z.object({
          sheet: z.string().max(300),
          kind: z.enum(IMPORT_KINDS),
          row: z.number().int(),
          action: z.enum(ROW_ACTIONS),
          contractNumber: z.string().max(300),
          label: z.string().max(2000),
          reason: z.string().max(2000).optional(),
          cells: z.array(cellSchema).max(100),
        }),
      )
      .max(IMPORT_LIMITS.maxRows * 3),
    counts: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      refused: z.number().int(),
    }),
    unmatchedPeople: z
      .array(
        z.object({
          text: z.string().max(300),
          reason: z.string().max(2000),
          rows: z.array(z.string().max(300)).max(IMPORT_LIMITS.maxRows * 3),
        }),
      )
      .max(IMPORT_LIMITS.maxRows * 3),
  }),
});

/** What each kind of sheet can be mapped to, for the mapping's choices in the tab. */
function choicesFor(kind: ImportKind): FieldChoices[ImportKind] {
  return {
    label: KIND_LABELS[kind],
    fields: FIELDS[kind].map((field) => ({
      key: field.key,
      label: field.label,
      required: REQUIRED_FIELDS[kind].includes(field.key),
    })),
  };
}

const FIELD_CHOICES: FieldChoices = {
  register: choicesFor("register"),
  followUps: choicesFor("followUps"),
  deficiencies: choicesFor("deficiencies"),
};

function tooLarge(detail: string): ProblemError {
  return new ProblemError({ status: 413, code: "import-too-large", title: "För stor fil", detail });
}

/** The import's own JSON body limit, with the limit said in Swedish when it is passed. */
const parseJson = express.json({ limit: IMPORT_BODY_LIMIT });
const importBody: RequestHandler = (request, response, next) => {
  parseJson(request, response, (error?: unknown) => {
    if (isRecord(error) && error.status === 413) {
      next(
        tooLarge(
          `Filerna är för stora. Importen tar filer på högst ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB; dela upp registret i flera filer.`,
        ),
      );
      return;
    }
    next(error);
  });
};

export function importsRouter(store: AppStore, now: () => Date): Router {
  const router = Router();
  const importer = new RegisterImport(store);

  async function prepare(request: { body: unknown }, response: Parameters<typeof identityOf>[0]) {
    const { principal, user } = identityOf(response);
    const input = parseInput(importSchema, request.body);
    if (!can.importRegister(principal, input.committeeId))
      throw forbidden("Avtal importeras av nämndens sekreterare eller av kommunledningskontoret.");
    const committee = await store.committee(input.committeeId);
    if (!committee)
      throw new ProblemError({
        status: 404,
        code: "not-found",
        title: "Hittades inte",
        detail: "Nämnden finns inte.",
      });
    const files = await readFiles(input.files);
    try {
      const prepared = await importer.prepare({
        committee,
        files,
        ...(input.choices ? { choices: input.choices } : {}),
        today: swedishDate(now()),
      });
      return { committee, prepared, editorName: user.name };
    } catch (error) {
      if (error instanceof MappingError)
        throw new ProblemError({
          status: 400,
          code: "import-mapping",
          title: "Kopplingen passar inte filen",
          detail: error.message,
        });
      throw error;
    }
  }

  router.post("/imports/preview", importBody, async (request, response) => {
    const { committee, prepared } = await prepare(request, response);
    response.json({
      committee: committeeOf(committee),
      report: prepared.plan.report,
      choices: FIELD_CHOICES,
      limits: IMPORT_LIMITS,
    } satisfies ImportPreview);
  });

  router.post("/imports", importBody, async (request, response) => {
    const { committee, prepared, editorName } = await prepare(request, response);
    if (request.accepts(["application/json", NDJSON]) !== NDJSON) {
      const report = await importer.run(prepared, committee, { editorName });
      response.json({ committee: committeeOf(committee), report } satisfies ImportDone);
      return;
    }
    // Asked for as lines of JSON: the progress as each batch is answered, then the result.
    response.type(NDJSON);
    const line = (value: ImportLine) => response.write(`${JSON.stringify(value)}\n`);
    try {
      const report = await importer.run(prepared, committee, {
        editorName,
        onProgress: (done, total) => line({ progress: { done, total } }),
      });
      line({ committee: committeeOf(committee), report });
    } catch {
      // The status is sent already: the problem is the last line.
      line({
        problem: {
          status: 503,
          code: "import-interrupted",
          title: "Importen avbröts",
          detail:
            "Importen avbröts innan den var klar. Det som hann sparas finns kvar; kör importen igen så fortsätter den där den slutade.",
        },
      });
    }
    response.end();
  });

  router.post("/imports/result.xlsx", importBody, async (request, response) => {
    const { principal } = identityOf(response);
    const input = parseInput(resultSchema, request.body);
    if (!can.importRegister(principal, input.committeeId))
      throw forbidden("Avtal importeras av nämndens sekreterare eller av kommunledningskontoret.");
    const committee = await store.committee(input.committeeId);
    const report: ImportReport = input.report;
    const name = `Importresultat ${committee?.code ?? "namnd"} ${swedishDate(now())}.xlsx`;
    response
      .type(XLSX)
      .setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await resultWorkbook(report, `Import till ${committee?.name ?? "nämnden"}`));
  });

  return router;
}

function committeeOf(committee: Committee): ImportDone["committee"] {
  return { id: committee.id, name: committee.name, code: committee.code };
}

async function readFiles(files: ReadonlyArray<z.infer<typeof fileSchema>>): Promise<ReadFile[]> {
  const read: ReadFile[] = [];
  for (const file of files) {
    // Checked on the base64 text's length before decoding, so an oversized file is never held twice.
    if ((file.content.length * 3) / 4 > IMPORT_LIMITS.maxFileBytes + 3) {
      throw tooLarge(
        `Filen ${file.name} är större än ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB. Dela upp registret i flera filer.`,
      );
    }
    try {
      read.push(
        await readImportFile(file.name, new Uint8Array(Buffer.from(file.content, "base64"))),
      );
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      const status =
        error.code === "too-large" || error.code === "too-many-rows"
          ? 413
          : error.code === "unsupported"
            ? 415
            : 400;
      throw new ProblemError({
        status,
        code: `import-${error.code}`,
        title: status === 413 ? "För stor fil" : "Filen kan inte läsas",
        detail: error.message,
      });
    }
  }
  return read;
}
