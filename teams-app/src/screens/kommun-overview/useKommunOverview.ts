import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { Overview } from "../../types.ts";

/** Every nämnd side by side, with the late obligations across them, most overdue first. */
export function useKommunOverview() {
  const { api } = useApp();
  const overview = useLoad(() => api.get<Overview>("/api/overview"), "once");
  const data = overview.data;
  const nameOf = (id: string) =>
    data?.committees.find((row) => row.committee.id === id)?.committee.name ?? "–";
  const late = (data?.committees ?? [])
    .flatMap((row) => row.late)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return { overview, nameOf, late };
}
