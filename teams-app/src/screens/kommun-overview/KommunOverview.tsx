import { Title3 } from "@fluentui/react-components";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { ObligationList } from "../../components/ObligationList.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDate } from "../../format.ts";
import { KpiCards } from "../Overview.tsx";
import { FlaggedProviders } from "./FlaggedProviders.tsx";
import { useKommunOverviewStyles } from "./KommunOverview.styles.ts";
import { overviewColumns } from "./overview-columns.tsx";
import { ReminderProblems } from "./ReminderProblems.tsx";
import { RemovedRecords } from "./RemovedRecords.tsx";
import { useKommunOverview } from "./useKommunOverview.ts";

/** Kommunledningskontoret's view: every nämnd side by side, and who is late. */
export function KommunOverview() {
  const styles = useKommunOverviewStyles();
  const { me, openCommittee } = useApp();
  const { overview, nameOf, late } = useKommunOverview();
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
  const columns = overviewColumns(data, openCommittee);
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
          {
            label: "Leverantörer i flera nämnder",
            value: data.flaggedProviders.length,
            target: { section: "leverantorer" },
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
      <FlaggedProviders providers={data.flaggedProviders} />
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
      <RemovedRecords />
    </>
  );
}
