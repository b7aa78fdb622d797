import { makeStyles, tokens } from "@fluentui/react-components";

export const useRecordFormStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "760px", minWidth: 0 },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
  checkboxes: { display: "flex", flexWrap: "wrap", gap: `0 ${tokens.spacingHorizontalM}` },
  summary: { outline: "none" },
  summaryList: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
  field: { minWidth: 0 },
  control: { width: "100%", maxWidth: "100%", minWidth: 0 },
  selectElement: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});
