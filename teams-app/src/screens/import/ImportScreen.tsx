import {
  Button,
  Field,
  Label,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Text,
  Title3,
  useId,
} from "@fluentui/react-components";
import { type ChangeEvent, useState } from "react";
import { ApiError, type Problem } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { DataList } from "../../components/data-list/DataList.tsx";
import { ErrorMessage, NoCommittee } from "../../components/Feedback.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useImportStyles } from "./ImportScreen.styles.ts";
import {
  cellText,
  choicesOf,
  DONE,
  type ImportInput,
  type ImportLine,
  type ImportPreview,
  type ImportReport,
  type ImportResultInput,
  INTERRUPTED,
  PLANNED,
  type RowAction,
  type RowReport,
  readAsBase64,
  type SheetChoice,
  type UploadedFile,
} from "./import-types.ts";
import { MappingEditor } from "./MappingEditor.tsx";

type Shown = "changes" | "all";

const MAX_LISTED = 500;
/** Rows from which SharePoint's minute budget, not the app, sets the pace (2 RU per write). */
const LARGE_IMPORT = 800;

/**
 * Bringing the nämnd's existing register in: choose a file → the proposed
 * mapping, which the person may change → a preview of every row (what will
 * be created, updated, left unchanged or refused, and why) → import → the
 * result, downloadable as Excel.
 */
export function ImportScreen() {
  const styles = useImportStyles();
  const { api, me, committee, announce, setDirty } = useApp();
  // The register, and optionally a second file with last period's follow-ups and deficiencies.
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [preview, setPreview] = useState<ImportPreview>();
  const [choices, setChoices] = useState<SheetChoice[]>([]);
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState<"preview" | "import">();
  const [result, setResult] = useState<ImportReport>();
  const [error, setError] = useState<ApiError>();
  const [shown, setShown] = useState<Shown>("changes");
  const [progress, setProgress] = useState<{ done: number; total: number }>();

  if (!committee) return <NoCommittee />;
  if (!me.roles.klk && !committee.canDecide) {
    return (
      <>
        <PageHeader title="Importera avtal" />
        <MessageBar intent="info">
          <MessageBarBody>
            Avtal importeras av nämndens sekreterare eller av kommunledningskontoret.
          </MessageBarBody>
        </MessageBar>
      </>
    );
  }

  const fail = (failure: unknown) => {
    if (!(failure instanceof ApiError)) throw failure;
    setError(failure);
    announce(failure.problem.detail);
  };

  const askPreview = async (uploaded: UploadedFile[], mapping?: SheetChoice[]) => {
    setBusy("preview");
    setError(undefined);
    setResult(undefined);
    announce("Filen läses och jämförs med registret …");
    try {
      const body: ImportInput = {
        committeeId: committee.id,
        files: uploaded,
        ...(mapping ? { choices: mapping } : {}),
      };
      const answer = await api.post<ImportPreview>("/api/imports/preview", body);
      setPreview(answer);
      setChoices(choicesOf(answer.report.sheets));
      setEdited(false);
      setDirty(true);
      announce(summary(answer.report, PLANNED));
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(undefined);
    }
  };

  /** The register file (slot 0) or the history file (slot 1) chosen or changed: preview both afresh. */
  const choose = (slot: 0 | 1) => async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setPreview(undefined);
    const uploaded = { name: chosen.name, content: await readAsBase64(chosen) };
    const next = slot === 0 ? [uploaded, ...files.slice(1)] : [...files.slice(0, 1), uploaded];
    setFiles(next);
    await askPreview(next);
  };

  const runImport = async () => {
    if (files.length === 0) return;
    setBusy("import");
    setError(undefined);
    announce("Importen pågår …");
    setProgress(undefined);
    try {
      let report: ImportReport | undefined;
      let problem: Problem | undefined;
      const body: ImportInput = { committeeId: committee.id, files, choices };
      await api.lines<ImportLine>("/api/imports", body, (line) => {
        if ("progress" in line) setProgress(line.progress);
        if ("report" in line) report = line.report;
        if ("problem" in line) problem = line.problem;
      });
      if (!report) throw new ApiError(problem ?? INTERRUPTED);
      setResult(report);
      setDirty(false);
      announce(`Importen är klar. ${summary(report, DONE)}`);
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(undefined);
    }
  };

  const downloadResult = async () => {
    if (!result) return;
    try {
      const body: ImportResultInput = { committeeId: committee.id, report: result };
      const workbook = await api.blob("/api/imports/result.xlsx", body);
      const url = URL.createObjectURL(workbook);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = `Importresultat ${committee.code}.xlsx`;
      anchor.click();
      URL.revokeObjectURL(url);
      announce("Resultatet är nedladdat.");
    } catch (failure) {
      fail(failure);
    }
  };

  const report = result ?? preview?.report;
  const labels = result ? DONE : PLANNED;
  const rows = report?.rows.filter((row) => shown === "all" || row.action !== "unchanged") ?? [];
  // A register of thousands of rows: the first ones here, every one in the result's Excel file.
  const listed = rows.slice(0, MAX_LISTED);

  return (
    <>
      <PageHeader
        title="Importera avtal"
        description={`För in ${committee.name}s befintliga avtalsregister från Excel (.xlsx) eller CSV. Avtal känns igen på avtalsnumret; befintliga avtal uppdateras bara där filen skiljer sig, och inget tas bort.`}
      />
      <section className={styles.section} aria-labelledby="importera-fil">
        <Title3 as="h2" id="importera-fil">
          1. Välj fil
        </Title3>
        <FileChoice
          label="Fil med avtalsregistret"
          disabled={busy !== undefined}
          onChange={choose(0)}
          hint={`Excel (.xlsx) eller CSV, högst ${preview ? preview.limits.maxFileBytes / 1024 / 1024 : 10} MB och ${(preview?.limits.maxRows ?? 10000).toLocaleString("sv-SE")} rader per blad.`}
        />
        <FileChoice
          label="Förra periodens uppföljningar och brister (valfritt)"
          disabled={busy !== undefined || files.length === 0}
          onChange={choose(1)}
          hint="En egen fil, eller blad i samma Excelfil, med kolumnen Avtalsnummer och uppföljningens period och resultat eller brister med åtgärder. Raderna kopplas till avtalen via avtalsnumret."
        />
      </section>
      {busy ? (
        <Field
          validationMessage={
            busy === "import"
              ? `Importen pågår – ${progress ? `${progress.done} av ${progress.total} rader sparade` : "raderna sparas i registret"}. Stäng inte fliken.${progress && progress.total > LARGE_IMPORT ? " En stor fil tar några minuter: SharePoint begränsar hur många ändringar appen gör per minut, så att andra kan arbeta under tiden." : ""}`
              : "Filen läses och jämförs med registret …"
          }
          validationState="none"
        >
          <ProgressBar
            aria-label={busy === "import" ? "Importen pågår" : "Filen läses"}
            {...(busy === "import" && progress && progress.total > 0
              ? { value: progress.done / progress.total }
              : {})}
          />
        </Field>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {preview && files.length > 0 && !result ? (
        <section className={styles.section} aria-labelledby="importera-koppling">
          <Title3 as="h2" id="importera-koppling">
            2. Kontrollera kolumnerna
          </Title3>
          <Text>
            Kolumnerna är kopplade efter rubrikerna. Ändra det som blev fel; kopplingen sparas för
            nämnden till nästa gång.
          </Text>
          <MappingEditor
            sheets={preview.report.sheets}
            choices={choices}
            fields={preview.choices}
            onChange={(next) => {
              setChoices(next);
              setEdited(true);
            }}
          />
          {edited ? (
            <div className={styles.actions}>
              <Button disabled={busy !== undefined} onClick={() => askPreview(files, choices)}>
                Förhandsgranska med ändrade kolumner
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
      {report ? (
        <section className={styles.section} aria-labelledby="importera-rader">
          <Title3 as="h2" id="importera-rader">
            {result ? "Resultat" : "3. Förhandsgranska och importera"}
          </Title3>
          <MessageBar layout="multiline" intent={result ? "success" : "info"}>
            <MessageBarBody>
              <MessageBarTitle>
                {result ? "Importen är klar" : "Förhandsgranskning"}
              </MessageBarTitle>
              {summary(report, labels)}
            </MessageBarBody>
          </MessageBar>
          {report.unmatchedPeople.length > 0 ? (
            <MessageBar layout="multiline" intent="warning">
              <MessageBarBody>
                <MessageBarTitle>Personer som inte finns i katalogen</MessageBarTitle>
                <ul className={styles.notes}>
                  {report.unmatchedPeople.map((person) => (
                    <li key={person.text}>
                      {person.text} ({person.rows.join(", ")}): {person.reason}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.actions}>
            {result ? (
              <Button appearance="primary" onClick={downloadResult}>
                Ladda ner resultatet (Excel)
              </Button>
            ) : (
              <Button
                appearance="primary"
                disabled={busy !== undefined || edited || report.rows.length === 0}
                onClick={runImport}
              >
                Importera
              </Button>
            )}
            <Field label="Visa rader">
              <Select
                value={shown}
                onChange={(_event, data) => setShown(data.value === "all" ? "all" : "changes")}
              >
                <option value="changes">Nya, ändrade och avvisade</option>
                <option value="all">Alla</option>
              </Select>
            </Field>
          </div>
          {rows.length > listed.length ? (
            <Text>
              Visar de första {listed.length} av {rows.length} raderna.
              {result ? " Alla rader finns i resultatet (Excel)." : ""}
            </Text>
          ) : null}
          <DataList
            label={result ? "Importerade rader" : "Rader i filen"}
            rows={listed}
            rowKey={(row) => `${row.sheet}:${row.row}`}
            columns={[
              {
                key: "rad",
                label: "Rad",
                cell: (row) => `${row.sheet} rad ${row.row}`,
                nowrap: true,
              },
              { key: "nummer", label: "Avtalsnummer", cell: (row) => row.contractNumber },
              { key: "galler", label: "Gäller", cell: (row) => row.label },
              { key: "resultat", label: "Resultat", cell: (row) => labels[row.action] },
              { key: "varfor", label: "Varför", cell: (row) => <RowNotes row={row} /> },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}

function RowNotes({ row }: { row: RowReport }) {
  const styles = useImportStyles();
  if (!row.reason && row.cells.length === 0) return null;
  return (
    <>
      {row.reason ? <Text>{row.reason}</Text> : null}
      {row.cells.length > 0 ? (
        <ul className={styles.notes}>
          {row.cells.map((cell) => (
            <li key={`${cell.column}:${cell.status}`}>{cellText(cell)}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function summary(report: ImportReport, labels: Record<RowAction, string>): string {
  const { created, updated, unchanged, refused } = report.counts;
  return `${labels.created}: ${created}. ${labels.updated}: ${updated}. ${labels.unchanged}: ${unchanged}. ${labels.refused}: ${refused}.`;
}

/** A labelled file input for an Excel or CSV file, with its hint. */
function FileChoice(props: {
  label: string;
  hint: string;
  disabled: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const styles = useImportStyles();
  const id = useId("importfil");
  return (
    <>
      <Label htmlFor={id}>{props.label}</Label>
      <input
        id={id}
        className={styles.file}
        type="file"
        aria-describedby={`${id}-hint`}
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        disabled={props.disabled}
        onChange={props.onChange}
      />
      <Text id={`${id}-hint`} size={200}>
        {props.hint}
      </Text>
    </>
  );
}
