import { graphErrors } from "./errors.ts";
import type { GraphRequest } from "./graph-request.ts";

/**
 * Request bodies: every property is one the operation implements, a
 * documented one the service does not emulate (501, naming it), a read-only
 * one (400), or unknown to Graph (400, OData's message). Nothing is dropped
 * on the floor.
 */

export interface BodyShape {
  /** OData type name for messages, e.g. `microsoft.graph.list`. */
  type: string;
  implemented: readonly string[];
  /** Documented, writable in Graph, not emulated here. */
  unsupported?: readonly string[];
  /** Documented read-only properties. */
  readOnly?: readonly string[];
}

export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw graphErrors.invalidRequest(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

export function objectBody(
  request: GraphRequest,
  what = "The request body",
): Record<string, unknown> {
  return requireObject(request.body, what);
}

export function checkProperties(object: Record<string, unknown>, shape: BodyShape): void {
  for (const key of Object.keys(object)) {
    if (key === "@odata.type") continue;
    if (shape.implemented.includes(key)) continue;
    if (shape.unsupported?.includes(key)) {
      throw graphErrors.notSupported(`The property '${key}' of ${shape.type}`);
    }
    if (shape.readOnly?.includes(key)) {
      throw graphErrors.invalidRequest(`The property '${key}' of ${shape.type} is read-only.`);
    }
    throw graphErrors.invalidRequest(
      `The property '${key}' does not exist on type '${shape.type}'. Make sure to only use property names that are defined by the type.`,
    );
  }
}

export function optionalString(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw graphErrors.invalidRequest(`'${key}' must be a string.`);
  return value;
}

export function optionalBoolean(object: Record<string, unknown>, key: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw graphErrors.invalidRequest(`'${key}' must be true or false.`);
  return value;
}

/** A boolean property the service implements only with one value (e.g. `deferCommit: false`). */
export function onlyValue(
  object: Record<string, unknown>,
  key: string,
  accepted: unknown,
  what: string,
): void {
  const value = object[key];
  if (value === undefined || value === accepted) return;
  throw graphErrors.notSupported(`${what} '${key}: ${JSON.stringify(value)}'`);
}
