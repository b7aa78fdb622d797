import { Router } from "express";
import type { TenantConfig } from "../../config.ts";

/**
 * Tenant mode: where Teams' authentication window starts when the tab asks
 * for consent (authentication.authenticate, after getAuthToken said consent
 * is missing). It sends the person to Entra ID to consent to the app's
 * access_as_user scope; Entra returns to /consent-end.html, which tells Teams
 * the window is done. The app's address (the manifest's HOSTNAME) is the
 * request's host, as in webApplicationInfo's resource api://<host>/<client id>;
 * https://<host>/consent-end.html must be a redirect URI of the app registration.
 */
export function teamsConsentRouter(config: TenantConfig): Router {
  const router = Router();
  router.get("/auth/consent-start", (request, response) => {
    const host = request.get("host") ?? "";
    const authorize = new URL(`${config.authorityHost}/${config.tenantId}/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: config.clientId,
      response_type: "code",
      response_mode: "query",
      scope: `api://${host}/${config.clientId}/access_as_user openid profile`,
      redirect_uri: `https://${host}/consent-end.html`,
      prompt: "consent",
      // The window only records the consent; the code is never redeemed.
      state: "consent",
    }).toString();
    response.redirect(302, authorize.toString());
  });
  return router;
}
