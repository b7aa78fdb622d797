import type http from "node:http";
import { graphErrors } from "../graph/errors.ts";

/** Request bodies: read with a size limit; JSON only where JSON is expected. */

export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

export async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw graphErrors.payloadTooLarge("The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json";
}

/**
 * A JSON body for the service's own endpoints (admin, tokens, connector).
 * Anything but `application/json` is refused, so a web page cannot reach
 * them with a form or a `text/plain` "simple request".
 */
export async function readJsonBody(
  request: http.IncomingMessage,
  headers: Record<string, string>,
  limit = 64 * 1024,
): Promise<unknown> {
  const raw = await readBody(request, limit);
  if (raw.byteLength === 0) return undefined;
  if (!isJsonContentType(headers["content-type"])) throw graphErrors.unsupportedMediaType();
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw graphErrors.invalidRequest("The request body is not valid JSON.");
  }
}
