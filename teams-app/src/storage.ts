/**
 * The browser's storage, guarded: inside Teams the tab is a third-party
 * frame whose localStorage and sessionStorage may be partitioned or denied
 * (reading them can throw). Where they are denied, what the tab remembers
 * (theme, the chosen nämnd, a list's filters) lives in memory for as long as
 * the tab is open; nothing kept here is needed for the tab to work.
 */

export type StorageArea = "local" | "session";

const memory: Record<StorageArea, Map<string, string>> = {
  local: new Map(),
  session: new Map(),
};

function area(which: StorageArea): Storage | undefined {
  try {
    const storage = which === "local" ? window.localStorage : window.sessionStorage;
    // Denied storage may throw only when used.
    storage.getItem("avtalsuppfoljning.probe");
    return storage;
  } catch {
    return undefined;
  }
}

/** Whether the browser's own storage can be used (not only the in-memory stand-in). */
export function storageAvailable(which: StorageArea): boolean {
  return area(which) !== undefined;
}

export function readStored(which: StorageArea, key: string): string | undefined {
  try {
    const storage = area(which);
    return storage ? (storage.getItem(key) ?? undefined) : memory[which].get(key);
  } catch {
    return memory[which].get(key);
  }
}

export function writeStored(which: StorageArea, key: string, value: string): void {
  memory[which].set(key, value);
  try {
    area(which)?.setItem(key, value);
  } catch {
    // Full or denied: remembered in memory only.
  }
}

export function removeStored(which: StorageArea, key: string): void {
  memory[which].delete(key);
  try {
    area(which)?.removeItem(key);
  } catch {
    // Nothing to remove where storage is denied.
  }
}
