import { makeStyles, tokens } from "@fluentui/react-components";

/** The shell's layout: header, menu, the screen; narrow widths (Teams side panel, phone) included. */
export const useAppShellStyles = makeStyles({
  shell: {
    display: "grid",
    gridTemplateRows: "auto auto 1fr",
    gridTemplateColumns: "minmax(0, 1fr)",
    minHeight: "100vh",
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    ":focus": {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
    },
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    "@media (max-width: 600px)": {
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    },
  },
  brand: { display: "grid", marginRight: "auto" },
  picker: {
    minWidth: 0,
    maxWidth: "100%",
    "@media (max-width: 600px)": { flexBasis: "100%" },
  },
  pickerControl: { width: "100%", minWidth: 0, maxWidth: "100%" },
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  navList: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXS,
    listStyle: "none",
    margin: 0,
    padding: 0,
    "@media (max-width: 700px)": { display: "none" },
  },
  navMenu: {
    display: "none",
    padding: `${tokens.spacingVerticalS} 0`,
    "@media (max-width: 700px)": { display: "block" },
  },
  navLink: {
    display: "block",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecoration: "none",
    whiteSpace: "nowrap",
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ":hover": {
      color: tokens.colorNeutralForeground1,
      borderBottomColor: tokens.colorNeutralStroke1,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  navLinkCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    outline: "none",
    maxWidth: "1400px",
    width: "100%",
    minWidth: 0,
    boxSizing: "border-box",
    "@media (max-width: 600px)": {
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    },
  },
  bare: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    outline: "none",
    maxWidth: "720px",
    boxSizing: "border-box",
  },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  /** While a screen's code loads: centred where the screen will be. */
  spinner: { padding: `${tokens.spacingVerticalXXL} 0` },
});
