import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import type { ReportInput, ReportMade } from "../types.ts";
import { DraftMade } from "./DraftMade.tsx";
import { ErrorMessage } from "./Feedback.tsx";

/**
 * The Word drafts that belong to one record: the minutes on a kickoff
 * meeting, a feedback letter per provider on a follow-up. Each button makes
 * one draft in the nämnd's library and links to it.
 */

export interface DraftButton {
  label: string;
  /** The body of `POST /api/reports`. */
  request: ReportInput;
}

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function ReportButtons({ title, drafts }: { title: string; drafts: DraftButton[] }) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const [busy, setBusy] = useState<string>();
  const [made, setMade] = useState<ReportMade>();
  const [error, setError] = useState<ApiError>();

  const make = async (draft: DraftButton) => {
    setBusy(draft.label);
    setError(undefined);
    setMade(undefined);
    announce(`${draft.label} tas fram …`);
    try {
      const result = await api.post<ReportMade>("/api/reports", draft.request);
      setMade(result);
      announce(result.message);
    } catch (failure) {
      if (failure instanceof ApiError) {
        setError(failure);
        announce(failure.problem.detail);
      }
    } finally {
      setBusy(undefined);
    }
  };

  if (drafts.length === 0) return null;
  return (
    <section className={styles.section} aria-label={title}>
      <div className={styles.buttons}>
        {drafts.map((draft) => (
          <Button key={draft.label} disabled={busy !== undefined} onClick={() => make(draft)}>
            {draft.label}
          </Button>
        ))}
      </div>
      {made ? <DraftMade made={made} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
