import { setTimeout as sleep } from "node:timers/promises";
import type { GraphAccess } from "./graph-client-factory.ts";
import { type DriveItem, driveItem, uploadProgress, uploadSession } from "./shapes.ts";

/**
 * Upload through an upload session (driveitem-createuploadsession): the
 * session is created through Graph; the fragments go to the
 * pre-authenticated upload URL, which must not get a bearer token.
 * graph-client's RetryHandler does not retry octet-stream bodies, so
 * fragments are retried here, honouring Retry-After. A fragment whose answer
 * was lost, or that the server says it already has (416), is followed by a
 * GET on the upload URL: its `nextExpectedRanges` says where to go on.
 */

/** 10 × 320 KiB: fragments must be multiples of 320 KiB. */
export const FRAGMENT_BYTES = 10 * 320 * 1024;
const RETRIABLE = new Set([429, 500, 502, 503, 504]);

export type ConflictBehavior = "fail" | "replace" | "rename";

/** What an upload session answers when the last fragment is in: the file. */
export type UploadedItem = DriveItem;

export class UploadError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  /** For people, in Swedish (the message may be Graph's own, in English). */
  readonly detail: string;
  constructor(status: number, code: string | undefined, message: string, detail = message) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Cuts a stream of chunks of any size into fragments of exactly `size`
 * bytes (the last one shorter), so a request body can go on to an upload
 * session without being held in memory whole.
 */
export async function* fragmentsOf(
  chunks: AsyncIterable<Uint8Array>,
  size = FRAGMENT_BYTES,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(size - filled, chunk.byteLength - offset);
      buffer.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.slice(0, filled);
}

/** The next fragment to send: up to FRAGMENT_BYTES of the file from `offset` on, empty past its end. */
type FragmentSource = (offset: number) => Promise<Uint8Array<ArrayBuffer>>;

/** A file in memory can go back to any byte the server asks for. */
function bufferSource(content: Uint8Array): FragmentSource {
  return async (offset) => content.slice(offset, offset + FRAGMENT_BYTES);
}

/**
 * A stream only goes forward: bytes the server already has are skipped; the
 * fragment last sent is kept until the server has it, and a server that asks
 * for bytes before it fails the upload.
 */
function streamSource(fragments: AsyncIterable<Uint8Array<ArrayBuffer>>): FragmentSource {
  const iterator = fragments[Symbol.asyncIterator]();
  /** The file offset of `held[0]`; what lies before it is gone. */
  let start = 0;
  let held = new Uint8Array(0);
  let ended = false;
  const pull = async () => {
    const next = ended ? undefined : await iterator.next();
    if (!next || next.done) {
      ended = true;
      return false;
    }
    held = held.byteLength === 0 ? next.value : concat(held, next.value);
    return true;
  };
  return async (offset) => {
    if (offset < start) {
      throw new UploadError(
        502,
        "uploadNotResumable",
        "Uppladdningen kunde inte återupptas: SharePoint saknar en del av filen som redan har skickats. Ladda upp filen igen.",
      );
    }
    while (start < offset && (held.byteLength > 0 || (await pull()))) {
      const skip = Math.min(offset - start, held.byteLength);
      held = held.subarray(skip);
      start += skip;
    }
    while (held.byteLength < FRAGMENT_BYTES && (await pull()));
    return start < offset ? new Uint8Array(0) : held.subarray(0, FRAGMENT_BYTES);
  };
}

function concat(first: Uint8Array<ArrayBuffer>, second: Uint8Array<ArrayBuffer>) {
  const joined = new Uint8Array(first.byteLength + second.byteLength);
  joined.set(first);
  joined.set(second, first.byteLength);
  return joined;
}

/** An answer from the upload URL; no status when the connection dropped before it came. */
interface Answer {
  status: number | undefined;
  retryAfter: string | null;
  body: unknown;
}

async function exchange(access: GraphAccess, url: string, init: RequestInit): Promise<Answer> {
  access.counter.requests += 1;
  try {
    const response = await fetch(url, init);
    const body: unknown = await response.json().catch(() => ({}));
    return { status: response.status, retryAfter: response.headers.get("Retry-After"), body };
  } catch {
    // Lost on the way: the server may or may not have taken the bytes.
    return { status: undefined, retryAfter: null, body: {} };
  }
}

function failure(answer: Answer): UploadError {
  if (answer.status === undefined) {
    return new UploadError(
      502,
      "connectionLost",
      "Förbindelsen med SharePoint bröts under uppladdningen. Försök igen.",
    );
  }
  const body = uploadProgress.catch({}).parse(answer.body);
  return new UploadError(
    answer.status,
    body.error?.code,
    body.error?.message ?? `Upload failed (HTTP ${answer.status})`,
    `SharePoint tog inte emot filen (HTTP ${answer.status}). Försök igen; kvarstår felet, kontakta IT-supporten.`,
  );
}

async function backOff(answer: Answer, failures: number): Promise<void> {
  const retryAfter = answer.retryAfter === null ? Number.NaN : Number(answer.retryAfter);
  await sleep((Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 2 ** failures) * 1000);
}

/** The first byte of `nextExpectedRanges` ("26-", "12345-55232"); the first range is the one to follow. */
function firstExpected(body: unknown): number | undefined {
  const range = uploadProgress.catch({}).parse(body).nextExpectedRanges?.[0];
  const start = range === undefined ? Number.NaN : Number.parseInt(range, 10);
  return Number.isSafeInteger(start) && start >= 0 ? start : undefined;
}

/** Asks the session where to go on (GET on the upload URL, "Resuming an in-progress upload"). */
async function resumeOffset(access: GraphAccess, url: string, maxAttempts: number) {
  for (let failures = 0; ; ) {
    const answer = await exchange(access, url, { method: "GET" });
    if (answer.status === 200) {
      const offset = firstExpected(answer.body);
      if (offset !== undefined) return offset;
      throw new UploadError(
        502,
        "uploadNotResumable",
        "Uppladdningen kunde inte återupptas: SharePoint angav inte var den skulle fortsätta. Ladda upp filen igen.",
      );
    }
    if (answer.status === 404) {
      throw new UploadError(
        404,
        "itemNotFound",
        "Uppladdningen kunde inte återupptas: SharePoint har inte kvar uppladdningen. Ladda upp filen igen.",
      );
    }
    const again = answer.status === undefined || RETRIABLE.has(answer.status);
    if (!again || ++failures >= maxAttempts) throw failure(answer);
    await backOff(answer, failures);
  }
}

/**
 * The one fragment loop. A fragment that comes back 202 moves on to where
 * the server says; one lost on the way or answered 416 asks the session
 * where it stands; 429/5xx are retried after Retry-After. Any failure
 * cancels the session, so nothing half-written is left.
 */
async function sendInSession(
  access: GraphAccess,
  itemPath: string,
  total: number,
  fragmentAt: FragmentSource,
  conflictBehavior: ConflictBehavior,
  maxAttempts: number,
): Promise<UploadedItem> {
  const session = uploadSession.parse(
    await access.client
      .api(`${itemPath}/createUploadSession`)
      .post({ item: { "@microsoft.graph.conflictBehavior": conflictBehavior } }),
  );
  const url = session.uploadUrl;
  try {
    let offset = 0;
    let failures = 0;
    for (;;) {
      const fragment = await fragmentAt(offset);
      if (fragment.byteLength === 0) {
        throw new UploadError(
          400,
          "lengthMismatch",
          "Filen tog slut innan hela storleken kom fram.",
        );
      }
      const end = offset + fragment.byteLength - 1;
      if (end >= total) throw new UploadError(400, "lengthMismatch", "Filen är större än angivet.");
      const answer = await exchange(access, url, {
        method: "PUT",
        headers: {
          "Content-Range": `bytes ${offset}-${end}/${total}`,
          "Content-Length": String(fragment.byteLength),
        },
        body: fragment,
      });
      if (answer.status === 200 || answer.status === 201) return driveItem.parse(answer.body);
      if (answer.status === 202) {
        offset = firstExpected(answer.body) ?? end + 1;
        failures = 0;
        continue;
      }
      const { status } = answer;
      const lost = status === undefined || status === 416;
      if (!lost && !RETRIABLE.has(status)) throw failure(answer);
      if (++failures >= maxAttempts) throw failure(answer);
      if (lost) offset = await resumeOffset(access, url, maxAttempts);
      else await backOff(answer, failures);
    }
  } catch (error) {
    // The session would otherwise hold the received bytes until it expires.
    await exchange(access, url, { method: "DELETE" });
    throw error;
  }
}

/**
 * Upload of `total` bytes arriving as fragments (see `fragmentsOf`) through
 * an upload session. The stream cannot go back: fragments the server already
 * has are skipped, and a server that wants bytes already let go fails the
 * upload (UploadError `uploadNotResumable`).
 */
export async function uploadStream(
  access: GraphAccess,
  /** e.g. `/drives/{id}/root:/Underlag/x.pdf:` (the path form, ending in `:`). */
  itemPath: string,
  total: number,
  fragments: AsyncIterable<Uint8Array<ArrayBuffer>>,
  conflictBehavior: ConflictBehavior,
  options: { maxAttempts?: number } = {},
): Promise<UploadedItem> {
  const source = streamSource(fragments);
  return sendInSession(access, itemPath, total, source, conflictBehavior, options.maxAttempts ?? 6);
}

/** Upload of a file in memory through an upload session; it resumes from any byte the server asks for. */
export async function uploadLargeFile(
  access: GraphAccess,
  /** e.g. `/drives/{id}/root:/Rapporter/2022/x.docx:` (the path form, ending in `:`). */
  itemPath: string,
  content: Uint8Array,
  conflictBehavior: ConflictBehavior,
  options: { maxAttempts?: number } = {},
): Promise<UploadedItem> {
  const source = bufferSource(content);
  const total = content.byteLength;
  return sendInSession(access, itemPath, total, source, conflictBehavior, options.maxAttempts ?? 6);
}
