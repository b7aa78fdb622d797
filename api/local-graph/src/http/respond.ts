import { errorBody, type GraphError } from "../graph/errors.ts";
import type { GraphResponse } from "../graph/graph-request.ts";
import type { Exchange } from "./middleware.ts";

/** Serialising answers: every response carries Graph's request ids. */

function ids(exchange: Exchange): Record<string, string> {
  return { "request-id": exchange.requestId, "client-request-id": exchange.clientRequestId };
}

export function send(exchange: Exchange, answer: GraphResponse): void {
  const headers: Record<string, string> = { ...ids(exchange), ...answer.headers };
  const { response } = exchange;
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
  } else if (answer.body instanceof Uint8Array) {
    response
      .writeHead(answer.status, {
        "Content-Type": "application/octet-stream",
        ...headers,
        "Content-Length": String(answer.body.byteLength),
      })
      .end(Buffer.from(answer.body));
  } else {
    const payload = JSON.stringify(answer.body);
    response
      .writeHead(answer.status, {
        ...headers,
        "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(payload)),
      })
      .end(payload);
  }
}

export function sendError(exchange: Exchange, error: GraphError): void {
  send(exchange, {
    status: error.status,
    headers: error.headers,
    body: errorBody(error, exchange.requestId, exchange.clientRequestId),
  });
}

/** Plain JSON for the service's own endpoints (tokens, admin, connector). */
export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  exchange.response
    .writeHead(status, {
      ...ids(exchange),
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    })
    .end(payload);
}
