import { Badge, Button, Field, Input, Link, Select, Text } from "@fluentui/react-components";
import { useApp } from "../../app-context.ts";
import { type DataColumn, DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { useFilterStyles } from "../../components/filters.styles.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDate, formatMoney, formatNumber } from "../../format.ts";
import type { Route } from "../../routes.ts";
import type { Contract } from "../../types.ts";
import { capitalised } from "../record-screen/record-kinds.ts";
import { useContractRegisterStyles } from "./ContractRegister.styles.ts";
import { useContractRegister } from "./useContractRegister.ts";

export function ContractRegister({ route }: { route: Extract<Route, { screen: "avtal" }> }) {
  const styles = useContractRegisterStyles();
  const filterStyles = useFilterStyles();
  const { me, committee, navigate } = useApp();
  const {
    update,
    scope,
    contracts,
    items,
    areas,
    filter,
    sort,
    committeeNames,
    filtered,
    visible,
    pages,
    current,
  } = useContractRegister(route);

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
            value={filter.q}
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
            value={filter.area}
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
            value={filter.strategic}
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
            value={filter.status}
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
            value={filter.expires}
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
