import { graphErrors } from "../errors.ts";

/**
 * A small OData `$filter` parser for the subset Graph supports on list items:
 * eq, ne, lt, le, gt, ge, and, or, parentheses and startswith(). It produces a
 * tree that the query planner checks against the list's columns (indexed or
 * not, types) before anything is evaluated.
 */

export type ComparisonOperator = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

export type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "datetime"; value: string };

/** `fields/X` refers to a column; a bare name refers to a listItem property. */
export interface FieldReference {
  scope: "fields" | "item";
  name: string;
}

export type FilterNode =
  | { kind: "compare"; operator: ComparisonOperator; field: FieldReference; value: Literal }
  | { kind: "startswith"; field: FieldReference; value: string }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode };

type Token =
  | { type: "word"; text: string }
  | { type: "string"; text: string }
  | { type: "number"; text: string }
  | { type: "datetime"; text: string }
  | { type: "punct"; text: "(" | ")" | "," };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)?/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let rest = input;
  while (rest.length > 0) {
    const first = rest[0]!;
    if (/\s/.test(first)) {
      rest = rest.slice(1);
      continue;
    }
    if (first === "(" || first === ")" || first === ",") {
      tokens.push({ type: "punct", text: first });
      rest = rest.slice(1);
      continue;
    }
    if (first === "'") {
      // OData escapes a quote inside a string by doubling it.
      let value = "";
      let index = 1;
      for (;;) {
        if (index >= rest.length) throw syntaxError(input, "unterminated string literal");
        const char = rest[index]!;
        if (char === "'") {
          if (rest[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          break;
        }
        value += char;
        index += 1;
      }
      tokens.push({ type: "string", text: value });
      rest = rest.slice(index + 1);
      continue;
    }
    const datetime = DATETIME.exec(rest);
    if (datetime?.[1]) {
      tokens.push({ type: "datetime", text: datetime[0] });
      rest = rest.slice(datetime[0].length);
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: "number", text: number[0] });
      rest = rest.slice(number[0].length);
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ type: "word", text: word[0] });
      rest = rest.slice(word[0].length);
      continue;
    }
    throw syntaxError(input, `unexpected character '${first}'`);
  }
  return tokens;
}

function syntaxError(input: string, detail: string) {
  return graphErrors.invalidRequest(`Invalid filter clause: ${detail} in '${input}'.`);
}

const COMPARISON_OPERATORS = new Set<string>(["eq", "ne", "lt", "le", "gt", "ge"]);

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let position = 0;

  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position];
    if (!token) throw syntaxError(input, "unexpected end of expression");
    position += 1;
    return token;
  };
  const expectPunct = (text: "(" | ")" | ",") => {
    const token = next();
    if (token.type !== "punct" || token.text !== text) {
      throw syntaxError(input, `expected '${text}' but found '${token.text}'`);
    }
  };
  const isWord = (token: Token | undefined, text: string) =>
    token?.type === "word" && token.text.toLowerCase() === text;

  const parseField = (): FieldReference => {
    const token = next();
    if (token.type !== "word")
      throw syntaxError(input, `expected a field but found '${token.text}'`);
    if (token.text.startsWith("fields/")) {
      return { scope: "fields", name: token.text.slice("fields/".length) };
    }
    if (token.text.includes("/")) throw syntaxError(input, `unknown property path '${token.text}'`);
    return { scope: "item", name: token.text };
  };

  const parseLiteral = (): Literal => {
    const token = next();
    switch (token.type) {
      case "string":
        return { kind: "string", value: token.text };
      case "number":
        return { kind: "number", value: Number(token.text) };
      case "datetime":
        return { kind: "datetime", value: token.text };
      case "word": {
        const word = token.text.toLowerCase();
        if (word === "true" || word === "false") return { kind: "boolean", value: word === "true" };
        if (word === "null") return { kind: "null" };
        throw syntaxError(input, `expected a value but found '${token.text}'`);
      }
      case "punct":
        throw syntaxError(input, `expected a value but found '${token.text}'`);
    }
  };

  const parsePrimary = (): FilterNode => {
    const token = peek();
    if (token?.type === "punct" && token.text === "(") {
      next();
      const inner = parseOr();
      expectPunct(")");
      return inner;
    }
    if (isWord(token, "startswith") && tokens[position + 1]?.text === "(") {
      next();
      expectPunct("(");
      const field = parseField();
      expectPunct(",");
      const value = parseLiteral();
      if (value.kind !== "string") throw syntaxError(input, "startswith needs a string value");
      expectPunct(")");
      return { kind: "startswith", field, value: value.value };
    }
    if (isWord(token, "not"))
      throw graphErrors.invalidRequest("The 'not' operator is not supported.");
    const field = parseField();
    const operatorToken = next();
    const operator = operatorToken.text.toLowerCase();
    if (operatorToken.type !== "word" || !COMPARISON_OPERATORS.has(operator)) {
      throw syntaxError(input, `unsupported operator '${operatorToken.text}'`);
    }
    return {
      kind: "compare",
      operator: operator as ComparisonOperator,
      field,
      value: parseLiteral(),
    };
  };

  const parseAnd = (): FilterNode => {
    let left = parsePrimary();
    while (isWord(peek(), "and")) {
      next();
      left = { kind: "and", left, right: parsePrimary() };
    }
    return left;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      next();
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };

  if (tokens.length === 0) throw syntaxError(input, "empty expression");
  const tree = parseOr();
  const leftover = peek();
  if (leftover) throw syntaxError(input, `unexpected '${leftover.text}'`);
  return tree;
}

export interface OrderByTerm {
  field: FieldReference;
  direction: "asc" | "desc";
}

export function parseOrderBy(input: string): OrderByTerm[] {
  return input.split(",").map((part) => {
    const words = part.trim().split(/\s+/);
    const [path, direction = "asc", extra] = words;
    if (!path || extra !== undefined || !/^(asc|desc)$/i.test(direction) || !WORD.test(path)) {
      throw graphErrors.invalidRequest(`Invalid orderby clause '${input}'.`);
    }
    const field: FieldReference = path.startsWith("fields/")
      ? { scope: "fields", name: path.slice("fields/".length) }
      : { scope: "item", name: path };
    return { field, direction: direction.toLowerCase() as "asc" | "desc" };
  });
}

/** Every field a filter tree refers to, for the indexed-column check. */
export function referencedFields(node: FilterNode): FieldReference[] {
  switch (node.kind) {
    case "compare":
    case "startswith":
      return [node.field];
    case "and":
    case "or":
      return [...referencedFields(node.left), ...referencedFields(node.right)];
  }
}
