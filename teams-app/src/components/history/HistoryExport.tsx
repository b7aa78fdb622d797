import {
  Checkbox,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import { ErrorMessage } from "../Feedback.tsx";
import { useHistoryPanelStyles } from "./HistoryPanel.styles.ts";
import { EXPORT_FORMATS, useHistoryExport } from "./useHistoryExport.ts";

/**
 * "Exportera historik": the record's history as Excel, PDF or Word, to hand
 * to an inspection or as an allmän handling. A contract's internal notes are
 * left out unless the person ticks them in.
 */
export function HistoryExport({
  path,
  fileTitle,
  internalNotes = false,
}: {
  /** The record's API path, e.g. /api/deviations/12. */
  path: string;
  /** The downloaded file's name, without extension. */
  fileTitle: string;
  /** Whether the record has internal notes (contracts): offers to include them. */
  internalNotes?: boolean;
}) {
  const styles = useHistoryPanelStyles();
  const { busy, error, internal, setInternal, exportAs } = useHistoryExport(path, fileTitle);
  return (
    <div className={styles.export}>
      <div className={styles.exportControls}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton disabled={busy !== undefined}>
              {busy ? "Exporterar historik …" : "Exportera historik"}
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {EXPORT_FORMATS.map((choice) => (
                <MenuItem key={choice.format} onClick={() => void exportAs(choice.format)}>
                  {choice.label}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        {internalNotes ? (
          <Checkbox
            checked={internal}
            onChange={(_event, data) => setInternal(data.checked === true)}
            label="Ta med interna anteckningar"
          />
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
