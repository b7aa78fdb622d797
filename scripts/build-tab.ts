import fs from "node:fs";
import path from "node:path";
import { build } from "vite";

/**
 * Builds the tab when its sources are newer than the last build, so
 * `npm start` always serves the current tab without a separate step.
 */
const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "teams-app");
const output = path.join(root, "dist/tab/index.html");

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export async function buildTabIfStale(): Promise<boolean> {
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  if (built > newestChange(source)) return false;
  await build({ configFile: path.join(source, "vite.config.ts"), logLevel: "warn" });
  return true;
}
