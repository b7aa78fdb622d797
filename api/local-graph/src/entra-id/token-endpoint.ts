import { z } from "zod";
import { graphErrors } from "../graph/errors.ts";
import { readJsonBody } from "../http/body.ts";
import type { Middleware } from "../http/middleware.ts";
import { sendJson } from "../http/respond.ts";
import type { LocalIssuer } from "./local-issuer.ts";

/**
 * Local mode's stand-in for Entra ID's client-credentials endpoint: the
 * holder of the service secret gets an app token for Graph, signed by the
 * local issuer (`POST /_local/token`); anyone may read the public key.
 */

const tokenRequest = z.strictObject({
  clientId: z.string().min(1).max(200).optional(),
  /** A person to act as (a delegated token); absent: an app-only token. */
  user: z
    .strictObject({
      id: z.string().min(1).max(200),
      displayName: z.string().min(1).max(200),
      email: z.string().min(3).max(320).optional(),
    })
    .optional(),
});

export function tokenEndpoint(issuer: LocalIssuer): Middleware {
  return async (exchange, next) => {
    const { method } = exchange;
    const path = exchange.url.pathname;
    if (method === "GET" && path === "/_local/issuer/keys") {
      sendJson(exchange, 200, issuer.jwks());
      return;
    }
    if (method === "POST" && path === "/_local/token" && exchange.caller.kind === "operator") {
      const parsed = tokenRequest.safeParse(
        (await readJsonBody(exchange.request, exchange.headers)) ?? {},
      );
      if (!parsed.success) {
        throw graphErrors.invalidRequest(
          "The token request takes an optional 'clientId' and an optional 'user' ({id, displayName, email}).",
        );
      }
      const { token, expiresIn } = await issuer.issueAppToken(
        parsed.data.clientId ?? "local-app",
        3600,
        parsed.data.user,
      );
      sendJson(exchange, 200, { access_token: token, token_type: "Bearer", expires_in: expiresIn });
      return;
    }
    await next();
  };
}
