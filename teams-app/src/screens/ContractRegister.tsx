import {
  Badge,
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import { useApp } from "../app-context.ts";
import { type DataColumn, DataList, type DataSort } from "../components/data-list/DataList.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { useFilterStyles } from "../components/filters.styles.ts";
import { PageHeader } from "../components/PageHeader.tsx";
import { daysUntil, formatDate, formatMoney, formatNumber } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import { type Route, routeParams } from "../routes.ts";
import { readStored, writeStored } from "../storage.ts";
import type { Contract } from "../types.ts";
import { compareSv } from "./record-screen/list-query.ts";
import { capitalised } from "./record-screen/record-kinds.ts";

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  count: { display: "block", marginBottom: tokens.spacingVerticalS },
  number: { display: "block", color: tokens.colorNeutralForeground3 },
  pager: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    marginTop: tokens.spacingVerticalM,
  },
});

/** The register's search, filters, sorting and page, as address parameters. */
const PARAMETERS = [
  "q",
  "namnd",
  "omrade",
  "strategiskt",
  "status",
  "forfaller",
  "sort",
  "ordning",
  "sida",
] as const;
type Parameter = (typeof PARAMETERS)[number];

export function ContractRegister({ route }: { route: Extract<Route, { screen: "avtal" }> }) {
  const styles = useStyles();
  const filterStyles = useFilterStyles();
  const { api, me, committee, navigate, replaceRoute } = useApp();
  const params = routeParams(route);
  const get = (name: Parameter) => params.get(name) ?? "";
  const storageKey = `avtalsuppfoljning.lista.${me.user.id}.avtal`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the screen opens.
  useEffect(() => {
    if (route.query) return;
    const remembered = readStored("local", storageKey);
    if (remembered) replaceRoute({ screen: "avtal", query: remembered });
  }, []);

  const update = (changes: Partial<Record<Parameter, string>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!("sida" in changes)) next.delete("sida");
    const query = next.toString();
    writeStored("local", storageKey, query);
    replaceRoute({ screen: "avtal", ...(query ? { query } : {}) });
  };

  const scope = get("namnd") || "current";
  const scopeCommittee = scope === "current" ? committee?.id : scope === "all" ? undefined : scope;
  const contracts = useLoad(
    () =>
      api.get<{ items: Contract[] }>(
        `/api/contracts${scopeCommittee ? `?committeeId=${scopeCommittee}` : ""}`,
      ),
    `${scopeCommittee}`,
  );
  const sort: DataSort = {
    key: get("sort") || "title",
    direction: get("ordning") === "fallande" ? "descending" : "ascending",
  };

  const committeeNames = useMemo(
    () => new Map(me.committees.map((candidate) => [candidate.id, candidate.name])),
    [me.committees],
  );
  const today = new Date().toISOString().slice(0, 10);
  const items = contracts.data?.items ?? [];
  const areas = useMemo(
    () => [...new Set(items.map((item) => item.serviceArea))].sort(compareSv),
    [items],
  );
  const [q, area, strategic, status, expires] = [
    get("q"),
    get("omrade"),
    get("strategiskt"),
    get("status"),
    get("forfaller"),
  ];

  const filtered = useMemo(() => {
    const needle = q.trim().toLocaleLowerCase("sv");
    const result = items.filter(
      (item) =>
        (!needle ||
          [item.title, item.provider, item.contractNumber, item.serviceArea].some((value) =>
            value.toLocaleLowerCase("sv").includes(needle),
          )) &&
        (!area || item.serviceArea === area) &&
        (!strategic || String(item.strategic) === strategic) &&
        (!status || item.status === status) &&
        (!expires ||
          (item.endDate !== undefined &&
            daysUntil(item.endDate, today) >= 0 &&
            daysUntil(item.endDate, today) <= Number(expires))),
    );
    const value = (item: Contract): string | number => {
      switch (sort.key) {
        case "annualValue":
          return item.annualValue ?? -1;
        case "committee":
          return committeeNames.get(item.committeeId) ?? "";
        case "endDate":
          return item.endDate ?? "9999";
        case "provider":
          return item.provider;
        case "serviceArea":
          return item.serviceArea;
        default:
          return item.title;
      }
    };
    result.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order =
        typeof x === "number" && typeof y === "number" ? x - y : compareSv(String(x), String(y));
      return sort.direction === "ascending" ? order : -order;
    });
    return result;
  }, [items, q, area, strategic, status, expires, sort.key, sort.direction, today, committeeNames]);

  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, Number(get("sida") || "1") - 1), pages - 1);
  const visible = filtered.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  const columns: DataColumn<Contract>[] = [
    {
      key: "title",
      label: "Avtal",
      sortable: true,
      cell: (item) => (
        <>
          <Link
            href={`#/avtal/${item.id}`}
            onClick={(event) => {
              event.preventDefault();
              navigate({ screen: "avtal-detalj", id: item.id });
            }}
          >
            {item.title}
          </Link>
          <Text size={200} className={styles.number}>
            {item.contractNumber}
          </Text>
        </>
      ),
    },
    { key: "provider", label: "Utförare", sortable: true, cell: (item) => item.provider },
    {
      key: "serviceArea",
      label: "Område",
      sortable: true,
      cell: (item) => capitalised(item.serviceArea),
    },
    {
      key: "committee",
      label: "Nämnd",
      sortable: true,
      cell: (item) => (
        <>
          {committeeNames.get(item.committeeId) ?? ""}
          {item.sharedWithCommitteeIds.length > 0 ? (
            <Text size={200} className={styles.number}>
              Delas med{" "}
              {item.sharedWithCommitteeIds.length === 1
                ? "1 nämnd"
                : `${item.sharedWithCommitteeIds.length} nämnder`}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: "klassning",
      label: "Klassning",
      cell: (item) =>
        item.strategic ? (
          <Badge appearance="tint" color="brand">
            Strategiskt
          </Badge>
        ) : (
          "Övrigt"
        ),
    },
    { key: "status", label: "Status", cell: (item) => capitalised(item.status) },
    {
      key: "endDate",
      label: "Avtalsslut",
      sortable: true,
      nowrap: true,
      cell: (item) => formatDate(item.endDate),
    },
    {
      key: "annualValue",
      label: "Årsvärde",
      sortable: true,
      nowrap: true,
      cell: (item) => formatMoney(item.annualValue),
    },
  ];

  const canCreate = me.committees.some((candidate) => candidate.canWrite);
  // The nämnd's secretaries import its register; kommunledningskontoret any nämnd's.
  const canImport = me.roles.klk || committee?.canDecide === true;
  return (
    <>
      <PageHeader
        title="Avtal"
        description="Avtalsregistret: alla avtal med privata utförare och verksamhet i egen regi."
        actions={
          <>
            {canImport ? (
              <Button onClick={() => navigate({ screen: "importera" })}>
                Importera från Excel
              </Button>
            ) : null}
            {canCreate ? (
              <Button appearance="primary" onClick={() => navigate({ screen: "avtal-nytt" })}>
                Nytt avtal
              </Button>
            ) : null}
          </>
        }
      />
      <section className={filterStyles.filters} aria-label="Sök och filtrera avtal">
        <Field label="Sök" className={filterStyles.search}>
          <Input
            className={filterStyles.control}
            type="search"
            value={q}
            placeholder="Namn, utförare, nummer"
            onChange={(_event, data) => update({ q: data.value })}
          />
        </Field>
        <Field label="Nämnd" className={filterStyles.field}>
          <Select
            className={filterStyles.control}
            select={{ className: filterStyles.selectElement }}
            value={scope}
            onChange={(_event, data) =>
              update({ namnd: data.value === "current" ? "" : data.value })
            }
          >
            <option value="current">{committee ? committee.name : "Vald nämnd"}</option>
            <option value="all">Alla mina nämnder</option>
            {me.committees
              .filter((candidate) => candidate.id !== committee?.id)
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
          </Select>
        </Field>
        <Field label="Område" className={filterStyles.field}>
          <Select
            className={filterStyles.control}
            select={{ className: filterStyles.selectElement }}
            value={area}
            onChange={(_event, data) => update({ omrade: data.value })}
          >
            <option value="">Alla</option>
            {areas.map((value) => (
              <option key={value} value={value}>
                {capitalised(value)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Strategiskt" className={filterStyles.field}>
          <Select
            className={filterStyles.control}
            select={{ className: filterStyles.selectElement }}
            value={strategic}
            onChange={(_event, data) => update({ strategiskt: data.value })}
          >
            <option value="">Alla</option>
            <option value="true">Strategiska</option>
            <option value="false">Övriga</option>
          </Select>
        </Field>
        <Field label="Status" className={filterStyles.field}>
          <Select
            className={filterStyles.control}
            select={{ className: filterStyles.selectElement }}
            value={status}
            onChange={(_event, data) => update({ status: data.value })}
          >
            <option value="">Alla</option>
            <option value="planerat">Planerat</option>
            <option value="aktivt">Aktivt</option>
            <option value="avslutat">Avslutat</option>
          </Select>
        </Field>
        <Field label="Förfaller inom" className={filterStyles.field}>
          <Select
            className={filterStyles.control}
            select={{ className: filterStyles.selectElement }}
            value={expires}
            onChange={(_event, data) => update({ forfaller: data.value })}
          >
            <option value="">Alla</option>
            <option value="30">30 dagar</option>
            <option value="90">3 månader</option>
            <option value="180">6 månader</option>
            <option value="365">12 månader</option>
          </Select>
        </Field>
      </section>
      {contracts.error ? <ErrorMessage error={contracts.error} onRetry={contracts.reload} /> : null}
      {contracts.loading && !contracts.data ? <LoadingSkeleton label="Hämtar avtal …" /> : null}
      {contracts.data && filtered.length === 0 ? (
        <EmptyState title={items.length === 0 ? "Inga avtal ännu" : "Inga avtal matchar"}>
          {items.length === 0
            ? "Registrera nämndens första avtal med knappen Nytt avtal."
            : "Ändra sökningen eller filtren för att se fler avtal."}
        </EmptyState>
      ) : null}
      {filtered.length > 0 ? (
        <>
          <Text role="status" aria-live="polite" className={styles.count}>
            {formatNumber(filtered.length)} avtal
          </Text>
          <DataList
            label="Avtal"
            rows={visible}
            rowKey={(item) => item.id}
            columns={columns}
            sort={sort}
            onSort={(next) =>
              update({
                sort: next.key,
                ordning: next.direction === "descending" ? "fallande" : "stigande",
              })
            }
          />
          {pages > 1 ? (
            <nav className={styles.pager} aria-label="Sidor">
              <Button disabled={current === 0} onClick={() => update({ sida: String(current) })}>
                Föregående
              </Button>
              <Text>
                Sida {current + 1} av {pages}
              </Text>
              <Button
                disabled={current >= pages - 1}
                onClick={() => update({ sida: String(current + 2) })}
              >
                Nästa
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
