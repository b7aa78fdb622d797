import { makeStyles, tokens } from "@fluentui/react-components";

export const useContractDetailStyles = makeStyles({
  layout: { display: "grid", gap: tokens.spacingVerticalXL, minWidth: 0 },
  override: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS },
  related: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  tabs: { flexWrap: "wrap" },
  panelHeader: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    justifyContent: "space-between",
    marginBottom: tokens.spacingVerticalS,
  },
});
