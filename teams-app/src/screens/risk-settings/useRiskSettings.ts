import { useEffect, useState } from "react";
import { useApp } from "../../app-context.ts";
import { type SaveNotice, useEtagSave } from "../../hooks/use-etag-save.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { RiskSettingsView } from "../../types.ts";
import { draftOf, FIELD_ORDER, type FieldPath, sameDraft, toBody } from "./risk-settings-form.ts";

/** Every error banner of the screen has this title; its text says what to do. */
const NOT_SAVED = "Inställningarna sparades inte";

const SAVED: SaveNotice = {
  intent: "success",
  title: "Sparat",
  text: "Inställningarna är sparade och gäller nu för alla nämnders avtal.",
};

const CONFLICT: SaveNotice = {
  intent: "warning",
  title: "Ändrat av någon annan",
  text: "Inställningarna har ändrats av någon annan sedan du öppnade dem. Dina ändringar finns kvar i formuläret. Spara igen för att låta dem gälla, eller läs in de sparade värdena.",
};

function isSettingsView(value: unknown): value is RiskSettingsView {
  return (
    typeof value === "object" &&
    value !== null &&
    "etag" in value &&
    "matrix" in value &&
    "cadence" in value
  );
}

/**
 * Inställningar's state: the settings as stored, the person's draft (kept
 * through a conflict: only the version it is sent at moves on), field errors
 * from the API by their path, and what saving said.
 */
export function useRiskSettings() {
  const { api, setDirty } = useApp();
  const loaded = useLoad(() => api.get<RiskSettingsView>("/api/settings/risk"), "risk-settings");
  /** The stored version the draft is sent at: after a conflict, the one the API answered with. */
  const [stored, setStored] = useState<RiskSettingsView>();
  const settings = stored ?? loaded.data;
  const form = useEtagSave({
    stored: settings ? draftOf(settings) : undefined,
    fields: FIELD_ORDER,
    saved: SAVED,
    conflict: CONFLICT,
    refusedTitle: NOT_SAVED,
  });
  const { draft, setEdited, setErrors, setNotice } = form;
  const changed = Boolean(settings && draft && !sameDraft(draft, draftOf(settings)));
  /** Someone else saved first: the draft is kept, and the stored values can be taken instead. */
  const conflicted = form.notice === CONFLICT;
  // Leaving with unsaved changes asks first, as every form of the tab does.
  useEffect(() => setDirty(changed), [changed, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  /** The defaults into the draft: seen in the preview, in force once saved. */
  const resetToDefaults = () => {
    if (!settings) return;
    setEdited(draftOf(settings.defaults));
    setErrors({});
    setNotice({
      intent: "info",
      title: "Standardvärdena är ifyllda",
      text: "Formuläret visar nu standardmatrisen och standardtakten. Spara för att de ska gälla.",
    });
  };

  /** The values stored now, the draft dropped (after a conflict). */
  const takeStored = () => {
    setEdited(undefined);
    setErrors({});
    setNotice(undefined);
  };

  /**
   * Sends the draft unless the problems found as it was typed (`live`) stand
   * in the way; answers the field to focus when it could not be saved.
   */
  const save = async (live: Record<FieldPath, string> = {}): Promise<FieldPath | undefined> => {
    if (!settings || !draft) return undefined;
    const made = toBody(draft);
    const local = { ...("errors" in made ? made.errors : {}), ...live };
    if ("errors" in made || Object.keys(live).length > 0) {
      if ("errors" in made) setErrors(made.errors);
      setNotice({ intent: "error", title: NOT_SAVED, text: "Rätta de markerade fälten." });
      return FIELD_ORDER.find((path) => local[path]);
    }
    return form.send(
      () => api.put<RiskSettingsView>("/api/settings/risk", made.body, settings.etag),
      {
        saved: setStored,
        conflict: (failure) => {
          const current = failure.problem.current;
          if (failure.status !== 412 || !isSettingsView(current)) return false;
          // The draft stays as it is; it is now sent at the version stored.
          setStored(current);
          setEdited(draft);
          return true;
        },
      },
    );
  };

  return {
    loaded,
    settings,
    draft,
    changed,
    conflicted,
    errors: form.errors,
    notice: form.notice,
    saving: form.saving,
    change: form.change,
    save,
    resetToDefaults,
    takeStored,
  };
}
