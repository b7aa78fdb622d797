import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDateTime } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { ReportRecord } from "../types.ts";

const TYPE_LABELS: Record<string, string> = {
  namnd: "Nämndens redovisning av strategiska avtal",
  ks: "Kommunstyrelsens sammanställning",
  plan: "Uppföljningsplan",
  uppstart: "Protokoll från uppstartsmöte",
  aterkoppling: "Återkoppling till utföraren",
};

export function Reports() {
  const { api, committee } = useApp();
  const reports = useLoad(
    () =>
      committee
        ? api.get<{ items: ReportRecord[] }>(`/api/reports?committeeId=${committee.id}`)
        : Promise.resolve({ items: [] }),
    `${committee?.id}`,
  );
  return (
    <>
      <PageHeader
        title="Rapporter"
        description="Rapportutkast i nämndens dokumentbibliotek. Öppna utkastet i Word, gör det färdigt och diarieför det."
      />
      {reports.error ? <ErrorMessage error={reports.error} onRetry={reports.reload} /> : null}
      {!reports.data && !reports.error ? <LoadingSkeleton /> : null}
      {reports.data && reports.data.items.length === 0 ? (
        <EmptyState title="Inga rapportutkast ännu">
          När perioden är slut skapas nämndens redovisning här som ett Word-utkast i nämndens
          bibliotek.
        </EmptyState>
      ) : null}
      {reports.data && reports.data.items.length > 0 ? (
        <Table aria-label="Rapportutkast" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Rapport</TableHeaderCell>
              <TableHeaderCell>Typ</TableHeaderCell>
              <TableHeaderCell>Period</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Skapad</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {reports.data.items.map((report) => (
              <TableRow key={report.id}>
                <TableCell>
                  {report.webUrl ? (
                    <Link href={report.webUrl} target="_blank" rel="noopener">
                      {report.title}
                    </Link>
                  ) : (
                    report.title
                  )}
                </TableCell>
                <TableCell>{TYPE_LABELS[report.reportType] ?? report.reportType}</TableCell>
                <TableCell>{report.period}</TableCell>
                <TableCell>{report.status}</TableCell>
                <TableCell>{formatDateTime(report.generatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
