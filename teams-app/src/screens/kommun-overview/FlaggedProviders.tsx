import { Link, Text, Title3 } from "@fluentui/react-components";
import { DataList } from "../../components/data-list/DataList.tsx";
import { formatCount as count } from "../../format.ts";
import { routePath } from "../../routes.ts";
import type { FlaggedProvider } from "../../types.ts";
import { useKommunOverviewStyles } from "./KommunOverview.styles.ts";

/** What the provider has in one nämnd, in words: "2 avtal, 1 öppen brist, 1 med hög risk". */
function placeText(place: FlaggedProvider["places"][number]): string {
  const parts = [count(place.contracts, "avtal", "avtal")];
  if (place.openDeficiencies > 0)
    parts.push(count(place.openDeficiencies, "öppen brist", "öppna brister"));
  if (place.highRiskContracts > 0) parts.push(`${place.highRiskContracts} med hög risk`);
  return `${place.committeeName}: ${parts.join(", ")}`;
}

/**
 * Uppsiktsplikt: providers with open deficiencies or hög risk in two or more
 * nämnder, which no single nämnd sees, with a sentence KS can use.
 */
export function FlaggedProviders({ providers }: { providers: FlaggedProvider[] }) {
  const styles = useKommunOverviewStyles();
  return (
    <section className={styles.section} aria-labelledby="leverantorer">
      <Title3 as="h2" id="leverantorer" tabIndex={-1}>
        Leverantörer i flera nämnder ({providers.length})
      </Title3>
      <Text>
        Leverantörer med öppna brister eller hög risk i två eller fler nämnder. Varje nämnd ser bara
        sina egna avtal; här syns helheten.
      </Text>
      {providers.length === 0 ? (
        <Text>Ingen leverantör har öppna brister eller hög risk i mer än en nämnd.</Text>
      ) : (
        <DataList
          label="Leverantörer i flera nämnder"
          rows={providers}
          rowKey={(provider) => provider.key}
          columns={[
            {
              key: "leverantor",
              label: "Leverantör",
              cell: (provider) => (
                <>
                  <Link href={`#/${routePath({ screen: "leverantor", id: provider.key })}`}>
                    {provider.name}
                  </Link>
                  {provider.orgNumber ? ` (${provider.orgNumber})` : ""}
                </>
              ),
            },
            {
              key: "namnder",
              label: "Nämnder",
              cell: (provider) => (
                <ul className={styles.places}>
                  {provider.places.map((place) => (
                    <li key={place.committeeId}>{placeText(place)}</li>
                  ))}
                </ul>
              ),
            },
            { key: "bedomning", label: "Underlag för bedömning", cell: (p) => p.sentence },
          ]}
        />
      )}
    </section>
  );
}
