import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import { ApiError } from "../../../api.ts";
import { useApp } from "../../../app-context.ts";
import type { ContractRisk, RiskWithdrawalInput } from "../../../types.ts";
import { useRiskCardStyles } from "./RiskCard.styles.ts";

const REASON_MISSING = "Ange varför bedömningen återkallas.";

/**
 * "Återkalla bedömningen": a dialog asks why (required), and the assessment
 * is withdrawn at the version read — the suggestion is in force again, and
 * the contract's history keeps who withdrew it, when and why. Someone saving
 * meanwhile is told in the dialog; the reason typed stays to send again.
 */
export function WithdrawRisk({
  contractId,
  risk,
  onWithdrawn,
}: {
  contractId: string;
  risk: ContractRisk;
  onWithdrawn: (message: string) => void;
}) {
  const styles = useRiskCardStyles();
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const show = (next: boolean) => {
    setOpen(next);
    if (next) {
      setReasonError(undefined);
      setProblem(undefined);
    }
  };

  const withdraw = async () => {
    if (reason.trim().length < 3) {
      setReasonError(REASON_MISSING);
      field.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const body: RiskWithdrawalInput = { reason: reason.trim() };
      await api.delete<ContractRisk>(`/api/contracts/${contractId}/risk`, body, risk.etag);
      setOpen(false);
      setReason("");
      onWithdrawn("Bedömningen är återkallad. Förslaget gäller nu.");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.status === 412) {
        setProblem(
          "Avtalet har ändrats av någon annan sedan du öppnade det. Den sparade bedömningen visas nu bakom dialogen; återkalla igen om den ska bort.",
        );
        // Read again, so the next try is sent at the version now stored.
        onWithdrawn("");
        return;
      }
      const fieldError = failure.fieldMessage("reason");
      if (fieldError) {
        setReasonError(fieldError);
        field.current?.focus();
      } else setProblem(failure.problem.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_event, data) => show(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button>Återkalla bedömningen</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby="aterkalla-forklaring">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            // The dialog is portalled, but React bubbles its submit to the card's own form.
            event.stopPropagation();
            void withdraw();
          }}
        >
          <DialogBody>
            <DialogTitle>Återkalla bedömningen?</DialogTitle>
            <DialogContent className={styles.dialog}>
              <Text id="aterkalla-forklaring">
                Bedömningen tas bort från avtalet och förslaget gäller igen, också för hur ofta
                avtalet följs upp. Vem som återkallade den, när och varför syns i avtalets historik.
              </Text>
              <Field
                label="Varför återkallas bedömningen?"
                required
                validationState={reasonError ? "error" : "none"}
                validationMessage={reasonError}
              >
                <Textarea
                  ref={field}
                  autoFocus
                  value={reason}
                  maxLength={2000}
                  onChange={(_event, data) => {
                    setReason(data.value);
                    setReasonError(undefined);
                  }}
                />
              </Field>
              {problem ? (
                <MessageBar intent="error" layout="multiline" role="alert">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                Återkalla
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={busy}>Avbryt</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
