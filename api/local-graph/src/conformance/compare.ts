/**
 * How an answer is held against Microsoft's documented one. Documented
 * responses are mostly truncated, and their values are made up, so what is
 * compared is what a client relies on: the status, the headers that matter,
 * and the shape — every documented property is there, with the same JSON
 * type, nested facets included. A documented collection element must have a
 * counterpart among the answer's elements. Properties the answer has beyond
 * the documented ones are fine ("truncated": the docs show a subset).
 */

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean" | "absent";

function typeOf(value: unknown): JsonType {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
}

export function compareShape(documented: unknown, actual: unknown, path = "body"): string[] {
  const expected = typeOf(documented);
  const found = typeOf(actual);
  if (expected !== found) return [`${path}: documented ${expected}, answered ${found}`];
  if (expected === "object") {
    const differences: string[] = [];
    const answer = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(documented as Record<string, unknown>)) {
      differences.push(...compareShape(value, answer[key], `${path}.${key}`));
    }
    return differences;
  }
  if (expected === "array") {
    const answer = actual as unknown[];
    const differences: string[] = [];
    (documented as unknown[]).forEach((element, index) => {
      if (answer.length === 0) {
        differences.push(`${path}[${index}]: documented an element, answered none`);
        return;
      }
      const attempts = answer.map((candidate) =>
        compareShape(element, candidate, `${path}[${index}]`),
      );
      if (attempts.some((attempt) => attempt.length === 0)) return;
      // Report the closest candidate's differences.
      differences.push(
        ...attempts.reduce((best, next) => (next.length < best.length ? next : best)),
      );
    });
    return differences;
  }
  return [];
}

function mediaType(value: string | null | undefined): string {
  return (value ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The headers a client acts on: the body's media type, a redirect's Location, a range's Content-Range. */
export function compareHeaders(
  documented: Record<string, string> | undefined,
  actual: Headers,
): string[] {
  const differences: string[] = [];
  for (const [name, value] of Object.entries(documented ?? {})) {
    const key = name.toLowerCase();
    const answered = actual.get(key);
    if (key === "content-type") {
      if (mediaType(answered) !== mediaType(value)) {
        differences.push(
          `header ${name}: documented ${mediaType(value)}, answered ${answered ?? "none"}`,
        );
      }
    } else if (key === "location") {
      if (!answered || !/^https?:\/\//.test(answered)) {
        differences.push(
          `header Location: documented an absolute URL, answered ${answered ?? "none"}`,
        );
      }
    } else if (key === "content-range") {
      if (!answered || !/^bytes \d+-\d+\/\d+$/.test(answered)) {
        differences.push(
          `header Content-Range: documented '${value}', answered ${answered ?? "none"}`,
        );
      }
    }
    // Other documented headers (Content-Length of a request, caching, cluster names) are not contract.
  }
  return differences;
}
