import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { RemovedList, RemovedRecord } from "../../types.ts";

export type { RemovedRecord };

/** Kommunledningskontoret's removed records, and restoring one at the version listed. */
export function useRemovedRecords() {
  const { api } = useApp();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string }>();
  const removed = useLoad(
    () => api.get<RemovedList>("/api/removed").then((result) => result.items),
    "removed",
  );
  const restore = async (row: RemovedRecord) => {
    setBusy(`${row.list}/${row.id}`);
    try {
      await api.post(`/api/removed/${row.list}/${row.id}/restore`, {}, row.etag);
      setMessage({
        intent: "success",
        text: `${row.what} ${row.title ? `”${row.title}” ` : ""}är återställd och syns igen i listorna.`,
      });
      removed.reload();
    } catch (error) {
      setMessage({
        intent: "error",
        text: error instanceof ApiError ? error.problem.detail : "Posten kunde inte återställas.",
      });
    } finally {
      setBusy(undefined);
    }
  };
  return { removed, restore, busy, message };
}
