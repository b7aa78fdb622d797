import { Link } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState } from "../../components/Feedback.tsx";
import { HistoryList } from "../../components/history/HistoryPanel.tsx";
import { formatDate } from "../../format.ts";
import type { RecordScreenName } from "../../routes.ts";
import { capitalised } from "../record-screen/record-kinds.ts";
import type { Loaded } from "./useRelatedRecords.ts";

/** What one tab under a contract holds: its records, each linking to its form, or the history. */
export function RelatedList({ loaded }: { loaded: Loaded }) {
  const { navigate } = useApp();
  const open = (screen: RecordScreenName, id: string, label: string): ReactNode => (
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
  if (loaded.tab === "history") return <HistoryList entries={loaded.rows} />;
  if (loaded.rows.length === 0)
    return (
      <EmptyState title="Inget registrerat">
        Det finns inget registrerat här för avtalet ännu.
      </EmptyState>
    );
  switch (loaded.tab) {
    case "follow-ups":
      return (
        <DataList
          label="Uppföljningar"
          rows={loaded.rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "period",
              label: "Period",
              cell: (record) => open("uppfoljning", record.id, `Period ${record.period}`),
            },
            {
              key: "krav",
              label: "Uppfyller kraven",
              cell: (record) => capitalised(record.meetsRequirements),
            },
            { key: "status", label: "Status", cell: (record) => capitalised(record.status) },
          ]}
        />
      );
    case "deficiencies":
      return (
        <DataList
          label="Brister och handlingsplaner"
          rows={loaded.rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "brist",
              label: "Brist",
              cell: (record) => open("brister", record.id, record.description),
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
    case "deviations":
      return (
        <DataList
          label="Avvikelser"
          rows={loaded.rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "datum",
              label: "Datum",
              cell: (record) => open("avvikelser", record.id, formatDate(record.occurredOn)),
            },
            { key: "beskrivning", label: "Beskrivning", cell: (record) => record.description },
            { key: "status", label: "Status", cell: (record) => capitalised(record.status) },
          ]}
        />
      );
    case "kickoffs":
      return (
        <DataList
          label="Uppstartsmöten"
          rows={loaded.rows}
          rowKey={(record) => record.id}
          columns={[
            {
              key: "datum",
              label: "Mötesdatum",
              cell: (record) => open("uppstartsmoten", record.id, formatDate(record.meetingDate)),
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
}
