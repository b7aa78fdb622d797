import type { StoredSite } from "../../persistence/graph-persistence.ts";
import { graphErrors } from "../errors.ts";
import { type GraphResponse, json } from "../graph-request.ts";
import { presentSite } from "../presenters.ts";
import type { ServiceContext } from "../service-context.ts";

export function resolveSite(context: ServiceContext, siteId: string): StoredSite {
  const site =
    siteId === "root" ? context.persistence.getRootSite() : context.persistence.getSite(siteId);
  if (!site) throw graphErrors.itemNotFound("Requested site could not be found");
  return site;
}

export function resolveSiteByPath(
  context: ServiceContext,
  hostname: string,
  sitePath: string,
): StoredSite {
  const normalized = `/${sitePath.replace(/^\/+|\/+$/g, "")}`;
  const site = context.persistence.getSiteByPath(hostname, normalized === "/" ? "/" : normalized);
  if (!site) throw graphErrors.itemNotFound("Requested site could not be found");
  return site;
}

export function getSite(context: ServiceContext, site: StoredSite): GraphResponse {
  return json(200, { ...presentSite(context.webOrigin(), site) });
}
