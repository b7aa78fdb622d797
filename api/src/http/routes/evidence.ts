import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import { deficiencyPeriodKey } from "../../domain/deficiency-progress.ts";
import {
  checkContent,
  checkFileName,
  checkSize,
  contentDisposition,
  EVIDENCE_KINDS,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_PATHS,
  EVIDENCE_TYPES,
  type EvidencePath,
  type EvidenceRefusal,
  evidenceKey,
} from "../../domain/evidence.ts";
import type { Committee, Contract } from "../../domain/model.ts";
import { periodContaining } from "../../domain/reporting-period.ts";
import { can, type Principal } from "../../policies/access.ts";
import { type EvidenceItem, presentEvidence } from "../../presenters/evidence.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { EvidenceTarget } from "../../store/evidence-library.ts";
import { decodeDeficiency, decodeDeviation, decodeFollowUp } from "../../store/mappers.ts";
import { ConflictError, NotFoundError } from "../../store/store-errors.ts";
import type { EvidenceRemoved } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";
import { removalSchema } from "./removals.ts";

/**
 * Evidence (underlag) on a contract, a follow-up, a deviation or a
 * deficiency with its action plan: upload (the request body is the file,
 * streamed on to the library; an upload session above 4 MB), list, download
 * and remove (marked with who and why; the record's history shows it).
 * Someone who may not read the record's nämnd gets 403.
 */

export interface EvidenceOptions {
  /** Largest file accepted, in bytes (default EVIDENCE_MAX_BYTES). */
  maxBytes?: number;
}

/** A drive item id as Graph makes them (letters, digits and a few marks). */
const fileId = z
  .string({ error: "Filens id saknas" })
  .regex(/^[A-Za-z0-9!._-]{1,200}$/, { error: "Filens id är ogiltigt" });

/** The record a file belongs to, with what access to it the person has. */
interface EvidenceRecord {
  target: EvidenceTarget;
  mayRead: boolean;
  mayWrite: boolean;
}

function refused(status: number, refusal: EvidenceRefusal): ProblemError {
  return new ProblemError({
    status,
    code: refusal.code,
    title: "Filen kan inte bifogas",
    detail: refusal.message,
    errors: [{ field: "file", message: refusal.message }],
  });
}

async function committeeOf(store: AppStore, id: string): Promise<Committee> {
  const committee = await store.committee(id);
  if (!committee) throw new NotFoundError("Nämnden");
  return committee;
}

async function periodKindOf(store: AppStore, committee: Committee) {
  return committee.periodKind ?? (await store.settings()).defaultPeriodKind;
}

/** The record at `/api/<path>/:id` and the person's access to it. */
async function recordOf(
  store: AppStore,
  principal: Principal,
  path: EvidencePath,
  id: string,
): Promise<EvidenceRecord> {
  const { list, kind: recordKind } = EVIDENCE_KINDS[path];
  const target = (committee: Committee, contract: Contract, period: string): EvidenceTarget => ({
    committee,
    list,
    recordKind,
    recordId: id,
    contract: { id: contract.id, contractNumber: contract.contractNumber },
    period,
  });
  if (path === "contracts") {
    const contract = await store.contract(id);
    return {
      target: target(await committeeOf(store, contract.committeeId), contract, ""),
      mayRead: can.readContract(principal, contract),
      mayWrite: can.writeContract(principal, contract),
    };
  }
  let record: { committeeId: string; contractId: string };
  let period: (committee: Committee) => Promise<string>;
  if (path === "follow-ups") {
    const followUp = decodeFollowUp(await store.records("followUps").get(id));
    record = followUp;
    period = async () => followUp.period;
  } else if (path === "deviations") {
    const deviation = decodeDeviation(await store.records("deviations").get(id));
    record = deviation;
    period = async (committee) =>
      periodContaining(await periodKindOf(store, committee), deviation.occurredOn).key;
  } else {
    const deficiency = decodeDeficiency(await store.records("deficiencies").get(id));
    record = deficiency;
    period = async (committee) => {
      const [kind, followUp, deviation] = await Promise.all([
        periodKindOf(store, committee),
        // A link to a record removed since: the period is then left empty.
        deficiency.followUpId
          ? store
              .records("followUps")
              .get(deficiency.followUpId)
              .then(decodeFollowUp, () => undefined)
          : undefined,
        deficiency.deviationId
          ? store
              .records("deviations")
              .get(deficiency.deviationId)
              .then(decodeDeviation, () => undefined)
          : undefined,
      ]);
      return (
        deficiencyPeriodKey(
          deficiency,
          kind,
          new Map(followUp ? [[followUp.id, followUp]] : []),
          new Map(deviation ? [[deviation.id, deviation]] : []),
        ) ?? ""
      );
    };
  }
  const [committee, contract] = await Promise.all([
    committeeOf(store, record.committeeId),
    store.contract(record.contractId),
  ]);
  return {
    target: target(committee, contract, await period(committee)),
    mayRead:
      can.readCommittee(principal, record.committeeId) ||
      (contract.owner.id === principal.userId && record.committeeId === contract.committeeId),
    mayWrite: can.recordForContract(principal, contract, record.committeeId),
  };
}

/** Reads the first bytes of the body (to check the type) and hands on all of it. */
async function withHead(
  body: AsyncIterable<Uint8Array>,
  wanted: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = body[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < wanted) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    read.push(next.value);
    bytes += next.value.byteLength;
  }
  const head = Buffer.concat(read).subarray(0, wanted);
  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* read;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, chunks: chunks() };
}

/** A web stream's chunks, read one at a time. */
async function* chunksOf(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function evidenceRouter(store: AppStore, options: EvidenceOptions = {}): Router {
  const router = Router();
  const maxBytes = options.maxBytes ?? EVIDENCE_MAX_BYTES;

  for (const path of EVIDENCE_PATHS) {
    const { label } = EVIDENCE_KINDS[path];

    const load = async (request: Request, response: Response, access: "read" | "write") => {
      const { principal } = identityOf(response);
      const id = parseInput(itemId("Id"), request.params.id);
      const record = await recordOf(store, principal, path, id);
      if (!record.mayRead) throw forbidden();
      if (access === "write" && !record.mayWrite)
        throw forbidden(`Du kan läsa ${label} men inte lägga till eller ta bort underlag.`);
      return { principal, record };
    };

    /** A file of this record (another record's file answers as a missing one). */
    const fileOf = async (request: Request, record: EvidenceRecord) => {
      const id = parseInput(fileId, request.params.fileId);
      const file = await store.evidence.file(record.target.committee, id);
      const key = evidenceKey(record.target.list, record.target.recordId);
      if (file.key !== key || file.removed) throw new NotFoundError("Filen");
      return file;
    };

    router.get(`/${path}/:id/evidence`, async (request, response) => {
      const { record } = await load(request, response, "read");
      const files = await store.evidence.list(
        record.target.committee,
        record.target.list,
        record.target.recordId,
      );
      response.json({ items: files.map(presentEvidence) });
    });

    router.post(`/${path}/:id/evidence`, async (request, response) => {
      // A refusal comes before the body is read: the connection is not kept for the rest of it.
      response.setHeader("Connection", "close");
      const { principal, record } = await load(request, response, "write");
      const name = checkFileName(typeof request.query.name === "string" ? request.query.name : "");
      if (!name.ok) throw refused(name.refusal.code === "file-type" ? 415 : 400, name.refusal);
      const declared = request.header("content-length");
      if (declared === undefined || !/^\d+$/.test(declared)) {
        throw new ProblemError({
          status: 411,
          code: "length-required",
          title: "Storlek saknas",
          detail: "Filens storlek måste anges (Content-Length) när den skickas.",
        });
      }
      const size = Number(declared);
      const tooBig = checkSize(size, maxBytes);
      if (tooBig) throw refused(tooBig.code === "file-too-large" ? 413 : 400, tooBig);
      const { head, chunks } = await withHead(request, 8);
      const wrongContent = checkContent(name.extension, head);
      if (wrongContent) throw refused(415, wrongContent);
      const file = await store.evidence.upload(
        record.target,
        { name: name.name, size, chunks },
        actorOf(principal),
      );
      response.status(201).setHeader("ETag", file.etag);
      response.json(presentEvidence(file) satisfies EvidenceItem);
    });

    router.get(`/${path}/:id/evidence/:fileId/content`, async (request, response) => {
      const { record } = await load(request, response, "read");
      const file = await fileOf(request, record);
      const { body, size } = await store.evidence.content(record.target.committee, file.id);
      const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
      response
        .status(200)
        .type(EVIDENCE_TYPES[extension]?.mimeType ?? "application/octet-stream")
        .setHeader("Content-Disposition", contentDisposition("attachment", file.name));
      if (size > 0) response.setHeader("Content-Length", String(size));
      // Handed on as it arrives; a library that stops mid-file ends the answer short
      // (the headers are sent), which the browser reports as a failed download.
      await pipeline(Readable.from(chunksOf(body)), response).catch(() => response.destroy());
    });

    router.post(`/${path}/:id/evidence/:fileId/remove`, async (request, response) => {
      const { principal, record } = await load(request, response, "write");
      const ifMatch = requireIfMatch(request);
      const file = await fileOf(request, record);
      const { reason } = parseInput(removalSchema, request.body);
      try {
        await store.evidence.markRemoved(
          record.target.committee,
          file.id,
          ifMatch,
          reason,
          actorOf(principal),
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        throw new ProblemError({
          status: 412,
          code: "conflict",
          title: "Ändrat av någon annan",
          detail: "Filen har ändrats sedan du läste listan. Läs in den igen och försök på nytt.",
          current: presentEvidence(await store.evidence.file(record.target.committee, file.id)),
        });
      }
      response.json({ id: file.id, removed: true } satisfies EvidenceRemoved);
    });
  }
  return router;
}
