import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";

/** The formats a history is exported in, as the API names them, with what the tab calls them. */
export const EXPORT_FORMATS = [
  { format: "xlsx", label: "Excel (.xlsx)" },
  { format: "pdf", label: "PDF" },
  { format: "docx", label: "Word (.docx)" },
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number]["format"];

/**
 * Exports the history of the record at `path` (e.g. /api/contracts/12) as a
 * file and hands it to the browser to save, with the sign-in token.
 */
export function useHistoryExport(path: string, fileTitle: string) {
  const { api, announce } = useApp();
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<ApiError>();
  const [internal, setInternal] = useState(false);

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    announce("Historiken exporteras …");
    let file: Blob;
    try {
      file = await api.blob(`${path}/history/export?format=${format}&internal=${internal}`);
    } catch (failure) {
      if (failure instanceof ApiError) {
        setError(failure);
        announce(failure.problem.detail);
      }
      return;
    } finally {
      setBusy(undefined);
    }
    const fileName = `${fileTitle.replace(/[\\/:*?"<>|#%]+/g, " ").trim()}.${format}`;
    const url = URL.createObjectURL(file);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    anchor.click();
    URL.revokeObjectURL(url);
    announce(`${fileName} är nedladdad.`);
  };

  return { busy, error, internal, setInternal, exportAs };
}
