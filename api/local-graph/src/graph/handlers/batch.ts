import { z } from "zod";
import { type GraphError, graphErrors } from "../errors.ts";
import type { GraphResponse } from "../graph-request.ts";

/**
 * JSON batching: up to 20 requests, unique ids, Content-Type required with a
 * body, `dependsOn` ordering with 424 for dependents of a failed request, and
 * responses in no particular order (clients must match on id).
 */

export const MAX_BATCH_REQUESTS = 20;

const partSchema = z.strictObject({
  id: z.string().min(1),
  method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});

export type BatchPart = z.infer<typeof partSchema>;

export interface BatchPartResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export function parseBatch(body: unknown): BatchPart[] {
  const parsed = z.strictObject({ requests: z.array(partSchema) }).safeParse(body);
  if (!parsed.success) {
    throw graphErrors.invalidRequest(
      `Invalid batch request: ${parsed.error.issues[0]?.message ?? "malformed"}.`,
    );
  }
  const parts = parsed.data.requests;
  if (parts.length === 0)
    throw graphErrors.invalidRequest("A batch must contain at least one request.");
  if (parts.length > MAX_BATCH_REQUESTS) {
    throw graphErrors.invalidRequest(`A batch can contain at most ${MAX_BATCH_REQUESTS} requests.`);
  }
  // Ids are compared without regard to case (concepts/json-batching.md).
  const ids = new Set<string>();
  for (const part of parts) {
    if (ids.has(part.id.toLowerCase()))
      throw graphErrors.invalidRequest(`Duplicate request id '${part.id}' in batch.`);
    ids.add(part.id.toLowerCase());
    if (/^https?:/i.test(part.url)) {
      throw graphErrors.invalidRequest("Batch request URLs must be relative, e.g. '/sites/root'.");
    }
    const hasContentType = Object.keys(part.headers ?? {}).some(
      (name) => name.toLowerCase() === "content-type",
    );
    if (part.body !== undefined && !hasContentType) {
      throw graphErrors.invalidRequest(
        `Request '${part.id}' has a body but no Content-Type header.`,
      );
    }
  }
  for (const part of parts) {
    for (const dependency of part.dependsOn ?? []) {
      if (!ids.has(dependency.toLowerCase())) {
        throw graphErrors.invalidRequest(
          `Request '${part.id}' depends on unknown request '${dependency}'.`,
        );
      }
    }
  }
  return parts;
}

/** Runs parts in dependency order; a part whose dependency failed gets 424. */
export async function runBatch(
  parts: BatchPart[],
  execute: (part: BatchPart) => Promise<GraphResponse>,
  toErrorBody: (error: GraphError) => unknown,
): Promise<BatchPartResponse[]> {
  const results = new Map<string, BatchPartResponse>();
  const pending = [...parts];
  while (pending.length > 0) {
    const index = pending.findIndex((part) =>
      (part.dependsOn ?? []).every((id) => results.has(id.toLowerCase())),
    );
    if (index === -1) throw graphErrors.invalidRequest("The batch has a dependency cycle.");
    const [part] = pending.splice(index, 1);
    if (!part) break;
    const failedDependency = (part.dependsOn ?? []).some(
      (id) => (results.get(id.toLowerCase())?.status ?? 500) >= 400,
    );
    if (failedDependency) {
      const error = graphErrors.failedDependency();
      results.set(part.id.toLowerCase(), {
        id: part.id,
        status: 424,
        headers: { "Content-Type": "application/json" },
        body: toErrorBody(error),
      });
      continue;
    }
    const response = await execute(part);
    const isBytes = response.body instanceof Uint8Array;
    results.set(part.id.toLowerCase(), {
      id: part.id,
      status: response.status,
      headers: {
        ...(response.body !== undefined
          ? { "Content-Type": isBytes ? "application/octet-stream" : "application/json" }
          : {}),
        ...response.headers,
      },
      ...(response.body !== undefined
        ? {
            body: isBytes
              ? Buffer.from(response.body as Uint8Array).toString("base64")
              : response.body,
          }
        : {}),
    });
  }
  // Graph returns batch responses in any order; so do we, so clients match on id.
  return [...results.values()].sort(() => Math.random() - 0.5);
}
