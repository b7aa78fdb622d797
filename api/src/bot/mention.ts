/**
 * The name shown in a channel post's @mention. Teams reads the message text
 * as markdown and some HTML, and the mention entity's text must equal the
 * `<at>…</at>` in the message, so the name keeps only what names are made of
 * — letters, digits, spaces, hyphens, apostrophes and full stops ending an
 * initial. A markdown link, a tag, a second `<at>` or a web address in a name
 * becomes plain words that Teams cannot turn into a link.
 */
export function mentionName(name: string): string {
  const kept = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N} .'\u2019-]+/gu, " ")
    // "A. Berg" keeps its initial; "phish.example" is no longer an address.
    .replace(/\.(?=\S)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 64)
    .trim();
  return kept === "" ? "Ansvarig" : kept;
}
