/** Small rules of Swedish prose the documents are written with. */

const NUMBER_WORDS = [
  "inga",
  "ett",
  "två",
  "tre",
  "fyra",
  "fem",
  "sex",
  "sju",
  "åtta",
  "nio",
  "tio",
  "elva",
  "tolv",
];

/** "två", "tolv", "13": Swedish writes small numbers in words. */
export function numberWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

/** The common-gender form: "en", "två" (numberWord gives "ett" for neuter nouns like "avtal"). */
export function numberWordCommon(count: number): string {
  return count === 1 ? "en" : numberWord(count);
}

export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Lower-cases the first letter unless the first word is an acronym ("IVO", "LSS"). */
export function lowerFirst(text: string): string {
  const firstWord = text.split(/\s/)[0] ?? "";
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "a, b och c" */
export function swedishList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items.at(-1)}`;
}

/**
 * A list of names that may themselves hold "och" ("nattpatrull och
 * larmåtgärder"): the last is joined with "samt" then, so the list reads
 * unambiguously.
 */
export function nameList(items: string[]): string {
  if (items.length <= 1 || !items.some((item) => / och /.test(item))) return swedishList(items);
  return `${items.slice(0, -1).join(", ")} samt ${items.at(-1)}`;
}

/** "Vård- och äldrenämnden" → "Vård- och äldrenämndens"; names ending in s, x or z take no extra s. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** Ends a sentence with a full stop unless it already ends with one (or ? or !). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Text as typed in a multi-line field, one entry per paragraph (empty lines dropped). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
