import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The tab: built into dist/tab, served by the API at /. */
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: "/",
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "../dist/tab"),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    // The tab, and the end of Teams' consent window (tenant mode).
    rollupOptions: {
      input: {
        index: path.resolve(import.meta.dirname, "index.html"),
        "consent-end": path.resolve(import.meta.dirname, "consent-end.html"),
      },
    },
  },
  logLevel: "warn",
});
