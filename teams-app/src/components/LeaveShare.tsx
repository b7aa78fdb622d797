import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../app-context.ts";
import type { CommitteeSummary } from "../types.ts";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
});

/**
 * A nämnd the contract is shared with may always take itself off: it then no
 * longer follows up its part, gets no reminders and reports nothing for it.
 */
export function LeaveShare({
  contractId,
  committee,
  onLeft,
}: {
  contractId: string;
  committee: CommitteeSummary;
  onLeft: () => void;
}) {
  const styles = useStyles();
  const { api } = useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const leave = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/api/contracts/${contractId}/shares/${committee.id}`);
      onLeft();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <div className={styles.row}>
      <Text>Avtalet delas med {committee.name}.</Text>
      <Dialog>
        <DialogTrigger disableButtonEnhancement>
          <Button>Ta bort {committee.name} från avtalet</Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Sluta följa upp avtalet?</DialogTitle>
            <DialogContent>
              {committee.name} följer då inte längre upp sin del av avtalet: inga påminnelser och
              inga rader i nämndens rapport. Ändringen syns i avtalets historik.
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Avbryt</Button>
              </DialogTrigger>
              <Button appearance="primary" disabled={busy} onClick={leave}>
                Ta bort {committee.name}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
