import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useApp } from "../app-context.ts";
import { parseRoute } from "../routes.ts";
import type { ChatCard } from "../types.ts";

/**
 * Shows an Adaptive Card the bot posted, as plain text blocks, facts and
 * links (the local stand-in for Teams' card renderer). Text is rendered as
 * text, never as HTML.
 */

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

/**
 * A card's link into this app (http://localhost:P/#/avtal/12 or the same
 * server's other loopback name): opened inside the tab, so the unsaved-changes
 * guard and Teams' frame still apply. Other links open as links.
 */
function inAppPath(url: string): string | undefined {
  try {
    const target = new URL(url, window.location.href);
    const loopback = (host: string) => host === "localhost" || host === "127.0.0.1";
    const sameServer =
      target.origin === window.location.origin ||
      (loopback(target.hostname) &&
        loopback(window.location.hostname) &&
        target.port === window.location.port);
    return sameServer && target.pathname === "/" && target.hash.startsWith("#/")
      ? target.hash
      : undefined;
  } catch {
    return undefined;
  }
}

/** Markdown escapes removed: the card's text as Teams would show it. */
const shown = (text: string | undefined) => (text ?? "").replace(/\\(.)/g, "$1");

export function CardView({ content }: { content: ChatCard }) {
  const styles = useStyles();
  const { navigate } = useApp();
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
              <Link
                // biome-ignore lint/suspicious/noArrayIndexKey: a posted card never changes or reorders.
                key={index}
                href={action.url}
                onClick={(event) => {
                  const path = action.url ? inAppPath(action.url) : undefined;
                  if (!path) return;
                  event.preventDefault();
                  navigate(parseRoute(path));
                }}
              >
                {action.title}
              </Link>
            ) : null,
          )}
        </div>
      ) : null}
    </div>
  );
}
