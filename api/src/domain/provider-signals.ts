import type { Committee, Contract } from "./model.ts";
import { type ProviderProfile, profileOf, type RiskIndex, type RiskSuggestion } from "./risk.ts";
import { nameList, numberWord } from "./swedish.ts";

/**
 * Signals to kommunstyrelsen (uppsiktsplikt): a provider with open
 * deficiencies or a high risk in two or more nämnder at once. Each nämnd sees
 * only its own contracts; only KS's overview sees that the same provider is
 * failing in several places.
 */

export interface FlaggedProvider {
  /** Its key for links (see ProviderGroup), and every key it is known by. */
  key: string;
  keys: string[];
  /** The name as most contracts spell it. */
  name: string;
  orgNumber: string;
  /** Nämnder (ids) where the provider has open deficiencies. */
  withDeficiencies: string[];
  /** Nämnder (ids) where one of its contracts is at hög risk. */
  withHighRisk: string[];
  contractIds: string[];
  /** A sentence KS can use in its assessment. */
  sentence: string;
}

/** Union–find over provider keys: one provider may be known by its number and by several spellings. */
class KeyGroups {
  private parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    for (
      let up = this.parent.get(root);
      up !== undefined && up !== root;
      up = this.parent.get(root)
    ) {
      root = up;
    }
    this.parent.set(key, root);
    return root;
  }

  union(keys: string[]): void {
    const [first, ...rest] = keys;
    if (first === undefined) return;
    const root = this.find(first);
    for (const key of rest) this.parent.set(this.find(key), root);
  }
}

/** One provider across the kommun: every spelling and number it is known by, and its contracts. */
export interface ProviderGroup {
  /** For links: `org:<organisationsnummer>` when one is known, else `name:<name key>`. */
  key: string;
  /** Every key it is known by (numbers and name keys). */
  keys: string[];
  /** The name as most contracts spell it. */
  name: string;
  orgNumber: string;
  contracts: Contract[];
}

/**
 * The providers of these contracts, each once however it was spelled: two
 * entries are the same provider when they share an organisationsnummer or a
 * name key. A contract with several providers is in each of their groups.
 */
export function providerGroups(
  contracts: readonly Contract[],
  keysOf: RiskIndex["keysOf"],
): ProviderGroup[] {
  // keysOf gives one array per name and number, so a provider's keys are joined (and
  // found) once however many contracts it has; the contracts then join their groups in order.
  const union = new KeyGroups();
  const keysInOrder: string[][] = [];
  const distinct = new Set<string[]>();
  for (const contract of contracts) {
    for (const provider of contract.providers) {
      const keys = keysOf(provider);
      keysInOrder.push(keys);
      if (distinct.has(keys)) continue;
      distinct.add(keys);
      union.union(keys);
    }
  }
  type Group = { keys: Set<string>; names: Map<string, number>; contracts: Set<Contract> };
  const byRoot = new Map<string, Group>();
  const groupOf = new Map<string[], Group>();
  for (const keys of distinct) {
    const [first] = keys;
    if (first === undefined) continue;
    const root = union.find(first);
    let group = byRoot.get(root);
    if (!group) {
      group = { keys: new Set(), names: new Map(), contracts: new Set() };
      byRoot.set(root, group);
    }
    for (const key of keys) group.keys.add(key);
    groupOf.set(keys, group);
  }
  let position = 0;
  for (const contract of contracts) {
    for (const provider of contract.providers) {
      const keys = keysInOrder[position++];
      const group = keys && groupOf.get(keys);
      if (!group) continue;
      group.names.set(provider.name, (group.names.get(provider.name) ?? 0) + 1);
      group.contracts.add(contract);
    }
  }
  return [...byRoot.values()].map((group) => {
    const keys = [...group.keys];
    const org = keys.filter((key) => key.startsWith("org:")).sort()[0];
    const name = [...group.names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    return {
      key: org ?? keys.find((key) => key.startsWith("name:")) ?? keys[0] ?? "",
      keys,
      name,
      orgNumber: org?.slice(4) ?? "",
      contracts: [...group.contracts],
    };
  });
}

export function flaggedProviders(
  contracts: readonly Contract[],
  index: RiskIndex,
  suggestions: ReadonlyMap<string, RiskSuggestion>,
  committees: readonly Committee[],
  minimumCommittees = 2,
): FlaggedProvider[] {
  const active = contracts.filter(
    (contract) => contract.status !== "avslutat" && !contract.ownRegime,
  );
  const names = new Map(committees.map((committee) => [committee.id, committee.name]));
  const order = new Map(committees.map((committee, position) => [committee.id, position]));
  const sorted = (ids: Set<string>) =>
    [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const flagged: FlaggedProvider[] = [];
  for (const group of providerGroups(active, index.keysOf)) {
    const deficiencies = new Set<string>();
    for (const key of group.keys) {
      for (const committeeId of index.providerDeficiencies.get(key)?.keys() ?? [])
        deficiencies.add(committeeId);
    }
    const highRisk = new Set(
      group.contracts
        .filter((contract) => suggestions.get(contract.id)?.cell.level === "hög")
        .map((contract) => contract.committeeId),
    );
    const places = new Set([...deficiencies, ...highRisk]);
    if (places.size < minimumCommittees) continue;
    const { name } = group;
    const withDeficiencies = sorted(deficiencies);
    const withHighRisk = sorted(highRisk);
    flagged.push({
      key: group.key,
      keys: group.keys,
      name,
      orgNumber: group.orgNumber,
      withDeficiencies,
      withHighRisk,
      contractIds: group.contracts.map((contract) => contract.id),
      sentence: ksSentence(
        name,
        withDeficiencies,
        withHighRisk,
        names,
        profileOf(group.keys, index),
      ),
    });
  }
  return flagged.sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** What the register notes, as a sentence for KS ("" when nothing is noted). */
function registerClause(profile: ProviderProfile | undefined): string {
  const weak = profile?.weakFinances === true;
  const ivo = profile?.ivoDecisionPending === true;
  if (weak && ivo)
    return " Enligt leverantörsregistret har utföraren svag ekonomi och väntar på beslut från IVO.";
  if (weak) return " Enligt leverantörsregistret har utföraren svag ekonomi.";
  if (ivo) return " Enligt leverantörsregistret väntar utföraren på beslut från IVO.";
  return "";
}

function ksSentence(
  name: string,
  withDeficiencies: string[],
  withHighRisk: string[],
  names: ReadonlyMap<string, string>,
  profile: ProviderProfile | undefined,
): string {
  const named = (ids: string[]) => nameList(ids.map((id) => names.get(id) ?? id));
  const parts: string[] = [];
  if (withDeficiencies.length > 0) parts.push(`har öppna brister i ${named(withDeficiencies)}`);
  if (withHighRisk.length > 0) parts.push(`bedöms ha hög risk i ${named(withHighRisk)}`);
  const places = new Set([...withDeficiencies, ...withHighRisk]).size;
  const register = registerClause(profile);
  return `${name} ${parts.join(" och ")}.${register} Kommunstyrelsen bör i sin uppsiktsplikt följa hur de ${numberWord(places)} nämnderna samordnar uppföljningen av utföraren.`;
}
