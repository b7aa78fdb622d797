import { Button, Tab, TabList, Title3 } from "@fluentui/react-components";
import { useApp } from "../../app-context.ts";
import { ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { HistoryExport } from "../../components/history/HistoryExport.tsx";
import { NEW_RECORD } from "../../routes.ts";
import type { Contract } from "../../types.ts";
import { useContractDetailStyles } from "./ContractDetail.styles.ts";
import { RelatedList } from "./RelatedList.tsx";
import { TABS, useRelatedRecords } from "./useRelatedRecords.ts";

/** What is followed up under one contract, each kind with its "Ny …", and the change history. */
export function RelatedRecords({ contract }: { contract: Contract }) {
  const styles = useContractDetailStyles();
  const { navigate } = useApp();
  const { tab, current, select, canWrite, data } = useRelatedRecords(contract);

  let content = <LoadingSkeleton />;
  if (data.error) content = <ErrorMessage error={data.error} onRetry={data.reload} />;
  // A tab just chosen shows its own rows only once they are read.
  else if (data.data?.tab === tab) content = <RelatedList loaded={data.data} />;

  return (
    <section className={styles.related} aria-labelledby="relaterat">
      <Title3 as="h2" id="relaterat">
        Uppföljning av avtalet
      </Title3>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_event, selected) => select(selected.value)}
      >
        {TABS.map((candidate) => (
          <Tab key={candidate.value} value={candidate.value}>
            {candidate.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-label={current.label}>
        {current.screen && current.newLabel && canWrite ? (
          <div className={styles.panelHeader}>
            <Button
              onClick={() =>
                current.screen &&
                navigate({ screen: current.screen, id: NEW_RECORD, query: `avtal=${contract.id}` })
              }
            >
              {current.newLabel}
            </Button>
          </div>
        ) : null}
        {tab === "history" && data.data?.tab === "history" && data.data.rows.length > 0 ? (
          <HistoryExport
            path={`/api/contracts/${contract.id}`}
            fileTitle={`Historik avtal ${contract.title}`}
            internalNotes
          />
        ) : null}
        {content}
      </div>
    </section>
  );
}
