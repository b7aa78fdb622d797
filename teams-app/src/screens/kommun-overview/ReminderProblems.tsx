import { Button, MessageBar, MessageBarBody, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { formatDateTime } from "../../format.ts";
import type { ReminderProblem, ReminderResent } from "../../types.ts";
import { useKommunOverviewStyles } from "./KommunOverview.styles.ts";

/** Reminders that may not have gone out, with "send again" for each. */
export function ReminderProblems({
  problems,
  nameOf,
  onResent,
}: {
  problems: ReminderProblem[];
  nameOf: (id: string) => string;
  onResent: () => void;
}) {
  const styles = useKommunOverviewStyles();
  const { api } = useApp();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string }>();
  if (problems.length === 0 && !message) return null;
  const resend = async (problem: ReminderProblem) => {
    setBusy(problem.id);
    try {
      const answer = await api.post<ReminderResent>(`/api/reminders/${problem.id}/release`, {});
      setMessage({ intent: "success", text: `${problem.title}: ${answer.message}` });
      onResent();
    } catch (error) {
      setMessage({
        intent: "error",
        text: error instanceof ApiError ? error.problem.detail : "Påminnelsen kunde inte skickas.",
      });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="paminnelser">
      <Title3 as="h2" id="paminnelser">
        Påminnelser som kanske inte har kommit fram
      </Title3>
      <div role="status" aria-live="polite">
        {message ? (
          <MessageBar intent={message.intent} layout="multiline">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <DataList
          label="Påminnelser som kanske inte har kommit fram"
          rows={problems}
          rowKey={(problem) => problem.id}
          columns={[
            { key: "paminnelse", label: "Påminnelse", cell: (problem) => problem.title },
            { key: "namnd", label: "Nämnd", cell: (problem) => nameOf(problem.committeeId) },
            {
              key: "lage",
              label: "Läge",
              cell: (problem) =>
                problem.status === "skickas"
                  ? `Osäker: avbröts medan den skickades (${formatDateTime(problem.claimedAt)}) och kan ha kommit fram`
                  : `Misslyckades${problem.error ? `: ${problem.error}` : ""}`,
            },
            {
              key: "atgard",
              label: "Åtgärd",
              cell: (problem) => (
                <Button
                  size="small"
                  disabled={busy !== undefined}
                  onClick={() => resend(problem)}
                  aria-label={`Skicka igen: ${problem.title}`}
                >
                  {busy === problem.id ? "Skickar …" : "Skicka igen"}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
