import type { Committee, Contract } from "./model.ts";
import type { RiskIndex, RiskSuggestion } from "./risk.ts";
import { nameList, numberWord } from "./swedish.ts";

/**
 * Signals to kommunstyrelsen (uppsiktsplikt): a provider with open
 * deficiencies or a high risk in two or more nämnder at once. Each nämnd sees
 * only its own contracts; only KS's overview sees that the same provider is
 * failing in several places.
 */

export interface FlaggedProvider {
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

interface Group {
  names: Map<string, number>;
  orgNumber: string;
  contractIds: Set<string>;
  deficiencies: Set<string>;
  highRisk: Set<string>;
}

export function flaggedProviders(
  contracts: readonly Contract[],
  index: RiskIndex,
  suggestions: ReadonlyMap<string, RiskSuggestion>,
  committees: readonly Committee[],
  minimumCommittees = 2,
): FlaggedProvider[] {
  const groups = new KeyGroups();
  const active = contracts.filter(
    (contract) => contract.status !== "avslutat" && !contract.ownRegime,
  );
  for (const contract of active) {
    for (const provider of contract.providers) groups.union(index.keysOf(provider));
  }
  const byRoot = new Map<string, Group>();
  for (const contract of active) {
    const high = suggestions.get(contract.id)?.cell.level === "hög";
    for (const provider of contract.providers) {
      const keys = index.keysOf(provider);
      const [first] = keys;
      if (first === undefined) continue;
      const root = groups.find(first);
      let group = byRoot.get(root);
      if (!group) {
        group = {
          names: new Map(),
          orgNumber: "",
          contractIds: new Set(),
          deficiencies: new Set(),
          highRisk: new Set(),
        };
        byRoot.set(root, group);
      }
      group.names.set(provider.name, (group.names.get(provider.name) ?? 0) + 1);
      const org = keys.find((key) => key.startsWith("org:"));
      if (org && group.orgNumber === "") group.orgNumber = org.slice(4);
      group.contractIds.add(contract.id);
      if (high) group.highRisk.add(contract.committeeId);
      for (const key of keys) {
        for (const committeeId of index.providerDeficiencies.get(key)?.keys() ?? []) {
          group.deficiencies.add(committeeId);
        }
      }
    }
  }
  const names = new Map(committees.map((committee) => [committee.id, committee.name]));
  const order = new Map(committees.map((committee, position) => [committee.id, position]));
  const sorted = (ids: Set<string>) =>
    [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const flagged: FlaggedProvider[] = [];
  for (const group of byRoot.values()) {
    const places = new Set([...group.deficiencies, ...group.highRisk]);
    if (places.size < minimumCommittees) continue;
    const name = [...group.names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    const withDeficiencies = sorted(group.deficiencies);
    const withHighRisk = sorted(group.highRisk);
    flagged.push({
      name,
      orgNumber: group.orgNumber,
      withDeficiencies,
      withHighRisk,
      contractIds: [...group.contractIds],
      sentence: ksSentence(name, withDeficiencies, withHighRisk, names),
    });
  }
  return flagged.sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

function ksSentence(
  name: string,
  withDeficiencies: string[],
  withHighRisk: string[],
  names: ReadonlyMap<string, string>,
): string {
  const named = (ids: string[]) => nameList(ids.map((id) => names.get(id) ?? id));
  const parts: string[] = [];
  if (withDeficiencies.length > 0) parts.push(`har öppna brister i ${named(withDeficiencies)}`);
  if (withHighRisk.length > 0) parts.push(`bedöms ha hög risk i ${named(withHighRisk)}`);
  const places = new Set([...withDeficiencies, ...withHighRisk]).size;
  return `${name} ${parts.join(" och ")}. Kommunstyrelsen bör i sin uppsiktsplikt följa hur de ${numberWord(places)} nämnderna samordnar uppföljningen av utföraren.`;
}
