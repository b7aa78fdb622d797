import { useState } from "react";
import { ApiError } from "../api.ts";

/** What saving said, in the form's message bar. */
export interface SaveNotice {
  intent: "success" | "error" | "warning" | "info";
  title: string;
  text: string;
}

export interface EtagSaveOptions<Stored extends object | undefined, Field extends string> {
  /** The draft of the values stored now (undefined while they load): the form shows it until changed. */
  stored: Stored;
  /** The form's fields in the screen's order: the API's errors are kept for these, the first gets the focus. */
  fields: readonly Field[];
  /** What a save that went through says. */
  saved: SaveNotice;
  /** What a save refused because someone else saved first says. */
  conflict: SaveNotice;
  /** The title of a refusal's notice where the screen has its own; else the API's title. */
  refusedTitle?: string;
}

/** What follows one save's answer. */
export interface SaveAnswer<Saved> {
  /** The save went through: the stored values, read again or taken from `answer`. */
  saved: (answer: Saved) => void;
  /**
   * Answers whether `failure` says someone else saved first, and if so has
   * the stored values read again. Any other refusal is told with its field errors.
   */
  conflict: (failure: ApiError) => boolean;
}

/** A conflict told by one of `statuses`; the stored values are then read again with `readAgain`. */
export function conflictOn(statuses: readonly number[], readAgain: () => void) {
  return (failure: ApiError): boolean => {
    if (!statuses.includes(failure.status)) return false;
    readAgain();
    return true;
  };
}

/**
 * A form saved at the version read (If-Match): the person's draft over the
 * stored values, errors by field, what saving said, and the sending. The
 * draft outlives a refusal: after a conflict the stored values are shown
 * (read again) while the draft stays to be saved again; after a 400 the
 * API's messages stand at their fields.
 */
export function useEtagSave<Stored extends object | undefined, Field extends string>(
  options: EtagSaveOptions<Stored, Field>,
) {
  const [edited, setEdited] = useState<NonNullable<Stored>>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [notice, setNotice] = useState<SaveNotice>();
  const [saving, setSaving] = useState(false);
  const draft = edited ?? options.stored;

  const firstWithError = (found: Partial<Record<Field, string>>): Field | undefined =>
    options.fields.find((field) => found[field]);

  /**
   * The draft changed (at `field`): what the API said about that field goes,
   * and so does a success or an error; a warning or a hint stays.
   */
  const change = (next: Partial<NonNullable<Stored>>, field?: Field) => {
    if (!draft) return;
    setEdited({ ...draft, ...next });
    if (field && errors[field]) setErrors({ ...errors, [field]: undefined });
    if (notice?.intent === "success" || notice?.intent === "error") setNotice(undefined);
  };

  /** Shows the problems found before sending in place of the errors shown; answers the first field with one. */
  const showProblems = (found: Partial<Record<Field, string>>): Field | undefined => {
    setErrors(found);
    return firstWithError(found);
  };

  /** Sends with `request` (at the version read); answers the field to focus when the API refused it. */
  const send = async <Saved>(
    request: () => Promise<Saved>,
    then: SaveAnswer<Saved>,
  ): Promise<Field | undefined> => {
    setSaving(true);
    try {
      const answer = await request();
      setEdited(undefined);
      setErrors({});
      setNotice(options.saved);
      then.saved(answer);
      return undefined;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (then.conflict(failure)) {
        setNotice(options.conflict);
        return undefined;
      }
      const found: Partial<Record<Field, string>> = {};
      for (const error of failure.problem.errors ?? []) {
        const field = options.fields.find((name) => name === error.field);
        if (field) found[field] ??= error.message;
      }
      setErrors(found);
      setNotice({
        intent: "error",
        title: options.refusedTitle ?? failure.problem.title,
        text: failure.problem.detail,
      });
      return firstWithError(found);
    } finally {
      setSaving(false);
    }
  };

  return {
    draft,
    errors,
    notice,
    saving,
    change,
    showProblems,
    send,
    setEdited,
    setErrors,
    setNotice,
  };
}
