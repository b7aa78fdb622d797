import { Button, Field, Input, Link, Select, Text } from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import { useApp } from "../../app-context.ts";
import { type DataColumn, DataList } from "../../components/data-list/DataList.tsx";
import {
  EmptyState,
  ErrorMessage,
  LoadingSkeleton,
  NoCommittee,
  ReadOnlyNotice,
} from "../../components/Feedback.tsx";
import { useFilterStyles } from "../../components/filters.styles.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ReportButtons } from "../../components/ReportButtons.tsx";
import { RecordForm } from "../../components/record-form/RecordForm.tsx";
import { formatDate } from "../../format.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { NEW_RECORD, type RecordScreenName, type Route, routeParams } from "../../routes.ts";
import type {
  CommitteeSummary,
  Contract,
  Dashboard,
  Deviation,
  FollowUp,
  HistoryEntry,
  Person,
} from "../../types.ts";
import { compareSv } from "./list-query.ts";
import { useRecordScreenStyles } from "./RecordScreen.styles.ts";
import {
  capitalised,
  DEFICIENCIES,
  DEVIATIONS,
  FOLLOW_UPS,
  KICKOFFS,
  type RecordBase,
  type RecordKindView,
} from "./record-kinds.ts";
import { useListQuery } from "./useListQuery.ts";

type RecordRoute = Extract<Route, { screen: RecordScreenName }>;

/** Known people: me, contract owners and action owners of the nämnd. */
export function knownPeople(me: Person, contracts: Contract[]): Person[] {
  const people = new Map<string, Person>([[me.id, me]]);
  for (const contract of contracts)
    if (contract.owner.id) people.set(contract.owner.id, contract.owner);
  return [...people.values()].sort((a, b) => compareSv(a.name, b.name));
}

/** Uppstartsmöten, Avvikelser, Uppföljning, Brister: the list, and one record's form. */
export function RecordScreen({ route }: { route: RecordRoute }) {
  switch (route.screen) {
    case "uppstartsmoten":
      return <KindScreen view={KICKOFFS} route={route} />;
    case "avvikelser":
      return <KindScreen view={DEVIATIONS} route={route} />;
    case "uppfoljning":
      return <KindScreen view={FOLLOW_UPS} route={route} />;
    case "brister":
      return <KindScreen view={DEFICIENCIES} route={route} />;
  }
}

interface Loaded<T> {
  records: T[];
  contracts: Contract[];
  dashboard: Dashboard;
  /** Read only for a kind that links to them (deficiencies). */
  followUps?: FollowUp[];
  deviations?: Deviation[];
}

function KindScreen<T extends RecordBase>({
  view,
  route,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
}) {
  const { api, committee } = useApp();
  const committeeId = committee?.id;
  const data = useLoad(async (): Promise<Loaded<T> | undefined> => {
    if (!committeeId) return undefined;
    const [records, contracts, dashboard, followUps, deviations] = await Promise.all([
      api.get<{ items: T[] }>(`/api/${view.path}?committeeId=${committeeId}`),
      api.get<{ items: Contract[] }>(`/api/contracts?committeeId=${committeeId}`),
      api.get<Dashboard>(`/api/committees/${committeeId}/dashboard`),
      view.readsLinks
        ? api.get<{ items: FollowUp[] }>(`/api/follow-ups?committeeId=${committeeId}`)
        : undefined,
      view.readsLinks
        ? api.get<{ items: Deviation[] }>(`/api/deviations?committeeId=${committeeId}`)
        : undefined,
    ]);
    return {
      records: records.items,
      contracts: contracts.items,
      dashboard,
      ...(followUps ? { followUps: followUps.items } : {}),
      ...(deviations ? { deviations: deviations.items } : {}),
    };
  }, `${view.path}|${committeeId}`);

  if (!committee) return <NoCommittee />;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data)
    return <LoadingSkeleton label={`Hämtar ${view.title.toLocaleLowerCase("sv")} …`} />;
  if (route.id)
    return (
      <RecordEditor
        key={`${route.id}|${route.query ?? ""}`}
        view={view}
        route={route}
        id={route.id}
        loaded={data.data}
        committee={committee}
        onSaved={data.reload}
      />
    );
  return <RecordList view={view} route={route} loaded={data.data} committee={committee} />;
}

function RecordList<T extends RecordBase>({
  view,
  route,
  loaded,
  committee,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  loaded: Loaded<T>;
  committee: CommitteeSummary;
}) {
  const styles = useRecordScreenStyles();
  const filterStyles = useFilterStyles();
  const { navigate } = useApp();
  const { query, update } = useListQuery(
    route,
    (next) => ({ screen: view.screen, ...(next ? { query: next } : {}) }),
    { key: "datum", direction: "descending" },
  );
  const { records, contracts } = loaded;
  const contractsById = useMemo(
    () => new Map(contracts.map((contract) => [contract.id, contract])),
    [contracts],
  );
  const titleOf = (record: T) => contractsById.get(record.contractId)?.title ?? "(okänt avtal)";
  const ownerOf = (record: T) => view.ownerOf(record, contractsById.get(record.contractId));

  const choices = useMemo(() => {
    const periods = [...new Set(records.map((record) => view.periodOf(record)).filter(Boolean))];
    const owners = new Map<string, string>();
    for (const record of records) {
      const owner = view.ownerOf(record, contractsById.get(record.contractId));
      if (owner) owners.set(owner.id, owner.name);
    }
    const used = new Set(records.map((record) => record.contractId));
    return {
      periods: periods.map(String).sort((a, b) => compareSv(b, a)),
      owners: [...owners].sort((a, b) => compareSv(a[1], b[1])),
      contracts: contracts
        .filter((contract) => used.has(contract.id))
        .sort((a, b) => compareSv(a.title, b.title)),
    };
  }, [records, contracts, contractsById, view]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: titleOf and ownerOf read contractsById.
  const rows = useMemo(() => {
    const needle = query.q.trim().toLocaleLowerCase("sv");
    const filtered = records.filter(
      (record) =>
        (!needle ||
          `${titleOf(record)} ${view.searchText(record)}`
            .toLocaleLowerCase("sv")
            .includes(needle)) &&
        (!query.status ||
          record.status === query.status ||
          (view.statusGroups
            ?.find((group) => group.value === query.status)
            ?.matches(record.status ?? "") ??
            false)) &&
        (!query.contract || record.contractId === query.contract) &&
        (!query.period || view.periodOf(record) === query.period) &&
        (!query.owner || ownerOf(record)?.id === query.owner),
    );
    const sortValue = (record: T): string => {
      switch (query.sort?.key) {
        case "avtal":
          return titleOf(record);
        case "ansvarig":
          return ownerOf(record)?.name ?? "";
        case "status":
          return record.status ?? "";
        case "datum":
          return view.dateOf(record) ?? "";
        default:
          return view.columns.find((column) => column.key === query.sort?.key)?.value(record) ?? "";
      }
    };
    const direction = query.sort?.direction === "descending" ? -1 : 1;
    return filtered.sort((a, b) => direction * compareSv(sortValue(a), sortValue(b)));
  }, [records, query, view, contractsById]);

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
  const filtering = Boolean(
    query.q || query.status || query.contract || query.period || query.owner,
  );
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
          <section
            className={filterStyles.filters}
            aria-label={`Sök och filtrera ${view.title.toLocaleLowerCase("sv")}`}
          >
            <Field label="Sök" className={filterStyles.search}>
              <Input
                className={filterStyles.control}
                type="search"
                value={query.q}
                placeholder="Avtal eller text"
                onChange={(_event, data) => update({ q: data.value })}
              />
            </Field>
            {view.statuses.length > 0 ? (
              <Field label="Status" className={filterStyles.field}>
                <Select
                  className={filterStyles.control}
                  select={{ className: filterStyles.selectElement }}
                  value={query.status}
                  onChange={(_event, data) => update({ status: data.value })}
                >
                  <option value="">Alla</option>
                  {view.statusGroups?.map((group) => (
                    <option key={group.value} value={group.value}>
                      {group.label}
                    </option>
                  ))}
                  {view.statuses.map((status) => (
                    <option key={status} value={status}>
                      {capitalised(status)}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            <Field label="Avtal" className={filterStyles.field}>
              <Select
                className={filterStyles.control}
                select={{ className: filterStyles.selectElement }}
                value={query.contract}
                onChange={(_event, data) => update({ contract: data.value })}
              >
                <option value="">Alla</option>
                {choices.contracts.map((contract) => (
                  <option key={contract.id} value={contract.id}>
                    {contract.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label={view.path === "follow-ups" ? "Period" : "År"}
              className={filterStyles.field}
            >
              <Select
                className={filterStyles.control}
                select={{ className: filterStyles.selectElement }}
                value={query.period}
                onChange={(_event, data) => update({ period: data.value })}
              >
                <option value="">Alla</option>
                {choices.periods.map((period) => (
                  <option key={period} value={period}>
                    {period}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Ansvarig" className={filterStyles.field}>
              <Select
                className={filterStyles.control}
                select={{ className: filterStyles.selectElement }}
                value={query.owner}
                onChange={(_event, data) => update({ owner: data.value })}
              >
                <option value="">Alla</option>
                {choices.owners.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </Select>
            </Field>
          </section>
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

function RecordEditor<T extends RecordBase>({
  view,
  route,
  id,
  loaded,
  committee,
  onSaved,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  id: string;
  loaded: Loaded<T>;
  committee: CommitteeSummary;
  onSaved: () => void;
}) {
  const styles = useRecordScreenStyles();
  const { api, me, navigate, replaceRoute } = useApp();
  const isNew = id === NEW_RECORD;
  const listed = isNew ? undefined : loaded.records.find((record) => record.id === id);
  // A deep link to a record the list does not hold (e.g. another nämnd's): read it by itself.
  const single = useLoad(
    () => (isNew || listed ? Promise.resolve(undefined) : api.get<T>(`/api/${view.path}/${id}`)),
    `${view.path}|${id}|${Boolean(listed)}`,
  );
  const record = listed ?? single.data;
  const prefill = routeParams(route);

  // A due follow-up opens the period's draft when there is one, rather than a second follow-up.
  const existingDraft = isNew
    ? loaded.records.find(
        (candidate) =>
          view.path === "follow-ups" &&
          candidate.contractId === prefill.get("avtal") &&
          view.periodOf(candidate) === prefill.get("period") &&
          candidate.status === "utkast",
      )
    : undefined;
  useEffect(() => {
    if (existingDraft) replaceRoute({ screen: view.screen, id: existingDraft.id });
  }, [existingDraft, replaceRoute, view.screen]);

  const backToList = (
    <Button onClick={() => navigate({ screen: view.screen })}>Tillbaka till listan</Button>
  );
  if (!isNew && !record) {
    if (single.error)
      return <ErrorMessage error={single.error} onRetry={single.reload} action={backToList} />;
    return <LoadingSkeleton />;
  }
  if (existingDraft) return <LoadingSkeleton />;

  const { contracts, dashboard, followUps, deviations } = loaded;
  const offered = view.strategicOnly
    ? contracts.filter((contract) => contract.strategic || contract.id === record?.contractId)
    : contracts;
  const fields = view.fields({
    contracts: offered,
    people: knownPeople(me.user, contracts),
    ...(followUps ? { followUps } : {}),
    ...(deviations ? { deviations } : {}),
  });
  const writable = record
    ? me.committees.some((candidate) => candidate.id === record.committeeId && candidate.canWrite)
    : committee.canWrite === true;
  const contract = contracts.find((candidate) => candidate.id === record?.contractId);
  const contractTitle = contract?.title;
  const initial = record
    ? record
    : view.defaults({
        today: dashboard.today,
        period: dashboard.latestCompletePeriod.key,
        me: me.user,
        contracts: offered,
        prefill,
      });
  return (
    <div className={styles.editor}>
      <PageHeader
        title={isNew ? view.newLabel : `${view.title}: ${contractTitle ?? "(okänt avtal)"}`}
        description={view.description}
        actions={backToList}
      />
      {writable ? null : (
        <ReadOnlyNotice
          committee={
            me.committees.find((candidate) => candidate.id === record?.committeeId) ?? committee
          }
        />
      )}
      <RecordForm<T>
        fields={fields}
        initial={initial}
        etag={record?.etag}
        draftKey={`${view.path}/${id}${isNew ? `?${route.query ?? ""}` : ""}`}
        readOnly={!writable}
        submitLabel={isNew ? "Spara" : "Spara ändringar"}
        savedMessage={view.savedMessage}
        save={(values, etag) =>
          isNew
            ? api.post<{ etag: string }>(`/api/${view.path}`, {
                ...values,
                committeeId: committee.id,
              })
            : api.patch<{ etag: string }>(`/api/${view.path}/${id}`, values, etag ?? "")
        }
        history={
          isNew
            ? undefined
            : () =>
                api
                  .get<{ items: HistoryEntry[] }>(`/api/${view.path}/${id}/history`)
                  .then((result) => result.items)
        }
        stored={
          isNew
            ? undefined
            : () =>
                api
                  .get<T>(`/api/${view.path}/${id}`)
                  .then((stored) => ({ values: stored, etag: stored.etag }))
        }
        onSaved={() => {
          onSaved();
          navigate({ screen: view.screen });
        }}
        onCancel={() => navigate({ screen: view.screen })}
      />
      {record && writable && view.drafts ? (
        <ReportButtons title="Dokument i Word" drafts={view.drafts(record, contract)} />
      ) : null}
    </div>
  );
}
