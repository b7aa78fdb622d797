import { graphErrors } from "./errors.ts";

/**
 * Request headers that change what Graph does. An operation lists those it
 * implements; any other one present is refused, naming it. Transport and
 * telemetry headers (Accept, Accept-Encoding, User-Agent, SdkVersion,
 * client-request-id, return-client-request-id, Cache-Control, Connection,
 * Content-Length, Content-Type, Authorization, Host) change nothing and pass.
 */

export const SEMANTIC_HEADERS = [
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
  "if-range",
  "range",
  "prefer",
  "consistencylevel",
  "content-range",
  "content-encoding",
  "expect",
] as const;

export type SemanticHeader = (typeof SEMANTIC_HEADERS)[number];

/** `Prefer` preferences the service knows how to honour. */
export const HONOR_NON_INDEXED = "HonorNonIndexedQueriesWarningMayFailRandomly";

export interface HeaderSpec {
  headers?: readonly SemanticHeader[];
  /** Preferences accepted in `Prefer` (only meaningful with "prefer" in headers). */
  preferences?: readonly string[];
}

/** Splits `Prefer: a, b=1; x` into its preference names. */
export function preferences(prefer: string | undefined): string[] {
  if (prefer === undefined) return [];
  return prefer
    .split(",")
    .map((part) => part.split(/[;=]/)[0]!.trim())
    .filter((name) => name !== "");
}

export function checkHeaders(
  headers: Record<string, string>,
  spec: HeaderSpec,
  operation: string,
): void {
  for (const name of SEMANTIC_HEADERS) {
    if (headers[name] === undefined) continue;
    if (!spec.headers?.includes(name)) {
      throw graphErrors.invalidRequest(
        `The header '${name}' is not supported by the local Graph service for ${operation}.`,
      );
    }
  }
  // ConsistencyLevel matters to directory queries only; Graph's SharePoint APIs take it and do
  // nothing with it (PnPjs sends it when paging), so where listed it is accepted as "eventual".
  const consistency = headers.consistencylevel;
  if (consistency !== undefined && consistency.toLowerCase() !== "eventual") {
    throw graphErrors.invalidRequest(`ConsistencyLevel '${consistency}' is not supported.`);
  }
  for (const preference of preferences(headers.prefer)) {
    if (!spec.preferences?.some((known) => known.toLowerCase() === preference.toLowerCase())) {
      throw graphErrors.invalidRequest(
        `The preference '${preference}' in the Prefer header is not supported by the local Graph service for ${operation}.`,
      );
    }
  }
}

export function honorsNonIndexed(headers: Record<string, string>): boolean {
  return preferences(headers.prefer).some(
    (preference) => preference.toLowerCase() === HONOR_NON_INDEXED.toLowerCase(),
  );
}
