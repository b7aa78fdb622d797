/**
 * The name shown in a channel post's @mention. Teams reads the message text
 * as markdown and some HTML, and the mention entity's text must equal the
 * `<at>…</at>` in the message, so the name keeps only what names are made of
 * — letters, digits, spaces, hyphens, apostrophes and full stops. A markdown
 * link, a tag or a second `<at>` in a name becomes plain words.
 */
export function mentionName(name: string): string {
  const kept = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N} .'\u2019-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 64)
    .trim();
  return kept === "" ? "Ansvarig" : kept;
}
