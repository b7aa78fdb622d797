import { useRef, useState } from "react";
import {
  checkFileName,
  checkSize,
  EVIDENCE_MAX_BYTES,
} from "../../../../api/src/domain/evidence.ts";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { EvidenceItem, Items } from "../../types.ts";

/**
 * A record's evidence: its files, and sending one with progress. The file's
 * name, type and size are checked here with the server's own rules
 * (domain/evidence.ts, a pure module), so a refused file is explained
 * before a byte is sent; the server checks again.
 */
export function useEvidence({
  path,
  onChanged,
}: {
  /** The record's API path, e.g. /api/follow-ups/12. */
  path: string;
  /** After a file is added or removed (the record's history shows it). */
  onChanged: () => void;
}) {
  const { api } = useApp();
  const [round, setRound] = useState(0);
  const files = useLoad(
    () => api.get<Items<EvidenceItem>>(`${path}/evidence`).then((result) => result.items),
    `${path}|${round}`,
  );
  /** Share sent (0–1) while a file is on its way. */
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  const changed = () => {
    setRound((value) => value + 1);
    onChanged();
  };

  const send = async (file: File) => {
    setProblem(undefined);
    setDone(undefined);
    const name = checkFileName(file.name);
    const refusal = name.ok ? checkSize(file.size, EVIDENCE_MAX_BYTES) : name.refusal;
    if (refusal) {
      setProblem(refusal.message);
      return;
    }
    setProgress(0);
    try {
      const added = await api.upload<EvidenceItem>(
        `${path}/evidence?name=${encodeURIComponent(file.name)}`,
        file,
        setProgress,
      );
      setDone(`${added.name} är bifogad.`);
      changed();
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.problem.detail : String(failure));
    } finally {
      setProgress(undefined);
      // The same file may be chosen again (after a fix, or by mistake to see the message).
      if (input.current) input.current.value = "";
    }
  };

  const download = async (file: EvidenceItem) => {
    setProblem(undefined);
    try {
      const blob = await api.blob(`${path}/evidence/${encodeURIComponent(file.id)}/content`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.problem.detail : String(failure));
    }
  };

  return {
    files,
    progress,
    problem,
    done,
    input,
    send,
    download,
    removed: (file: EvidenceItem) => {
      setDone(`${file.name} är borttagen.`);
      changed();
    },
  };
}
