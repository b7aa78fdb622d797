import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useApp } from "../../app-context.ts";
import { formatDateTime } from "../../format.ts";
import { ConflictDialog } from "../ConflictDialog.tsx";
import { ErrorSummary } from "./ErrorSummary.tsx";
import { FieldInput } from "./FieldInput.tsx";
import { type Draft, type FieldError, fieldValue, isRequired, isShown } from "./fields.ts";
import { ReadOnlyRecord } from "./ReadOnlyRecord.tsx";
import { useRecordFormStyles } from "./RecordForm.styles.ts";
import { type RecordFormProps, useRecordForm } from "./useRecordForm.ts";

export type { RecordFormProps } from "./useRecordForm.ts";

/**
 * One form for the nämnd's records: fields from a declaration over the
 * record type, required fields checked before saving, the server's messages
 * at the fields and in a summary that takes the focus, a visible
 * confirmation, a draft that survives a reload, the unsaved-changes guard,
 * and the conflict dialog when someone else saved first (412).
 */
export function RecordForm<T>(
  props: RecordFormProps<T> & {
    extra?: ReactNode;
    /** Renders above the fields, with the current values, a setter and the field errors (e.g. the classification matrix). */
    renderTop?: (
      values: Draft<T>,
      set: (name: keyof T, value: unknown) => void,
      errorFor: (field: string) => string | undefined,
    ) => ReactNode;
  },
) {
  const styles = useRecordFormStyles();
  const { guard } = useApp();
  const form = useRecordForm(props);
  const { values } = form;
  const errorFor = (field: string) =>
    form.errors.find(
      (error: FieldError) => error.field === field || error.field.startsWith(`${field}.`),
    )?.message;
  const labelOf = (field: string) =>
    props.fields.find((spec) => field === spec.name || field.startsWith(`${spec.name}.`))?.label;
  const goTo = (field: string) => {
    const container = document.querySelector<HTMLElement>(
      `[data-field="${CSS.escape(field.split(".", 1)[0] ?? field)}"]`,
    );
    container?.querySelector<HTMLElement>("input, textarea, select, button")?.focus();
  };
  const disabled = form.saving;
  if (props.readOnly)
    return (
      <>
        {props.renderTop?.(values, form.set, errorFor)}
        <ReadOnlyRecord fields={props.fields} values={values} />
        {props.extra}
      </>
    );

  return (
    <form className={styles.form} onSubmit={form.onSubmit} noValidate>
      {form.problem ? (
        <ErrorSummary
          problem={form.problem}
          errors={form.errors}
          labelOf={labelOf}
          onGoTo={goTo}
          summaryRef={form.summaryRef}
        />
      ) : null}
      {form.restoredAt ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            Dina osparade ändringar från {formatDateTime(form.restoredAt)} är återställda. Spara
            dem, eller börja om från den sparade versionen.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={form.restart}>Börja om</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {props.renderTop?.(values, form.set, errorFor)}
      {props.fields
        .filter((spec) => isShown(spec, values) && !spec.custom)
        .map((spec) => {
          const message = errorFor(spec.name);
          const required = isRequired(spec, values);
          return (
            <div key={spec.name} data-field={spec.name} className={styles.field}>
              <Field
                label={spec.label}
                required={required}
                hint={spec.hint}
                validationState={message ? "error" : "none"}
                validationMessage={message}
              >
                <FieldInput
                  spec={spec}
                  value={fieldValue(values, spec.name)}
                  required={required}
                  onChange={(value) => form.set(spec.name, value)}
                  disabled={disabled}
                />
              </Field>
            </div>
          );
        })}
      {props.extra}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={form.saving}>
          {form.saving ? "Sparar …" : props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button onClick={() => guard(() => props.onCancel?.())}>Avbryt</Button>
        ) : null}
      </div>
      {form.conflict ? (
        <ConflictDialog
          fields={props.fields}
          base={form.base}
          mine={values}
          theirs={form.conflict.theirs}
          who={form.conflict.who}
          when={form.conflict.when}
          onResolve={form.resolveConflict}
          onUseTheirs={form.useTheirs}
          onCancel={form.closeConflict}
        />
      ) : null}
    </form>
  );
}
