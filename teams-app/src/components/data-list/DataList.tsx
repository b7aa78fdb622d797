import {
  Field,
  mergeClasses,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useDataListStyles } from "./DataList.styles.ts";
import { useNarrow } from "./useNarrow.ts";

export interface DataColumn<R> {
  key: string;
  label: string;
  cell: (row: R) => ReactNode;
  sortable?: boolean;
  /** Left out of the card on narrow screens (e.g. what the card's title already says). */
  hideInCard?: boolean;
  /** Kept on one line in the table (dates, amounts). */
  nowrap?: boolean;
}

export type SortDirection = "ascending" | "descending";

export interface DataSort {
  key: string;
  direction: SortDirection;
}

/**
 * A list of rows: a table with sortable headers where there is room, and a
 * list of cards on narrow screens (Teams' side panel, phones), so the page
 * never scrolls sideways. The first column is each card's title.
 */
export function DataList<R>({
  label,
  rows,
  rowKey,
  columns,
  sort,
  onSort,
}: {
  label: string;
  rows: R[];
  rowKey: (row: R) => string;
  columns: DataColumn<R>[];
  sort?: DataSort | undefined;
  onSort?: ((sort: DataSort) => void) | undefined;
}) {
  const styles = useDataListStyles();
  const narrow = useNarrow();
  const nextSort = (key: string): DataSort => ({
    key,
    direction: sort?.key === key && sort.direction === "ascending" ? "descending" : "ascending",
  });

  if (narrow) {
    const [title, ...rest] = columns;
    const sortable = columns.filter((column) => column.sortable);
    return (
      <>
        {onSort && sortable.length > 0 ? (
          <div className={styles.sorter}>
            <Field label="Sortera">
              <Select
                value={sort ? `${sort.key}|${sort.direction}` : ""}
                onChange={(_event, data) => {
                  const [key = "", direction] = data.value.split("|");
                  onSort({
                    key,
                    direction: direction === "descending" ? "descending" : "ascending",
                  });
                }}
              >
                {sortable.flatMap((column) => [
                  <option key={`${column.key}|ascending`} value={`${column.key}|ascending`}>
                    {column.label}, stigande
                  </option>,
                  <option key={`${column.key}|descending`} value={`${column.key}|descending`}>
                    {column.label}, fallande
                  </option>,
                ])}
              </Select>
            </Field>
          </div>
        ) : null}
        <ul className={styles.cards} aria-label={label}>
          {rows.map((row) => (
            <li key={rowKey(row)} className={styles.card}>
              {title ? <Text weight="semibold">{title.cell(row)}</Text> : null}
              <dl className={styles.facts}>
                {rest
                  .filter((column) => !column.hideInCard)
                  .map((column) => (
                    <div key={column.key} style={{ display: "contents" }}>
                      <dt className={styles.term}>{column.label}</dt>
                      <dd className={styles.value}>{column.cell(row)}</dd>
                    </div>
                  ))}
              </dl>
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <div className={styles.tableWrap}>
      <Table aria-label={label} size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            {columns.map((column) =>
              column.sortable && onSort ? (
                <TableHeaderCell
                  key={column.key}
                  sortable
                  sortDirection={sort?.key === column.key ? sort.direction : undefined}
                  onClick={() => onSort(nextSort(column.key))}
                >
                  {column.label}
                </TableHeaderCell>
              ) : (
                <TableHeaderCell key={column.key}>{column.label}</TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column) => (
                <TableCell
                  key={column.key}
                  className={mergeClasses(styles.cell, column.nowrap && styles.nowrap)}
                >
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
