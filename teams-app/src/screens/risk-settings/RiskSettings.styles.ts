import { makeStyles, shorthands, tokens } from "@fluentui/react-components";

export const useRiskSettingsStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalXL, maxWidth: "960px", minWidth: 0 },
  section: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  // Two columns where they fit with the names whole, else one under the other at full width.
  labelGroups: {
    display: "grid",
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 260px), 1fr))",
  },
  labelGroup: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    alignContent: "start",
    minWidth: 0,
    margin: 0,
    padding: 0,
    border: "none",
  },
  groupLegend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  input: { width: "100%", minWidth: 0 },
  numbers: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 220px), 1fr))",
  },
  sentences: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  previewWrap: { minWidth: 0, maxWidth: "640px" },
  // Fixed columns that share the width: the 4×4 fits a phone without scrolling sideways.
  preview: {
    width: "100%",
    tableLayout: "fixed",
    borderCollapse: "separate",
    borderSpacing: tokens.spacingHorizontalXXS,
  },
  previewHeader: {
    padding: tokens.spacingVerticalXXS,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "center",
    overflowWrap: "break-word",
    hyphens: "auto",
  },
  // The corner cell is narrow on a phone, where the rows are headed by their numbers only.
  corner: { "@media (max-width: 400px)": { width: "2em" } },
  // On a phone the steps' names would break letter by letter in the headers: the numbers stay,
  // the names are read out, and the legend under the matrix shows them.
  headerName: {
    "@media (max-width: 400px)": {
      position: "absolute",
      width: "1px",
      height: "1px",
      margin: "-1px",
      overflow: "hidden",
      clip: "rect(0 0 0 0)",
      whiteSpace: "nowrap",
    },
  },
  // The legend is for the phone, where the headers show numbers only.
  legend: {
    display: "none",
    "@media (max-width: 400px)": { display: "grid", gap: tokens.spacingVerticalXS },
  },
  legendList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  cellLevel: {
    display: "block",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  cell: {
    minWidth: 0,
    overflowWrap: "break-word",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXS}`,
    textAlign: "center",
    color: tokens.colorNeutralForeground1,
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
  },
  hög: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    ...shorthands.borderColor(tokens.colorStatusDangerBorder1),
  },
  medel: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    ...shorthands.borderColor(tokens.colorStatusWarningBorder1),
  },
  låg: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    ...shorthands.borderColor(tokens.colorStatusSuccessBorder1),
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});
