import { graphStatusOf, stringOf } from "../graph/json.ts";

/** What can go wrong in the store, in the terms the API and bot need. */

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} finns inte`);
  }
}

/** The item was changed by someone else since it was read (ETag mismatch, 412). */
export class ConflictError extends Error {
  readonly currentEtag: string | undefined;
  constructor(currentEtag?: string) {
    super("Posten har ändrats av någon annan sedan du läste den.");
    this.currentEtag = currentEtag;
  }
}

/** A unique column already holds this value (409). */
export class DuplicateError extends Error {}

export function translateGraphError(error: unknown, what: string): unknown {
  const status = graphStatusOf(error);
  if (status === 404) return new NotFoundError(what);
  if (status === 412) return new ConflictError();
  if (status === 409 && stringOf(error, "code") === "nameAlreadyExists")
    return new DuplicateError(`${what} finns redan`);
  return error;
}
