import {
  Badge,
  Card,
  Link,
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
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton, NoCommittee } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDate } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import { NEW_RECORD, type Route, routePath } from "../routes.ts";
import type { Dashboard, Obligation, ObligationStatus } from "../types.ts";

const useStyles = makeStyles({
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
    listStyle: "none",
    padding: 0,
  },
  count: { padding: tokens.spacingVerticalM },
  number: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
});

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  late: "Försenad",
  due: "Aktuell nu",
  upcoming: "Kommande",
};
const STATUS_COLORS: Record<ObligationStatus, "danger" | "warning" | "informative"> = {
  late: "danger",
  due: "warning",
  upcoming: "informative",
};

export function StatusBadge({ status }: { status: ObligationStatus }) {
  return (
    <Badge appearance="filled" color={STATUS_COLORS[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/**
 * Where an obligation is dealt with: the task itself, prefilled — a due
 * kickoff opens a new kickoff meeting for the contract and its start, a due
 * follow-up the follow-up form for the contract and period.
 */
export function routeFor(obligation: Obligation): Route {
  const { target } = obligation;
  switch (obligation.rule) {
    case "kickoff":
      return {
        screen: "uppstartsmoten",
        id: NEW_RECORD,
        query: new URLSearchParams({ avtal: target.id, start: obligation.dueDate }).toString(),
      };
    case "follow-up":
      return {
        screen: "uppfoljning",
        id: NEW_RECORD,
        query: new URLSearchParams({
          avtal: target.id,
          ...(obligation.period ? { period: obligation.period } : {}),
        }).toString(),
      };
    case "plan":
      return { screen: "plan" };
    case "committee-report":
    case "ks-report":
      return { screen: "rapporter" };
    default:
      if (target.kind === "deficiency") return { screen: "brister", id: target.id };
      if (target.kind === "contract") return { screen: "avtal-detalj", id: target.id };
      return { screen: "oversikt" };
  }
}

export function ObligationTable({
  obligations,
  caption,
}: {
  obligations: Obligation[];
  caption: string;
}) {
  const { navigate } = useApp();
  return (
    <Table aria-label={caption} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Senast</TableHeaderCell>
          <TableHeaderCell>Vad ska göras</TableHeaderCell>
          <TableHeaderCell>Ansvarig</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {obligations.map((obligation) => (
          <TableRow key={obligation.key}>
            <TableCell>
              <StatusBadge status={obligation.status} />
            </TableCell>
            <TableCell>{formatDate(obligation.dueDate)}</TableCell>
            <TableCell>
              <Link
                href={`#/${routePath(routeFor(obligation))}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(routeFor(obligation));
                }}
              >
                {obligation.title}
              </Link>
            </TableCell>
            <TableCell>{obligation.owner?.name ?? "Nämnden"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function Overview() {
  const styles = useStyles();
  const { api, committee } = useApp();
  const dashboard = useLoad(
    () =>
      committee
        ? api.get<Dashboard>(`/api/committees/${committee.id}/dashboard`)
        : Promise.resolve(undefined),
    `${committee?.id}`,
  );

  if (!committee) return <NoCommittee />;
  if (dashboard.error) return <ErrorMessage error={dashboard.error} onRetry={dashboard.reload} />;
  const data = dashboard.data;
  if (!data) return <LoadingSkeleton label="Hämtar årshjulet …" />;

  const counts: Array<[string, number]> = [
    ["Försenade", data.counts.late],
    ["Aktuella nu", data.counts.due],
    ["Kommande", data.counts.upcoming],
    ["Strategiska avtal", data.counts.strategic],
    ["Öppna brister", data.counts.openDeficiencies],
  ];
  const groups: ObligationStatus[] = ["late", "due", "upcoming"];
  return (
    <>
      <PageHeader
        title={`Översikt – ${data.committee.name}`}
        description={`Årshjulet den ${formatDate(data.today)}. Uppföljningsperiod: ${data.currentPeriod.label}.`}
      />
      {data.warning ? (
        <MessageBar intent="warning">
          <MessageBarBody>{data.warning}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.counts} aria-label="Sammanfattning">
        {counts.map(([label, value]) => (
          <li key={label}>
            <Card className={styles.count}>
              <Text className={styles.number}>{value}</Text>
              <Text>{label}</Text>
            </Card>
          </li>
        ))}
      </ul>
      {data.obligations.length === 0 ? (
        <EmptyState title="Inget att göra just nu">
          Alla uppföljningar, rapporter och handlingsplaner är i fas. Nya uppgifter visas här i god
          tid före sista dag.
        </EmptyState>
      ) : (
        groups
          .filter((status) => data.obligations.some((obligation) => obligation.status === status))
          .map((status) => (
            <section key={status} className={styles.section} aria-labelledby={`rubrik-${status}`}>
              <Title3 as="h2" id={`rubrik-${status}`}>
                {STATUS_LABELS[status]} (
                {data.obligations.filter((obligation) => obligation.status === status).length})
              </Title3>
              <ObligationTable
                caption={STATUS_LABELS[status]}
                obligations={data.obligations.filter((obligation) => obligation.status === status)}
              />
            </section>
          ))
      )}
    </>
  );
}
