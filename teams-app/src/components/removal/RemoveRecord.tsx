import { Button } from "@fluentui/react-components";
import { useApp } from "../../app-context.ts";
import { ReasonDialog } from "../reason-dialog/ReasonDialog.tsx";

/**
 * "Ta bort" for a record registered by mistake: a dialog asks why (required),
 * and the record is marked removed — kept, with who, when and why, and
 * restorable by kommunledningskontoret. The server's refusal (e.g. a contract
 * with follow-ups) is shown in the dialog, in its own words.
 */
export function RemoveRecord({
  what,
  path,
  etag,
  onRemoved,
  triggerLabel,
  triggerSize,
  explanation = "Posten försvinner ur listor, rapporter, påminnelser och exporter, men raderas inte: vem som tog bort den, när och varför sparas i historiken, och kommunledningskontoret kan återställa den.",
  reasonLabel = "Varför tas posten bort?",
}: {
  /** "avvikelsen", "avtalet" …, as in "Ta bort avvikelsen?". */
  what: string;
  /** The record's API path, e.g. /api/deviations/12. */
  path: string;
  etag: string;
  onRemoved: () => void;
  /** The button's accessible name where "Ta bort" alone is ambiguous (one per file in a list). */
  triggerLabel?: string;
  /** "small" in a list's row, beside its other small buttons. */
  triggerSize?: "small" | "medium";
  /** What removing means for this kind of thing. */
  explanation?: string;
  reasonLabel?: string;
}) {
  const { api } = useApp();
  return (
    <ReasonDialog
      trigger={
        <Button aria-label={triggerLabel} size={triggerSize}>
          Ta bort
        </Button>
      }
      title={`Ta bort ${what}?`}
      explanation={explanation}
      reasonLabel={reasonLabel}
      submitLabel="Ta bort"
      maxLength={1000}
      check={(reason) => (reason ? undefined : "Skriv varför posten tas bort.")}
      send={(reason) => api.post(`${path}/remove`, { reason }, etag)}
      done={onRemoved}
    />
  );
}
