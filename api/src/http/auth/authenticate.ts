import type { RequestHandler, Response } from "express";
import { isConsentRequired } from "../../graph/auth-providers.ts";
import { principalFor } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { MembershipResolver } from "../../store/membership.ts";
import { ProblemError } from "../problem.ts";
import type { RequestIdentity } from "../request-context.ts";
import { InvalidTokenError, type TokenValidator } from "./token-validator.ts";

const unauthenticated = (detail: string) =>
  new ProblemError({ status: 401, code: "unauthenticated", title: "Inte inloggad", detail });

const consentRequired = () =>
  new ProblemError({
    status: 403,
    code: "consent-required",
    title: "Medgivande saknas",
    detail:
      "Avtalsuppföljning får inte läsa vilka grupper du är med i (behörigheten User.Read), eftersom ingen har gett medgivande. Be kommunens IT-avdelning ge administratörsmedgivande: Entra ID → Företagsprogram → Avtalsuppföljning → Behörigheter → Bevilja administratörsmedgivande. Ladda sedan om fliken.",
  });

/** Why a request is not signed in, and the WWW-Authenticate header that says so. */
interface SignInFailure {
  problem: ProblemError;
  challenge: string;
}

/**
 * Every /api request: a valid token, then the person's roles per nämnd. A
 * request without a valid token is only marked (see `requireSignedIn`), so
 * that what comes between — the public local sign-in, the limit on requests
 * that are not signed in — can tell the two apart.
 */
export function authenticate(deps: {
  validate: TokenValidator;
  membership: MembershipResolver;
  store: AppStore;
}): RequestHandler {
  return async (request, response, next) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(request.header("authorization") ?? "");
      if (!match?.[1]) {
        const failure: SignInFailure = {
          problem: unauthenticated("Du behöver logga in för att använda Avtalsuppföljning."),
          challenge: 'Bearer realm="avtalsuppfoljning"',
        };
        response.locals.signInFailure = failure;
        return next();
      }
      let user: RequestIdentity["user"];
      try {
        user = await deps.validate(match[1]);
      } catch (error) {
        if (error instanceof InvalidTokenError) {
          const failure: SignInFailure = {
            problem: unauthenticated("Inloggningen är ogiltig eller har gått ut. Logga in igen."),
            challenge: 'Bearer error="invalid_token"',
          };
          response.locals.signInFailure = failure;
          return next();
        }
        throw error;
      }
      const [groups, committees, settings] = await Promise.all([
        deps.membership.groupsOf(user).catch((error: unknown) => {
          if (isConsentRequired(error)) throw consentRequired();
          throw error;
        }),
        deps.store.committees(),
        deps.store.settings(),
      ]);
      const identity: RequestIdentity = {
        user,
        principal: principalFor(user, groups, committees, settings.klkGroupId),
      };
      response.locals.identity = identity;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Whether `authenticate` found a signed-in person on this request. */
export function isSignedIn(response: Response): boolean {
  return response.locals.identity !== undefined;
}

/** The routes after this need a signed-in person: others get the 401 `authenticate` noted. */
export const requireSignedIn: RequestHandler = (_request, response, next) => {
  if (isSignedIn(response)) return next();
  const failure = response.locals.signInFailure as SignInFailure | undefined;
  response.setHeader("WWW-Authenticate", failure?.challenge ?? 'Bearer realm="avtalsuppfoljning"');
  next(
    failure?.problem ?? unauthenticated("Du behöver logga in för att använda Avtalsuppföljning."),
  );
};
