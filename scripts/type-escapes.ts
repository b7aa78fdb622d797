/**
 * Counts the places where code tells the compiler to trust it instead of
 * proving a type: `as` casts (other than `as const`), `<T>` assertions and
 * non-null assertions (`x!`), in the app's sources (tests excluded), read
 * from the syntax tree. `npm test` fails when a count rises above its
 * ceiling in `scripts/type-escapes.json`; the ceilings only ever go down.
 *
 *   node scripts/type-escapes.ts          check against the ceilings
 *   node scripts/type-escapes.ts --list   also list every place
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface EscapeCount {
  casts: number;
  nonNull: number;
  places: string[];
}

const ROOT = path.resolve(import.meta.dirname, "..");
const CEILINGS_FILE = path.join(ROOT, "scripts/type-escapes.json");
export const AREAS = ["api/src", "teams-app/src"] as const;

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const isSource = /\.(ts|tsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name);
    return isSource ? [full] : [];
  });
}

export function countEscapes(directory: string): EscapeCount {
  const count: EscapeCount = { casts: 0, nonNull: 0, places: [] };
  for (const file of sourceFiles(directory)) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(file, "utf8"),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const where = (node: ts.Node) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      return `${path.relative(ROOT, file)}:${line + 1}`;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
        const isConst =
          ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === "const";
        if (!isConst) {
          count.casts += 1;
          count.places.push(`${where(node)} cast: ${node.getText(source).slice(0, 80)}`);
        }
      } else if (ts.isNonNullExpression(node)) {
        count.nonNull += 1;
        count.places.push(`${where(node)} non-null: ${node.getText(source).slice(0, 80)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return count;
}

type Ceilings = Record<(typeof AREAS)[number], { casts: number; nonNull: number }>;

if (import.meta.main) {
  const ceilings = JSON.parse(fs.readFileSync(CEILINGS_FILE, "utf8")) as Ceilings;
  let over = false;
  for (const area of AREAS) {
    const count = countEscapes(path.join(ROOT, area));
    const ceiling = ceilings[area];
    if (process.argv.includes("--list")) for (const place of count.places) console.log(place);
    const line = `${area}: ${count.casts} casts (ceiling ${ceiling.casts}), ${count.nonNull} non-null assertions (ceiling ${ceiling.nonNull})`;
    if (count.casts > ceiling.casts || count.nonNull > ceiling.nonNull) {
      over = true;
      console.error(`${line} — over the ceiling: prove the type instead of asserting it.`);
    } else if (count.casts < ceiling.casts || count.nonNull < ceiling.nonNull) {
      console.log(`${line} — below the ceiling: lower it in scripts/type-escapes.json.`);
    } else {
      console.log(line);
    }
  }
  process.exit(over ? 1 : 0);
}
