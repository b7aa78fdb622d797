import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import { ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDate } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Overview, ReminderProblem } from "../types.ts";
import { ObligationTable } from "./Overview.tsx";

const useStyles = makeStyles({
  totals: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  total: { padding: tokens.spacingVerticalM, minWidth: "160px" },
  number: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  tableWrap: { overflowX: "auto", backgroundColor: tokens.colorNeutralBackground1 },
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
});

const PLAN_LABELS: Record<string, string> = {
  beslutad: "Beslutad",
  utkast: "Utkast",
  saknas: "Saknas",
};

export function KommunOverview() {
  const styles = useStyles();
  const { api, me } = useApp();
  const overview = useLoad(() => api.get<Overview>("/api/overview"), "once");
  if (!me.roles.klk)
    return (
      <ErrorMessage
        error={
          {
            problem: {
              title: "Ingen behörighet",
              detail: "Översikten är till för kommunledningskontoret.",
            },
          } as never
        }
      />
    );
  if (overview.error) return <ErrorMessage error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <LoadingSkeleton label="Hämtar alla nämnder …" />;
  const data = overview.data;
  const late = data.committees.flatMap((row) => row.late);
  return (
    <>
      <PageHeader
        title="Kommunövergripande"
        description={`Alla nämnder den ${formatDate(data.today)}: uppföljningsplan för ${data.mandatePeriod.key}, genomförda uppföljningar, strategiska avtal, brister och vem som är sen.`}
      />
      <div className={styles.totals}>
        <Card className={styles.total}>
          <Text className={styles.number}>{data.totals.strategicContracts}</Text>
          <Text>Strategiska avtal</Text>
        </Card>
        <Card className={styles.total}>
          <Text className={styles.number}>{data.totals.late}</Text>
          <Text>Försenade uppgifter</Text>
        </Card>
        <Card className={styles.total}>
          <Text className={styles.number}>{data.totals.committeesLate}</Text>
          <Text>Nämnder med förseningar</Text>
        </Card>
      </div>
      <div className={styles.tableWrap}>
        <Table aria-label="Nämnderna sida vid sida" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Nämnd</TableHeaderCell>
              <TableHeaderCell>Plan {data.mandatePeriod.key}</TableHeaderCell>
              <TableHeaderCell>Uppföljningar (period)</TableHeaderCell>
              <TableHeaderCell>Strategiska avtal</TableHeaderCell>
              <TableHeaderCell>Avtal med brister</TableHeaderCell>
              <TableHeaderCell>Redovisning</TableHeaderCell>
              <TableHeaderCell>Försenat</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.committees.map((row) => (
              <TableRow key={row.committee.id}>
                <TableCell>{row.committee.name}</TableCell>
                <TableCell>
                  <Badge
                    appearance="tint"
                    color={
                      row.planStatus === "beslutad"
                        ? "success"
                        : row.planStatus === "utkast"
                          ? "warning"
                          : "danger"
                    }
                  >
                    {PLAN_LABELS[row.planStatus] ?? row.planStatus}
                  </Badge>
                </TableCell>
                <TableCell>
                  {row.followUps.done} av {row.followUps.expected} ({row.period})
                </TableCell>
                <TableCell>{row.strategicContracts}</TableCell>
                <TableCell>
                  {row.contractsWithDeficiencies.map((contract) => contract.title).join(", ") ||
                    "–"}
                </TableCell>
                <TableCell>
                  {row.reportDecision
                    ? `Beslutad ${row.reportDecision.date} § ${row.reportDecision.paragraph}`
                    : row.reportStatus}
                </TableCell>
                <TableCell>
                  {row.counts.late > 0 ? (
                    <Badge appearance="filled" color="danger">
                      {row.counts.late}
                    </Badge>
                  ) : (
                    "0"
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ReminderProblems
        problems={data.reminderProblems}
        committees={data.committees}
        onResent={overview.reload}
      />
      {late.length > 0 ? (
        <section className={styles.section} aria-labelledby="forsenat">
          <Title3 as="h2" id="forsenat">
            Försenat i nämnderna
          </Title3>
          <ObligationTable caption="Försenat i nämnderna" obligations={late} />
        </section>
      ) : null}
    </>
  );
}

/** Reminders that may not have gone out, with "send again" for each. */
function ReminderProblems({
  problems,
  committees,
  onResent,
}: {
  problems: ReminderProblem[];
  committees: Overview["committees"];
  onResent: () => void;
}) {
  const styles = useStyles();
  const { api } = useApp();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string }>();
  if (problems.length === 0 && !message) return null;
  const nameOf = (id: string) =>
    committees.find((row) => row.committee.id === id)?.committee.name ?? "–";
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
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <div className={styles.tableWrap}>
          <Table aria-label="Påminnelser som kanske inte har kommit fram" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Påminnelse</TableHeaderCell>
                <TableHeaderCell>Nämnd</TableHeaderCell>
                <TableHeaderCell>Läge</TableHeaderCell>
                <TableHeaderCell>Åtgärd</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {problems.map((problem) => (
                <TableRow key={problem.id}>
                  <TableCell>{problem.title}</TableCell>
                  <TableCell>{nameOf(problem.committeeId)}</TableCell>
                  <TableCell>
                    {problem.status === "skickas"
                      ? "Osäker: avbröts medan den skickades och kan ha kommit fram"
                      : `Misslyckades${problem.error ? `: ${problem.error}` : ""}`}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      disabled={busy !== undefined}
                      onClick={() => resend(problem)}
                      aria-label={`Skicka igen: ${problem.title}`}
                    >
                      {busy === problem.id ? "Skickar …" : "Skicka igen"}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
