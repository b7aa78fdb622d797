import { makeStyles, tokens } from "@fluentui/react-components";

export const useRecordScreenStyles = makeStyles({
  count: { display: "block", marginBottom: tokens.spacingVerticalS },
  editor: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  summary: { display: "block", color: tokens.colorNeutralForeground3 },
  notice: { marginBottom: tokens.spacingVerticalM },
  history: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
});
