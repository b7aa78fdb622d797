import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { graphStatusOf, numberOf } from "../graph/json.ts";
import { UploadError } from "../graph/large-file-upload.ts";
import { ConflictError, DuplicateError, NotFoundError } from "../store/store-errors.ts";
import type { RequestIdentity } from "./request-context.ts";

/**
 * Errors leave the API as RFC 9457 problem details with a Swedish `detail`
 * for people and a stable `code` for programs.
 */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** Per field: its path in the body, its message and (where the domain names one) a code. */
  errors?: Array<{ field: string; message: string; code?: string }>;
  /** With 412: the version now stored. */
  current?: unknown;
  /**
   * With 409 `contract-has-records` (and `record-has-deficiencies`): the
   * records that would be left without what they belong to, counted.
   */
  blocking?: Partial<Record<"followUps" | "deficiencies" | "deviations" | "kickoffs", number>>;
  /** With 409 `restore-first`: the removed record to restore before this one. */
  restoreFirst?: { list: string; id: string };
}

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

export function sendProblem(response: Response, problem: Problem): void {
  response
    .status(problem.status)
    .type("application/problem+json")
    .send(JSON.stringify({ type: `urn:avtalsuppfoljning:problem:${problem.code}`, ...problem }));
}

export const notFoundHandler: RequestHandler = (request, response) => {
  sendProblem(response, {
    status: 404,
    code: "not-found",
    title: "Hittades inte",
    detail: `Det finns ingen resurs på ${request.method} ${request.path}.`,
  });
};

export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    if (error instanceof ProblemError) {
      const identity = response.locals.identity as RequestIdentity | undefined;
      if (error.problem.code === "forbidden" && identity && belongsNowhere(identity)) {
        return sendProblem(response, NO_COMMITTEE_PROBLEM);
      }
      return sendProblem(response, error.problem);
    }
    if (error instanceof NotFoundError) {
      return sendProblem(response, {
        status: 404,
        code: "not-found",
        title: "Hittades inte",
        detail: `${error.message}.`,
      });
    }
    if (error instanceof ConflictError) {
      return sendProblem(response, {
        status: 412,
        code: "conflict",
        title: "Ändrat av någon annan",
        detail:
          "Posten har ändrats av någon annan sedan du öppnade den. Läs in den igen och gör din ändring på nytt.",
      });
    }
    if (error instanceof DuplicateError) {
      return sendProblem(response, {
        status: 409,
        code: "duplicate",
        title: "Finns redan",
        detail: `${error.message}.`,
      });
    }
    // SharePoint still throttled or unavailable after the client's retries: say so, never "not found".
    const graphStatus = graphStatusOf(error);
    if (graphStatus === 429 || graphStatus === 503 || graphStatus === 504) {
      response.setHeader("Retry-After", "30");
      return sendProblem(response, {
        status: 503,
        code: "graph-unavailable",
        title: "SharePoint svarar inte just nu",
        detail:
          "SharePoint är hårt belastat eller tillfälligt otillgängligt. Inget har ändrats; försök igen om en halv minut.",
      });
    }
    if (error instanceof UploadError) {
      // A file that did not arrive whole is the request's fault; anything else, SharePoint's.
      const incomplete = error.code === "lengthMismatch";
      if (!incomplete) log(error);
      return sendProblem(response, {
        status: incomplete ? 400 : 502,
        code: incomplete ? "upload-incomplete" : "upload-failed",
        title: "Uppladdningen misslyckades",
        detail: error.detail,
      });
    }
    const status = numberOf(error, "status");
    if (typeof status === "number" && status >= 400 && status < 500) {
      // express/body-parser errors: malformed JSON, too large body.
      return sendProblem(response, {
        status,
        code: status === 413 ? "payload-too-large" : "bad-request",
        title: status === 413 ? "För stor begäran" : "Felaktig begäran",
        detail:
          status === 413
            ? "Begäran är för stor."
            : "Begäran kunde inte läsas (kontrollera att den är giltig JSON).",
      });
    }
    log(error);
    sendProblem(response, {
      status: 500,
      code: "internal",
      title: "Internt fel",
      detail:
        "Något gick fel på servern. Försök igen om en stund; kvarstår felet, kontakta IT-supporten.",
    });
  };
}

/** Signed in, but in no nämnd's group and not kommunledningskontoret (or unknown to the directory). */
function belongsNowhere({ principal }: RequestIdentity): boolean {
  return !principal.klk && principal.memberOf.size === 0;
}

const NO_COMMITTEE_PROBLEM: Problem = {
  status: 403,
  code: "no-committee",
  title: "Ingen nämnd",
  detail:
    "Du hör inte till någon nämnd i Avtalsuppföljning, så det finns inga uppgifter att visa dig. Be nämndens sekreterare lägga till dig i nämndens team i Teams.",
};
