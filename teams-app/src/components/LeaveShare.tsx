import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
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
 * The confirmation is asked in the page (a tab in Teams may not open the
 * browser's own dialogs), next to the button that asked for it.
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
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

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

  if (confirming) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Sluta följa upp avtalet?</MessageBarTitle>
          {committee.name} följer då inte längre upp sin del av avtalet: inga påminnelser och inga
          rader i nämndens rapport. Ändringen syns i avtalets historik.
          {error ? <Text block>{error}</Text> : null}
        </MessageBarBody>
        <MessageBarActions>
          <Button ref={confirmButton} appearance="primary" disabled={busy} onClick={leave}>
            Ta bort {committee.name}
          </Button>
          <Button disabled={busy} onClick={() => setConfirming(false)}>
            Avbryt
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <div className={styles.row}>
      <Text>Avtalet delas med {committee.name}.</Text>
      <Button onClick={() => setConfirming(true)}>Ta bort {committee.name} från avtalet</Button>
    </div>
  );
}
