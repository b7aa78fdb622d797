import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * Word to PDF with LibreOffice (headless), the renderer the report drafts
 * are checked with: a document is laid out once, as a Word document, and
 * PDF is that layout printed. One conversion at a time (each starts a
 * LibreOffice of its own, about a core for a few seconds), each in a
 * temporary folder with its own profile, removed afterwards.
 */

const run = promisify(execFile);

/** LibreOffice is not installed (or not startable) on this server. */
export class PdfUnavailableError extends Error {}

export interface PdfConverterOptions {
  /** The LibreOffice command (`soffice` on the PATH unless told). */
  command?: string;
  /** A conversion taking longer is ended (ms). */
  timeoutMs?: number;
}

export class PdfConverter {
  private readonly command: string;
  private readonly timeoutMs: number;
  /** The conversion under way: the next one starts after it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: PdfConverterOptions = {}) {
    this.command = options.command ?? "soffice";
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  convert(docx: Uint8Array): Promise<Buffer> {
    const next = this.queue.catch(() => undefined).then(() => this.convertNow(docx));
    this.queue = next;
    return next;
  }

  private async convertNow(docx: Uint8Array): Promise<Buffer> {
    const directory = await mkdtemp(path.join(os.tmpdir(), "avtal-pdf-"));
    try {
      const input = path.join(directory, "dokument.docx");
      await writeFile(input, docx);
      try {
        await run(
          this.command,
          [
            `-env:UserInstallation=file://${path.join(directory, "profile")}`,
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            directory,
            input,
          ],
          { timeout: this.timeoutMs },
        );
      } catch (error) {
        throw new PdfUnavailableError(
          `LibreOffice (${this.command}) could not convert the document: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      try {
        return await readFile(path.join(directory, "dokument.pdf"));
      } catch {
        throw new PdfUnavailableError(`LibreOffice (${this.command}) wrote no PDF`);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}
