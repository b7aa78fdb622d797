import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  ProgressBar,
  Title3,
} from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../../app-context.ts";
import { DraftMade } from "../../components/DraftMade.tsx";
import { DataList } from "../../components/data-list/DataList.tsx";
import {
  EmptyState,
  ErrorMessage,
  LoadingSkeleton,
  NoCommittee,
} from "../../components/Feedback.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ReportLife } from "../../components/ReportLife.tsx";
import { formatDateTime } from "../../format.ts";
import { useReportsStyles } from "./Reports.styles.ts";
import { TYPE_LABELS, typeLabel, useReports } from "./useReports.ts";

export function Reports() {
  const styles = useReportsStyles();
  const { committee, me } = useApp();
  const [period, setPeriod] = useState("");
  /** The nämnd's remembered choice; generating the report sends (and so remembers) it. */
  const [listEvidence, setListEvidence] = useState(committee?.listsEvidence === true);
  const { reports, busy, result, error, generate, save, download } = useReports();
  if (!committee) return <NoCommittee />;
  return (
    <>
      <PageHeader
        title="Rapporter"
        description="Rapportutkast i nämndens dokumentbibliotek. Öppna utkastet i Word och gör det färdigt; markera det klart för nämnden, och när nämnden har beslutat registrerar nämndsekreteraren beslutet här."
      />
      {committee.canWrite || me.roles.klk ? (
        <section className={styles.section} aria-labelledby="skapa-rapport">
          <Title3 as="h2" id="skapa-rapport">
            Skapa utkast
          </Title3>
          <div className={styles.actions}>
            {committee.canWrite ? (
              <>
                <Field label="Period (tom = senaste avslutade)" hint="T.ex. 2025–2026">
                  <Input value={period} onChange={(_event, data) => setPeriod(data.value)} />
                </Field>
                <Checkbox
                  label="Lista uppföljningarnas underlag under Beslutsunderlag"
                  checked={listEvidence}
                  onChange={(_event, data) => setListEvidence(data.checked === true)}
                />
                <Button
                  appearance="primary"
                  disabled={busy !== undefined}
                  onClick={() =>
                    generate(
                      {
                        type: "namnd",
                        committeeId: committee.id,
                        ...(period.trim() ? { period: period.trim() } : {}),
                        evidence: listEvidence,
                      },
                      TYPE_LABELS.namnd,
                    )
                  }
                >
                  Nämndens redovisning
                </Button>
                <Button
                  disabled={busy !== undefined}
                  onClick={() =>
                    generate({ type: "plan", committeeId: committee.id }, TYPE_LABELS.plan)
                  }
                >
                  Uppföljningsplan
                </Button>
              </>
            ) : null}
            {me.roles.klk ? (
              <Button
                disabled={busy !== undefined}
                onClick={() => generate({ type: "ks" }, TYPE_LABELS.ks)}
              >
                Kommunstyrelsens sammanställning
              </Button>
            ) : null}
          </div>
          {busy ? (
            <Field
              validationMessage={`${busy} tas fram – alla nämnders uppgifter läses in och dokumentet laddas upp.`}
              validationState="none"
            >
              <ProgressBar aria-label={`${busy} tas fram`} />
            </Field>
          ) : null}
          {result ? <DraftMade made={result} /> : null}
          {error ? <ErrorMessage error={error} /> : null}
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="export-rubrik">
        <Title3 as="h2" id="export-rubrik">
          Export
        </Title3>
        <div className={styles.actions}>
          <Button
            onClick={() =>
              save(
                `/api/exports/register.xlsx?committeeId=${committee.id}`,
                `Avtalsregister ${committee.code}.xlsx`,
              )
            }
          >
            Avtalsregistret (Excel)
          </Button>
          <Button
            onClick={() =>
              save(
                `/api/exports/follow-ups.xlsx?committeeId=${committee.id}`,
                `Uppföljningar ${committee.code}.xlsx`,
              )
            }
          >
            Uppföljningar (Excel)
          </Button>
          <Button
            onClick={() =>
              save(
                `/api/exports/reporting-system.csv?committeeId=${committee.id}&system=hypergene`,
                `Hypergene ${committee.code}.csv`,
              )
            }
          >
            Hypergene (CSV)
          </Button>
          <Button
            onClick={() =>
              save(
                `/api/exports/reporting-system.xlsx?committeeId=${committee.id}&system=stratsys`,
                `Stratsys ${committee.code}.xlsx`,
              )
            }
          >
            Stratsys (Excel)
          </Button>
          {me.roles.klk ? (
            <Button
              onClick={() => save("/api/exports/register.xlsx", "Avtalsregister kommunen.xlsx")}
            >
              Hela kommunens register (Excel)
            </Button>
          ) : null}
        </div>
      </section>
      {reports.error ? <ErrorMessage error={reports.error} onRetry={reports.reload} /> : null}
      {!reports.data && !reports.error ? <LoadingSkeleton /> : null}
      {reports.data && reports.data.items.length === 0 ? (
        <EmptyState title="Inga rapportutkast ännu">
          När perioden är slut skapar du nämndens redovisning här; utkastet hamnar i nämndens
          dokumentbibliotek.
        </EmptyState>
      ) : null}
      {reports.data && reports.data.items.length > 0 ? (
        <DataList
          label="Rapportutkast"
          rows={reports.data.items}
          rowKey={(report) => report.id}
          columns={[
            {
              key: "rapport",
              label: "Rapport",
              cell: (report) => (
                <Link href={report.webUrl} target="_blank" rel="noopener">
                  {report.title}
                </Link>
              ),
            },
            {
              key: "typ",
              label: "Typ",
              cell: (report) => typeLabel(report.reportType),
            },
            { key: "period", label: "Period", cell: (report) => report.period },
            {
              key: "status",
              label: "Status",
              cell: (report) => (
                <ReportLife
                  report={report}
                  canWrite={committee.canWrite === true}
                  canDecide={committee.canDecide === true}
                  onChanged={reports.reload}
                />
              ),
            },
            {
              key: "skapad",
              label: "Skapad",
              cell: (report) => formatDateTime(report.generatedAt),
            },
            {
              key: "fil",
              label: "Fil",
              cell: (report) => (
                <Button
                  size="small"
                  onClick={() => download(report)}
                  aria-label={`Ladda ner ${report.title}`}
                >
                  Ladda ner
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
