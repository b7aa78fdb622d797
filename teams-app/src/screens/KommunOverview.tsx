import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import { type DataColumn, DataList } from "../components/data-list/DataList.tsx";
import { ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { ObligationList } from "../components/ObligationList.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDate, formatDateTime } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Route } from "../routes.ts";
import type { Overview, OverviewRow, ReminderProblem } from "../types.ts";
import { KpiCards } from "./Overview.tsx";
import { capitalised } from "./record-screen/record-kinds.ts";

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
});

const PLAN_COLORS: Record<string, "success" | "warning" | "danger"> = {
  beslutad: "success",
  utkast: "warning",
  saknas: "danger",
};

/** Kommunledningskontoret's view: every nämnd side by side, and who is late. */
export function KommunOverview() {
  const styles = useStyles();
  const { api, me, openCommittee } = useApp();
  const overview = useLoad(() => api.get<Overview>("/api/overview"), "once");
  if (!me.roles.klk)
    return (
      <ErrorMessage
        error={
          new ApiError({
            status: 403,
            code: "forbidden",
            title: "Ingen behörighet",
            detail: "Översikten är till för kommunledningskontoret.",
          })
        }
      />
    );
  if (overview.error) return <ErrorMessage error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <LoadingSkeleton label="Hämtar alla nämnder …" />;
  const data = overview.data;
  const nameOf = (id: string) =>
    data.committees.find((row) => row.committee.id === id)?.committee.name ?? "–";
  // The most overdue first.
  const late = data.committees
    .flatMap((row) => row.late)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  const opener = (row: OverviewRow, route: Route, text: string) => (
    <Link onClick={() => openCommittee(row.committee.id, route)}>{text}</Link>
  );
  const columns: DataColumn<OverviewRow>[] = [
    {
      key: "namnd",
      label: "Nämnd",
      cell: (row) => opener(row, { screen: "oversikt" }, row.committee.name),
    },
    {
      key: "plan",
      label: `Plan ${data.mandatePeriod.label}`,
      cell: (row) => (
        <Badge appearance="tint" color={PLAN_COLORS[row.planStatus] ?? "danger"}>
          {capitalised(row.planStatus)}
        </Badge>
      ),
    },
    {
      key: "uppfoljningar",
      label: "Uppföljningar (period)",
      cell: (row) =>
        opener(
          row,
          { screen: "uppfoljning", query: new URLSearchParams({ period: row.period }).toString() },
          `${row.followUps.done} av ${row.followUps.expected} (${row.period})`,
        ),
    },
    {
      key: "strategiska",
      label: "Strategiska avtal",
      cell: (row) =>
        opener(row, { screen: "avtal", query: "strategiskt=true" }, String(row.strategicContracts)),
    },
    {
      key: "brister",
      label: "Avtal med brister",
      cell: (row) =>
        row.contractsWithDeficiencies.length === 0
          ? "–"
          : opener(
              row,
              { screen: "brister", query: "status=ej-atgardad" },
              row.contractsWithDeficiencies.map((contract) => contract.title).join(", "),
            ),
    },
    {
      key: "redovisning",
      label: "Redovisning",
      cell: (row) =>
        row.reportDecision
          ? `Beslutad ${row.reportDecision.date} § ${row.reportDecision.paragraph}`
          : capitalised(row.reportStatus),
    },
    {
      key: "forsenat",
      label: "Försenat",
      cell: (row) =>
        row.counts.late > 0 ? (
          <Link
            onClick={() => openCommittee(row.committee.id, { screen: "oversikt" })}
            aria-label={`${row.counts.late} försenade i ${row.committee.name}`}
          >
            <Badge appearance="filled" color="danger">
              {row.counts.late}
            </Badge>
          </Link>
        ) : (
          "0"
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Kommunövergripande"
        description={`Alla nämnder den ${formatDate(data.today)}: uppföljningsplan för mandatperioden ${data.mandatePeriod.label}, genomförda uppföljningar, strategiska avtal, brister och vem som är sen.`}
      />
      <KpiCards
        label="Kommunen i siffror"
        kpis={[
          {
            label: "Strategiska avtal",
            value: data.totals.strategicContracts,
            target: { route: { screen: "avtal", query: "namnd=all&strategiskt=true" } },
          },
          {
            label: "Försenade uppgifter",
            value: data.totals.late,
            target: { section: "forsenat" },
          },
          {
            label: "Nämnder med förseningar",
            value: data.totals.committeesLate,
            target: { section: "namnderna" },
          },
        ]}
      />
      <section className={styles.section} aria-labelledby="namnderna">
        <Title3 as="h2" id="namnderna" tabIndex={-1}>
          Nämnderna sida vid sida
        </Title3>
        <DataList
          label="Nämnderna sida vid sida"
          rows={data.committees}
          rowKey={(row) => row.committee.id}
          columns={columns}
        />
      </section>
      <ReminderProblems
        problems={data.reminderProblems}
        nameOf={nameOf}
        onResent={overview.reload}
      />
      {late.length > 0 ? (
        <section className={styles.section} aria-labelledby="forsenat">
          <Title3 as="h2" id="forsenat" tabIndex={-1}>
            Försenat i nämnderna ({late.length})
          </Title3>
          <ObligationList
            caption="Försenat i nämnderna"
            obligations={late}
            committeeName={nameOf}
          />
        </section>
      ) : null}
    </>
  );
}

/** Reminders that may not have gone out, with "send again" for each. */
function ReminderProblems({
  problems,
  nameOf,
  onResent,
}: {
  problems: ReminderProblem[];
  nameOf: (id: string) => string;
  onResent: () => void;
}) {
  const styles = useStyles();
  const { api } = useApp();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string }>();
  if (problems.length === 0 && !message) return null;
  const resend = async (problem: ReminderProblem) => {
    setBusy(problem.id);
    try {
      const answer = await api.post<{ message: string }>(
        `/api/reminders/${problem.id}/release`,
        {},
      );
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
