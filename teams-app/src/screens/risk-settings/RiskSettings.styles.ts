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
  table: { borderCollapse: "collapse", width: "100%", tableLayout: "fixed" },
  headerCell: {
    textAlign: "start",
    padding: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  stepCell: { width: "3.5em", padding: tokens.spacingVerticalXS, textAlign: "center" },
  inputCell: { padding: tokens.spacingVerticalXS, verticalAlign: "top", minWidth: 0 },
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
  // On a phone the steps' names would break letter by letter: the numbers stay, the names are read out.
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
  cell: {
    minWidth: 0,
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
