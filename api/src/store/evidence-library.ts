import { z } from "zod";
import type { Actor } from "../domain/actor.ts";
import {
  type EvidenceList,
  type EvidenceRecordKind,
  evidenceFolder,
  evidenceKey,
} from "../domain/evidence.ts";
import type { Committee } from "../domain/model.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { graphStatusOf, parseWith } from "../graph/json.ts";
import { fragmentsOf, uploadStream } from "../graph/large-file-upload.ts";
import { readAll } from "../graph/paging.ts";
import { driveItem } from "../graph/shapes.ts";
import type { ListDirectory } from "./list-client.ts";
import { odataString } from "./odata.ts";
import { libraryDisplayName } from "./schema.ts";
import { ConflictError, NotFoundError } from "./store-errors.ts";

/**
 * Evidence files in the nämnd's document library: one folder per contract
 * (`Underlag/<avtalsnummer>`), each file's list item carrying what record it
 * belongs to (an indexed key, so a record's files are one indexed query,
 * wherever a file sits), the period, and who uploaded it. A removed file is
 * marked (who, when, why), never deleted, as records are.
 */

/** Up to this size a file goes in one PUT; above it, through an upload session. */
export const EVIDENCE_SIMPLE_UPLOAD_BYTES = 4 * 1024 * 1024;

const FIELDS = [
  "FileLeafRef",
  "evidenceKey",
  "recordKind",
  "recordId",
  "contractId",
  "period",
  "driveItemId",
  "fileSize",
  "uploadedById",
  "uploadedByName",
  "uploadedByEmail",
  "uploadedAt",
  "removedAt",
  "removedById",
  "removedByName",
  "removedReason",
] as const;

const evidenceFields = z.object({
  FileLeafRef: z.string().optional(),
  evidenceKey: z.string(),
  recordKind: z.string().optional(),
  recordId: z.string().optional(),
  contractId: z.string().optional(),
  period: z.string().optional(),
  driveItemId: z.string(),
  fileSize: z.number().optional(),
  uploadedById: z.string().optional(),
  uploadedByName: z.string().optional(),
  uploadedByEmail: z.string().optional(),
  uploadedAt: z.string().optional(),
  removedAt: z.string().optional(),
  removedById: z.string().optional(),
  removedByName: z.string().optional(),
  removedReason: z.string().optional(),
});

const evidenceListItem = z.object({
  id: z.string(),
  eTag: z.string(),
  webUrl: z.string(),
  createdDateTime: z.string().optional(),
  fields: evidenceFields,
});

const driveItemWithListItem = driveItem.extend({
  "@microsoft.graph.downloadUrl": z.string().optional(),
  // Any file of the library can be asked for; only evidence has the fields below.
  listItem: evidenceListItem.optional().catch(undefined),
});

/** One evidence file as the app knows it. */
export interface EvidenceFile {
  /** The file's drive item id. */
  id: string;
  /** The ETag of its list item (its metadata), for removing it. */
  etag: string;
  key: string;
  name: string;
  size: number;
  webUrl: string;
  period: string;
  uploadedAt: string;
  uploadedBy: Actor;
  removed?: { at: string; by: Actor; reason: string };
}

function decodeEvidence(item: z.infer<typeof evidenceListItem>, name?: string): EvidenceFile {
  const fields = item.fields;
  return {
    id: fields.driveItemId,
    etag: item.eTag,
    key: fields.evidenceKey,
    name: fields.FileLeafRef ?? name ?? "",
    size: fields.fileSize ?? 0,
    webUrl: item.webUrl,
    period: fields.period ?? "",
    uploadedAt: fields.uploadedAt ?? item.createdDateTime ?? "",
    uploadedBy: {
      id: fields.uploadedById ?? "",
      name: fields.uploadedByName ?? "",
      email: fields.uploadedByEmail ?? "",
    },
    ...(fields.removedAt
      ? {
          removed: {
            at: fields.removedAt,
            by: { id: fields.removedById ?? "", name: fields.removedByName ?? "", email: "" },
            reason: fields.removedReason ?? "",
          },
        }
      : {}),
  };
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");
const seconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** What a new file is about: the record, its contract and period. */
export interface EvidenceTarget {
  committee: Committee;
  list: EvidenceList;
  recordKind: EvidenceRecordKind;
  recordId: string;
  contract: { id: string; contractNumber: string };
  period: string;
}

export interface EvidenceUpload {
  name: string;
  size: number;
  /** The bytes, in chunks as they arrive (the first already read to check the type). */
  chunks: AsyncIterable<Uint8Array>;
}

export class EvidenceLibrary {
  private readonly access: GraphAccess;
  private readonly site: string;
  private readonly directory: ListDirectory;

  constructor(access: GraphAccess, site: string, directory: ListDirectory) {
    this.access = access;
    this.site = site;
    this.directory = directory;
  }

  private driveOf(committee: Committee): string {
    if (!committee.driveId) {
      throw new NotFoundError(`Dokumentbiblioteket för ${committee.name}`);
    }
    return committee.driveId;
  }

  /** The library's list (its items carry the metadata), or undefined before it is provisioned. */
  private async libraryListId(committee: Committee): Promise<string | undefined> {
    const name = libraryDisplayName(committee.code);
    const id = await this.directory.idByDisplayName(name);
    if (id) return id;
    // Perhaps provisioned after the directory was read.
    this.directory.forget();
    return this.directory.idByDisplayName(name);
  }

  /** Puts the file in the contract's folder (a new name if taken), then writes its metadata. */
  async upload(
    target: EvidenceTarget,
    file: EvidenceUpload,
    by: Actor,
    now = new Date(),
  ): Promise<EvidenceFile> {
    const driveId = this.driveOf(target.committee);
    const path = `${evidenceFolder(target.contract)}/${file.name}`;
    const itemPath = `/drives/${driveId}/root:/${encodePath(path)}:`;
    let uploaded: z.infer<typeof driveItem>;
    if (file.size <= EVIDENCE_SIMPLE_UPLOAD_BYTES) {
      const parts: Uint8Array[] = [];
      for await (const chunk of file.chunks) parts.push(chunk);
      uploaded = driveItem.parse(
        await this.access.client
          .api(`${itemPath}/content?@microsoft.graph.conflictBehavior=rename`)
          .header("Content-Type", "application/octet-stream")
          .put(Buffer.concat(parts)),
      );
    } else {
      uploaded = await uploadStream(
        this.access,
        itemPath,
        file.size,
        fragmentsOf(file.chunks),
        "rename",
      );
    }
    const fields = {
      committeeCode: target.committee.code,
      documentType: "underlag",
      period: target.period || null,
      evidenceKey: evidenceKey(target.list, target.recordId),
      recordKind: target.recordKind,
      recordId: target.recordId,
      contractId: target.contract.id,
      driveItemId: uploaded.id,
      fileSize: uploaded.size ?? file.size,
      uploadedById: by.id,
      uploadedByName: by.name,
      uploadedByEmail: by.email,
      uploadedAt: seconds(now),
    };
    await this.access.client
      .api(`/drives/${driveId}/items/${encodeURIComponent(uploaded.id)}/listItem/fields`)
      .patch(fields);
    return this.file(target.committee, uploaded.id);
  }

  /** A record's files, newest first; removed ones only when asked (for the history). */
  async list(
    committee: Committee,
    list: EvidenceList,
    recordId: string,
    options: { includeRemoved?: boolean } = {},
  ): Promise<EvidenceFile[]> {
    const listId = committee.driveId ? await this.libraryListId(committee) : undefined;
    // No library yet: no files either.
    if (!listId) return [];
    const filter = `fields/evidenceKey eq ${odataString(evidenceKey(list, recordId))}`;
    const url = `${this.site}/lists/${listId}/items?$filter=${encodeURIComponent(filter)}&$expand=fields($select=${FIELDS.join(",")})&$top=500`;
    const files = (await readAll(this.access, url, parseWith(evidenceListItem))).map((item) =>
      decodeEvidence(item),
    );
    return files
      .filter((file) => options.includeRemoved || !file.removed)
      .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  }

  private async item(committee: Committee, fileId: string) {
    const driveId = this.driveOf(committee);
    try {
      return driveItemWithListItem.parse(
        await this.access.client
          .api(
            `/drives/${driveId}/items/${encodeURIComponent(fileId)}?$expand=listItem($expand=fields($select=${FIELDS.join(",")}))`,
          )
          .get(),
      );
    } catch (error) {
      if (graphStatusOf(error) === 404) throw new NotFoundError("Filen");
      throw error;
    }
  }

  /** One file with its metadata; a file that is not evidence answers as a missing one. */
  async file(committee: Committee, fileId: string): Promise<EvidenceFile> {
    const item = await this.item(committee, fileId);
    if (!item.listItem) throw new NotFoundError("Filen");
    return decodeEvidence(item.listItem, item.name);
  }

  /** The file's bytes as a stream, from the library's pre-authenticated download link. */
  async content(
    committee: Committee,
    fileId: string,
  ): Promise<{ file: EvidenceFile; body: ReadableStream<Uint8Array>; size: number }> {
    const item = await this.item(committee, fileId);
    const link = item["@microsoft.graph.downloadUrl"];
    if (!item.listItem || !link) throw new NotFoundError("Filen");
    // The link carries its own authorisation: no bearer token goes with it.
    const response = await fetch(link);
    this.access.counter.requests += 1;
    if (!response.ok || !response.body) {
      throw new Error(`Filen kunde inte hämtas ur biblioteket (HTTP ${response.status}).`);
    }
    return {
      file: decodeEvidence(item.listItem, item.name),
      body: response.body,
      size: item.size ?? 0,
    };
  }

  /** Marks the file removed at the version read (If-Match); it stays in the library. */
  async markRemoved(
    committee: Committee,
    fileId: string,
    ifMatch: string,
    reason: string,
    by: Actor,
    now = new Date(),
  ): Promise<void> {
    const driveId = this.driveOf(committee);
    try {
      await this.access.client
        .api(`/drives/${driveId}/items/${encodeURIComponent(fileId)}/listItem/fields`)
        .header("If-Match", ifMatch)
        .patch({
          removedAt: seconds(now),
          removedById: by.id,
          removedByName: by.name,
          removedReason: reason,
        });
    } catch (error) {
      if (graphStatusOf(error) === 412) throw new ConflictError();
      if (graphStatusOf(error) === 404) throw new NotFoundError("Filen");
      throw error;
    }
  }
}
