import { Button, MessageBar, MessageBarBody, Text, Title3 } from "@fluentui/react-components";
import { DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { formatDateTime } from "../../format.ts";
import { useKommunOverviewStyles } from "./KommunOverview.styles.ts";
import { useRemovedRecords } from "./useRemovedRecords.ts";

/**
 * "Borttagna poster": records removed by mistake in any nämnd, with who
 * removed them, when and why, and "Återställ" for each (kommunledningskontoret).
 */
export function RemovedRecords() {
  const styles = useKommunOverviewStyles();
  const { removed, restore, busy, message } = useRemovedRecords();
  let content = <LoadingSkeleton label="Hämtar borttagna poster …" />;
  if (removed.error) content = <ErrorMessage error={removed.error} onRetry={removed.reload} />;
  else if (removed.data?.length === 0)
    content = (
      <EmptyState title="Inga borttagna poster">
        Ingen post har tagits bort. En borttagen post visas här och kan återställas.
      </EmptyState>
    );
  else if (removed.data)
    content = (
      <DataList
        label="Borttagna poster"
        rows={removed.data}
        rowKey={(row) => `${row.list}/${row.id}`}
        columns={[
          {
            key: "post",
            label: "Post",
            cell: (row) => (
              <>
                <Text weight="semibold">{row.what}</Text>
                {row.title ? <Text block>{row.title}</Text> : null}
                {row.contractTitle ? <Text block>Avtal: {row.contractTitle}</Text> : null}
                {row.restoreFirst ? (
                  <Text block italic>
                    Återställ {row.restoreFirst.definite}
                    {row.restoreFirst.title ? ` ”${row.restoreFirst.title}”` : ""} först.
                  </Text>
                ) : null}
              </>
            ),
          },
          { key: "namnd", label: "Nämnd", cell: (row) => row.committeeName || "–" },
          {
            key: "borttagen",
            label: "Borttagen",
            cell: (row) => `${formatDateTime(row.removedAt)} av ${row.removedBy.name || "okänd"}`,
          },
          { key: "varfor", label: "Varför", cell: (row) => row.reason || "–" },
          {
            key: "atgard",
            label: "Åtgärd",
            cell: (row) => (
              <Button
                size="small"
                disabled={busy !== undefined}
                onClick={() => restore(row)}
                aria-label={`Återställ ${row.what.toLocaleLowerCase("sv")}${row.title ? ` ${row.title}` : ""}`}
              >
                Återställ
              </Button>
            ),
          },
        ]}
      />
    );
  return (
    <section className={styles.section} aria-labelledby="borttagna">
      <Title3 as="h2" id="borttagna" tabIndex={-1}>
        Borttagna poster
      </Title3>
      <div role="status" aria-live="polite">
        {message ? (
          <MessageBar intent={message.intent} layout="multiline">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {content}
    </section>
  );
}
