import { normalisedOrganisationNumber } from "./organisation-number.ts";

/**
 * Matching today's free-text provider names to a provider register. Names
 * were typed by many people over years ("Åsby Taxi & Buss AB", "åsby taxi
 * och buss", "Åsby Taxi&Buss"), so they are compared by a key that ignores
 * case, spacing, punctuation and the company form. A key that points at
 * exactly one register entry (or one valid organisationsnummer) is matched;
 * anything else is left for a person to confirm — the app never merges two
 * providers on a guess.
 */

/** Company forms dropped from the end of a name; longest first so "ek. för." wins over "för". */
const COMPANY_FORMS = [
  "ekonomisk förening",
  "ideell förening",
  "aktiebolag",
  "handelsbolag",
  "kommanditbolag",
  "ek för",
  "(publ)",
  "publ",
  "ab",
  "hb",
  "kb",
  "ef",
].sort((a, b) => b.length - a.length);

/** Case, spaces, punctuation and "&"/"och" made alike: the name as typed, compared. */
export function normalisedProviderName(name: string): string {
  return name
    .toLocaleLowerCase("sv")
    .replace(/&/g, " och ")
    .replace(/[.,;:"'´`’()/-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The comparison key: the normalised name without its company form ("AB", "HB" …). */
export function providerNameKey(name: string): string {
  let key = normalisedProviderName(name.replace(/\(publ\)/gi, " "));
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of COMPANY_FORMS) {
      if (key.endsWith(` ${form}`)) {
        key = key.slice(0, -form.length - 1).trim();
        changed = true;
      } else if (key.startsWith(`${form} `) && form.length <= 2) {
        // "AB Åsby Taxi" puts the form first.
        key = key.slice(form.length + 1).trim();
        changed = true;
      }
    }
  }
  return key;
}

/**
 * Keys a provider is known by: its organisationsnummer when valid, and its
 * name key. Two records are the same provider when they share either.
 */
export function providerKeys(provider: { name: string; orgNumber?: string | undefined }): string[] {
  const keys: string[] = [];
  const org = provider.orgNumber ? normalisedOrganisationNumber(provider.orgNumber) : undefined;
  if (org) keys.push(`org:${org}`);
  const name = providerNameKey(provider.name);
  if (name !== "") keys.push(`name:${name}`);
  return keys;
}

/** Levenshtein distance, stopping early once past `limit` (only near names matter). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Names this close are probably typos of each other: 1 edit for short keys, 2 from 10 letters. */
function nearLimit(key: string): number {
  return key.length >= 10 ? 2 : 1;
}

export interface RegisteredProvider {
  id: string;
  name: string;
  orgNumber: string;
}

/** One free-text provider as found on contracts (name as typed, and the number if any). */
export interface FreeTextProvider {
  name: string;
  orgNumber?: string | undefined;
  /** Where it was found (contract ids), so a person can look. */
  contractIds: string[];
}

export type ProviderMatch =
  /** One register entry shares the organisationsnummer or the name key. */
  | { kind: "matched"; providerId: string; by: "orgNumber" | "name"; sources: FreeTextProvider[] }
  /** Several candidates, or only near names: a person chooses. */
  | {
      kind: "ambiguous";
      candidateIds: string[];
      reason: string;
      sources: FreeTextProvider[];
    }
  /** No register entry: proposed as a new provider under its most used spelling. */
  | { kind: "new"; name: string; orgNumber: string; sources: FreeTextProvider[] };

interface Group {
  key: string;
  orgNumbers: Set<string>;
  sources: FreeTextProvider[];
}

/** The spelling used on most contracts, ties to the first seen. */
function preferredName(sources: FreeTextProvider[]): string {
  let best = sources[0];
  for (const source of sources) {
    if (best === undefined || source.contractIds.length > best.contractIds.length) best = source;
  }
  return best?.name.trim().replace(/\s+/g, " ") ?? "";
}

/**
 * Groups the free-text names by key (so "Åsby Taxi & Buss AB" and
 * "åsby taxi och buss" are one provider) and matches each group against the
 * register. A group whose name sits within a typo or two of another group or
 * of a register entry is ambiguous rather than new.
 */
export function matchProviders(
  freeText: FreeTextProvider[],
  register: RegisteredProvider[],
): ProviderMatch[] {
  const byOrg = new Map<string, RegisteredProvider[]>();
  const byName = new Map<string, RegisteredProvider[]>();
  for (const entry of register) {
    const org = normalisedOrganisationNumber(entry.orgNumber);
    if (org) byOrg.set(org, [...(byOrg.get(org) ?? []), entry]);
    const key = providerNameKey(entry.name);
    byName.set(key, [...(byName.get(key) ?? []), entry]);
  }

  const groups = new Map<string, Group>();
  for (const source of freeText) {
    const key = providerNameKey(source.name);
    if (key === "") continue;
    const group = groups.get(key) ?? { key, orgNumbers: new Set<string>(), sources: [] };
    const org = source.orgNumber ? normalisedOrganisationNumber(source.orgNumber) : undefined;
    if (org) group.orgNumbers.add(org);
    group.sources.push(source);
    groups.set(key, group);
  }

  const allGroups = [...groups.values()];
  return allGroups.map((group) => matchGroup(group, allGroups, byOrg, byName, register));
}

function matchGroup(
  group: Group,
  allGroups: Group[],
  byOrg: Map<string, RegisteredProvider[]>,
  byName: Map<string, RegisteredProvider[]>,
  register: RegisteredProvider[],
): ProviderMatch {
  const { sources } = group;
  const orgs = [...group.orgNumbers];
  if (orgs.length > 1) {
    return {
      kind: "ambiguous",
      candidateIds: orgs.flatMap((org) => (byOrg.get(org) ?? []).map((entry) => entry.id)),
      reason: `Samma namn förekommer med olika organisationsnummer (${orgs.join(", ")}).`,
      sources,
    };
  }
  const [org] = orgs;
  const orgHits = org ? (byOrg.get(org) ?? []) : [];
  const nameHits = byName.get(group.key) ?? [];
  if (orgHits.length === 1 && orgHits[0]) {
    return { kind: "matched", providerId: orgHits[0].id, by: "orgNumber", sources };
  }
  if (orgHits.length > 1) {
    return {
      kind: "ambiguous",
      candidateIds: orgHits.map((entry) => entry.id),
      reason: `Flera leverantörer i registret har organisationsnummer ${org}.`,
      sources,
    };
  }
  if (nameHits.length === 1 && nameHits[0]) {
    const hit = nameHits[0];
    const hitOrg = normalisedOrganisationNumber(hit.orgNumber);
    // The same name with a different number is two companies until a person says otherwise.
    if (org && hitOrg && hitOrg !== org) {
      return {
        kind: "ambiguous",
        candidateIds: [hit.id],
        reason: `Namnet finns i registret men med organisationsnummer ${hitOrg}, inte ${org}.`,
        sources,
      };
    }
    return { kind: "matched", providerId: hit.id, by: "name", sources };
  }
  if (nameHits.length > 1) {
    return {
      kind: "ambiguous",
      candidateIds: nameHits.map((entry) => entry.id),
      reason: `${nameHits.length} leverantörer i registret har liknande namn.`,
      sources,
    };
  }
  const limit = nearLimit(group.key);
  const nearRegister = register.filter(
    (entry) => editDistance(providerNameKey(entry.name), group.key, limit) <= limit,
  );
  const nearGroups = allGroups.filter(
    (other) => other !== group && editDistance(other.key, group.key, limit) <= limit,
  );
  if (nearRegister.length > 0 || nearGroups.length > 0) {
    const names = [
      ...nearRegister.map((entry) => entry.name),
      ...nearGroups.map((other) => preferredName(other.sources)),
    ];
    return {
      kind: "ambiguous",
      candidateIds: nearRegister.map((entry) => entry.id),
      reason: `Namnet liknar ${names.map((name) => `"${name}"`).join(", ")}. Bekräfta om det är samma leverantör.`,
      sources,
    };
  }
  return { kind: "new", name: preferredName(sources), orgNumber: org ?? "", sources };
}
