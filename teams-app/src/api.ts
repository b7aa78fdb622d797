/**
 * The tab's only way to the server: JSON over fetch with the bearer token,
 * problem details turned into ApiError with Swedish text and field errors.
 */

import { signInProblem } from "./sign-in-problem.ts";

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  current?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.status = problem.status;
    this.problem = problem;
  }

  /** The message for one form field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find(
      (error) => error.field === field || error.field.startsWith(`${field}.`),
    )?.message;
  }
}

export type TokenSource = () => Promise<string>;

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown, etag: string): Promise<T>;
  delete(path: string): Promise<void>;
  /** A file, e.g. a report draft to save. */
  blob(path: string): Promise<Blob>;
}

export function createApi(token: TokenSource, onUnauthenticated: () => void): Api {
  const bearer = async () => {
    try {
      return `Bearer ${await token()}`;
    } catch (error) {
      throw new ApiError(signInProblem(error));
    }
  };
  async function call<T>(method: string, path: string, body?: unknown, etag?: string): Promise<T> {
    const authorization = await bearer();
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          Authorization: authorization,
          Accept: "application/json",
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...(etag ? { "If-Match": etag } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError({
        status: 0,
        code: "network",
        title: "Ingen kontakt",
        detail: "Kunde inte nå servern. Kontrollera nätverket och försök igen.",
      });
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated();
      const problem = (parsed ?? {}) as Partial<Problem>;
      throw new ApiError({
        status: response.status,
        code: problem.code ?? "error",
        title: problem.title ?? "Något gick fel",
        detail: problem.detail ?? `Servern svarade ${response.status}.`,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.current !== undefined ? { current: problem.current } : {}),
      });
    }
    return parsed as T;
  }
  return {
    async blob(path) {
      const response = await fetch(path, { headers: { Authorization: await bearer() } });
      if (!response.ok) {
        throw new ApiError({
          status: response.status,
          code: "download",
          title: "Kunde inte hämta filen",
          detail: "Filen kunde inte hämtas. Försök igen.",
        });
      }
      return response.blob();
    },
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    patch: (path, body, etag) => call("PATCH", path, body, etag),
    delete: (path) => call<undefined>("DELETE", path),
  };
}
