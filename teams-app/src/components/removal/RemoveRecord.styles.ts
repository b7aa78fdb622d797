import { makeStyles, tokens } from "@fluentui/react-components";

export const useRemoveRecordStyles = makeStyles({
  content: { display: "grid", gap: tokens.spacingVerticalM },
});
