import type { Person } from "../domain/model.ts";
import type { PersonReference } from "./values.ts";

/**
 * People named in a file, matched to the directory by e-mail address or by
 * exact name; a name two people share, or one nobody has, is not guessed.
 */

export type PersonMatch =
  | { kind: "found"; person: Person }
  | { kind: "ambiguous"; count: number }
  | { kind: "missing" };

/** The directory's answers, by the reference's key. */
export type PeopleLookup = ReadonlyMap<string, PersonMatch>;

/** One key per person as written: the e-mail address if there is one, else the name. */
export function personKey(reference: PersonReference): string {
  return reference.email
    ? `mail:${reference.email.toLocaleLowerCase("sv")}`
    : `name:${(reference.name ?? "").replace(/\s+/g, " ").trim().toLocaleLowerCase("sv")}`;
}

export function matchOf(lookup: PeopleLookup, reference: PersonReference): PersonMatch {
  return lookup.get(personKey(reference)) ?? { kind: "missing" };
}

/** Whether a reference names this person as stored (no directory needed to know it is the same). */
export function namesPerson(reference: PersonReference, person: Person): boolean {
  const same = (a: string | undefined, b: string) =>
    a !== undefined &&
    b !== "" &&
    a.trim().toLocaleLowerCase("sv") === b.trim().toLocaleLowerCase("sv");
  return reference.email ? same(reference.email, person.email) : same(reference.name, person.name);
}

export function unmatchedReason(match: PersonMatch): string {
  return match.kind === "ambiguous"
    ? `${match.count} personer i katalogen har det namnet; skriv e-postadressen i stället.`
    : "Finns inte i katalogen. Skriv personens e-postadress eller namn som i Teams.";
}
