import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { Items, ReportInput, ReportMade, ReportRecord } from "../../types.ts";

export const TYPE_LABELS = {
  namnd: "Nämndens redovisning av strategiska avtal",
  ks: "Kommunstyrelsens sammanställning",
  plan: "Uppföljningsplan",
  uppstart: "Protokoll från uppstartsmöte",
  aterkoppling: "Återkoppling till utföraren",
} as const;

export const typeLabel = (type: string): string =>
  new Map(Object.entries(TYPE_LABELS)).get(type) ?? type;

/** The nämnd's report drafts, making a new one, and saving files with the sign-in token. */
export function useReports() {
  const { api, committee, announce } = useApp();
  const [busy, setBusy] = useState<string>();
  const [result, setResult] = useState<ReportMade>();
  const [error, setError] = useState<ApiError>();
  const reports = useLoad(
    () =>
      committee
        ? api.get<Items<ReportRecord>>(`/api/reports?committeeId=${committee.id}`)
        : Promise.resolve({ items: [] }),
    `${committee?.id}`,
  );

  const generate = async (body: ReportInput, label: string) => {
    setBusy(label);
    setError(undefined);
    setResult(undefined);
    announce(`${label} tas fram …`);
    try {
      const generated = await api.post<ReportMade>("/api/reports", body);
      setResult(generated);
      announce(generated.message);
      reports.reload();
    } catch (failure) {
      if (failure instanceof ApiError) {
        setError(failure);
        announce(failure.problem.detail);
      }
    } finally {
      setBusy(undefined);
    }
  };

  /** Fetches a file with the sign-in token and hands it to the browser to save. */
  const save = async (path: string, fileName: string) => {
    let file: Blob;
    try {
      file = await api.blob(path);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
      return;
    }
    const url = URL.createObjectURL(file);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    anchor.click();
    URL.revokeObjectURL(url);
    announce(`${fileName} är nedladdad.`);
  };
  const download = (report: ReportRecord) =>
    save(`/api/reports/${report.id}/content`, `${report.title}.docx`);

  return { reports, busy, result, error, generate, save, download };
}
