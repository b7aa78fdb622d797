import { useEffect } from "react";
import { useApp } from "../../app-context.ts";
import type { DataSort } from "../../components/data-list/DataList.tsx";
import { type Route, routeParams } from "../../routes.ts";
import { readStored, writeStored } from "../../storage.ts";
import { type ListQuery, readListQuery, writeListQuery } from "./list-query.ts";

/**
 * A list screen's search, filters and sorting: read from the address, kept
 * per person and screen, and written back to the address as they change.
 */
export function useListQuery(
  route: Route & { query?: string },
  toRoute: (query: string) => Route,
  defaultSort: DataSort,
) {
  const { me, replaceRoute } = useApp();
  const storageKey = `avtalsuppfoljning.lista.${me.user.id}.${route.screen}`;
  const query = readListQuery(routeParams(route), defaultSort);

  // Opened without filters in the address: the person's last ones for this screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the screen opens.
  useEffect(() => {
    if (route.query) return;
    const remembered = readStored("local", storageKey);
    if (remembered) replaceRoute(toRoute(remembered));
  }, []);

  const update = (changes: Partial<ListQuery>) => {
    const next = writeListQuery({ ...query, ...changes });
    writeStored("local", storageKey, next);
    replaceRoute(toRoute(next));
  };
  return { query, update };
}
