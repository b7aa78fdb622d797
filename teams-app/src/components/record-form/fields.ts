import type { Person } from "../../types.ts";

/**
 * A form's fields, declared over the record type T it edits. The form holds
 * a Draft<T>: any field may still be empty or unanswered while the person
 * types; required and conditionally required fields are checked before the
 * server sees anything, and the server checks again.
 */

export type Draft<T> = { [K in keyof T]?: T[K] };

export type FieldKind =
  | "text"
  | "textarea"
  | "date"
  | "select"
  /** Ja/Nej that starts unanswered (a radio group). */
  | "yesno"
  /** An on/off setting with a sensible default. */
  | "switch"
  | "number"
  | "person"
  | "checkboxes";

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec<T> {
  name: keyof T & string;
  label: string;
  kind: FieldKind;
  options?: Option[];
  people?: Person[];
  /** Always required. */
  required?: boolean;
  /** Required once this holds for the current values (marked as required when it does). */
  requiredWhen?: (values: Draft<T>) => boolean;
  hint?: string;
  /** The first, empty choice of a select ("Välj …"). */
  placeholder?: string;
  /** Only shown when this returns true for the current values. */
  visible?: (values: Draft<T>) => boolean;
  /** Drawn by the form's renderTop (e.g. the classification matrix); declared for checks and conflicts. */
  custom?: boolean;
  /**
   * Sent as "" when empty or hidden, which the server takes as none (a link
   * removed, the whole contract rather than one provider): left out, a
   * change would keep the stored value.
   */
  sendEmpty?: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

/** One field's value set, the others kept. */
export function withValue<T>(values: Draft<T>, name: keyof T, value: unknown): Draft<T> {
  // The field's declaration decides what kind of value goes in; the input for that kind produced it.
  return { ...values, [name]: value } as Draft<T>;
}

export function fieldValue<T>(values: Draft<T>, name: keyof T): unknown {
  return values[name];
}

export function isPerson(value: unknown): value is Person {
  return (
    typeof value === "object" &&
    value !== null &&
    "id" in value &&
    "name" in value &&
    typeof value.id === "string" &&
    typeof value.name === "string"
  );
}

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (typeof value === "number" && Number.isNaN(value))
  );
}

export function isShown<T>(field: FieldSpec<T>, values: Draft<T>): boolean {
  return !field.visible || field.visible(values);
}

export function isRequired<T>(field: FieldSpec<T>, values: Draft<T>): boolean {
  return field.required === true || (field.requiredWhen?.(values) ?? false);
}

/** The Swedish words for a required field left empty. */
function missingMessage<T>(field: FieldSpec<T>): string {
  switch (field.kind) {
    case "yesno":
      return `Svara ja eller nej: ${field.label}`;
    case "select":
    case "person":
      return `Välj ${field.label.toLocaleLowerCase("sv")}`;
    default:
      return `Fyll i ${field.label.toLocaleLowerCase("sv")}`;
  }
}

/** Required fields (always or now) that are empty, in the form's order. */
export function missingFields<T>(fields: FieldSpec<T>[], values: Draft<T>): FieldError[] {
  return fields
    .filter((field) => isShown(field, values) && isRequired(field, values))
    .filter((field) => isEmpty(fieldValue(values, field.name)))
    .map((field) => ({ field: field.name, message: missingMessage(field) }));
}

/**
 * What is sent: hidden fields and empty dates, choices, numbers and people
 * are left out (undefined is not sent), so the server keeps them unset; text
 * is sent as typed (the server trims). Fields that say so are sent as ""
 * instead (sendEmpty). Values without a field declaration (e.g. the
 * classification matrix) pass through.
 */
export function valuesToSend<T>(fields: FieldSpec<T>[], values: Draft<T>): Draft<T> {
  let result: Draft<T> = { ...values };
  for (const field of fields) {
    const value = fieldValue(values, field.name);
    const shown = isShown(field, values);
    if (field.sendEmpty && (!shown || isEmpty(value))) result = withValue(result, field.name, "");
    else if (!shown || (isEmpty(value) && field.kind !== "text" && field.kind !== "textarea"))
      result = withValue(result, field.name, undefined);
  }
  return result;
}
