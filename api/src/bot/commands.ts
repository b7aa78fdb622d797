/**
 * The bot's Swedish commands, parsed from what people actually type: any
 * case, extra words, a leading @mention, missing å/ä/ö ("forfaller 30").
 */

export type BotCommand =
  | { name: "hjalp" }
  | { name: "status"; committee: string | undefined }
  | { name: "avtal"; query: string }
  | { name: "brister" }
  | { name: "forfaller"; days: number }
  | { name: "plan" }
  | { name: "rapporter" }
  | { name: "forsenat" }
  | { name: "koppla"; committee: string }
  | { name: "export" }
  | { name: "risk" }
  | { name: "leverantor"; query: string }
  /** A known command with an argument it cannot use; `explanation` says why, in Swedish. */
  | { name: "ogiltigt"; explanation: string }
  | { name: "okand"; text: string };

export const DEFAULT_EXPIRY_DAYS = 90;
export const MAX_EXPIRY_DAYS = 3650;

/** Lower case, no diacritics, no mentions or punctuation. */
export function normalize(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .toLocaleLowerCase("sv")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}\s–-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const ALIASES: Record<string, Exclude<BotCommand["name"], "okand" | "ogiltigt">> = {
  hjalp: "hjalp",
  help: "hjalp",
  kommandon: "hjalp",
  status: "status",
  lage: "status",
  oversikt: "status",
  avtal: "avtal",
  sok: "avtal",
  brister: "brister",
  brist: "brister",
  handlingsplaner: "brister",
  forfaller: "forfaller",
  utgar: "forfaller",
  plan: "plan",
  uppfoljningsplan: "plan",
  rapporter: "rapporter",
  rapport: "rapporter",
  forsenat: "forsenat",
  forsenade: "forsenat",
  sena: "forsenat",
  koppla: "koppla",
  export: "export",
  exportera: "export",
  excel: "export",
  risk: "risk",
  risker: "risk",
  riskbedomning: "risk",
  leverantor: "leverantor",
  leverantorer: "leverantor",
  utforare: "leverantor",
};

const FILLER = new Set([
  "for",
  "i",
  "pa",
  "om",
  "till",
  "med",
  "av",
  "nar",
  "vad",
  "ar",
  "visa",
  "kan",
  "du",
  "mig",
  "oss",
  "den",
  "det",
  "de",
  "alla",
  "nagra",
  "inom",
  "dagar",
  "dag",
  "nämnden",
  "namnden",
  "please",
  "tack",
  "hej",
]);

export function parseCommand(text: string): BotCommand {
  const words = normalize(text).split(" ").filter(Boolean);
  const index = words.findIndex((word) => ALIASES[word] !== undefined);
  const name = ALIASES[words[index] ?? ""];
  if (name === undefined) return words.length === 0 ? { name: "hjalp" } : { name: "okand", text };
  const rest = words.slice(index + 1);
  const argument = rest.filter((word) => !FILLER.has(word)).join(" ");
  switch (name) {
    case "status":
      return { name, committee: argument || undefined };
    case "avtal":
      return argument ? { name, query: argument } : { name: "okand", text };
    case "forfaller": {
      if (!argument) return { name, days: DEFAULT_EXPIRY_DAYS };
      const [typed = ""] = argument.split(" ");
      const days = Number(typed);
      if (!/^\d+$/.test(typed))
        return {
          name: "ogiltigt",
          explanation: `”${typed}” är inget antal dagar. Skriv till exempel ”förfaller 60” för avtal som löper ut inom 60 dagar, eller bara ”förfaller” för ${DEFAULT_EXPIRY_DAYS} dagar.`,
        };
      if (days < 1 || days > MAX_EXPIRY_DAYS)
        return {
          name: "ogiltigt",
          explanation: `Ange ett antal dagar från 1 till ${MAX_EXPIRY_DAYS.toLocaleString("sv-SE")}, till exempel ”förfaller 60”.`,
        };
      return { name, days };
    }
    case "koppla":
      return argument ? { name, committee: argument } : { name: "okand", text };
    case "leverantor": {
      // A provider's name keeps its small words ("Hemtjänst Nord i Åsby AB").
      const typed = rest.join(" ");
      return typed
        ? { name, query: typed }
        : {
            name: "ogiltigt",
            explanation:
              "Skriv leverantörens namn efter kommandot, till exempel ”leverantör Trygga Händer”.",
          };
    }
    default:
      return { name };
  }
}

/** Finds a nämnd by what someone typed: its code, its name, or a unique part of the name. */
export function matchCommittee<T extends { name: string; code: string }>(
  committees: T[],
  typed: string,
): T | undefined {
  const wanted = normalize(typed);
  if (!wanted) return undefined;
  const exact = committees.find(
    (committee) => normalize(committee.code) === wanted || normalize(committee.name) === wanted,
  );
  if (exact) return exact;
  const partial = committees.filter((committee) => normalize(committee.name).includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}
