import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PRIVATE_FILE_MODE, writePrivateFile } from "../persistence/data-folder.ts";

/**
 * A file's `webUrl` opens the file (the stand-in for Office for the web). It
 * carries a signature of its path (`?web=…`), made with a key kept owner-only
 * in the data folder: only someone the Graph API gave the link to can open
 * it, and stored links (a report's link in a list) keep working after a
 * restart. A path without its signature is not served.
 */

export const WEB_LINK_PARAMETER = "web";
const KEY_FILE = "web-links.key";

function canonical(filePath: string): string {
  return filePath.normalize("NFC").toLowerCase();
}

export class WebLinks {
  private readonly key: Buffer;

  private constructor(key: Buffer) {
    this.key = key;
  }

  static open(dataDir: string): WebLinks {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) writePrivateFile(file, randomBytes(32).toString("base64url"));
    fs.chmodSync(file, PRIVATE_FILE_MODE);
    return new WebLinks(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64url"));
  }

  /** Signature of a decoded server-relative path, e.g. `/sites/avtal/Dokument/a.docx`. */
  sign(filePath: string): string {
    return createHmac("sha256", this.key)
      .update(canonical(filePath))
      .digest("base64url")
      .slice(0, 32);
  }

  verify(filePath: string, signature: string | null): boolean {
    if (signature === null) return false;
    const expected = Buffer.from(this.sign(filePath));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
