import { readStored, removeStored, storageAvailable, writeStored } from "./storage.ts";

/**
 * Unsaved form drafts, so a reload does not lose what a person typed. Kept
 * in sessionStorage; where the frame may not use storage (Teams' frame is a
 * third party, and Chromium may deny it storage), in the frame's own
 * window.name, which survives a reload of the same frame and is seen only by
 * pages loaded into that frame — in Teams, this tab's own pages.
 */

const NAME_PREFIX = "avtalsuppfoljning-utkast:";

function storageWorks(): boolean {
  return storageAvailable("session");
}

function nameDrafts(): Record<string, string> {
  if (!window.name.startsWith(NAME_PREFIX)) return {};
  try {
    const parsed: unknown = JSON.parse(window.name.slice(NAME_PREFIX.length));
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
  } catch {
    return {};
  }
}

function writeNameDrafts(drafts: Record<string, string>): void {
  window.name = Object.keys(drafts).length > 0 ? `${NAME_PREFIX}${JSON.stringify(drafts)}` : "";
}

export function readDraft(key: string): string | undefined {
  return storageWorks() ? readStored("session", key) : nameDrafts()[key];
}

export function writeDraft(key: string, value: string): void {
  if (storageWorks()) writeStored("session", key, value);
  else writeNameDrafts({ ...nameDrafts(), [key]: value });
}

export function removeDraft(key: string): void {
  if (storageWorks()) removeStored("session", key);
  else {
    const { [key]: _removed, ...rest } = nameDrafts();
    writeNameDrafts(rest);
  }
}
