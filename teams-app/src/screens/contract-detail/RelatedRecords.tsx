import { Button, Link, Tab, TabList, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../../app-context.ts";
import { type DataColumn, DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { formatDate, formatDateTime } from "../../format.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { NEW_RECORD, type RecordScreenName } from "../../routes.ts";
import type {
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  HistoryEntry,
  KickoffMeeting,
} from "../../types.ts";
import { capitalised } from "../record-screen/record-kinds.ts";
import { useContractDetailStyles } from "./ContractDetail.styles.ts";
import { shownProviders } from "./contract-form.ts";

const FIELD_LABELS: Record<string, string> = {
  Title: "Namn",
  provider: "Utförare",
  providers: "Utförare (alla)",
  serviceArea: "Område",
  valueClass: "Värde",
  impactClass: "Påverkan",
  strategic: "Strategiskt",
  overrideReason: "Motivering",
  endDate: "Avtalsslut",
  startDate: "Avtalsstart",
  status: "Status",
  extensionOptions: "Förlängningsoptioner",
  extensionDecisionDate: "Sista dag för förlängningsbeslut",
  annualValue: "Årsvärde",
  ownerName: "Avtalsansvarig",
  description: "Beskrivning",
  internalNotes: "Interna anteckningar",
  publicDescription: "Vad följs upp (publikt)",
  sharedWith: "Delas med",
};

type TabName = "follow-ups" | "deficiencies" | "deviations" | "kickoffs" | "history";

const TABS: Array<{ value: TabName; label: string; screen?: RecordScreenName; newLabel?: string }> =
  [
    {
      value: "follow-ups",
      label: "Uppföljningar",
      screen: "uppfoljning",
      newLabel: "Ny uppföljning",
    },
    {
      value: "deficiencies",
      label: "Brister och handlingsplaner",
      screen: "brister",
      newLabel: "Ny brist",
    },
    { value: "deviations", label: "Avvikelser", screen: "avvikelser", newLabel: "Ny avvikelse" },
    {
      value: "kickoffs",
      label: "Uppstartsmöten",
      screen: "uppstartsmoten",
      newLabel: "Nytt uppstartsmöte",
    },
    { value: "history", label: "Ändringshistorik" },
  ];

type Loaded =
  | { tab: "history"; rows: HistoryEntry[] }
  | { tab: "follow-ups"; rows: FollowUp[] }
  | { tab: "deficiencies"; rows: Deficiency[] }
  | { tab: "deviations"; rows: Deviation[] }
  | { tab: "kickoffs"; rows: KickoffMeeting[] };

const shown = (field: string, value: unknown) =>
  value === null || value === undefined || value === ""
    ? "–"
    : ((field === "providers" ? shownProviders(value) : undefined) ?? String(value));

/** What is followed up under one contract, each kind with its "Ny …", and the change history. */
export function RelatedRecords({ contract }: { contract: Contract }) {
  const styles = useContractDetailStyles();
  const { api, navigate, me } = useApp();
  const [tab, setTab] = useState<TabName>("follow-ups");
  const current = TABS.find((candidate) => candidate.value === tab) ?? TABS[0]!;
  const canWrite = me.committees.some(
    (candidate) =>
      candidate.canWrite &&
      (candidate.id === contract.committeeId ||
        contract.sharedWithCommitteeIds.includes(candidate.id)),
  );
  const data = useLoad(async (): Promise<Loaded> => {
    const base = `contractId=${contract.id}`;
    switch (tab) {
      case "history":
        return {
          tab,
          rows: (await api.get<{ items: HistoryEntry[] }>(`/api/contracts/${contract.id}/history`))
            .items,
        };
      case "follow-ups":
        return {
          tab,
          rows: (await api.get<{ items: FollowUp[] }>(`/api/follow-ups?${base}`)).items,
        };
      case "deficiencies":
        return {
          tab,
          rows: (await api.get<{ items: Deficiency[] }>(`/api/deficiencies?${base}`)).items,
        };
      case "deviations":
        return {
          tab,
          rows: (await api.get<{ items: Deviation[] }>(`/api/deviations?${base}`)).items,
        };
      case "kickoffs":
        return {
          tab,
          rows: (await api.get<{ items: KickoffMeeting[] }>(`/api/kickoffs?${base}`)).items,
        };
    }
  }, `${tab}|${contract.id}`);

  const open = (screen: RecordScreenName, id: string) => (label: string) => (
    <Link
      href={`#/${screen}/${id}`}
      onClick={(event) => {
        event.preventDefault();
        navigate({ screen, id });
      }}
    >
      {label}
    </Link>
  );

  let content = <LoadingSkeleton />;
  const empty = (
    <EmptyState title="Inget registrerat">
      Det finns inget registrerat här för avtalet ännu.
    </EmptyState>
  );
  if (data.error) content = <ErrorMessage error={data.error} onRetry={data.reload} />;
  else if (data.data?.tab === "history") {
    const history = data.data.rows;
    const columns: DataColumn<HistoryEntry>[] = [
      { key: "nar", label: "När", cell: (entry) => formatDateTime(entry.modified) },
      { key: "vem", label: "Vem", cell: (entry) => entry.modifiedBy || "–" },
      {
        key: "vad",
        label: "Ändringar",
        cell: (entry) =>
          entry === history.at(-1)
            ? "Skapat"
            : entry.changes
                .map(
                  (change) =>
                    `${FIELD_LABELS[change.field] ?? change.field}: ${shown(change.field, change.from)} → ${shown(change.field, change.to)}`,
                )
                .join("; ") || "–",
      },
    ];
    content = (
      <DataList
        label="Ändringshistorik"
        rows={history}
        rowKey={(entry) => entry.version}
        columns={columns}
      />
    );
  } else if (data.data?.tab === "follow-ups") {
    const rows = data.data.rows;
    const link = (record: FollowUp) => open("uppfoljning", record.id)(`Period ${record.period}`);
    content =
      rows.length === 0 ? (
        empty
      ) : (
        <DataList
          label="Uppföljningar"
          rows={rows}
          rowKey={(record) => record.id}
          columns={[
            { key: "period", label: "Period", cell: link },
            {
              key: "krav",
              label: "Uppfyller kraven",
              cell: (record) => capitalised(record.meetsRequirements),
            },
            { key: "status", label: "Status", cell: (record) => capitalised(record.status) },
          ]}
        />
      );
  } else if (data.data?.tab === "deficiencies") {
    const rows = data.data.rows;
    content =
      rows.length === 0 ? (
        empty
      ) : (
        <DataList
          label="Brister och handlingsplaner"
          rows={rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "brist",
              label: "Brist",
              cell: (record) => open("brister", record.id)(record.description),
            },
            {
              key: "uppfoljning",
              label: "Uppföljning",
              cell: (record) => formatDate(record.checkUpDate),
            },
            { key: "status", label: "Status", cell: (record) => capitalised(record.status) },
          ]}
        />
      );
  } else if (data.data?.tab === "deviations") {
    const rows = data.data.rows;
    content =
      rows.length === 0 ? (
        empty
      ) : (
        <DataList
          label="Avvikelser"
          rows={rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "datum",
              label: "Datum",
              cell: (record) => open("avvikelser", record.id)(formatDate(record.occurredOn)),
            },
            { key: "beskrivning", label: "Beskrivning", cell: (record) => record.description },
            { key: "status", label: "Status", cell: (record) => capitalised(record.status) },
          ]}
        />
      );
  } else if (data.data?.tab === "kickoffs") {
    const rows = data.data.rows;
    content =
      rows.length === 0 ? (
        empty
      ) : (
        <DataList
          label="Uppstartsmöten"
          rows={rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "datum",
              label: "Mötesdatum",
              cell: (record) => open("uppstartsmoten", record.id)(formatDate(record.meetingDate)),
            },
            { key: "anledning", label: "Anledning", cell: (record) => capitalised(record.reason) },
            {
              key: "dnr",
              label: "Diarienummer",
              cell: (record) => record.minutesRegistryNumber || "–",
            },
          ]}
        />
      );
  }

  return (
    <section className={styles.related} aria-labelledby="relaterat">
      <Title3 as="h2" id="relaterat">
        Uppföljning av avtalet
      </Title3>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_event, selected) =>
          setTab(
            TABS.find((candidate) => candidate.value === selected.value)?.value ?? "follow-ups",
          )
        }
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
        {content}
      </div>
    </section>
  );
}
