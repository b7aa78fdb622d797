import fs from "node:fs";
import path from "node:path";

/** One measured figure of a benchmark scenario. */
export interface Measurement {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
}

export function printTable(rows: Measurement[]): void {
  const header = ["scenario", "metric", "value", "unit"];
  const cells = rows.map((row) => [row.scenario, row.metric, formatValue(row.value), row.unit]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: string[]) =>
    `| ${cell.map((text, column) => text.padEnd(widths[column]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const cell of cells) console.log(line(cell));
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function writeResults(rows: Measurement[], file = path.resolve("bench/results.json")): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
