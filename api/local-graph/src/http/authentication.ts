import { timingSafeEqual } from "node:crypto";
import type { GraphAuthenticator } from "../graph/authentication.ts";
import { graphErrors } from "../graph/errors.ts";
import type { Caller, Middleware } from "./middleware.ts";

/**
 * The authentication stage: every path belongs to one endpoint class, and a
 * request reaches a later stage only with that class's credential.
 *
 * | class      | paths                                                        | credential                     |
 * | ---------- | ------------------------------------------------------------ | ------------------------------ |
 * | graph      | `/v1.0/…`                                                    | `Authorization: Bearer` token  |
 * | operator   | `/_local/…` (admin, tokens, connector record and delivery), `POST /_botframework/token` | the service secret header |
 * | bot        | `/_connector/…` (the Bot Connector API the bot posts to)     | a Bot Framework token signed here |
 * | capability | `/_upload/…`, `/_download/…`, `GET /sites/…` (a file's webUrl) | the URL itself (checked by the file stage) |
 * | public     | `GET /`, public keys and OpenID metadata                     | none                           |
 */

/** The header carrying the secret the service created at start (also in its data folder). */
export const SECRET_HEADER = "local-graph-secret";

export type EndpointClass = Caller["kind"];

const PUBLIC_PATHS = new Set([
  "/",
  "/_local/issuer/keys",
  "/_botframework/v1/.well-known/openidconfiguration",
  "/_botframework/v1/.well-known/keys",
]);

export function endpointClass(method: string, pathname: string): EndpointClass {
  if (pathname === "/v1.0" || pathname.startsWith("/v1.0/")) return "graph";
  if (method === "GET" && PUBLIC_PATHS.has(pathname)) return "public";
  if (pathname.startsWith("/_local/") || pathname === "/_botframework/token") return "operator";
  if (pathname.startsWith("/_connector/")) return "bot";
  if (pathname.startsWith("/_upload/") || pathname.startsWith("/_download/")) return "capability";
  if (method === "GET" && pathname.startsWith("/sites/")) return "capability";
  return "public";
}

export interface AuthenticationOptions {
  graph: GraphAuthenticator;
  secret: string;
  /** Checks a Bot Framework bearer token for the Bot Connector endpoints. */
  verifyBotToken: (authorization: string | undefined) => Promise<boolean>;
}

export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const left = Buffer.from(given);
  const right = Buffer.from(secret);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function authentication(options: AuthenticationOptions): Middleware {
  return async (exchange, next) => {
    const kind = endpointClass(exchange.method, exchange.url.pathname);
    switch (kind) {
      case "graph": {
        const caller = await options.graph.authenticate(exchange.headers.authorization);
        exchange.caller = { kind: "graph", ...caller };
        break;
      }
      case "operator":
        if (!sameSecret(exchange.headers[SECRET_HEADER], options.secret)) {
          throw graphErrors.unauthenticated(
            `This endpoint needs the service secret in the '${SECRET_HEADER}' header.`,
          );
        }
        exchange.caller = { kind: "operator" };
        break;
      case "bot":
        if (!(await options.verifyBotToken(exchange.headers.authorization))) {
          throw graphErrors.unauthenticated(
            "The Bot Connector needs a Bot Framework token issued by this service.",
          );
        }
        exchange.caller = { kind: "bot" };
        break;
      case "capability":
        // Upload URLs are pre-authenticated; SharePoint refuses a bearer token on them.
        if (exchange.url.pathname.startsWith("/_upload/") && exchange.headers.authorization) {
          throw graphErrors.unauthenticated(
            "Do not send an Authorization header to an upload URL.",
          );
        }
        exchange.caller = { kind: "capability" };
        break;
      case "public":
        exchange.caller = { kind: "public" };
        break;
    }
    await next();
  };
}
