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
  makeStyles,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type ReactElement, useId } from "react";
import { type ReasonDialogOptions, useReasonDialog } from "./useReasonDialog.ts";

const useStyles = makeStyles({
  content: { display: "grid", gap: tokens.spacingVerticalM },
});

export interface ReasonDialogProps extends ReasonDialogOptions {
  /** The button that opens the dialog. */
  trigger: ReactElement;
  /** The dialog's question, e.g. "Ta bort avvikelsen?". */
  title: string;
  /** What the action means, read out with the dialog. */
  explanation: string;
  reasonLabel: string;
  /** The sending button's text. */
  submitLabel: string;
  /** The longest reason the API takes. */
  maxLength: number;
}

/**
 * An action on a record that needs a reason (removing it, withdrawing an
 * assessment): a dialog asks why (required) and sends it at the version read.
 * It opens with the reason field focused and closes with Escape; the server's
 * refusal is shown in it, in its own words.
 */
export function ReasonDialog({
  trigger,
  title,
  explanation,
  reasonLabel,
  submitLabel,
  maxLength,
  ...options
}: ReasonDialogProps) {
  const styles = useStyles();
  const explanationId = useId();
  const dialog = useReasonDialog(options);
  return (
    <Dialog open={dialog.open} onOpenChange={(_event, data) => dialog.show(data.open)}>
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      <DialogSurface aria-describedby={explanationId}>
        {/* The reason is checked here, with a Swedish message beside the field, not by the browser. */}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            // The dialog is portalled, but React bubbles its submit to a form around the trigger.
            event.stopPropagation();
            void dialog.submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text id={explanationId}>{explanation}</Text>
              <Field
                label={reasonLabel}
                required
                validationState={dialog.reasonError ? "error" : "none"}
                validationMessage={dialog.reasonError}
              >
                <Textarea
                  ref={dialog.reasonField}
                  autoFocus
                  value={dialog.reason}
                  maxLength={maxLength}
                  onChange={(_event, data) => dialog.edit(data.value)}
                />
              </Field>
              {dialog.problem ? (
                <MessageBar intent="error" layout="multiline" role="alert">
                  <MessageBarBody>{dialog.problem}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={dialog.busy}>
                {submitLabel}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={dialog.busy}>Avbryt</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
