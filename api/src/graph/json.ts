import { z } from "zod";

/**
 * Reading JSON that came from outside (Graph, a stored note) without
 * trusting it: small guards that narrow `unknown` step by step, so no cast
 * claims a shape the data may not have.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string property, or undefined. */
export function stringOf(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const found = value[key];
  return typeof found === "string" ? found : undefined;
}

/** A record property, or undefined. */
export function recordOf(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const found = value[key];
  return isRecord(found) ? found : undefined;
}

/** One page of a Graph collection: `value` and the link to the next page. */
export function collectionPage(body: unknown): { value: unknown[]; nextLink: string | undefined } {
  if (!isRecord(body) || !Array.isArray(body.value)) {
    throw new Error("Graph answered with something that is not a collection");
  }
  return { value: body.value, nextLink: stringOf(body, "@odata.nextLink") };
}

/** Whether a value is one of a fixed set of strings (a choice), narrowing it to that set. */
export function isOneOf<const T extends readonly string[]>(
  choices: T,
  value: unknown,
): value is T[number] {
  return typeof value === "string" && choices.includes(value);
}

/** A parser for `readAll` from a zod schema: what does not match is left out. */
export function parseWith<T>(schema: z.ZodType<T>): (raw: unknown) => T | undefined {
  return (raw) => {
    const result = schema.safeParse(raw);
    return result.success ? result.data : undefined;
  };
}

/** A directory object with its id (a group, a user). */
export const withId = z.object({ id: z.string() });

/** A number property, or undefined. */
export function numberOf(value: unknown, key: string): number | undefined {
  if (!isRecord(value)) return undefined;
  const found = value[key];
  return typeof found === "number" ? found : undefined;
}

/** The HTTP status a Graph client error carries (`statusCode`), if any. */
export function graphStatusOf(error: unknown): number | undefined {
  // An error that wraps Graph's (a batch that could not be sent) carries it as its cause.
  return (
    numberOf(error, "statusCode") ??
    (error instanceof Error && error.cause !== error ? graphStatusOf(error.cause) : undefined)
  );
}

/** Teams' channelData: the team's Microsoft 365 group, when the activity comes from a team. */
export function teamGroupIdOf(channelData: unknown): string | undefined {
  return stringOf(recordOf(channelData, "team"), "aadGroupId");
}
