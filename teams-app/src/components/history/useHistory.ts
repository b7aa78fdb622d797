import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { HistoryEntry, Items } from "../../types.ts";

/** A record's readable history (`<path>/history`), read again when `version` changes. */
export function useHistory(path: string, version = "") {
  const { api } = useApp();
  return useLoad(
    () => api.get<Items<HistoryEntry>>(`${path}/history`).then((result) => result.items),
    `${path}|${version}`,
  );
}
