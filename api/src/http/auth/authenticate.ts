import type { RequestHandler } from "express";
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

/** Every /api request: a valid token, then the person's roles per nämnd. */
export function authenticate(deps: {
  validate: TokenValidator;
  membership: MembershipResolver;
  store: AppStore;
}): RequestHandler {
  return async (request, response, next) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(request.header("authorization") ?? "");
      if (!match?.[1]) {
        response.setHeader("WWW-Authenticate", 'Bearer realm="avtalsuppfoljning"');
        throw unauthenticated("Du behöver logga in för att använda Avtalsuppföljning.");
      }
      let user: RequestIdentity["user"];
      try {
        user = await deps.validate(match[1]);
      } catch (error) {
        if (error instanceof InvalidTokenError) {
          response.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
          throw unauthenticated("Inloggningen är ogiltig eller har gått ut. Logga in igen.");
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
