import fs from "node:fs";
import path from "node:path";
import { build } from "vite";

/**
 * Builds the tab (and the local Teams host) when their sources are newer
 * than the last build, so `npm start` always serves the current tab without
 * a separate step.
 */
const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "teams-app");
const outputs = [
  { config: path.join(source, "vite.config.ts"), index: path.join(root, "dist/tab/index.html") },
  {
    config: path.join(source, "local-host/vite.config.ts"),
    index: path.join(root, "dist/teams-host/index.html"),
  },
];

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export async function buildTabIfStale(): Promise<boolean> {
  const changed = newestChange(source);
  let built = false;
  for (const output of outputs) {
    const builtAt = fs.existsSync(output.index) ? fs.statSync(output.index).mtimeMs : 0;
    if (builtAt > changed) continue;
    await build({ configFile: output.config, logLevel: "warn" });
    built = true;
  }
  return built;
}
