import type { Contract } from "./model.ts";
import { normalisedOrganisationNumber } from "./organisation-number.ts";
import {
  type FreeTextProvider,
  matchProviders,
  providerKeys,
  providerNameKey,
} from "./provider-matching.ts";
import type { ProviderProfile } from "./risk.ts";

/**
 * The kommun's provider register (the list Leverantörer): one entry per
 * provider, with what is noted about it — finances, decisions by IVO and other
 * authorities, a contact. Contracts keep their free-text providers; an entry
 * belongs to a provider on the contracts by organisationsnummer, else (when
 * either has none) by the name key, so "Åsby Taxi AB" and "åsby taxi" are one.
 */
export interface ProviderEntry extends ProviderProfile {
  id: string;
  etag: string;
  /** `providerNameKey(name)`, kept in an indexed column. */
  nameKey: string;
  /** "Ekonomi": what is known of its finances. */
  financesNote: string;
  /** "IVO och andra myndigheters beslut". */
  authorityNote: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /**
   * "Även känd som": keys (`org:…`, `name:…`) a person confirmed are this
   * provider, so contracts spelled that way get its notes.
   */
  sameAs: string[];
  /** Keys a person confirmed are another provider: only so the question is not asked again. */
  notSameAs: string[];
}

/** The keys (as `providerKeys` gives them) an entry is found by. */
export function entryKeys(entry: Pick<ProviderEntry, "name" | "orgNumber">): {
  org: string | undefined;
  name: string | undefined;
} {
  const org = entry.orgNumber ? normalisedOrganisationNumber(entry.orgNumber) : undefined;
  const name = providerNameKey(entry.name);
  return { org: org ? `org:${org}` : undefined, name: name ? `name:${name}` : undefined };
}

/**
 * The register entry of a provider known by `keys` (its organisationsnummer
 * key, if any, and its name key): the one with that organisationsnummer,
 * else one a person confirmed it is ("Även känd som"), else one with that
 * name key — unless both have numbers and they differ, which makes them two
 * companies, or a person said they are two.
 */
export function registerEntryFor<
  E extends Pick<ProviderEntry, "name" | "orgNumber"> & Partial<ConfirmedKeys>,
>(keys: readonly string[], entries: readonly E[]): E | undefined {
  const orgs = new Set(keys.filter((key) => key.startsWith("org:")));
  const names = new Set(keys.filter((key) => key.startsWith("name:")));
  const byOrg = entries.find((entry) => {
    const own = entryKeys(entry).org;
    return own !== undefined && orgs.has(own);
  });
  if (byOrg) return byOrg;
  // A confirmed name stands for the spelling without a number; with one, the number must be confirmed.
  const confirmed = entries.find((entry) =>
    entry.sameAs?.some((key) => (key.startsWith("org:") || orgs.size === 0) && keys.includes(key)),
  );
  if (confirmed) return confirmed;
  return entries.find((entry) => {
    const own = entryKeys(entry);
    return (
      own.name !== undefined &&
      names.has(own.name) &&
      (own.org === undefined || orgs.size === 0) &&
      !entry.notSameAs?.some((key) => keys.includes(key))
    );
  });
}

type ConfirmedKeys = Pick<ProviderEntry, "sameAs" | "notSameAs">;

/** Another entry than `exceptId` with this organisationsnummer, if any (it must be unique). */
export function entryWithOrgNumber<E extends Pick<ProviderEntry, "id" | "orgNumber">>(
  entries: readonly E[],
  orgNumber: string,
  exceptId: string | undefined,
): E | undefined {
  const wanted = normalisedOrganisationNumber(orgNumber);
  if (!wanted) return undefined;
  return entries.find(
    (entry) => entry.id !== exceptId && normalisedOrganisationNumber(entry.orgNumber) === wanted,
  );
}

/** What the flags say, in plain Swedish (the provider page, the bot). */
export const PROVIDER_FLAG_LABELS = {
  weakFinances: "Svag ekonomi",
  ivoDecisionPending: "Väntar på beslut från IVO",
} as const;

/**
 * The provider's spellings as found on its contracts (one per name and
 * number), for the register entry's proposal and the questions below.
 */
export function freeTextSources(
  contracts: readonly Contract[],
  keys: readonly string[],
  keysOf: (provider: { name: string; orgNumber?: string | undefined }) => string[],
): FreeTextProvider[] {
  const ours = new Set(keys);
  const bySpelling = new Map<string, FreeTextProvider>();
  for (const contract of contracts) {
    for (const provider of contract.providers) {
      if (!keysOf(provider).some((key) => ours.has(key))) continue;
      const spelling = `${provider.name.trim()}|${provider.orgNumber.trim()}`;
      const source = bySpelling.get(spelling) ?? {
        name: provider.name.trim(),
        orgNumber: provider.orgNumber.trim(),
        contractIds: [],
      };
      if (!source.contractIds.includes(contract.id)) source.contractIds.push(contract.id);
      bySpelling.set(spelling, source);
    }
  }
  return [...bySpelling.values()];
}

/** "Samma leverantör?": one question, with the keys it asks about. */
export interface SameProviderQuestion {
  /** Stable: derived from the keys, so an answer finds its question again. */
  id: string;
  /** The question in Swedish. */
  text: string;
  /** The provider keys (`org:…`, `name:…`) it asks are one provider, sorted. */
  keys: string[];
  /** Register entries it names as candidates (an answer may go to the only one). */
  candidateIds: string[];
}

/** The id of a question about these keys: the same keys, the same question. */
export function questionId(keys: readonly string[]): string {
  return `same:${[...new Set(keys)].sort().join("|")}`;
}

/**
 * "Samma leverantör?": what a person should confirm before the spellings are
 * taken as one provider — one name with different organisationsnummer, one
 * number under different names, names a typo apart. Never merged on a guess.
 * A question whose keys are all answered on `answeredBy` is not asked again.
 */
export function sameProviderQuestions(
  sources: readonly FreeTextProvider[],
  register: readonly RegisteredProviderLike[],
  answeredBy?: Pick<ProviderEntry, "name" | "orgNumber"> & Partial<ConfirmedKeys>,
): SameProviderQuestion[] {
  const questions = new Map<string, SameProviderQuestion>();
  const ask = (text: string, keys: string[], candidateIds: string[]) => {
    const id = questionId(keys);
    if (!questions.has(id)) {
      questions.set(id, { id, text, keys: [...new Set(keys)].sort(), candidateIds });
    }
  };
  for (const match of matchProviders([...sources], [...register])) {
    if (match.kind !== "ambiguous") continue;
    const candidates = register.filter((entry) => match.candidateIds.includes(entry.id));
    ask(
      match.reason,
      [...match.sources, ...candidates].flatMap((provider) => providerKeys(provider)),
      match.candidateIds,
    );
  }
  const namesByOrg = new Map<string, Map<string, string>>();
  for (const source of sources) {
    const org = source.orgNumber ? normalisedOrganisationNumber(source.orgNumber) : undefined;
    if (!org) continue;
    const names = namesByOrg.get(org) ?? new Map<string, string>();
    const key = providerNameKey(source.name);
    if (!names.has(key)) names.set(key, source.name);
    namesByOrg.set(org, names);
  }
  for (const [org, names] of namesByOrg) {
    if (names.size < 2) continue;
    const quoted = [...names.values()].map((name) => `"${name}"`).join(", ");
    ask(
      `Organisationsnummer ${org} används med olika namn: ${quoted}.`,
      [`org:${org}`, ...[...names.keys()].map((key) => `name:${key}`)],
      [],
    );
  }
  const answered = answeredBy ? answeredKeys(answeredBy) : new Set<string>();
  return [...questions.values()].filter((question) =>
    question.keys.some((key) => !answered.has(key)),
  );
}

/** The keys an entry settles: its own, and those a person confirmed either way. */
function answeredKeys(
  entry: Pick<ProviderEntry, "name" | "orgNumber"> & Partial<ConfirmedKeys>,
): Set<string> {
  const own = entryKeys(entry);
  return new Set(
    [own.org, own.name, ...(entry.sameAs ?? []), ...(entry.notSameAs ?? [])].filter(
      (key): key is string => key !== undefined,
    ),
  );
}

/**
 * A person's answer to a question, recorded on the entry: "same" lists the
 * question's other keys under "Även känd som", "different" under the keys
 * that are another provider. A later answer about a key replaces an earlier.
 */
export function answerQuestion(
  entry: Pick<ProviderEntry, "name" | "orgNumber"> & ConfirmedKeys,
  question: Pick<SameProviderQuestion, "keys">,
  same: boolean,
): ConfirmedKeys {
  const own = entryKeys(entry);
  const asked = question.keys.filter((key) => key !== own.org && key !== own.name);
  const without = (keys: readonly string[]) => keys.filter((key) => !asked.includes(key));
  const add = (keys: readonly string[]) => [...without(keys), ...asked].sort();
  return same
    ? { sameAs: add(entry.sameAs), notSameAs: without(entry.notSameAs) }
    : { sameAs: without(entry.sameAs), notSameAs: add(entry.notSameAs) };
}

/** A key as a person reads it: "organisationsnummer 556910-5504", "namnet ”trygga händer”". */
export function readableKey(key: string): string {
  if (key.startsWith("org:")) return `organisationsnummer ${key.slice(4)}`;
  if (key.startsWith("name:")) return `namnet "${key.slice(5)}"`;
  return key;
}

type RegisteredProviderLike = { id: string; name: string; orgNumber: string };

/** The entry a provider without one is offered: its most used spelling and its valid number. */
export function proposedEntry(
  name: string,
  sources: readonly FreeTextProvider[],
): { name: string; orgNumber: string } {
  const orgs = new Set(
    sources.flatMap((source) => {
      const org = source.orgNumber ? normalisedOrganisationNumber(source.orgNumber) : undefined;
      return org ? [org] : [];
    }),
  );
  // With two numbers the person chooses; nothing is filled in on a guess.
  const [only] = orgs;
  return { name, orgNumber: orgs.size === 1 && only ? only : "" };
}
