import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

/**
 * Asks before unsaved changes are dropped. An in-page dialog: Teams does not
 * allow window.confirm in the tab's frame.
 */
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_event, data) => !data.open && onStay()}>
      <DialogSurface aria-describedby="lamna-beskrivning">
        <DialogBody>
          <DialogTitle>Osparade ändringar</DialogTitle>
          <DialogContent id="lamna-beskrivning">
            Du har ändringar som inte är sparade. Vill du lämna utan att spara dem?
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onStay}>
              Stanna kvar
            </Button>
            <Button onClick={onLeave}>Lämna utan att spara</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
