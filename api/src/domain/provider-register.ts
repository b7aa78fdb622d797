import type { Contract } from "./model.ts";
import { normalisedOrganisationNumber } from "./organisation-number.ts";
import { type FreeTextProvider, matchProviders, providerNameKey } from "./provider-matching.ts";
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
 * else one with that name key — unless both have numbers and they differ,
 * which makes them two companies.
 */
export function registerEntryFor<E extends Pick<ProviderEntry, "name" | "orgNumber">>(
  keys: readonly string[],
  entries: readonly E[],
): E | undefined {
  const orgs = new Set(keys.filter((key) => key.startsWith("org:")));
  const names = new Set(keys.filter((key) => key.startsWith("name:")));
  const byOrg = entries.find((entry) => {
    const own = entryKeys(entry).org;
    return own !== undefined && orgs.has(own);
  });
  if (byOrg) return byOrg;
  return entries.find((entry) => {
    const own = entryKeys(entry);
    return (
      own.name !== undefined && names.has(own.name) && (own.org === undefined || orgs.size === 0)
    );
  });
}

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

/**
 * "Samma leverantör?": what a person should confirm before the spellings are
 * taken as one provider — one name with different organisationsnummer, one
 * number under different names, names a typo apart. Never merged on a guess.
 */
export function sameProviderQuestions(
  sources: readonly FreeTextProvider[],
  register: readonly RegisteredProviderLike[],
): string[] {
  const questions = new Set<string>();
  for (const match of matchProviders([...sources], [...register])) {
    if (match.kind === "ambiguous") questions.add(match.reason);
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
    questions.add(`Organisationsnummer ${org} används med olika namn: ${quoted}.`);
  }
  return [...questions];
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
