import { makeStyles, tokens } from "@fluentui/react-components";

export const useKommunOverviewStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
  places: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});
