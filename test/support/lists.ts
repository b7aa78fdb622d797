import type { GraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import { ListClient, ListDirectory } from "../../api/src/store/list-client.ts";
import type { ListKey } from "../../api/src/store/schema.ts";

/**
 * A list's raw client, for tests that look beneath the repositories (the
 * reminder log's rows, a record written as an older version would have).
 */
export function listClient<K extends ListKey>(access: GraphAccess, key: K): ListClient<K> {
  const site = "/sites/root";
  return new ListClient(access, site, new ListDirectory(access, site), key, key);
}
