/**
 * The tab's only way to the server: JSON over fetch with the bearer token,
 * problem details turned into ApiError with Swedish text and field errors.
 */

import type { Problem } from "../../api/src/http/problem.ts";
import { HostProblem } from "./host.ts";
import { signInProblem } from "./sign-in-problem.ts";

/** The API's problem details (`application/problem+json`). */
export type { Problem };

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

/** Where the tab's sign-in comes from: the local sign-in, or Teams SSO. */
export interface Authenticator {
  token(): Promise<string>;
  /**
   * The API refused the token (401). Returns true when asking for a fresh
   * token is worth one more try (Teams), false when the person must sign in
   * again (the local sign-in, which this call leaves).
   */
  rejected(): boolean;
  /** What to tell the person when a fresh token is refused too. */
  rejectedProblem?: Problem;
}

export interface Api {
  get<T>(path: string): Promise<T>;
  /**
   * Starts a GET before a screen asks for it (the tab's start: the dashboard
   * beside /api/me); the screen's `get` of the same path within a few
   * seconds takes its answer instead of asking again.
   */
  prefetch?(path: string): void;
  /** With `etag`, sent as If-Match (an action on a record at the version read, e.g. removing it). */
  post<T>(path: string, body: unknown, etag?: string): Promise<T>;
  patch<T>(path: string, body: unknown, etag: string): Promise<T>;
  /** Creates or replaces a whole resource; with `etag`, only at that version (If-Match). */
  put<T>(path: string, body: unknown, etag?: string): Promise<T>;
  /** With a body and `etag`: a removal that needs a reason, at the version read (If-Match). */
  delete<T = void>(path: string, body?: unknown, etag?: string): Promise<T>;
  /**
   * A POST answered as lines of JSON (progress, then the result): each line
   * is handed to `onLine` as it comes; a refusal before the first line is an ApiError.
   */
  lines<T>(path: string, body: unknown, onLine: (line: T) => void): Promise<void>;
  /** A file, e.g. a report draft to save; with a body, POSTed (a file made from what is sent). */
  blob(path: string, body?: unknown): Promise<Blob>;
  /**
   * A file sent as the request's body (evidence), with `onProgress` told the
   * share sent (0–1) as it goes: XMLHttpRequest, since fetch reports no upload progress.
   */
  upload<T>(path: string, file: Blob, onProgress: (sent: number) => void): Promise<T>;
}

/** Inside Teams there is no "sign in again": the tab asks Teams, and else says what helps. */
export const TEAMS_REJECTED: Problem = {
  status: 401,
  code: "unauthenticated",
  title: "Inloggningen godtogs inte",
  detail:
    "Teams inloggning godtogs inte av Avtalsuppföljning. Stäng fliken och öppna den igen; om felet kvarstår, kontakta kommunens IT-avdelning.",
};

async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const field = (name: string): unknown =>
    typeof parsed === "object" && parsed !== null && name in parsed
      ? Object.entries(parsed).find(([key]) => key === name)?.[1]
      : undefined;
  const textField = (name: string): string | undefined => {
    const value = field(name);
    return typeof value === "string" ? value : undefined;
  };
  const errors = field("errors");
  const current = field("current");
  return {
    status: response.status,
    code: textField("code") ?? "error",
    title: textField("title") ?? "Något gick fel",
    detail: textField("detail") ?? `Servern svarade ${response.status}.`,
    ...(Array.isArray(errors) ? { errors: errors.filter(isFieldError) } : {}),
    ...(current !== undefined ? { current } : {}),
  };
}

function isFieldError(value: unknown): value is { field: string; message: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    "field" in value &&
    "message" in value &&
    typeof value.field === "string" &&
    typeof value.message === "string"
  );
}

export function createApi(auth: Authenticator): Api {
  const bearer = async () => {
    try {
      return `Bearer ${await auth.token()}`;
    } catch (error) {
      throw new ApiError(error instanceof HostProblem ? error.problem : signInProblem(error));
    }
  };

  async function send(path: string, init: RequestInit, retried = false): Promise<Response> {
    const authorization = await bearer();
    let response: Response;
    try {
      response = await fetch(path, {
        ...init,
        headers: { ...init.headers, Authorization: authorization },
      });
    } catch {
      throw new ApiError({
        status: 0,
        code: "network",
        title: "Ingen kontakt",
        detail: "Kunde inte nå servern. Kontrollera nätverket och försök igen.",
      });
    }
    if (response.status === 401) {
      if (!retried && auth.rejected()) return send(path, init, true);
      if (retried && auth.rejectedProblem) throw new ApiError(auth.rejectedProblem);
    }
    return response;
  }

  /** Answers fetched early, by path: taken once, and only while fresh. */
  const early = new Map<string, { at: number; text: Promise<string> }>();
  const EARLY_MS = 10_000;

  async function getText(path: string): Promise<string> {
    const response = await send(path, { method: "GET", headers: { Accept: "application/json" } });
    if (!response.ok) throw new ApiError(await problemFrom(response));
    return response.text();
  }

  async function call<T>(method: string, path: string, body?: unknown, etag?: string): Promise<T> {
    const response = await send(path, {
      method,
      headers: {
        Accept: "application/json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(etag ? { "If-Match": etag } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new ApiError(await problemFrom(response));
    // A body-less answer (204) reads as null.
    return JSON.parse((await response.text()) || "null");
  }

  function sendFile(
    path: string,
    file: Blob,
    authorization: string,
    onProgress: (sent: number) => void,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", path);
      request.setRequestHeader("Authorization", authorization);
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      request.onload = () =>
        resolve(
          new Response(request.responseText, {
            status: request.status,
            headers: { "Content-Type": request.getResponseHeader("Content-Type") ?? "" },
          }),
        );
      request.onerror = () =>
        reject(
          new ApiError({
            status: 0,
            code: "network",
            title: "Ingen kontakt",
            detail:
              "Filen kunde inte skickas. Kontrollera nätverket och försök igen; är filen stor kan det ta en stund.",
          }),
        );
      request.send(file);
    });
  }

  return {
    async upload(path, file, onProgress) {
      let response = await sendFile(path, file, await bearer(), onProgress);
      if (response.status === 401 && auth.rejected()) {
        response = await sendFile(path, file, await bearer(), onProgress);
      }
      if (!response.ok) throw new ApiError(await problemFrom(response));
      return JSON.parse((await response.text()) || "null");
    },
    async lines(path, body, onLine) {
      const response = await send(path, {
        method: "POST",
        headers: { Accept: "application/x-ndjson", "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new ApiError(await problemFrom(response));
      const reader = response.body?.getReader();
      if (!reader) return;
      const decoder = new TextDecoder();
      let pending = "";
      for (;;) {
        const { done, value } = await reader.read();
        pending += decoder.decode(value, { stream: !done });
        const complete = pending.split("\n");
        pending = complete.pop() ?? "";
        for (const text of complete) if (text.trim() !== "") onLine(JSON.parse(text));
        if (done) break;
      }
      if (pending.trim() !== "") onLine(JSON.parse(pending));
    },
    async blob(path, body) {
      const response = await send(
        path,
        body === undefined
          ? {}
          : {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify(body),
            },
      );
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
    prefetch(path) {
      if (early.has(path)) return;
      const text = getText(path);
      // An answer nobody takes (the person went elsewhere) is dropped quietly.
      text.catch(() => undefined);
      early.set(path, { at: Date.now(), text });
    },
    async get(path) {
      const fetched = early.get(path);
      early.delete(path);
      if (fetched && Date.now() - fetched.at < EARLY_MS)
        return JSON.parse((await fetched.text) || "null");
      return call("GET", path);
    },
    post: (path, body, etag) => call("POST", path, body, etag),
    patch: (path, body, etag) => call("PATCH", path, body, etag),
    put: (path, body, etag) => call("PUT", path, body, etag),
    delete: (path, body, etag) => call("DELETE", path, body, etag),
  };
}
