import {
  Badge,
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { daysUntil, formatDate, formatMoney, formatNumber } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Contract } from "../types.ts";

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    alignItems: "flex-end",
  },
  tableWrap: {
    overflowX: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  pager: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    marginTop: tokens.spacingVerticalM,
  },
});

type SortKey = "title" | "provider" | "serviceArea" | "endDate" | "annualValue" | "committee";

export function ContractRegister() {
  const styles = useStyles();
  const { api, me, committee, navigate } = useApp();
  const [scope, setScope] = useState<string>("current");
  const scopeCommittee = scope === "current" ? committee?.id : scope === "all" ? undefined : scope;
  const contracts = useLoad(
    () =>
      api.get<{ items: Contract[] }>(
        `/api/contracts${scopeCommittee ? `?committeeId=${scopeCommittee}` : ""}`,
      ),
    `${scopeCommittee}`,
  );
  const [query, setQuery] = useState("");
  const [area, setArea] = useState("");
  const [strategic, setStrategic] = useState("");
  const [status, setStatus] = useState("");
  const [expires, setExpires] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; direction: "ascending" | "descending" }>({
    key: "title",
    direction: "ascending",
  });
  const [page, setPage] = useState(0);

  const committeeNames = useMemo(
    () => new Map(me.committees.map((candidate) => [candidate.id, candidate.name])),
    [me.committees],
  );
  const committeeName = (id: string) => committeeNames.get(id) ?? "";
  const today = new Date().toISOString().slice(0, 10);
  const items = contracts.data?.items ?? [];
  const areas = useMemo(
    () =>
      [...new Set(items.map((item) => item.serviceArea))].sort((a, b) => a.localeCompare(b, "sv")),
    [items],
  );

  const filtered = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase("sv");
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
    const value = (item: Contract): string | number =>
      sort.key === "annualValue"
        ? (item.annualValue ?? -1)
        : sort.key === "committee"
          ? (committeeNames.get(item.committeeId) ?? "")
          : sort.key === "endDate"
            ? (item.endDate ?? "9999")
            : item[sort.key];
    result.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : String(x).localeCompare(String(y), "sv");
      return sort.direction === "ascending" ? order : -order;
    });
    return result;
  }, [items, query, area, strategic, status, expires, sort, today, committeeNames]);

  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = filtered.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  const header = (key: SortKey, label: string) => (
    <TableHeaderCell
      sortable
      sortDirection={sort.key === key ? sort.direction : undefined}
      onClick={() =>
        setSort((previous) => ({
          key,
          direction:
            previous.key === key && previous.direction === "ascending" ? "descending" : "ascending",
        }))
      }
    >
      {label}
    </TableHeaderCell>
  );

  const canCreate = me.committees.some((candidate) => candidate.canWrite);
  return (
    <>
      <PageHeader
        title="Avtal"
        description="Avtalsregistret: alla avtal med privata utförare och verksamhet i egen regi."
        actions={
          canCreate ? (
            <Button appearance="primary" onClick={() => navigate({ screen: "avtal-nytt" })}>
              Nytt avtal
            </Button>
          ) : null
        }
      />
      <section className={styles.filters} aria-label="Filtrera avtal">
        <Field label="Sök">
          <Input
            type="search"
            value={query}
            placeholder="Namn, utförare, nummer"
            onChange={(_event, data) => {
              setQuery(data.value);
              setPage(0);
            }}
          />
        </Field>
        <Field label="Nämnd">
          <Select
            value={scope}
            onChange={(_event, data) => {
              setScope(data.value);
              setPage(0);
            }}
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
        <Field label="Område">
          <Select
            value={area}
            onChange={(_event, data) => {
              setArea(data.value);
              setPage(0);
            }}
          >
            <option value="">Alla</option>
            {areas.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </Select>
        </Field>
        <Field label="Strategiskt">
          <Select
            value={strategic}
            onChange={(_event, data) => {
              setStrategic(data.value);
              setPage(0);
            }}
          >
            <option value="">Alla</option>
            <option value="true">Strategiska</option>
            <option value="false">Övriga</option>
          </Select>
        </Field>
        <Field label="Status">
          <Select
            value={status}
            onChange={(_event, data) => {
              setStatus(data.value);
              setPage(0);
            }}
          >
            <option value="">Alla</option>
            <option value="planerat">Planerat</option>
            <option value="aktivt">Aktivt</option>
            <option value="avslutat">Avslutat</option>
          </Select>
        </Field>
        <Field label="Förfaller inom">
          <Select
            value={expires}
            onChange={(_event, data) => {
              setExpires(data.value);
              setPage(0);
            }}
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
          <Text role="status" aria-live="polite">
            {formatNumber(filtered.length)} avtal
          </Text>
          <div className={styles.tableWrap}>
            <Table aria-label="Avtal" size="small">
              <TableHeader>
                <TableRow>
                  {header("title", "Avtal")}
                  {header("provider", "Utförare")}
                  {header("serviceArea", "Område")}
                  {header("committee", "Nämnd")}
                  <TableHeaderCell>Klassning</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  {header("endDate", "Avtalsslut")}
                  {header("annualValue", "Årsvärde")}
                </TableRow>
              </TableHeader>
              <TableBody>
                {visible.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>
                      <Link
                        href={`#/avtal/${item.id}`}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate({ screen: "avtal-detalj", id: item.id });
                        }}
                      >
                        {item.title}
                      </Link>
                      <Text size={200} block>
                        {item.contractNumber}
                      </Text>
                    </TableCell>
                    <TableCell>{item.provider}</TableCell>
                    <TableCell>{item.serviceArea}</TableCell>
                    <TableCell>
                      {committeeName(item.committeeId)}
                      {item.sharedWithCommitteeIds.length > 0 ? (
                        <Text size={200} block>
                          Delas med {item.sharedWithCommitteeIds.length} nämnd(er)
                        </Text>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {item.strategic ? (
                        <Badge appearance="tint" color="brand">
                          Strategiskt
                        </Badge>
                      ) : (
                        "Övrigt"
                      )}
                    </TableCell>
                    <TableCell>{item.status}</TableCell>
                    <TableCell>{formatDate(item.endDate)}</TableCell>
                    <TableCell>{formatMoney(item.annualValue)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {pages > 1 ? (
            <nav className={styles.pager} aria-label="Sidor">
              <Button disabled={current === 0} onClick={() => setPage(current - 1)}>
                Föregående
              </Button>
              <Text>
                Sida {current + 1} av {pages}
              </Text>
              <Button disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
                Nästa
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
