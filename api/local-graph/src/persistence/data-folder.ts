import fs from "node:fs";
import path from "node:path";

/**
 * Everything the service writes (the database, the issuer's key, the service
 * secret) is readable by its owner only: the folder 0700, files 0600, also
 * when they were left more open by an older version.
 */

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  fs.chmodSync(directory, PRIVATE_DIRECTORY_MODE);
}

/** Creates the file empty if missing, then restricts it to the owner. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Writes a file atomically (temporary file + rename), owner-only from the first byte. */
export function writePrivateFile(file: string, content: string): void {
  ensurePrivateDirectory(path.dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(temporary, PRIVATE_FILE_MODE);
  fs.renameSync(temporary, file);
}
