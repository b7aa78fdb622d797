import { makeStyles, tokens } from "@fluentui/react-components";

export const useHistoryPanelStyles = makeStyles({
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  entry: {
    listStyle: "none",
    display: "grid",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  label: { fontWeight: tokens.fontWeightSemibold },
  export: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalM,
  },
  exportControls: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
});
