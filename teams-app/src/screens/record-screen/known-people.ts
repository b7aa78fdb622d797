import type { Contract, Person } from "../../types.ts";
import { compareSv } from "./list-query.ts";

/** Known people: me, contract owners and action owners of the nämnd. */
export function knownPeople(me: Person, contracts: Contract[]): Person[] {
  const people = new Map<string, Person>([[me.id, me]]);
  for (const contract of contracts)
    if (contract.owner.id) people.set(contract.owner.id, contract.owner);
  return [...people.values()].sort((a, b) => compareSv(a.name, b.name));
}
