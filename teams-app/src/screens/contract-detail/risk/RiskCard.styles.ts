import { makeStyles, tokens } from "@fluentui/react-components";

export const useRiskCardStyles = makeStyles({
  card: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  columns: {
    display: "grid",
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 280px), 1fr))",
  },
  part: { display: "grid", gap: tokens.spacingVerticalS, alignContent: "start", minWidth: 0 },
  reasons: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
  selects: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 220px), 1fr))",
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});
