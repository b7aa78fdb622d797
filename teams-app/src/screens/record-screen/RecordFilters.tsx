import { Field, Input, Select } from "@fluentui/react-components";
import { useFilterStyles } from "../../components/filters.styles.ts";
import type { Contract } from "../../types.ts";
import type { ListQuery } from "./list-query.ts";
import { capitalised, type RecordBase, type RecordKindView } from "./record-kinds.ts";

/** Search and the filters of a record list: status, contract, period, owner. */
export function RecordFilters<T extends RecordBase>({
  view,
  query,
  update,
  choices,
}: {
  view: RecordKindView<T>;
  query: ListQuery;
  update: (change: Partial<ListQuery>) => void;
  choices: { periods: string[]; owners: Array<[string, string]>; contracts: Contract[] };
}) {
  const filterStyles = useFilterStyles();
  return (
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
      <Field label={view.path === "follow-ups" ? "Period" : "År"} className={filterStyles.field}>
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
  );
}
