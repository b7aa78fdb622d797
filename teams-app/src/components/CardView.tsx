import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";

/**
 * Shows an Adaptive Card the bot posted, as plain text blocks, facts and
 * links (the local stand-in for Teams' card renderer). Text is rendered as
 * text, never as HTML.
 */

type Element = {
  type?: string;
  text?: string;
  facts?: Array<{ title?: string; value?: string }>;
  weight?: string;
  size?: string;
};
type Action = { type?: string; title?: string; url?: string };

const useStyles = makeStyles({
  card: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});

/** Markdown escapes removed: the card's text as Teams would show it. */
const shown = (text: string | undefined) => (text ?? "").replace(/\\(.)/g, "$1");

export function CardView({ content }: { content: { body?: Element[]; actions?: Action[] } }) {
  const styles = useStyles();
  return (
    <div className={styles.card}>
      {(content.body ?? []).map((element, index) =>
        element.type === "FactSet" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a posted card never changes or reorders.
          <dl key={index} className={styles.facts}>
            {(element.facts ?? []).map((fact, factIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a posted card never changes or reorders.
              <div key={factIndex} style={{ display: "contents" }}>
                <dt>
                  <Text weight="semibold">{shown(fact.title)}</Text>
                </dt>
                <dd style={{ margin: 0 }}>
                  <Text>{shown(fact.value)}</Text>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: a posted card never changes or reorders.
            key={index}
            weight={element.weight === "Bolder" ? "semibold" : "regular"}
            size={element.size === "Large" ? 400 : 300}
            block
          >
            {shown(element.text)}
          </Text>
        ),
      )}
      {content.actions?.length ? (
        <div className={styles.actions}>
          {content.actions.map((action, index) =>
            action.url ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a posted card never changes or reorders.
              <Link key={index} href={action.url}>
                {action.title}
              </Link>
            ) : null,
          )}
        </div>
      ) : null}
    </div>
  );
}
