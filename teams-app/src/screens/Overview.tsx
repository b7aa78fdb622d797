import {
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton, NoCommittee } from "../components/Feedback.tsx";
import { ObligationList, STATUS_LABELS } from "../components/ObligationList.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDate } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import { type Route, routePath } from "../routes.ts";
import type { Dashboard, ObligationStatus } from "../types.ts";

export const useKpiStyles = makeStyles({
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 150px), 1fr))",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
    listStyle: "none",
    padding: 0,
  },
  count: { padding: tokens.spacingVerticalM, height: "100%", boxSizing: "border-box" },
  number: {
    display: "block",
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  link: { display: "grid", textDecoration: "none", color: "inherit" },
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
});

export interface Kpi {
  label: string;
  value: number;
  /** What opens: a filtered list, or a section of this page. */
  target: { route: Route } | { section: string };
}

/** Key figures; each opens the list behind it. */
export function KpiCards({ label, kpis }: { label: string; kpis: Kpi[] }) {
  const styles = useKpiStyles();
  const { navigate } = useApp();
  return (
    <ul className={styles.counts} aria-label={label}>
      {kpis.map((kpi) => {
        const href =
          "route" in kpi.target ? `#/${routePath(kpi.target.route)}` : `#${kpi.target.section}`;
        // A figure with nothing behind it (no late tasks) is just a figure.
        const linked = "route" in kpi.target || kpi.value > 0;
        return (
          <li key={kpi.label}>
            <Card className={styles.count}>
              {linked ? (
                <Link
                  className={styles.link}
                  href={href}
                  onClick={(event) => {
                    event.preventDefault();
                    if ("route" in kpi.target) navigate(kpi.target.route);
                    else {
                      const heading = document.getElementById(kpi.target.section);
                      heading?.scrollIntoView();
                      heading?.focus();
                    }
                  }}
                >
                  <Text className={styles.number}>{kpi.value}</Text>
                  <Text>{kpi.label}</Text>
                </Link>
              ) : (
                <div className={styles.link}>
                  <Text className={styles.number}>{kpi.value}</Text>
                  <Text>{kpi.label}</Text>
                </div>
              )}
            </Card>
          </li>
        );
      })}
    </ul>
  );
}

const CLASSIFY_SECTION = "rubrik-att-klassificera";

/** The nämnd's årshjul: what is late, due and upcoming, each opening its task; contracts to classify. */
export function Overview() {
  const styles = useKpiStyles();
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

  const groups: ObligationStatus[] = ["late", "due", "upcoming"];
  const sectionId = (status: ObligationStatus) => `rubrik-${status}`;
  const kpis: Kpi[] = [
    { label: "Försenade", value: data.counts.late, target: { section: sectionId("late") } },
    { label: "Aktuella nu", value: data.counts.due, target: { section: sectionId("due") } },
    { label: "Kommande", value: data.counts.upcoming, target: { section: sectionId("upcoming") } },
    {
      label: "Strategiska avtal",
      value: data.counts.strategic,
      target: { route: { screen: "avtal", query: "strategiskt=true" } },
    },
    {
      label: "Öppna brister",
      value: data.counts.openDeficiencies,
      target: { route: { screen: "brister", query: "status=ej-atgardad" } },
    },
    ...(data.counts.toClassify > 0
      ? [
          {
            label: "Att klassificera",
            value: data.counts.toClassify,
            target: { section: CLASSIFY_SECTION },
          },
        ]
      : []),
  ];
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
      <KpiCards label="Sammanfattning" kpis={kpis} />
      {data.toClassify.length > 0 ? (
        <section className={styles.section} aria-labelledby={CLASSIFY_SECTION}>
          <Title3 as="h2" id={CLASSIFY_SECTION} tabIndex={-1}>
            Att klassificera ({data.toClassify.length})
          </Title3>
          <Text>
            Avtalen kom in med importen utan värde och påverkan. Öppna avtalet och klassificera det,
            så att nämnden ser vilka som är strategiska.
          </Text>
          <ul>
            {data.toClassify.map((contract) => (
              <li key={contract.id}>
                <Link href={`#/${routePath({ screen: "avtal-detalj", id: contract.id })}`}>
                  {contract.title || contract.contractNumber}
                </Link>{" "}
                ({contract.contractNumber})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.obligations.length === 0 ? (
        <EmptyState title="Inget att göra just nu">
          Alla uppföljningar, rapporter och handlingsplaner är i fas. Nya uppgifter visas här i god
          tid före sista dag.
        </EmptyState>
      ) : (
        groups
          .filter((status) => data.obligations.some((obligation) => obligation.status === status))
          .map((status) => {
            const items = data.obligations.filter((obligation) => obligation.status === status);
            return (
              <section key={status} className={styles.section} aria-labelledby={sectionId(status)}>
                <Title3 as="h2" id={sectionId(status)} tabIndex={-1}>
                  {STATUS_LABELS[status]} ({items.length})
                </Title3>
                <ObligationList caption={STATUS_LABELS[status]} obligations={items} />
              </section>
            );
          })
      )}
    </>
  );
}
