import { graphErrors } from "../errors.ts";

/**
 * Query options: every option a request carries is either one the operation
 * implements or refused with Graph's error shape, naming the option — never
 * silently ignored. Graph accepts the OData system options with or without
 * `$` (the docs write `expand=fields`, the SDKs `$expand`); both are read here.
 */

/** OData system query options as Graph names them (without `$`). */
export const ODATA_OPTIONS = [
  "select",
  "expand",
  "filter",
  "orderby",
  "top",
  "skip",
  "skiptoken",
  "count",
  "search",
  "format",
  "compute",
  "apply",
  "levels",
  "deltatoken",
  "index",
  "schemaversion",
  "id",
] as const;

export type ODataOption = (typeof ODATA_OPTIONS)[number];

const ODATA_OPTION_NAMES = new Set<string>(ODATA_OPTIONS);

/** What an operation accepts. */
export interface QuerySpec {
  options: readonly ODataOption[];
  /** Operation-specific parameters (`token` for delta, `@microsoft.graph.conflictBehavior`). */
  parameters?: readonly string[];
}

export interface ExpandItem {
  /** The navigation property, e.g. `fields`, `columns`, `items`, `listItem`. */
  name: string;
  select: string[] | undefined;
  expand: ExpandItem[];
}

export interface ParsedQuery {
  select: string[] | undefined;
  expand: ExpandItem[];
  filter: string | undefined;
  orderby: string | undefined;
  top: number | undefined;
  skiptoken: string | undefined;
  parameters: Map<string, string>;
  /** The options as given (`$`-prefixed or not), for links that carry them on. */
  raw: URLSearchParams;
}

const NAME = /^[A-Za-z_@][A-Za-z0-9_.@#]*$/;

function refused(key: string, operation: string) {
  return graphErrors.invalidRequest(
    `The query parameter '${key}' is not supported by the local Graph service for ${operation}.`,
  );
}

export function parseSelect(text: string, key = "$select"): string[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) throw graphErrors.invalidRequest(`'${key}' names no properties.`);
  for (const name of names) {
    if (!NAME.test(name)) throw graphErrors.invalidRequest(`Invalid property '${name}' in ${key}.`);
  }
  return names;
}

/** Splits on a separator at parenthesis depth 0. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (depth < 0) throw graphErrors.invalidRequest(`Unbalanced parentheses in '${text}'.`);
    if (char === separator && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  if (depth !== 0) throw graphErrors.invalidRequest(`Unbalanced parentheses in '${text}'.`);
  parts.push(current);
  return parts;
}

/**
 * `$expand` with nested options: `fields(select=A,B)`,
 * `columns(select=name),items(expand=fields(select=Name))`,
 * `listItem($expand=fields;$select=id)`. Nested options other than select and
 * expand are refused.
 */
export function parseExpand(text: string): ExpandItem[] {
  return splitTop(text, ",").map((part) => {
    const trimmed = part.trim();
    const open = trimmed.indexOf("(");
    const name = open === -1 ? trimmed : trimmed.slice(0, open).trim();
    if (!NAME.test(name)) throw graphErrors.invalidRequest(`Invalid $expand item '${trimmed}'.`);
    const item: ExpandItem = { name, select: undefined, expand: [] };
    if (open === -1) return item;
    if (!trimmed.endsWith(")")) {
      throw graphErrors.invalidRequest(`Invalid $expand item '${trimmed}'.`);
    }
    const inner = trimmed.slice(open + 1, -1);
    for (const option of splitTop(inner, ";")) {
      const equals = option.indexOf("=");
      const key = option.slice(0, equals).trim();
      const value = option.slice(equals + 1);
      const bare = key.toLowerCase().replace(/^\$/, "");
      if (equals === -1 || (bare !== "select" && bare !== "expand")) {
        throw graphErrors.invalidRequest(
          `The option '${key || option}' inside $expand=${name}(…) is not supported by the local Graph service; only select and expand are.`,
        );
      }
      if (bare === "select") item.select = parseSelect(value, `${name}(${key})`);
      else item.expand = parseExpand(value);
    }
    return item;
  });
}

/**
 * Reads a request's query against what the operation accepts. `operation`
 * names it in error messages ("the items of a list").
 */
export function parseQuery(
  query: URLSearchParams,
  spec: QuerySpec,
  operation: string,
): ParsedQuery {
  const allowed = new Set<string>(spec.options);
  const parameters = new Map<string, string>();
  const values = new Map<string, { key: string; value: string }>();
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    const bare = lower.startsWith("$") ? lower.slice(1) : lower;
    if (
      ODATA_OPTION_NAMES.has(bare) &&
      (lower.startsWith("$") || !spec.parameters?.includes(key))
    ) {
      if (!allowed.has(bare)) throw refused(key, operation);
      if (values.has(bare)) {
        throw graphErrors.invalidRequest(`The query option '${bare}' is given more than once.`);
      }
      values.set(bare, { key, value });
      continue;
    }
    if (spec.parameters?.includes(key)) {
      if (parameters.has(key)) {
        throw graphErrors.invalidRequest(`The query parameter '${key}' is given more than once.`);
      }
      parameters.set(key, value);
      continue;
    }
    throw refused(key, operation);
  }
  const text = (name: ODataOption) => values.get(name)?.value;
  const topText = text("top");
  let top: number | undefined;
  if (topText !== undefined) {
    if (!/^\d+$/.test(topText) || Number(topText) < 1) {
      throw graphErrors.invalidRequest(`Invalid value '${topText}' for $top.`);
    }
    top = Number(topText);
  }
  const select = text("select");
  const expand = text("expand");
  return {
    select: select === undefined ? undefined : parseSelect(select),
    expand: expand === undefined ? [] : parseExpand(expand),
    filter: text("filter"),
    orderby: text("orderby"),
    top,
    skiptoken: text("skiptoken"),
    parameters,
    raw: query,
  };
}

/** The expansions an operation implements; any other is refused, naming it. */
export function checkExpand(
  expand: ExpandItem[],
  supported: Record<string, { select?: boolean; expand?: readonly string[] }>,
  resource: string,
): void {
  for (const item of expand) {
    const rule = supported[item.name];
    if (!rule) {
      throw graphErrors.invalidRequest(
        `Expanding '${item.name}' on ${resource} is not supported by the local Graph service; ${
          Object.keys(supported).length > 0
            ? `it expands ${Object.keys(supported)
                .map((name) => `'${name}'`)
                .join(", ")}`
            : "it expands nothing here"
        }.`,
      );
    }
    if (item.select && !rule.select) {
      throw graphErrors.invalidRequest(`'${item.name}(select=…)' is not supported here.`);
    }
    for (const nested of item.expand) {
      if (!rule.expand?.includes(nested.name)) {
        throw graphErrors.invalidRequest(
          `Expanding '${nested.name}' inside '${item.name}' is not supported by the local Graph service.`,
        );
      }
    }
  }
}

export function expanded(expand: ExpandItem[], name: string): ExpandItem | undefined {
  return expand.find((item) => item.name === name);
}
