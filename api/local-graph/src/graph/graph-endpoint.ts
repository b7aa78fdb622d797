import { randomUUID } from "node:crypto";
import { isJsonContentType, MAX_JSON_BODY_BYTES, readBody } from "../http/body.ts";
import type { Middleware } from "../http/middleware.ts";
import { send } from "../http/respond.ts";
import { handleGraphRequest } from "./dispatch.ts";
import { errorBody, GraphError, graphErrors } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import type { GraphRequest, GraphResponse } from "./graph-request.ts";
import { type BatchPart, parseBatch, runBatch } from "./handlers/batch.ts";
import { type ResourceMeter, resourceUnitsOf } from "./resource-units.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * `/v1.0`: resource units charged to the caller's app (429 past its budget,
 * RateLimit headers near it), throttling and latency (fault injection), the
 * body, then either `$batch` (each part charged, dispatched and throttled on
 * its own) or one operation. The caller was authenticated by the stage before.
 */

const MAX_CONTENT_BODY_BYTES = 250 * 1024 * 1024 + 1;

export interface GraphEndpointOptions {
  context: ServiceContext;
  faults: FaultInjector;
  meter: ResourceMeter;
  log?: (entry: Record<string, unknown>) => void;
}

export function graphEndpoint(options: GraphEndpointOptions): Middleware {
  const { context, faults, meter } = options;

  /** One operation, errors turned into Graph error responses (batch parts). */
  const execute = (request: GraphRequest): GraphResponse => {
    try {
      return handleGraphRequest(context, request);
    } catch (error) {
      if (!(error instanceof GraphError)) {
        options.log?.({
          level: "error",
          msg: "local graph: handler failed",
          error: String(error),
          stack: (error as Error).stack,
        });
      }
      const graphError =
        error instanceof GraphError
          ? error
          : graphErrors.general("An unexpected error occurred in the local Graph service.");
      return {
        status: graphError.status,
        headers: graphError.headers,
        body: errorBody(graphError, randomUUID(), request.headers["client-request-id"]),
      };
    }
  };

  const errorPart = (error: GraphError): GraphResponse => ({
    status: error.status,
    headers: error.headers,
    body: errorBody(error, randomUUID()),
  });

  /** One `$batch` part: its headers, its body (JSON, or file content as base64), then the operation. */
  const runPart = (
    part: BatchPart,
    partUrl: URL,
    identity: GraphRequest["identity"],
    grant: GraphRequest["grant"],
  ): GraphResponse => {
    const partHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.headers ?? {}))
      partHeaders[name.toLowerCase()] = value;
    // A part's body is JSON, or (file content) a base64 string (concepts/json-batching.md).
    const binary = part.body !== undefined && !isJsonContentType(partHeaders["content-type"]);
    if (binary && typeof part.body !== "string") {
      return errorPart(
        graphErrors.invalidRequest(
          `Request '${part.id}': a body that is not JSON must be a base64 string.`,
        ),
      );
    }
    const answer = execute({
      method: part.method,
      path: partUrl.pathname,
      query: partUrl.searchParams,
      headers: partHeaders,
      body: binary ? undefined : part.body,
      rawBody: binary ? new Uint8Array(Buffer.from(String(part.body), "base64")) : undefined,
      identity,
      grant,
    });
    // Graph answers a part sent with a base64 body with a base64 body too, JSON or not
    // (by design, Microsoft Q&A 1352007; the Graph SDKs decode it).
    if (!binary || answer.body === undefined || answer.body instanceof Uint8Array) return answer;
    return { ...answer, body: Buffer.from(JSON.stringify(answer.body)).toString("base64") };
  };

  return async (exchange, next) => {
    if (exchange.caller.kind !== "graph") return next();
    const { identity, grant, appId } = exchange.caller;
    const appPermissions = "application" in identity;
    const path = exchange.url.pathname.slice("/v1.0".length) || "/";
    const isBatch = path === "/$batch";
    // A batch envelope costs nothing; its parts are charged one by one below.
    const charge = isBatch
      ? undefined
      : meter.charge(
          appId,
          resourceUnitsOf({ method: exchange.method, path, query: exchange.url.searchParams }),
          appPermissions,
          exchange.headers["user-agent"],
        );
    for (const [name, value] of Object.entries(charge?.headers ?? {}))
      exchange.response.setHeader(name, value);
    const throttled = await faults.admit(isBatch ? "batch" : "request");
    if (throttled) throw throttled;
    if (charge?.throttled) throw charge.throttled;
    const headers = exchange.headers;
    // File content is bytes whatever Content-Type says (graph-client defaults to JSON).
    const isContentUpload = exchange.method === "PUT" && /\/content$/.test(path);
    const raw = await readBody(
      exchange.request,
      isContentUpload ? MAX_CONTENT_BODY_BYTES : MAX_JSON_BODY_BYTES,
    );
    let body: unknown;
    if (!isContentUpload && raw.byteLength > 0) {
      // Every other body is JSON; anything else is refused rather than read as nothing.
      if (!isJsonContentType(headers["content-type"])) throw graphErrors.unsupportedMediaType();
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        throw graphErrors.invalidRequest("The request body is not valid JSON.");
      }
    }
    if (isBatch) {
      if (exchange.method !== "POST") throw graphErrors.methodNotAllowed();
      const parts = parseBatch(body);
      const responses = await runBatch(
        parts,
        async (part) => {
          const partUrl = new URL(
            part.url.startsWith("/") ? part.url : `/${part.url}`,
            "http://local",
          );
          const partCharge = meter.charge(
            appId,
            resourceUnitsOf({
              method: part.method,
              path: partUrl.pathname,
              query: partUrl.searchParams,
            }),
            appPermissions,
            exchange.headers["user-agent"],
          );
          const partThrottled = (await faults.admit("part")) ?? partCharge.throttled;
          if (partThrottled) return errorPart(partThrottled);
          const answer = runPart(part, partUrl, identity, grant);
          return { ...answer, headers: { ...answer.headers, ...partCharge.headers } };
        },
        (error) => errorBody(error, randomUUID()),
      );
      // The budget's headers go on each part (each is metered on its own), not on the
      // envelope: Microsoft documents them per request, so a client must read the parts.
      send(exchange, { status: 200, body: { responses } });
      return;
    }

    send(
      exchange,
      handleGraphRequest(context, {
        method: exchange.method,
        path,
        query: exchange.url.searchParams,
        headers,
        body,
        rawBody: isContentUpload
          ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
          : undefined,
        identity,
        grant,
      }),
    );
  };
}
