import { Field, Input, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useDeferredValue, useState } from "react";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { routePath } from "../../routes.ts";
import type { Items, ProviderSummary } from "../../types.ts";

const useStyles = makeStyles({
  search: { maxWidth: "420px", marginBottom: tokens.spacingVerticalM },
});

/** Case, spacing and "&"/"och" made alike, so a search finds the name however it was typed. */
function searchable(text: string): string {
  return text
    .toLocaleLowerCase("sv")
    .replace(/&/g, " och ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * "Leverantörer": every provider of the kommun's contracts once, however its
 * name was typed, with how many contracts and nämnder it has; each opens its page.
 */
export function ProviderList() {
  const styles = useStyles();
  const { api } = useApp();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const providers = useLoad(
    () => api.get<Items<ProviderSummary>>("/api/providers").then((result) => result.items),
    "providers",
  );
  const words = searchable(deferred).split(" ").filter(Boolean);
  const shown = (providers.data ?? []).filter((provider) => {
    const text = searchable(`${provider.name} ${provider.orgNumber}`);
    return words.every((word) => text.includes(word));
  });

  let content = <LoadingSkeleton label="Hämtar leverantörer …" />;
  if (providers.error)
    content = <ErrorMessage error={providers.error} onRetry={providers.reload} />;
  else if (providers.data?.length === 0)
    content = (
      <EmptyState title="Inga leverantörer">
        Inget avtal har någon leverantör ännu. Leverantörerna anges på varje avtal.
      </EmptyState>
    );
  else if (providers.data)
    content = (
      <>
        <Text role="status">
          {shown.length === providers.data.length
            ? `${shown.length} leverantörer`
            : `${shown.length} av ${providers.data.length} leverantörer`}
        </Text>
        <DataList
          label="Leverantörer"
          rows={shown}
          rowKey={(provider) => provider.key}
          columns={[
            {
              key: "namn",
              label: "Leverantör",
              cell: (provider) => (
                <Link href={`#/${routePath({ screen: "leverantor", id: provider.key })}`}>
                  {provider.name}
                </Link>
              ),
            },
            {
              key: "orgnr",
              label: "Organisationsnummer",
              nowrap: true,
              cell: (provider) => provider.orgNumber || "Saknas",
            },
            { key: "avtal", label: "Avtal", nowrap: true, cell: (provider) => provider.contracts },
            {
              key: "namnder",
              label: "Nämnder",
              nowrap: true,
              cell: (provider) => provider.committees,
            },
          ]}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title="Leverantörer"
        description="Kommunens leverantörer, var och en en gång även om namnet stavats olika på avtalen. Öppna en leverantör för att se dess avtal i alla nämnder."
      />
      <Field label="Sök leverantör" className={styles.search}>
        <Input
          type="search"
          value={query}
          onChange={(_event, data) => setQuery(data.value)}
          placeholder="Namn eller organisationsnummer"
        />
      </Field>
      {content}
    </>
  );
}
