import path from "node:path";
import { defineConfig } from "vite";

/** The local Teams host (local mode only): built into dist/teams-host, served at /teams-host/. */
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: "/teams-host/",
  build: {
    outDir: path.resolve(import.meta.dirname, "../../dist/teams-host"),
    emptyOutDir: true,
    sourcemap: false,
  },
  logLevel: "warn",
});
