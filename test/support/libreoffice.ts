import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { temporaryDirectory } from "./local-graph.ts";

const run = promisify(execFile);

/**
 * Renders a Word document the way a reader would see it: LibreOffice
 * (headless) turns it into PDF and pdftotext reads the text back — `text`
 * as laid out on the page (a table row on one line), `raw` in reading order
 * (a table cell by cell).
 */
export async function renderToText(
  docx: Uint8Array,
  name = "rapport",
): Promise<{ text: string; raw: string; pdf: string }> {
  const directory = temporaryDirectory("render-");
  const input = path.join(directory, `${name}.docx`);
  fs.writeFileSync(input, docx);
  // A profile of its own, so parallel conversions do not block each other.
  const profile = `file://${path.join(directory, "profile")}`;
  await run(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      directory,
      input,
    ],
    {
      timeout: 120_000,
    },
  );
  const pdf = path.join(directory, `${name}.pdf`);
  const [layout, raw] = await Promise.all([
    run("pdftotext", ["-layout", pdf, "-"], { maxBuffer: 32 * 1024 * 1024 }),
    run("pdftotext", [pdf, "-"], { maxBuffer: 32 * 1024 * 1024 }),
  ]);
  return { text: layout.stdout, raw: raw.stdout, pdf };
}

/** Each string's position, each searched after the previous one; -1 from the first missing one on. */
export function positions(text: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = from < 0 ? -1 : text.indexOf(needle, from);
    from = at < 0 ? -1 : at + needle.length;
    return at;
  });
}
