import { Link } from "@fluentui/react-components";
import { Fragment } from "react";
import { providerKeys } from "../../../../api/src/domain/provider-matching.ts";
import { routePath } from "../../routes.ts";
import type { Contract } from "../../types.ts";

/**
 * The contract's providers, each a link to its page across the kommun (the
 * register's notes, its contracts in other nämnder); egen regi has none.
 */
export function ProviderLinks({ contract }: { contract: Contract }) {
  if (contract.ownRegime || contract.providers.length === 0) return <>{contract.provider}</>;
  return (
    <>
      {contract.providers.map((provider, index) => {
        const [key] = providerKeys(provider);
        return (
          <Fragment key={`${provider.name}|${provider.orgNumber}`}>
            {index > 0 ? ", " : ""}
            {key ? (
              <Link href={`#/${routePath({ screen: "leverantor", id: key })}`}>
                {provider.name}
              </Link>
            ) : (
              provider.name
            )}
          </Fragment>
        );
      })}
    </>
  );
}
