import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * A list's search and filters: a grid that fills the width, the search
 * twice as wide, every control inside its cell (a long nämnd name or
 * placeholder never spills into the next one).
 */
export const useFilterStyles = makeStyles({
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 170px), 1fr))",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    alignItems: "end",
  },
  search: {
    minWidth: 0,
    "@media (min-width: 520px)": { gridColumn: "span 2" },
  },
  field: { minWidth: 0 },
  control: { width: "100%", maxWidth: "100%", minWidth: 0 },
  selectElement: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});
