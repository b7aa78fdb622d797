import { makeStyles, tokens } from "@fluentui/react-components";

export const useReportsStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "flex-end",
    marginBottom: tokens.spacingVerticalL,
  },
  section: { display: "grid", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
});
