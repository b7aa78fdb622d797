/**
 * Every error the local Graph service returns is made here, with Graph's own
 * codes and body shape (`{"error":{"code","message","innerError":{…}}}`).
 * Handlers throw GraphError; the transport layer serialises it.
 */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly innerCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { innerCode?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.innerCode = options.innerCode;
    this.headers = options.headers ?? {};
  }
}

export const graphErrors = {
  invalidRequest: (message: string) => new GraphError(400, "invalidRequest", message),
  segmentNotFound: (segment: string) =>
    new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`),
  unsupportedQueryOption: (option: string) =>
    new GraphError(400, "invalidRequest", `The query parameter '${option}' is not supported.`),
  /** Graph knows the feature; the local service does not emulate it (and says so instead of ignoring it). */
  notSupported: (what: string) =>
    new GraphError(501, "notSupported", `${what} is not supported by the local Graph service.`),
  unsupportedMediaType: () =>
    new GraphError(
      415,
      "invalidRequest",
      "The request body must be sent with 'Content-Type: application/json'.",
    ),
  forbiddenHost: (host: string) =>
    new GraphError(
      421,
      "invalidRequest",
      `The Host '${host}' is not this service; only loopback names and the configured host are served.`,
    ),
  forbiddenOrigin: (origin: string) =>
    new GraphError(403, "accessDenied", `Requests from the web origin '${origin}' are refused.`),
  notIndexed: (field: string) =>
    new GraphError(
      400,
      "invalidRequest",
      `Field '${field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
    ),
  listViewThreshold: () =>
    new GraphError(
      500,
      "generalException",
      "The attempted operation is prohibited because it exceeds the list view threshold.",
      { innerCode: "SPQueryThrottledException" },
    ),
  unauthenticated: (message: string) => new GraphError(401, "unauthenticated", message),
  accessDenied: (message: string) => new GraphError(403, "accessDenied", message),
  itemNotFound: (message = "The resource could not be found.") =>
    new GraphError(404, "itemNotFound", message),
  methodNotAllowed: () =>
    new GraphError(405, "invalidRequest", "The HTTP method is not supported for this resource."),
  nameAlreadyExists: (message: string) => new GraphError(409, "nameAlreadyExists", message),
  uniqueValueViolation: (field: string) =>
    new GraphError(
      409,
      "nameAlreadyExists",
      `This value must be unique. The value for column '${field}' already exists in another item.`,
      { innerCode: "uniqueValueViolation" },
    ),
  resyncRequired: (location: string) =>
    new GraphError(410, "resyncRequired", "The delta token is no longer valid; start over.", {
      headers: { Location: location },
    }),
  resourceModified: () =>
    new GraphError(
      412,
      "resourceModified",
      "The request has been rejected because the resource has been modified since it was last read.",
      { innerCode: "entityTagDoesNotMatch" },
    ),
  malformedEntityTag: () =>
    new GraphError(400, "invalidRequest", "The entity tag is malformed; it must be quoted.", {
      innerCode: "malformedEntityTag",
    }),
  failedDependency: () =>
    new GraphError(424, "failedDependency", "A request this request depends on failed."),
  fragmentOverlap: () =>
    new GraphError(416, "invalidRange", "Uploaded fragment overlaps with existing data.", {
      innerCode: "fragmentOverlap",
    }),
  fragmentOutOfOrder: () =>
    new GraphError(416, "invalidRange", "Uploaded fragment is out of order."),
  payloadTooLarge: (message: string) => new GraphError(413, "invalidRequest", message),
  throttled: (
    status: 429 | 503,
    retryAfterSeconds: number,
    headers: Record<string, string> = {},
  ) =>
    status === 429
      ? new GraphError(429, "activityLimitReached", "The request has been throttled", {
          innerCode: "throttledRequest",
          headers: { ...headers, "Retry-After": String(retryAfterSeconds) },
        })
      : new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable.", {
          headers: { "Retry-After": String(retryAfterSeconds) },
        }),
  general: (message: string) => new GraphError(500, "generalException", message),
};

export function errorBody(error: GraphError, requestId: string, clientRequestId?: string) {
  const innerError: Record<string, unknown> = {
    date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "request-id": requestId,
    "client-request-id": clientRequestId ?? requestId,
  };
  if (error.innerCode) innerError.code = error.innerCode;
  return { error: { code: error.code, message: error.message, innerError } };
}
