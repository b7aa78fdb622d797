/**
 * The browser's storage, guarded: inside Teams the tab is a third-party
 * frame whose localStorage and sessionStorage may be partitioned or denied
 * (reading them can throw). Everything kept here is a convenience; without
 * storage the tab works the same, only without remembering.
 */

export type StorageArea = "local" | "session";

function area(which: StorageArea): Storage | undefined {
  try {
    return which === "local" ? window.localStorage : window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readStored(which: StorageArea, key: string): string | undefined {
  try {
    return area(which)?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(which: StorageArea, key: string, value: string): void {
  try {
    area(which)?.setItem(key, value);
  } catch {
    // Denied or full: the value is simply not remembered.
  }
}

export function removeStored(which: StorageArea, key: string): void {
  try {
    area(which)?.removeItem(key);
  } catch {
    // Nothing to remove where storage is denied.
  }
}
