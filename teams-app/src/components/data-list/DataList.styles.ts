import { makeStyles, tokens } from "@fluentui/react-components";

export const useDataListStyles = makeStyles({
  tableWrap: {
    overflowX: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  cards: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    listStyle: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  card: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "minmax(0, max-content) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0 },
  // Columns as wide as their content needs; a word longer than its column breaks rather than overlaps.
  table: { tableLayout: "auto" },
  cell: { overflowWrap: "break-word" },
  nowrap: { whiteSpace: "nowrap" },
  sorter: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});
