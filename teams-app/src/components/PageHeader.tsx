import { makeStyles, Text, Title2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  text: { display: "grid", gap: tokens.spacingVerticalXS, marginRight: "auto", minWidth: 0 },
  // Long Swedish compounds (Kommunövergripande) break rather than push the page sideways.
  title: {
    outline: "none",
    overflowWrap: "anywhere",
    hyphens: "auto",
    // Exclusive ranges: which of two matching media rules wins is not up to their order.
    "@media (min-width: 401px) and (max-width: 600px)": {
      fontSize: tokens.fontSizeBase600,
      lineHeight: tokens.lineHeightBase600,
    },
    "@media (max-width: 400px)": {
      fontSize: tokens.fontSizeBase500,
      lineHeight: tokens.lineHeightBase500,
    },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Each screen's heading (focused after navigation), a line of context and its main actions. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <div className={styles.text}>
        <Title2 as="h1" tabIndex={-1} className={styles.title}>
          {title}
        </Title2>
        {description ? <Text>{description}</Text> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}
