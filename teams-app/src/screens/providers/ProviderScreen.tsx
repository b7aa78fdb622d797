import { Link, makeStyles, Text, Title3, tokens } from "@fluentui/react-components";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatCount as count, formatDate } from "../../format.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { routePath } from "../../routes.ts";
import type { ProviderContractRow, ProviderPage } from "../../types.ts";
import { ProviderRegisterCard } from "./ProviderRegisterCard.tsx";

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalXL, display: "grid", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const STATUS_LABELS: Record<ProviderContractRow["status"], string> = {
  planerat: "Planerat",
  aktivt: "Aktivt",
  avslutat: "Avslutat",
};

function deviationText(row: ProviderContractRow): string {
  if (row.deviationsLastYear === 0) return "Inga";
  const serious =
    row.seriousDeviationsLastYear > 0 ? `, varav ${row.seriousDeviationsLastYear} allvarliga` : "";
  return `${row.deviationsLastYear}${serious}`;
}

function Deficiencies({ row }: { row: ProviderContractRow }) {
  const styles = useStyles();
  const open = row.deficiencies.filter((deficiency) => deficiency.status !== "åtgärdad");
  if (open.length === 0) return <>Inga öppna</>;
  return (
    <ul className={styles.list}>
      {open.map((deficiency) => (
        <li key={deficiency.id}>
          <Link href={`#/${routePath({ screen: "brister", id: deficiency.id })}`}>
            {deficiency.description || "Brist utan beskrivning"}
          </Link>
          {deficiency.overdue && deficiency.deadline
            ? ` – handlingsplanens tidsgräns ${formatDate(deficiency.deadline)} har passerats`
            : ""}
        </li>
      ))}
    </ul>
  );
}

/**
 * One provider across the kommun: its contracts in the nämnder the person
 * works in, in full (risk, deviations of the last year, open deficiencies
 * and late action plans); other nämnder only as counts.
 */
export function ProviderScreen({ providerKey }: { providerKey: string }) {
  const styles = useStyles();
  const { api } = useApp();
  const provider = useLoad(
    () => api.get<ProviderPage>(`/api/providers/${encodeURIComponent(providerKey)}`),
    providerKey,
  );
  if (provider.error)
    return (
      <>
        <PageHeader title="Leverantör" />
        <ErrorMessage error={provider.error} onRetry={provider.reload} />
      </>
    );
  const data = provider.data;
  if (!data) return <LoadingSkeleton label="Hämtar leverantören …" />;
  return (
    <>
      <PageHeader
        title={data.name}
        description={`${data.orgNumber ? `Organisationsnummer ${data.orgNumber}. ` : "Organisationsnummer saknas. "}${count(data.contracts, "avtal", "avtal")} i ${count(data.committees, "nämnd", "nämnder")}.`}
      />
      <div className={styles.section}>
        <ProviderRegisterCard
          providerKey={providerKey}
          card={data.register}
          onSaved={provider.reload}
        />
      </div>
      <section className={styles.section} aria-labelledby="dina-avtal">
        <Title3 as="h2" id="dina-avtal" tabIndex={-1}>
          Avtal du kan läsa ({data.readable.length})
        </Title3>
        {data.readable.length === 0 ? (
          <Text>Du arbetar inte i någon av de nämnder som har avtal med leverantören.</Text>
        ) : (
          <DataList
            label="Avtal du kan läsa"
            rows={data.readable}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "avtal",
                label: "Avtal",
                cell: (row) => (
                  <Link href={`#/${routePath({ screen: "avtal-detalj", id: row.id })}`}>
                    {row.title}
                  </Link>
                ),
              },
              { key: "namnd", label: "Nämnd", cell: (row) => row.committeeName },
              {
                key: "status",
                label: "Status",
                nowrap: true,
                cell: (row) => STATUS_LABELS[row.status],
              },
              {
                key: "risk",
                // The whole contract's risk (all its providers), as on the contract's own page.
                label: "Föreslagen risk (hela avtalet)",
                cell: (row) => (
                  <>
                    <Text weight="semibold">{row.riskLabel}</Text>
                    {row.riskReasons.slice(0, 2).map((reason) => (
                      <Text key={reason} block size={200}>
                        {reason}
                      </Text>
                    ))}
                  </>
                ),
              },
              {
                key: "avvikelser",
                label: "Avvikelser senaste året",
                cell: deviationText,
              },
              { key: "brister", label: "Öppna brister", cell: (row) => <Deficiencies row={row} /> },
            ]}
          />
        )}
      </section>
      {data.others.length > 0 ? (
        <section className={styles.section} aria-labelledby="andra-namnder">
          <Title3 as="h2" id="andra-namnder" tabIndex={-1}>
            Andra nämnder
          </Title3>
          <Text>
            Leverantören har också avtal i nämnder du inte arbetar i. Där visas bara antal.
          </Text>
          <ul className={styles.list}>
            {data.others.map((other) => (
              <li key={other.committeeId}>
                {other.committeeName}: {count(other.contracts, "avtal", "avtal")},{" "}
                {count(other.openDeficiencies, "öppen brist", "öppna brister")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
