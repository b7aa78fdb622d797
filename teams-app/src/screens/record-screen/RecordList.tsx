import { Button, Link, Text } from "@fluentui/react-components";
import { useApp } from "../../app-context.ts";
import { type DataColumn, DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState, ReadOnlyNotice } from "../../components/Feedback.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDate } from "../../format.ts";
import { NEW_RECORD } from "../../routes.ts";
import type { CommitteeSummary } from "../../types.ts";
import { RecordFilters } from "./RecordFilters.tsx";
import { useRecordScreenStyles } from "./RecordScreen.styles.ts";
import type { RecordRoute } from "./RecordScreen.tsx";
import { capitalised, type RecordBase, type RecordKindView } from "./record-kinds.ts";
import type { RecordData } from "./useRecordData.ts";
import { useRecordList } from "./useRecordList.ts";

/** A kind's records of the nämnd: searched, filtered and sorted, each opening its form. */
export function RecordList<T extends RecordBase>({
  view,
  route,
  loaded,
  committee,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  loaded: RecordData<T>;
  committee: CommitteeSummary;
}) {
  const styles = useRecordScreenStyles();
  const { navigate } = useApp();
  const { records, contracts } = loaded;
  const { query, update, choices, rows, filtering, titleOf, ownerOf } = useRecordList({
    view,
    route,
    records,
    contracts,
  });

  const open = (record: T) => navigate({ screen: view.screen, id: record.id });
  const columns: DataColumn<T>[] = [
    {
      key: "avtal",
      label: "Avtal",
      sortable: true,
      cell: (record) => (
        <>
          <Link
            href={`#/${view.screen}/${record.id}`}
            onClick={(event) => {
              event.preventDefault();
              open(record);
            }}
          >
            {titleOf(record)}
          </Link>
          <Text size={200} className={styles.summary}>
            {view.summary(record)}
          </Text>
        </>
      ),
    },
    {
      key: "datum",
      label: view.dateLabel,
      sortable: true,
      nowrap: true,
      cell: (record) => formatDate(view.dateOf(record)),
    },
    ...view.columns.map((column) => ({
      key: column.key,
      label: column.label,
      sortable: true,
      cell: (record: T) => column.value(record),
    })),
    {
      key: "ansvarig",
      label: "Ansvarig",
      sortable: true,
      cell: (record) => ownerOf(record)?.name ?? "–",
    },
    ...(view.statuses.length > 0
      ? [
          {
            key: "status",
            label: "Status",
            sortable: true,
            cell: (record: T) => capitalised(record.status),
          },
        ]
      : []),
  ];

  const selectable = view.strategicOnly
    ? contracts.filter((contract) => contract.strategic)
    : contracts;
  const canWrite = committee.canWrite === true;
  return (
    <>
      <PageHeader
        title={view.title}
        description={view.description}
        actions={
          canWrite && selectable.length > 0 ? (
            <Button
              appearance="primary"
              onClick={() => navigate({ screen: view.screen, id: NEW_RECORD })}
            >
              {view.newLabel}
            </Button>
          ) : null
        }
      />
      {canWrite ? null : <ReadOnlyNotice committee={committee} />}
      {records.length === 0 ? (
        <EmptyState title={view.emptyTitle}>{view.emptyText}</EmptyState>
      ) : (
        <>
          <RecordFilters view={view} query={query} update={update} choices={choices} />
          <Text role="status" className={styles.count}>
            {filtering
              ? `${view.count(rows.length)} av ${records.length}`
              : view.count(rows.length)}
          </Text>
          {rows.length === 0 ? (
            <EmptyState
              title="Inget matchar"
              action={
                <Button
                  onClick={() => update({ q: "", status: "", contract: "", period: "", owner: "" })}
                >
                  Visa alla
                </Button>
              }
            >
              Ändra sökningen eller filtren för att se fler.
            </EmptyState>
          ) : (
            <DataList
              label={view.title}
              rows={rows}
              rowKey={(record) => record.id}
              columns={columns}
              sort={query.sort}
              onSort={(sort) => update({ sort })}
            />
          )}
        </>
      )}
    </>
  );
}
