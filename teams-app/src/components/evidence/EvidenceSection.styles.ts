import { makeStyles, tokens } from "@fluentui/react-components";

export const useEvidenceSectionStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  picker: { display: "grid", gap: tokens.spacingVerticalXS, maxWidth: "40rem" },
  input: {
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    maxWidth: "100%",
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gap: tokens.spacingVerticalS,
  },
  file: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { display: "grid", flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  meta: { color: tokens.colorNeutralForeground3, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});
