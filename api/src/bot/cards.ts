/**
 * Adaptive Cards (schema 1.5, the highest Teams supports) for the bot's
 * replies and reminders. People's data is escaped so it shows as text, never
 * as markdown links or formatting.
 */

export const CARD_VERSION = "1.5";
/** Teams refuses bot messages above 40 KB; stay well below. */
export const MAX_CARD_BYTES = 36 * 1024;

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: "Full"; entities?: unknown[] };
}

/** Text from people or the register: markdown characters escaped. */
export function plain(text: string): string {
  return text.replace(/[\\`*_[\]~<]/g, (char) => `\\${char}`).replace(/\r?\n/g, " ");
}

export const heading = (text: string): CardElement => ({
  type: "TextBlock",
  text: plain(text),
  size: "Large",
  weight: "Bolder",
  wrap: true,
});
export const subheading = (text: string): CardElement => ({
  type: "TextBlock",
  text: plain(text),
  weight: "Bolder",
  wrap: true,
  spacing: "Medium",
});
export const paragraph = (text: string, options: Record<string, unknown> = {}): CardElement => ({
  type: "TextBlock",
  text: plain(text),
  wrap: true,
  ...options,
});
export const facts = (rows: Array<[string, string]>): CardElement => ({
  type: "FactSet",
  facts: rows.map(([title, value]) => ({ title: plain(title), value: plain(value) })),
});
export const openUrl = (title: string, url: string): CardElement => ({
  type: "Action.OpenUrl",
  title,
  url,
});

export function card(
  body: CardElement[],
  actions: CardElement[] = [],
  entities?: unknown[],
): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: "Full", ...(entities ? { entities } : {}) },
  };
}

/** Keeps a list card under the size limit by dropping rows from the end and saying so. */
export function fitted(build: (rows: number) => AdaptiveCard, total: number): AdaptiveCard {
  for (let rows = total; rows >= 0; rows -= Math.max(1, Math.ceil(rows / 4))) {
    const candidate = build(rows);
    if (Buffer.byteLength(JSON.stringify(candidate)) <= MAX_CARD_BYTES) return candidate;
  }
  return build(0);
}

export function attachment(content: AdaptiveCard) {
  return { contentType: "application/vnd.microsoft.card.adaptive", content };
}
