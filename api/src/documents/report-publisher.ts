import { ResponseType } from "@microsoft/microsoft-graph-client";
import type { Committee, ReportRecord } from "../domain/model.ts";
import type { ReportModel } from "../domain/report-models.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { uploadLargeFile } from "../graph/large-file-upload.ts";
import type { AppStore } from "../store/app-store.ts";
import { decodeReport } from "../store/mappers.ts";
import { where } from "../store/odata.ts";
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

interface DriveItem {
  id: string;
  name: string;
  webUrl: string;
  eTag: string;
  size?: number;
  lastModifiedBy?: { user?: { displayName?: string }; application?: { displayName?: string } };
}

function folderFor(model: ReportModel): string {
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

function graphStatus(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
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
      return (await this.access.client
        .api(`/drives/${driveId}/root:/${encodePath(path)}`)
        .get()) as DriveItem;
    } catch (error) {
      if (graphStatus(error) === 404) return undefined;
      throw error;
    }
  }

  private async document(
    model: ReportModel,
    driveId: string,
  ): Promise<{ content: Buffer; template: PublishResult["template"] }> {
    const templatePath = `Mallar/${model.type}.docx`;
    const template = await this.itemAt(driveId, templatePath);
    if (!template) return { content: await renderWord(model), template: "standardmall" };
    const bytes = (await this.access.client
      .api(`/drives/${driveId}/items/${template.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
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
      return (await uploadLargeFile(
        this.access,
        `/drives/${driveId}/root:/${encodePath(path)}:`,
        content,
        conflict,
      )) as DriveItem;
    }
    let request = this.access.client
      .api(
        `/drives/${driveId}/root:/${encodePath(path)}:/content?@microsoft.graph.conflictBehavior=${conflict}`,
      )
      .header("Content-Type", DOCX_TYPE);
    if (ifMatch) request = request.header("If-Match", ifMatch);
    return (await request.put(content)) as DriveItem;
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
  ): Promise<{ item: DriveItem; outcome: PublishOutcome }> {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const existing = await this.itemAt(driveId, path);
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
        if (graphStatus(error) !== 409 && graphStatus(error) !== 412) throw error;
      }
    }
    return { item: await this.upload(driveId, path, content, "rename"), outcome: "new-name" };
  }

  async publish(
    model: ReportModel,
    committee: Committee,
    reportKey: string,
    generatedBy: string,
    now: Date,
  ): Promise<PublishResult> {
    if (!committee.driveId) {
      throw new ReportSetupError(
        `${committee.name} har inget dokumentbibliotek ännu. Kör npm run provision så skapas det.`,
      );
    }
    const driveId = committee.driveId;
    const path = `${folderFor(model)}/${safeFileName(model.fileTitle)}.docx`;
    const { content, template } = await this.document(model, driveId);

    const { item, outcome } = await this.place(driveId, path, content);

    await this.access.client.api(`/drives/${driveId}/items/${item.id}/listItem/fields`).patch({
      committeeCode: committee.code,
      documentType: model.type,
      period: model.period,
      reportStatus: "utkast",
    });
    const record = await this.record(model, committee, reportKey, item, generatedBy, now);
    return {
      record,
      outcome,
      path: `${path.split("/").slice(0, -1).join("/")}/${item.name}`,
      template,
    };
  }

  /** One row per report in Rapporter (unique key), pointing at the newest draft. */
  private async record(
    model: ReportModel,
    committee: Committee,
    reportKey: string,
    item: DriveItem,
    generatedBy: string,
    now: Date,
  ): Promise<ReportRecord> {
    const list = this.store.list("reports");
    const fields = {
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
      generatedByName: generatedBy,
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [existing] = await list.query({ filter: where.eq("reportKey", reportKey) });
      try {
        if (!existing) return decodeReport(await list.create(fields));
        const updated = await list.update(existing.id, existing.eTag, fields);
        return decodeReport({ ...existing, eTag: updated.eTag, fields: updated.fields });
      } catch (error) {
        // Two generations at once: the other one created or changed the row first; read it again.
        if (!(error instanceof DuplicateError) && !(error instanceof ConflictError)) throw error;
      }
    }
    throw new Error("Rapportraden kunde inte sparas efter tre försök.");
  }
}
