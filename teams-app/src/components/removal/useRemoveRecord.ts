import { useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";

/** The reason dialog's state: open, the reason typed, what the server said, and the removal itself. */
export function useRemoveRecord({
  path,
  etag,
  onRemoved,
}: {
  /** The record's API path, e.g. /api/deviations/12. */
  path: string;
  etag: string;
  onRemoved: () => void;
}) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The reason's field: focused again when the reason is missing, so the person can type it. */
  const reasonField = useRef<HTMLTextAreaElement>(null);

  const show = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setReason("");
      setReasonError(undefined);
      setProblem(undefined);
    }
  };

  const remove = async () => {
    if (!reason.trim()) {
      setReasonError("Skriv varför posten tas bort.");
      reasonField.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setReasonError(undefined);
    try {
      await api.post(`${path}/remove`, { reason: reason.trim() }, etag);
      setBusy(false);
      show(false);
      onRemoved();
    } catch (failure) {
      setBusy(false);
      const field = failure instanceof ApiError ? failure.fieldMessage("reason") : undefined;
      if (field) {
        setReasonError(field);
        reasonField.current?.focus();
      } else setProblem(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return { open, show, reason, setReason, reasonError, reasonField, problem, busy, remove };
}
