import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Select,
  Switch,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import type { Person } from "../types.ts";
import { ConflictDialog } from "./ConflictDialog.tsx";

/**
 * One form for the nämnd's records: fields from a declaration, server
 * validation messages on the fields, unsaved-changes warning, and the
 * conflict dialog when someone else saved first (412).
 */

export type FieldKind =
  | "text"
  | "textarea"
  | "date"
  | "select"
  | "boolean"
  | "number"
  | "person"
  | "checkboxes";

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: Array<{ value: string; label: string }>;
  people?: Person[];
  required?: boolean;
  hint?: string;
  /** Only shown when this returns true for the current values. */
  visible?: (values: Values) => boolean;
}

export type Values = Record<string, unknown>;

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "760px" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  checkboxes: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});

/** Empty optional inputs are left out, so the server keeps them unset. */
export function cleanValues(fields: FieldSpec[], values: Values): Values {
  const result: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const spec = fields.find((field) => field.name === key);
    if (
      spec &&
      (spec.kind === "date" || spec.kind === "person") &&
      (value === "" || value === undefined || value === null)
    )
      continue;
    if (spec?.kind === "number") {
      if (value === "" || value === undefined || value === null) continue;
      result[key] = Number(value);
      continue;
    }
    result[key] = value;
  }
  return result;
}

function FieldInput({
  spec,
  value,
  onChange,
  disabled,
}: {
  spec: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
}) {
  const styles = useStyles();
  switch (spec.kind) {
    case "textarea":
      return (
        <Textarea
          value={String(value ?? "")}
          onChange={(_event, data) => onChange(data.value)}
          resize="vertical"
          rows={3}
          disabled={disabled}
        />
      );
    case "date":
      return (
        <Input
          type="date"
          value={String(value ?? "")}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        />
      );
    case "number":
      return (
        <Input
          type="number"
          inputMode="numeric"
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        />
      );
    case "select":
      return (
        <Select
          value={String(value ?? "")}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        >
          {spec.required ? null : <option value="">(ingen)</option>}
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      );
    case "boolean":
      return (
        <Switch
          checked={value === true}
          onChange={(_event, data) => onChange(data.checked)}
          disabled={disabled}
          label={value === true ? "Ja" : "Nej"}
        />
      );
    case "person": {
      const person = value as Person | undefined;
      return (
        <Select
          value={person?.id ?? ""}
          onChange={(_event, data) =>
            onChange(spec.people?.find((candidate) => candidate.id === data.value))
          }
          disabled={disabled}
        >
          <option value="">(ingen vald)</option>
          {spec.people?.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </Select>
      );
    }
    case "checkboxes": {
      const selected = new Set((value as string[] | undefined) ?? []);
      return (
        <div className={styles.checkboxes}>
          {spec.options?.map((option) => (
            <Checkbox
              key={option.value}
              label={option.label}
              checked={selected.has(option.value)}
              disabled={disabled}
              onChange={(_event, data) => {
                const next = new Set(selected);
                if (data.checked) next.add(option.value);
                else next.delete(option.value);
                onChange(
                  spec.options
                    ?.filter((candidate) => next.has(candidate.value))
                    .map((candidate) => candidate.value),
                );
              }}
            />
          ))}
        </div>
      );
    }
    default:
      return (
        <Input
          value={String(value ?? "")}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        />
      );
  }
}

export interface RecordFormProps {
  fields: FieldSpec[];
  initial: Values;
  /** Saves; `etag` is the version the form was loaded from (undefined for new records). */
  save: (values: Values, etag: string | undefined) => Promise<{ etag: string } & Values>;
  etag?: string;
  submitLabel: string;
  onSaved: (saved: Values & { etag: string }) => void;
  onCancel?: () => void;
  readOnly?: boolean;
  extra?: ReactNode;
  /** Renders above the fields, with the current values and a setter (e.g. the classification matrix). */
  renderTop?: (
    values: Values,
    set: (name: string, value: unknown) => void,
    error: ApiError | undefined,
  ) => ReactNode;
}

export function RecordForm(props: RecordFormProps) {
  const styles = useStyles();
  const { setDirty, announce } = useApp();
  const [values, setValues] = useState<Values>(props.initial);
  const [etag, setEtag] = useState(props.etag);
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Values>();
  const [dirty, setLocalDirty] = useState(false);
  const formId = useId();

  useEffect(() => () => setDirty(false), [setDirty]);

  const set = (name: string, value: unknown) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setLocalDirty(true);
    setDirty(true);
  };

  const submit = async (submitted: Values, version: string | undefined) => {
    setSaving(true);
    setError(undefined);
    try {
      const saved = await props.save(cleanValues(props.fields, submitted), version);
      setDirty(false);
      setLocalDirty(false);
      setEtag(saved.etag);
      announce("Sparat.");
      props.onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412 && failure.problem.current) {
        setConflict(failure.problem.current as Values);
      } else if (failure instanceof ApiError) {
        setError(failure);
        announce(failure.problem.detail);
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

  const visibleFields = props.fields.filter((field) => !field.visible || field.visible(values));
  return (
    <form
      className={styles.form}
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? `${formId}-error` : undefined}
    >
      {error ? (
        <MessageBar intent="error" id={`${formId}-error`} role="alert">
          <MessageBarBody>
            <MessageBarTitle>{error.problem.title}</MessageBarTitle>
            {error.problem.detail}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {props.renderTop?.(values, set, error)}
      {visibleFields.map((field) => {
        const message = error?.fieldMessage(field.name);
        return (
          <Field
            key={field.name}
            label={field.label}
            required={field.required}
            hint={field.hint}
            validationState={message ? "error" : "none"}
            validationMessage={message}
          >
            <FieldInput
              spec={field}
              value={values[field.name]}
              onChange={(value) => set(field.name, value)}
              disabled={props.readOnly === true || saving}
            />
          </Field>
        );
      })}
      {props.extra}
      {props.readOnly ? null : (
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={saving}>
            {saving ? "Sparar …" : props.submitLabel}
          </Button>
          {props.onCancel ? (
            <Button
              onClick={() => {
                if (dirty && !window.confirm("Vill du kasta dina ändringar?")) return;
                setDirty(false);
                props.onCancel?.();
              }}
            >
              Avbryt
            </Button>
          ) : null}
        </div>
      )}
      {conflict ? (
        <ConflictDialog
          fields={props.fields}
          mine={values}
          theirs={conflict}
          onUseTheirs={() => {
            setValues(conflict);
            setEtag(String(conflict.etag));
            setConflict(undefined);
            setDirty(false);
            setLocalDirty(false);
            announce("Den sparade versionen är inläst.");
          }}
          onKeepMine={() => {
            const version = String(conflict.etag);
            setConflict(undefined);
            void submit(values, version);
          }}
          onCancel={() => setConflict(undefined)}
        />
      ) : null}
    </form>
  );
}
