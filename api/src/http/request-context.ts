import type { Request, Response } from "express";
import type { Principal } from "../policies/access.ts";
import type { AuthenticatedUser } from "./auth/token-validator.ts";
import { ProblemError } from "./problem.ts";

/** What the authentication middleware leaves on each request. */
export interface RequestIdentity {
  user: AuthenticatedUser;
  principal: Principal;
}

export function identityOf(response: Response): RequestIdentity {
  const identity = response.locals.identity as RequestIdentity | undefined;
  if (!identity) throw new Error("route reached without authentication");
  return identity;
}

export const forbidden = (detail = "Du har inte behörighet till den här nämndens uppgifter.") =>
  new ProblemError({ status: 403, code: "forbidden", title: "Ingen behörighet", detail });

export const notFound = (what: string) =>
  new ProblemError({
    status: 404,
    code: "not-found",
    title: "Hittades inte",
    detail: `${what} finns inte.`,
  });

/** The If-Match header an update must carry (the ETag the client read). */
export function requireIfMatch(request: Request): string {
  const value = request.header("if-match");
  if (!value) {
    throw new ProblemError({
      status: 428,
      code: "if-match-required",
      title: "Versionsuppgift saknas",
      detail:
        "Ändringen måste skickas med versionen du läste (If-Match), så att ingen annans ändring skrivs över.",
    });
  }
  // One quoted entity tag, as the API handed it out; `*` would overwrite any version.
  if (!/^(W\/)?"[^"]+"$/.test(value.trim())) {
    throw new ProblemError({
      status: 400,
      code: "if-match-invalid",
      title: "Ogiltig versionsuppgift",
      detail:
        "Versionsuppgiften (If-Match) ska vara den ETag du fick när du läste posten. Läs in posten igen och gör om ändringen.",
    });
  }
  return value.trim();
}
