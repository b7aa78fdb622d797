import { makeStyles, tokens } from "@fluentui/react-components";

export const useContractRegisterStyles = makeStyles({
  count: { display: "block", marginBottom: tokens.spacingVerticalS },
  number: { display: "block", color: tokens.colorNeutralForeground3 },
  pager: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    marginTop: tokens.spacingVerticalM,
  },
});
