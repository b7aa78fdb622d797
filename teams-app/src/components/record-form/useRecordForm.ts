import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { readDraft, removeDraft, writeDraft } from "../../drafts.ts";
import type { HistoryEntry } from "../../types.ts";
import {
  type Draft,
  type FieldError,
  type FieldSpec,
  missingFields,
  valuesToSend,
  withValue,
} from "./fields.ts";

export interface RecordFormProps<T> {
  fields: FieldSpec<T>[];
  initial: Draft<T>;
  /** The version the form was loaded from (undefined for a new record). */
  etag?: string | undefined;
  /** Names this form's draft, kept in the browser so a reload does not lose typed text. */
  draftKey: string;
  save: (values: Draft<T>, etag: string | undefined) => Promise<{ etag: string }>;
  /** The record's change history, to say who saved the other version and when. */
  history?: () => Promise<HistoryEntry[]>;
  /**
   * The stored version as the form's values, with its ETag: read when someone
   * else saved first (412), for the conflict dialog. (The 412's own copy is
   * the API's shape, which is not always the form's: a contract's providers.)
   */
  stored?: () => Promise<{ values: Draft<T>; etag: string }>;
  submitLabel: string;
  /** The confirmation shown after a successful save. */
  savedMessage?: string;
  onSaved: (saved: { etag: string }) => void;
  onCancel?: () => void;
  readOnly?: boolean;
}

export interface Conflict<T> {
  theirs: Draft<T>;
  etag: string;
  who: string | undefined;
  when: string | undefined;
}

interface StoredDraft {
  values: object;
  etag: string | undefined;
  savedAt: string;
}

function isStoredDraft(value: unknown): value is StoredDraft {
  return (
    typeof value === "object" &&
    value !== null &&
    "values" in value &&
    typeof value.values === "object" &&
    value.values !== null &&
    "savedAt" in value &&
    typeof value.savedAt === "string"
  );
}

/** The form's state: values, checks before saving, the draft, save and the conflict on 412. */
export function useRecordForm<T>(props: RecordFormProps<T>) {
  const { setDirty, announce, notify, me } = useApp();
  const draftStorageKey = `avtalsuppfoljning.draft.${me.user.id}.${props.draftKey}`;
  const [restored] = useState(() => {
    const text = readDraft(draftStorageKey);
    try {
      const value: unknown = text ? JSON.parse(text) : undefined;
      return isStoredDraft(value) ? value : undefined;
    } catch {
      return undefined;
    }
  });
  const [values, setValues] = useState<Draft<T>>(() =>
    // A draft kept from before a reload: the person's own typing, restored as it was.
    restored ? { ...props.initial, ...(restored.values as Draft<T>) } : props.initial,
  );
  const [base, setBase] = useState<Draft<T>>(props.initial);
  const [etag, setEtag] = useState(restored ? (restored.etag ?? props.etag) : props.etag);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict<T>>();
  const [restoredAt, setRestoredAt] = useState(restored?.savedAt);
  const [dirty, setLocalDirty] = useState(restored !== undefined);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusRound, setFocusRound] = useState(0);

  const discardDraft = useCallback(() => removeDraft(draftStorageKey), [draftStorageKey]);

  useEffect(() => {
    setDirty(dirty, discardDraft);
  }, [dirty, setDirty, discardDraft]);
  useEffect(() => () => setDirty(false), [setDirty]);

  // The refused save's message is where the person looks: focused, and so scrolled into view.
  useEffect(() => {
    if (focusRound > 0) summaryRef.current?.focus();
  }, [focusRound]);

  const set = (name: keyof T, value: unknown) => {
    setValues((previous) => {
      const next = withValue(previous, name, value);
      writeDraft(
        draftStorageKey,
        JSON.stringify({ values: next, etag, savedAt: new Date().toISOString() }),
      );
      return next;
    });
    setLocalDirty(true);
  };

  const refuse = (fieldErrors: FieldError[], failure: ApiError) => {
    setErrors(fieldErrors);
    setProblem(failure);
    announce(failure.problem.detail);
    setFocusRound((round) => round + 1);
  };

  const submit = async (submitted: Draft<T>, version: string | undefined) => {
    const missing = missingFields(props.fields, submitted);
    if (missing.length > 0) {
      refuse(
        missing,
        new ApiError({
          status: 0,
          code: "validation",
          title: "Uppgifter saknas",
          detail:
            missing.length === 1
              ? "En uppgift behöver fyllas i innan du kan spara."
              : `${missing.length} uppgifter behöver fyllas i innan du kan spara.`,
          errors: missing,
        }),
      );
      return;
    }
    setSaving(true);
    setErrors([]);
    setProblem(undefined);
    try {
      const saved = await props.save(valuesToSend(props.fields, submitted), version);
      discardDraft();
      setLocalDirty(false);
      setRestoredAt(undefined);
      setEtag(saved.etag);
      setBase(submitted);
      setDirty(false);
      notify(props.savedMessage ?? "Sparat.");
      props.onSaved(saved);
    } catch (failure) {
      const [stored, history] =
        failure instanceof ApiError && failure.status === 412
          ? await Promise.all([
              props.stored?.().catch(() => undefined),
              props.history?.().catch(() => []),
            ])
          : [];
      if (stored) {
        const latest = history?.[0];
        setConflict({
          theirs: stored.values,
          etag: stored.etag,
          who: latest?.modifiedBy || undefined,
          when: latest?.modified,
        });
      } else if (failure instanceof ApiError) {
        refuse(failure.problem.errors ?? [], failure);
      } else {
        throw failure;
      }
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(values, etag);
  };

  const restart = () => {
    discardDraft();
    setValues(base);
    setEtag(props.etag);
    setRestoredAt(undefined);
    setLocalDirty(false);
    setErrors([]);
    setProblem(undefined);
  };

  return {
    values,
    base,
    set,
    errors,
    problem,
    saving,
    dirty,
    restoredAt,
    summaryRef,
    onSubmit,
    restart,
    conflict,
    resolveConflict: (merged: Draft<T>) => {
      const current = conflict;
      if (!current) return;
      setConflict(undefined);
      setBase(current.theirs);
      setValues(merged);
      void submit(merged, current.etag);
    },
    useTheirs: () => {
      const current = conflict;
      if (!current) return;
      setConflict(undefined);
      discardDraft();
      setValues(current.theirs);
      setBase(current.theirs);
      setEtag(current.etag);
      setLocalDirty(false);
      announce("Den sparade versionen är inläst.");
    },
    closeConflict: () => setConflict(undefined),
  };
}
