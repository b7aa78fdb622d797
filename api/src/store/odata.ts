/**
 * OData filter values are built here and nowhere else: strings are quoted
 * with doubled single quotes, so user input can never end a literal early
 * (`x' or 1 eq 1`), and field names are checked against a strict pattern.
 */

export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`not a field name: ${name}`);
  return `fields/${name}`;
}

export type ODataValue = string | number | boolean;

function literal(value: ODataValue): string {
  if (typeof value === "string") return odataString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("not a finite number");
    return String(value);
  }
  return value ? "true" : "false";
}

export const where = {
  eq: (name: string, value: ODataValue) => `${field(name)} eq ${literal(value)}`,
  ne: (name: string, value: ODataValue) => `${field(name)} ne ${literal(value)}`,
  ge: (name: string, value: ODataValue) => `${field(name)} ge ${literal(value)}`,
  le: (name: string, value: ODataValue) => `${field(name)} le ${literal(value)}`,
  startsWith: (name: string, value: string) => `startswith(${field(name)},${odataString(value)})`,
  and: (...parts: string[]) =>
    parts
      .filter((part) => part !== "")
      .map((part) => `(${part})`)
      .join(" and "),
  or: (...parts: string[]) => parts.map((part) => `(${part})`).join(" or "),
};

/** A date-only value as stored: noon UTC, so no time zone moves it to another day. */
export function dateValue(date: string): string {
  return `${date}T12:00:00Z`;
}
