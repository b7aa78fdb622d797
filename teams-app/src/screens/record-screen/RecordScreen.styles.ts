import { makeStyles, tokens } from "@fluentui/react-components";

export const useRecordScreenStyles = makeStyles({
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 180px), 1fr))",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    alignItems: "end",
  },
  count: { display: "block", marginBottom: tokens.spacingVerticalS },
  editor: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  summary: { display: "block", color: tokens.colorNeutralForeground3 },
  notice: { marginBottom: tokens.spacingVerticalM },
});
