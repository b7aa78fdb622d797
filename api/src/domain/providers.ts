import type { Contract, Provider } from "./model.ts";
import { swedishList } from "./swedish.ts";

/**
 * A contract's providers. A contract in a valfrihetssystem (LOV) or a
 * framework agreement has several; a record about one of them names it, and
 * an empty name means the contract as a whole.
 */

/** The providers' names as one text: "A", "A och B", "A, B och C". */
export function providerNames(providers: readonly Provider[]): string {
  return swedishList(providers.map((provider) => provider.name));
}

/** The provider of a contract with this name (case-insensitive, as SharePoint compares text). */
export function providerNamed(contract: Contract, name: string): Provider | undefined {
  const wanted = name.trim().toLocaleLowerCase("sv");
  return contract.providers.find(
    (provider) => provider.name.trim().toLocaleLowerCase("sv") === wanted,
  );
}

/** Whether a record about `provider` ("" = the whole contract) concerns this provider's letter. */
export function concernsProvider(recordProvider: string, provider: Provider): boolean {
  const name = (text: string) => text.trim().toLocaleLowerCase("sv");
  return name(recordProvider) === name(provider.name);
}
