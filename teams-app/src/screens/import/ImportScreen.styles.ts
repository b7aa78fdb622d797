import { makeStyles, tokens } from "@fluentui/react-components";

export const useImportStyles = makeStyles({
  // One column that may shrink below its content: a long cell wraps instead of widening the page.
  section: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "flex-end",
  },
  columns: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))",
  },
  // A long field name is cut in its select, never pushed over the next column.
  control: { minWidth: 0, maxWidth: "100%" },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  file: { maxWidth: "100%" },
});
