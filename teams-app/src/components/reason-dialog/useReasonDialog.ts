import { useRef, useState } from "react";
import { ApiError } from "../../api.ts";

export interface ReasonDialogOptions {
  /** The caller's rule for the reason (trimmed): its Swedish message when the reason will not do. */
  check: (reason: string) => string | undefined;
  /** Sends the trimmed reason, at the version read (If-Match). */
  send: (reason: string) => Promise<unknown>;
  /** After the server took it; the dialog is closed by then. */
  done: () => void;
  /**
   * Someone else saved first (412): the caller has the record read again and
   * answers what the dialog says. Without it, the server's own words.
   */
  conflict?: () => string;
}

/**
 * A reason dialog's state: open, the reason typed, its error, what the server
 * said, and the sending. The reason's field gets the focus back whenever the
 * reason will not do, so the person can type it. A reason typed stays when the
 * dialog is closed without sending (it is emptied once sent); its error goes as
 * soon as it is edited.
 */
export function useReasonDialog(options: ReasonDialogOptions) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reasonField = useRef<HTMLTextAreaElement>(null);

  const show = (next: boolean) => {
    setOpen(next);
    if (next) {
      setReasonError(undefined);
      setProblem(undefined);
    }
  };

  const edit = (next: string) => {
    setReason(next);
    setReasonError(undefined);
  };

  const refuseReason = (message: string) => {
    setReasonError(message);
    reasonField.current?.focus();
  };

  const submit = async () => {
    const trimmed = reason.trim();
    const missing = options.check(trimmed);
    if (missing) {
      refuseReason(missing);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setReasonError(undefined);
    try {
      await options.send(trimmed);
      setOpen(false);
      setReason("");
      options.done();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412 && options.conflict) {
        setProblem(options.conflict());
        return;
      }
      const field = failure instanceof ApiError ? failure.fieldMessage("reason") : undefined;
      if (field) refuseReason(field);
      else setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return { open, show, reason, edit, reasonError, reasonField, problem, busy, submit };
}
