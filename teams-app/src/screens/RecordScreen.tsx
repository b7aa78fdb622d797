import {
  Button,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { RecordForm } from "../components/RecordForm.tsx";
import { type DraftButton, ReportButtons } from "../components/ReportButtons.tsx";
import { useLoad } from "../hooks/use-load.ts";
import type { Contract, Dashboard, Person, RecordItem } from "../types.ts";
import { RECORD_VIEWS, type RecordKindName } from "./record-kinds.ts";

const useStyles = makeStyles({
  tableWrap: {
    overflowX: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  editor: { display: "grid", gap: tokens.spacingVerticalM },
});

/** Known people: me, contract owners and action owners of the nämnd. */
export function knownPeople(me: Person, contracts: Contract[]): Person[] {
  const people = new Map<string, Person>([[me.id, me]]);
  for (const contract of contracts)
    if (contract.owner.id) people.set(contract.owner.id, contract.owner);
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** The drafts a saved record offers: the kickoff's minutes, a follow-up's letter per provider. */
function draftsFor(kind: RecordKindName, record: RecordItem, contracts: Contract[]): DraftButton[] {
  if (kind === "kickoffs")
    return [{ label: "Protokoll (Word)", request: { type: "uppstart", kickoffId: record.id } }];
  if (kind !== "follow-ups") return [];
  const providers =
    contracts.find((contract) => contract.id === record.contractId)?.providers ?? [];
  return providers.map((provider) => ({
    label:
      providers.length > 1
        ? `Återkoppling till ${provider.name} (Word)`
        : "Återkoppling till utföraren (Word)",
    request: { type: "aterkoppling", followUpId: record.id, provider: provider.name },
  }));
}

export function RecordScreen({
  kind,
  openId,
}: {
  kind: RecordKindName;
  openId?: string | undefined;
}) {
  const styles = useStyles();
  const view = RECORD_VIEWS[kind];
  const { api, committee, me, navigate } = useApp();
  const [editing, setEditing] = useState<RecordItem | "new" | undefined>(undefined);
  const committeeId = committee?.id;
  const data = useLoad(async () => {
    if (!committeeId) return undefined;
    // A deficiency links to the follow-up or deviation that found it: those are read too.
    const links = kind === "deficiencies";
    const [records, contracts, dashboard, followUps, deviations] = await Promise.all([
      api.get<{ items: RecordItem[] }>(`/api/${kind}?committeeId=${committeeId}`),
      api.get<{ items: Contract[] }>(`/api/contracts?committeeId=${committeeId}`),
      api.get<Dashboard>(`/api/committees/${committeeId}/dashboard`),
      links
        ? api.get<{ items: RecordItem[] }>(`/api/follow-ups?committeeId=${committeeId}`)
        : undefined,
      links
        ? api.get<{ items: RecordItem[] }>(`/api/deviations?committeeId=${committeeId}`)
        : undefined,
    ]);
    return {
      records: records.items,
      contracts: contracts.items,
      dashboard,
      followUps: followUps?.items,
      deviations: deviations?.items,
    };
  }, `${kind}|${committeeId}`);

  const opened = useMemo(
    () => (openId ? data.data?.records.find((record) => record.id === openId) : undefined),
    [openId, data.data],
  );
  const current = editing ?? opened;

  if (!committee)
    return <EmptyState title="Ingen nämnd">Välj en nämnd överst på sidan.</EmptyState>;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingSkeleton />;
  const { records, contracts, dashboard, followUps, deviations } = data.data;
  const selectable = view.strategicOnly
    ? contracts.filter((contract) => contract.strategic)
    : contracts;
  const titleOf = (id: unknown) =>
    contracts.find((contract) => contract.id === id)?.title ?? "(okänt avtal)";
  const fields = view.fields({
    contracts: selectable,
    people: knownPeople(me.user, contracts),
    ...(followUps ? { followUps } : {}),
    ...(deviations ? { deviations } : {}),
  });
  const canWrite = committee.canWrite === true;

  if (current) {
    const isNew = current === "new";
    const initial = isNew
      ? {
          contractId: selectable[0]?.id ?? "",
          ...view.defaults({
            today: dashboard.today,
            period: dashboard.latestCompletePeriod.key,
            me: me.user,
          }),
        }
      : current;
    return (
      <div className={styles.editor}>
        <PageHeader
          title={
            isNew ? view.newLabel : `${view.title}: ${titleOf((current as RecordItem).contractId)}`
          }
          description={view.description}
          actions={
            <Button
              onClick={() => {
                setEditing(undefined);
                if (openId)
                  navigate(
                    kind === "follow-ups" ? { screen: "uppfoljning" } : { screen: "brister" },
                  );
              }}
            >
              Tillbaka till listan
            </Button>
          }
        />
        <RecordForm
          key={isNew ? "new" : (current as RecordItem).id}
          fields={fields}
          initial={initial}
          etag={isNew ? undefined : (current as RecordItem).etag}
          readOnly={!canWrite}
          submitLabel={isNew ? "Spara" : "Spara ändringar"}
          save={(values, etag) =>
            isNew
              ? api.post(`/api/${kind}`, { ...values, committeeId: committee.id })
              : api.patch(`/api/${kind}/${(current as RecordItem).id}`, values, etag ?? "")
          }
          onSaved={() => {
            setEditing(undefined);
            if (openId)
              navigate(kind === "follow-ups" ? { screen: "uppfoljning" } : { screen: "brister" });
            data.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
        {isNew || !canWrite ? null : (
          <ReportButtons
            title="Dokument i Word"
            drafts={draftsFor(kind, current as RecordItem, contracts)}
          />
        )}
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title={view.title}
        description={view.description}
        actions={
          canWrite && selectable.length > 0 ? (
            <Button appearance="primary" onClick={() => setEditing("new")}>
              {view.newLabel}
            </Button>
          ) : null
        }
      />
      {records.length === 0 ? (
        <EmptyState title={view.emptyTitle}>{view.emptyText}</EmptyState>
      ) : (
        <div className={styles.tableWrap}>
          <Title3 as="h2">{records.length} st</Title3>
          <Table aria-label={view.title} size="small">
            <TableHeader>
              <TableRow>
                {view.columns.map((column) => (
                  <TableHeaderCell key={column.label}>{column.label}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.map((record) => (
                <TableRow key={record.id}>
                  {view.columns.map((column, index) => (
                    <TableCell key={column.label}>
                      {index === 0 ? (
                        <Link
                          href="#"
                          onClick={(event) => {
                            event.preventDefault();
                            setEditing(record);
                          }}
                        >
                          {column.value(record, titleOf(record.contractId)) || "(utan titel)"}
                        </Link>
                      ) : (
                        column.value(record, titleOf(record.contractId))
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
