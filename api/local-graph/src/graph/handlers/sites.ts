import type { StoredSite } from "../../persistence/graph-persistence.ts";
import { graphErrors } from "../errors.ts";
import { type GraphResponse, json } from "../graph-request.ts";
import { checkExpand, type ParsedQuery } from "../odata/query-options.ts";
import { presentSite } from "../presenters.ts";
import { applySelect, checkSelect, SITE } from "../select.ts";
import type { ServiceContext } from "../service-context.ts";

export function resolveSite(context: ServiceContext, siteId: string): StoredSite {
  const site =
    siteId === "root"
      ? context.persistence.getRootSite()
      : (context.persistence.getSite(siteId) ??
        // `/sites/{hostname}` is the root site of that host (site-get.md).
        context.persistence
          .listSites()
          .find((candidate) => candidate.isRoot && candidate.hostname === siteId.toLowerCase()));
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

export function getSite(
  context: ServiceContext,
  site: StoredSite,
  query: ParsedQuery,
): GraphResponse {
  checkSelect(query.select, SITE);
  checkExpand(query.expand, {}, "a site");
  return json(200, applySelect(presentSite(context.webOrigin(), site), query.select));
}
