import { setTimeout as sleep } from "node:timers/promises";
import type { GraphAccess } from "./graph-client-factory.ts";
import { type DriveItem, driveItem, uploadProgress, uploadSession } from "./shapes.ts";

/**
 * Upload through an upload session: the session is created through Graph;
 * the fragments go to the pre-authenticated upload URL, which must not get a
 * bearer token. graph-client's RetryHandler does not retry octet-stream
 * bodies, so fragments are retried here, honouring Retry-After, and resumed
 * from `nextExpectedRanges`.
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
  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.status = status;
    this.code = code;
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

/**
 * Upload of `total` bytes arriving as fragments (each a multiple of 320 KiB
 * but the last, see `fragmentsOf`) through an upload session. Each fragment
 * is retried as in `uploadLargeFile`; one that comes short of `total`
 * cancels the session, so nothing half-written is left.
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
  const session = uploadSession.parse(
    await access.client
      .api(`${itemPath}/createUploadSession`)
      .post({ item: { "@microsoft.graph.conflictBehavior": conflictBehavior } }),
  );
  const maxAttempts = options.maxAttempts ?? 6;
  let offset = 0;
  try {
    for await (const fragment of fragments) {
      const end = offset + fragment.byteLength - 1;
      if (end >= total) throw new UploadError(400, "lengthMismatch", "Filen är större än angivet.");
      for (let failures = 0; ; ) {
        const response = await fetch(session.uploadUrl, {
          method: "PUT",
          headers: {
            "Content-Range": `bytes ${offset}-${end}/${total}`,
            "Content-Length": String(fragment.byteLength),
          },
          body: fragment,
        });
        access.counter.requests += 1;
        const answer: unknown = await response.json().catch(() => ({}));
        if (response.status === 200 || response.status === 201) return driveItem.parse(answer);
        if (response.status === 202) break;
        const body = uploadProgress.catch({}).parse(answer);
        if (RETRIABLE.has(response.status) && ++failures < maxAttempts) {
          const retryAfter = Number(response.headers.get("Retry-After"));
          await sleep(
            (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 2 ** failures) * 1000,
          );
          continue;
        }
        throw new UploadError(
          response.status,
          body.error?.code,
          body.error?.message ?? `Uppladdningen misslyckades (HTTP ${response.status})`,
        );
      }
      offset = end + 1;
    }
    throw new UploadError(400, "lengthMismatch", "Filen tog slut innan hela storleken kom fram.");
  } catch (error) {
    // The session would otherwise hold the received bytes until it expires.
    await fetch(session.uploadUrl, { method: "DELETE" }).catch(() => undefined);
    access.counter.requests += 1;
    throw error;
  }
}

export async function uploadLargeFile(
  access: GraphAccess,
  /** e.g. `/drives/{id}/root:/Rapporter/2022/x.docx:` (the path form, ending in `:`). */
  itemPath: string,
  content: Uint8Array,
  conflictBehavior: ConflictBehavior,
  options: { maxAttempts?: number } = {},
): Promise<UploadedItem> {
  const session = uploadSession.parse(
    await access.client
      .api(`${itemPath}/createUploadSession`)
      .post({ item: { "@microsoft.graph.conflictBehavior": conflictBehavior } }),
  );
  const total = content.byteLength;
  const maxAttempts = options.maxAttempts ?? 6;
  let offset = 0;
  let failures = 0;
  for (;;) {
    const end = Math.min(offset + FRAGMENT_BYTES, total) - 1;
    const response = await fetch(session.uploadUrl, {
      method: "PUT",
      headers: {
        "Content-Range": `bytes ${offset}-${end}/${total}`,
        "Content-Length": String(end - offset + 1),
      },
      body: content.slice(offset, end + 1),
    });
    access.counter.requests += 1;
    const answer: unknown = await response.json().catch(() => ({}));
    if (response.status === 200 || response.status === 201) return driveItem.parse(answer);
    const body = uploadProgress.catch({}).parse(answer);
    if (response.status === 202 || response.status === 416) {
      const next = body.nextExpectedRanges?.[0];
      offset = next ? Number.parseInt(next, 10) : end + 1;
      failures = 0;
      continue;
    }
    if (RETRIABLE.has(response.status) && ++failures < maxAttempts) {
      const retryAfter = Number(response.headers.get("Retry-After"));
      await sleep(
        (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 2 ** failures) * 1000,
      );
      continue;
    }
    throw new UploadError(
      response.status,
      body.error?.code,
      body.error?.message ?? `Uppladdningen misslyckades (HTTP ${response.status})`,
    );
  }
}
