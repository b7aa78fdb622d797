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
import { useRemoveRecordStyles } from "./RemoveRecord.styles.ts";
import { useRemoveRecord } from "./useRemoveRecord.ts";

/**
 * "Ta bort" for a record registered by mistake: a dialog asks why (required),
 * and the record is marked removed — kept, with who, when and why, and
 * restorable by kommunledningskontoret. The dialog opens with the reason
 * field focused and closes with Escape; the server's refusal (e.g. a contract
 * with follow-ups) is shown in it, in its own words.
 */
export function RemoveRecord({
  what,
  path,
  etag,
  onRemoved,
  triggerLabel,
  triggerSize,
  explanation = "Posten försvinner ur listor, rapporter, påminnelser och exporter, men raderas inte: vem som tog bort den, när och varför sparas i historiken, och kommunledningskontoret kan återställa den.",
  reasonLabel = "Varför tas posten bort?",
}: {
  /** "avvikelsen", "avtalet" …, as in "Ta bort avvikelsen?". */
  what: string;
  path: string;
  etag: string;
  onRemoved: () => void;
  /** The button's accessible name where "Ta bort" alone is ambiguous (one per file in a list). */
  triggerLabel?: string;
  /** "small" in a list's row, beside its other small buttons. */
  triggerSize?: "small" | "medium";
  /** What removing means for this kind of thing. */
  explanation?: string;
  reasonLabel?: string;
}) {
  const styles = useRemoveRecordStyles();
  const state = useRemoveRecord({ path, etag, onRemoved });
  return (
    <Dialog open={state.open} onOpenChange={(_event, data) => state.show(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button aria-label={triggerLabel} size={triggerSize}>
          Ta bort
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby="ta-bort-forklaring">
        {/* The reason is checked here, with a Swedish message beside the field, not by the browser. */}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void state.remove();
          }}
        >
          <DialogBody>
            <DialogTitle>Ta bort {what}?</DialogTitle>
            <DialogContent className={styles.content}>
              <Text id="ta-bort-forklaring">{explanation}</Text>
              <Field
                label={reasonLabel}
                required
                validationState={state.reasonError ? "error" : "none"}
                validationMessage={state.reasonError}
              >
                <Textarea
                  ref={state.reasonField}
                  autoFocus
                  value={state.reason}
                  maxLength={1000}
                  onChange={(_event, data) => state.setReason(data.value)}
                />
              </Field>
              {state.problem ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{state.problem}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={state.busy}>
                Ta bort
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={state.busy}>Avbryt</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
