import type { Actor } from "../domain/actor.ts";
import type { Committee, ReportRecord } from "../domain/model.ts";
import type { ReportModel } from "../domain/report-models.ts";
import { fileContent } from "../graph/file-content.ts";
import { sendBatch } from "../graph/graph-batch.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { graphStatusOf } from "../graph/json.ts";
import { uploadLargeFile } from "../graph/large-file-upload.ts";
import { type DriveItem, driveItem } from "../graph/shapes.ts";
import type { AppStore } from "../store/app-store.ts";
import { decodeReport } from "../store/mappers.ts";
import type { FieldsOf } from "../store/schema.ts";
import { ConflictError, DuplicateError } from "../store/store-errors.ts";
import { fillTemplate } from "./template-filler.ts";
import { renderWord } from "./word-document.ts";

/**
 * Puts a report draft in the nämnd's document library: the kommun's own
 * template if `Mallar/<typ>.docx` exists, else the built-in layout; a
 * predictable path; metadata on the file; a row in Rapporter. A draft a
 * person has edited is never overwritten: the new draft gets a new name.
 */

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** Above this, the file goes through an upload session. */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;
/** Up to this, a replaced draft travels inside a JSON batch (as base64, a third larger). */
export const BATCH_UPLOAD_LIMIT = 1024 * 1024;

export type PublishOutcome = "created" | "new-version" | "new-name";

export const OUTCOME_TEXT: Record<PublishOutcome, string> = {
  created: "Utkastet är skapat.",
  "new-version": "Utkastet är uppdaterat som en ny version av samma fil.",
  "new-name":
    "Det tidigare utkastet har redigerats av en person och lämnades orört; det nya utkastet fick ett eget namn.",
};

export interface PublishResult {
  record: ReportRecord;
  outcome: PublishOutcome;
  path: string;
  template: "egen mall" | "standardmall";
}

export class ReportSetupError extends Error {}

function folderFor(model: Pick<ReportModel, "type" | "period" | "date">): string {
  const years = model.period.match(/\d{4}/g) ?? [model.date.slice(0, 4)];
  switch (model.type) {
    case "plan":
      return "Planer";
    case "uppstart":
      return `Uppstartsmöten/${years.at(-1)}`;
    case "aterkoppling":
      return `Återkoppling/${years.at(-1)}`;
    default:
      return `Rapporter/${years.at(-1)}`;
  }
}

/** Where a draft goes in the nämnd's library. */
export function draftPath(
  model: Pick<ReportModel, "type" | "period" | "date" | "fileTitle">,
): string {
  return `${folderFor(model)}/${safeFileName(model.fileTitle)}.docx`;
}

/** What is already in the library at a draft's place: the nämnd's own template and an earlier draft. */
export interface LibraryState {
  path: string;
  template: DriveItem | undefined;
  existing: DriveItem | undefined;
}

/** The report a draft is made for, by whom and when. */
interface Draft {
  model: ReportModel;
  committee: Committee;
  reportKey: string;
  generatedBy: Actor;
  now: Date;
}

/** What the caller already knows, so publishing needs fewer round trips. */
export interface PublishHints {
  /** The library looked up ahead (e.g. while the register was read). */
  library?: LibraryState;
  /** The report's row in Rapporter as just read; null when there is none. */
  reportRow?: { id: string; etag: string } | null;
}

/** File names in SharePoint may not hold " * : < > ? / \ |; such characters become dashes. */
export function safeFileName(title: string): string {
  return title
    .replace(/["*:<>?/\\|]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\.+$/, "")
    .slice(0, 200);
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

const templatePathOf = (type: ReportModel["type"]) => `Mallar/${type}.docx`;

/** The nämnd's library, or a Swedish explanation of why there is none. */
export function driveOf(committee: Committee): string {
  if (!committee.driveId) {
    throw new ReportSetupError(
      `${committee.name} har inget dokumentbibliotek ännu. Kör npm run provision så skapas det.`,
    );
  }
  return committee.driveId;
}

export class ReportPublisher {
  private readonly store: AppStore;
  private readonly access: GraphAccess;

  constructor(store: AppStore) {
    this.store = store;
    this.access = store.access;
  }

  private async itemAt(driveId: string, path: string): Promise<DriveItem | undefined> {
    try {
      return driveItem.parse(
        await this.access.client.api(`/drives/${driveId}/root:/${encodePath(path)}`).get(),
      );
    } catch (error) {
      if (graphStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The template and any earlier draft, in one batch. */
  async lookUp(driveId: string, path: string, type: ReportModel["type"]): Promise<LibraryState> {
    const url = (at: string) => `/drives/${driveId}/root:/${encodePath(at)}`;
    const responses = await sendBatch(this.access, [
      { id: "template", method: "GET", url: url(templatePathOf(type)) },
      { id: "existing", method: "GET", url: url(path) },
    ]);
    const found = (id: string): DriveItem | undefined => {
      const response = responses.get(id);
      if (response?.status === 200) return driveItem.parse(response.body);
      if (response?.status === 404) return undefined;
      throw new Error(`Biblioteket kunde inte läsas (HTTP ${response?.status ?? "?"}).`);
    };
    return { path, template: found("template"), existing: found("existing") };
  }

  private async document(
    model: ReportModel,
    driveId: string,
    template: DriveItem | undefined,
  ): Promise<{ content: Buffer; template: PublishResult["template"] }> {
    const templatePath = templatePathOf(model.type);
    if (!template) return { content: await renderWord(model), template: "standardmall" };
    const bytes = await fileContent(this.access, driveId, template.id);
    return {
      content: fillTemplate(new Uint8Array(bytes), model, templatePath),
      template: "egen mall",
    };
  }

  private async upload(
    driveId: string,
    path: string,
    content: Buffer,
    conflict: "fail" | "replace" | "rename",
    ifMatch?: string,
  ): Promise<DriveItem> {
    if (content.byteLength > SIMPLE_UPLOAD_LIMIT) {
      return uploadLargeFile(
        this.access,
        `/drives/${driveId}/root:/${encodePath(path)}:`,
        content,
        conflict,
      );
    }
    let request = this.access.client
      .api(
        `/drives/${driveId}/root:/${encodePath(path)}:/content?@microsoft.graph.conflictBehavior=${conflict}`,
      )
      .header("Content-Type", DOCX_TYPE);
    if (ifMatch) request = request.header("If-Match", ifMatch);
    return driveItem.parse(await request.put(content));
  }

  /**
   * Writes the draft at `path` without ever overwriting a person's edit, and
   * without a second copy when generations race: create only if absent, else
   * replace the app's own draft only at the version just read. A lost race is
   * read again; a person's edit gets the new draft under its own name.
   */
  private async place(
    driveId: string,
    path: string,
    content: Buffer,
    known: { existing: DriveItem | undefined } | undefined,
  ): Promise<{ item: DriveItem; outcome: PublishOutcome }> {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const existing = attempt === 0 && known ? known.existing : await this.itemAt(driveId, path);
      if (existing?.lastModifiedBy?.user) break;
      try {
        if (!existing) {
          return { item: await this.upload(driveId, path, content, "fail"), outcome: "created" };
        }
        return {
          item: await this.upload(driveId, path, content, "replace", existing.eTag),
          outcome: "new-version",
        };
      } catch (error) {
        // 409: created meanwhile; 412: changed meanwhile. Look again.
        if (graphStatusOf(error) !== 409 && graphStatusOf(error) !== 412) throw error;
      }
    }
    return { item: await this.upload(driveId, path, content, "rename"), outcome: "new-name" };
  }

  async publish(
    model: ReportModel,
    committee: Committee,
    reportKey: string,
    generatedBy: Actor,
    now: Date,
    hints: PublishHints = {},
  ): Promise<PublishResult> {
    const draft: Draft = { model, committee, reportKey, generatedBy, now };
    const driveId = driveOf(committee);
    const path = draftPath(model);
    const library =
      hints.library?.path === path ? hints.library : await this.lookUp(driveId, path, model.type);
    const { content, template } = await this.document(model, driveId, library.template);
    const shownPath = (item: DriveItem) => `${path.split("/").slice(0, -1).join("/")}/${item.name}`;

    const { existing } = library;
    const row = hints.reportRow;
    let known: LibraryState | undefined = library;
    // The app's own earlier draft, small enough for a batch, its row known: replaced in one round trip.
    if (
      existing &&
      !existing.lastModifiedBy?.user &&
      row !== undefined &&
      content.byteLength <= BATCH_UPLOAD_LIMIT
    ) {
      const together = await this.replaceTogether(draft, { driveId, content, existing, row });
      if (together) {
        const { item, record } = together;
        return { record, outcome: "new-version", path: shownPath(item), template };
      }
      // Lost a race: the library as read is stale, so its draft is not uploaded against again.
      known = undefined;
    }
    const { item, outcome } = await this.place(driveId, path, content, known);

    // The file's metadata and the register row are independent: written together.
    const [, record] = await Promise.all([
      this.access.client
        .api(`/drives/${driveId}/items/${item.id}/listItem/fields`)
        .patch(this.fileMetadata(draft)),
      this.record(draft, item, hints.reportRow),
    ]);
    return { record, outcome, path: shownPath(item), template };
  }

  /**
   * The app's own earlier draft replaced in one JSON batch: the new content at
   * the version read, then (dependsOn: not written if the upload fails) the
   * file's metadata and the report's row, which keep the file's id. Undefined
   * when it lost a race (the draft changed meanwhile); the caller then goes
   * step by step, reading the library again.
   */
  private async replaceTogether(
    draft: Draft,
    known: {
      driveId: string;
      content: Buffer;
      existing: DriveItem;
      row: { id: string; etag: string } | null;
    },
  ): Promise<{ item: DriveItem; record: ReportRecord } | undefined> {
    const { driveId, content, existing, row } = known;
    const itemUrl = `/drives/${driveId}/items/${encodeURIComponent(existing.id)}`;
    const fields = this.rowFields(draft, existing);
    const rowKnown = row && { id: row.id, eTag: row.etag };
    const responses = await sendBatch(this.access, [
      {
        id: "file",
        method: "PUT",
        url: `${itemUrl}/content`,
        headers: { "Content-Type": DOCX_TYPE, "If-Match": existing.eTag },
        body: content.toString("base64"),
      },
      {
        id: "metadata",
        method: "PATCH",
        url: `${itemUrl}/listItem/fields`,
        body: this.fileMetadata(draft),
        dependsOn: ["file"],
      },
      {
        ...(await this.store.reportRowRequest("row", rowKnown, fields, draft.generatedBy)),
        dependsOn: ["file"],
      },
    ]);
    const file = responses.get("file");
    // 409/412: the draft changed meanwhile (a person opened it, another generation): go step by step.
    if (file?.status === 409 || file?.status === 412) return undefined;
    if (file?.status !== 200 && file?.status !== 201) {
      throw new Error(`Utkastet kunde inte sparas i biblioteket (HTTP ${file?.status ?? "?"}).`);
    }
    const item = driveItem.parse(file.body);
    const metadata = responses.get("metadata")?.status;
    if (metadata !== 200) {
      throw new Error(`Utkastets metadata kunde inte sparas (HTTP ${metadata ?? "?"}).`);
    }
    const written = this.store.reportRowWritten(rowKnown, responses.get("row"));
    const record = written ? decodeReport(written) : await this.record(draft, item);
    return { item, record };
  }

  /** The columns the library shows for a draft. */
  private fileMetadata({ model, committee }: Draft) {
    return {
      committeeCode: committee.code,
      documentType: model.type,
      period: model.period,
      reportStatus: "utkast",
    };
  }

  /** The report's row in Rapporter, pointing at the newest draft. */
  private rowFields(
    { model, committee, reportKey, generatedBy, now }: Draft,
    item: DriveItem,
  ): FieldsOf<"reports"> {
    return {
      Title: model.title,
      reportKey,
      committeeLookupId: Number(committee.id),
      reportType: model.type,
      period: model.period,
      status: "utkast",
      webUrl: item.webUrl,
      driveItemId: item.id,
      fileName: item.name,
      generatedAt: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      generatedByName: generatedBy.name,
    };
  }

  /** One row per report in Rapporter (unique key), pointing at the newest draft. */
  private async record(
    draft: Draft,
    item: DriveItem,
    known?: { id: string; etag: string } | null,
  ): Promise<ReportRecord> {
    const fields = this.rowFields(draft, item);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing =
        attempt === 0 && known !== undefined
          ? known && { id: known.id, eTag: known.etag }
          : await this.store.reportByKey(draft.reportKey);
      try {
        if (!existing)
          return decodeReport(await this.store.createReport(fields, draft.generatedBy));
        const updated = await this.store.updateReport(
          existing.id,
          existing.eTag,
          fields,
          draft.generatedBy,
        );
        return decodeReport({
          id: existing.id,
          eTag: updated.eTag,
          fields: updated.fields,
        });
      } catch (error) {
        // Two generations at once: the other one created or changed the row first; read it again.
        if (!(error instanceof DuplicateError) && !(error instanceof ConflictError)) throw error;
      }
    }
    throw new Error("Rapportraden kunde inte sparas efter tre försök.");
  }
}
