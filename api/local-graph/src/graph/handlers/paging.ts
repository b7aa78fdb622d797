import { graphErrors } from "../errors.ts";

/**
 * Opaque skip tokens. A token carries where the last page ended and a
 * fingerprint of the query, so a token cannot be replayed against another
 * query to skip its checks.
 */
export function encodeSkipToken(state: unknown, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ s: state, f: fingerprint })).toString("base64url");
}

export function decodeSkipToken<T>(token: string, fingerprint: string): T {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      s: T;
      f: string;
    };
    if (decoded.f !== fingerprint) throw new Error("fingerprint");
    return decoded.s;
  } catch {
    throw graphErrors.invalidRequest("The $skiptoken is not valid for this request.");
  }
}

/** The same URL with the skip token replaced, for `@odata.nextLink`. */
export function nextLink(
  origin: string,
  path: string,
  query: URLSearchParams,
  token: string,
): string {
  const parts: string[] = [];
  for (const [key, value] of query) {
    if (key.toLowerCase().replace(/^\$/, "") !== "skiptoken") parts.push(queryPart(key, value));
  }
  parts.push(queryPart("$skiptoken", token));
  return `${origin}/v1.0${path}?${parts.join("&")}`;
}

/** Like Graph's links: `$` in option names stays literal, values are percent-encoded. */
export function queryPart(key: string, value: string): string {
  return `${encodeURIComponent(key).replace(/^%24/, () => "$")}=${encodeURIComponent(value)}`;
}
