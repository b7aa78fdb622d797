import type http from "node:http";
import type { AccessGrant } from "../graph/access-grants.ts";
import type { Identity } from "../persistence/graph-persistence.ts";

/**
 * The service's request pipeline is a chain of small middlewares, as in
 * Azurite: transport → authentication → one of the endpoint groups (admin,
 * Bot Connector, files, Graph). Each stage either answers or calls `next`.
 */

/** Who a request comes from, as the authentication stage decided it. */
export type Caller =
  /** Endpoints anyone on the machine may call (public keys, OpenID metadata, the service banner). */
  | { kind: "public" }
  /** Holds the service secret: the app that started the service, or a script given the secret file. */
  | { kind: "operator" }
  /** A Graph caller with a bearer token: who it is and what the token permits. */
  | { kind: "graph"; identity: Identity; grant: AccessGrant; appId: string }
  /** The bot, with a Bot Framework token the stand-in signed for the Bot Connector. */
  | { kind: "bot" }
  /** A pre-authenticated URL (upload session, download link, signed web link) carries its own permission. */
  | { kind: "capability" };

export interface Exchange {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  url: URL;
  method: string;
  /** Header names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  requestId: string;
  clientRequestId: string;
  caller: Caller;
}

export type Middleware = (exchange: Exchange, next: () => Promise<void>) => Promise<void>;

/** Runs the middlewares in order; a stage that does not call `next` ends the chain. */
export function compose(middlewares: Middleware[]): (exchange: Exchange) => Promise<void> {
  return (exchange) => {
    const run = (index: number): Promise<void> => {
      const middleware = middlewares[index];
      return middleware ? middleware(exchange, () => run(index + 1)) : Promise.resolve();
    };
    return run(0);
  };
}

/** Routes a path prefix to a middleware; other paths pass on. */
export function mount(
  matches: (exchange: Exchange) => boolean,
  middleware: Middleware,
): Middleware {
  return (exchange, next) => (matches(exchange) ? middleware(exchange, next) : next());
}

export function lowerHeaders(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
