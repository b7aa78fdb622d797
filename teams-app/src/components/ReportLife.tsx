import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import type { ReportLifeAnswer, ReportLifeInput, ReportRecord } from "../types.ts";
import { ErrorMessage } from "./Feedback.tsx";

/**
 * A report's life in the Rapporter list: its status, "Klar för nämnd" for
 * the nämnd's members, and for the nämnd's secretary the decision (date, §,
 * diarienummer). The server checks the same rules and the ETag.
 */

const STATUS_LABELS: Record<ReportRecord["status"], string> = {
  utkast: "Utkast",
  "klar för nämnd": "Klar för nämnd",
  beslutad: "Beslutad",
};

const useStyles = makeStyles({
  cell: { display: "grid", gap: tokens.spacingVerticalXS, justifyItems: "start" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))",
    alignItems: "end",
  },
});

export function reportStatusText(report: ReportRecord): string {
  if (report.status !== "beslutad") return STATUS_LABELS[report.status];
  const paragraph = report.paragraph ? ` § ${report.paragraph}` : "";
  return `Beslutad ${report.decisionDate ?? ""}${paragraph}`.trim();
}

export function ReportLife({
  report,
  canWrite,
  canDecide,
  onChanged,
}: {
  report: ReportRecord;
  canWrite: boolean;
  canDecide: boolean;
  onChanged: (report: ReportRecord) => void;
}) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const formId = useId();
  const [deciding, setDeciding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [decision, setDecision] = useState({
    decisionDate: report.decisionDate ?? "",
    paragraph: report.paragraph,
    registryNumber: report.registryNumber,
  });

  const save = async (body: ReportLifeInput, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.patch<ReportLifeAnswer>(
        `/api/reports/${report.id}`,
        body,
        report.etag,
      );
      announce(done);
      setDeciding(false);
      onChanged(saved);
    } catch (failure) {
      if (failure instanceof ApiError) {
        setError(failure);
        announce(failure.problem.detail);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.cell}>
      <Text>{reportStatusText(report)}</Text>
      {report.status === "beslutad" && report.registryNumber ? (
        <Text size={200}>Dnr {report.registryNumber}</Text>
      ) : null}
      <div className={styles.actions}>
        {canWrite && report.status === "utkast" ? (
          <Button
            size="small"
            disabled={busy}
            onClick={() =>
              save({ status: "klar för nämnd" }, `${report.title} är klar för nämnden.`)
            }
          >
            Klar för nämnd
          </Button>
        ) : null}
        {canWrite && report.status === "klar för nämnd" ? (
          <Button
            size="small"
            disabled={busy}
            onClick={() => save({ status: "utkast" }, `${report.title} är ett utkast igen.`)}
          >
            Tillbaka till utkast
          </Button>
        ) : null}
        {canDecide && report.status !== "utkast" && !deciding ? (
          <Button size="small" disabled={busy} onClick={() => setDeciding(true)}>
            {report.status === "beslutad" ? "Ändra beslut" : "Registrera beslut"}
          </Button>
        ) : null}
      </div>
      {deciding ? (
        <form
          className={styles.form}
          aria-label={`Nämndens beslut om ${report.title}`}
          id={formId}
          onSubmit={(event) => {
            event.preventDefault();
            void save(
              { status: "beslutad", ...decision },
              `Beslutet om ${report.title} är registrerat.`,
            );
          }}
        >
          <Field
            label="Beslutsdatum"
            required
            validationMessage={error?.fieldMessage("decisionDate")}
          >
            <Input
              type="date"
              value={decision.decisionDate}
              onChange={(_event, data) => setDecision({ ...decision, decisionDate: data.value })}
            />
          </Field>
          <Field
            label="Paragraf (§)"
            required
            hint="T.ex. 87"
            validationMessage={error?.fieldMessage("paragraph")}
          >
            <Input
              value={decision.paragraph}
              onChange={(_event, data) => setDecision({ ...decision, paragraph: data.value })}
            />
          </Field>
          <Field
            label="Diarienummer"
            required
            hint="T.ex. VAN 2026/0112"
            validationMessage={error?.fieldMessage("registryNumber")}
          >
            <Input
              value={decision.registryNumber}
              onChange={(_event, data) => setDecision({ ...decision, registryNumber: data.value })}
            />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" size="small" disabled={busy}>
              Spara beslut
            </Button>
            <Button size="small" onClick={() => setDeciding(false)}>
              Avbryt
            </Button>
          </div>
        </form>
      ) : null}
      {error && !deciding ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
