import type { Identity } from "../persistence/graph-persistence.ts";
import { storeList } from "./handlers/lists.ts";
import { isoSeconds, newGuid, newSiteId } from "./ids.ts";
import type { ServiceContext } from "./service-context.ts";

export const DEFAULT_SITE_PATH = "/sites/avtal";

/** The root site and its default document library exist from the first start. */
export function ensureDefaultSite(context: ServiceContext): boolean {
  const persistence = context.persistence;
  if (persistence.getRootSite()) return false;
  const now = isoSeconds(context.now());
  const hostname = "localhost";
  persistence.transaction(() => {
    const site = {
      id: newSiteId(hostname),
      hostname,
      path: DEFAULT_SITE_PATH,
      name: "avtal",
      displayName: "Avtalsuppföljning",
      created: now,
      isRoot: true,
    };
    persistence.insertSite(site);
    const system: Identity = { application: { id: "local", displayName: "Lokal Graph-tjänst" } };
    storeList(
      context,
      {
        id: newGuid(),
        siteId: site.id,
        name: "Shared Documents",
        displayName: "Dokument",
        description: "",
        template: "documentLibrary",
        created: now,
        modified: now,
        driveId: null,
      },
      [],
      system,
    );
  });
  return true;
}
