import type { Identity } from "../persistence/graph-persistence.ts";
import type { AccessGrant } from "./access-grants.ts";

/** One Graph operation as the handlers see it, whether from HTTP or a batch part. */
export interface GraphRequest {
  method: string;
  /** Path below `/v1.0`, still percent-encoded, e.g. `/sites/root/lists`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, if the request had one. */
  body: unknown;
  /** Raw body for content uploads. */
  rawBody: Uint8Array | undefined;
  identity: Identity;
  /** What the caller's token permits. */
  grant: AccessGrant;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, or bytes for file content. */
  body?: unknown;
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): GraphResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): GraphResponse => ({ status: 204 });

export function requireObjectBody(request: GraphRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TypeError("body");
  }
  return body as Record<string, unknown>;
}
