import { Text } from "@fluentui/react-components";
import { formatDateTime } from "../../format.ts";
import type { HistoryEntry } from "../../types.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../Feedback.tsx";
import { HistoryExport } from "./HistoryExport.tsx";
import { useHistoryPanelStyles } from "./HistoryPanel.styles.ts";
import { useHistory } from "./useHistory.ts";

/** One saved change: what happened, when and by whom, then each field as the form shows it. */
function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const styles = useHistoryPanelStyles();
  return (
    <li className={styles.entry}>
      <Text weight="semibold">{entry.summary}</Text>
      <Text size={200} className={styles.meta}>
        {formatDateTime(entry.modified)} · {entry.by.name || entry.modifiedBy || "okänd"}
      </Text>
      {entry.changes.length > 0 ? (
        <ul className={styles.changes}>
          {entry.changes.map((change) => (
            <li key={change.field}>
              <span className={styles.label}>{change.label}:</span>{" "}
              {entry.action === "created" ? change.to : `${change.from} → ${change.to}`}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The readable change history of a contract or record: newest first, who and when per change. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const styles = useHistoryPanelStyles();
  if (entries.length === 0)
    return <EmptyState title="Ingen historik">Inga ändringar är sparade ännu.</EmptyState>;
  return (
    <ol className={styles.list} aria-label="Ändringshistorik">
      {entries.map((entry) => (
        <HistoryItem key={entry.version} entry={entry} />
      ))}
    </ol>
  );
}

/**
 * Loads and shows the history of the record at `path` (e.g. /api/deviations/12);
 * with `exportTitle`, "Exportera historik" above it saves the history as a file of that name.
 */
export function HistoryPanel({
  path,
  version,
  exportTitle,
}: {
  path: string;
  version?: string;
  exportTitle?: string;
}) {
  const history = useHistory(path, version);
  if (history.error) return <ErrorMessage error={history.error} onRetry={history.reload} />;
  if (!history.data) return <LoadingSkeleton label="Hämtar historiken …" />;
  return (
    <>
      {exportTitle && history.data.length > 0 ? (
        <HistoryExport path={path} fileTitle={exportTitle} />
      ) : null}
      <HistoryList entries={history.data} />
    </>
  );
}
