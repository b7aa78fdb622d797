import { readStored, removeStored, writeStored } from "./storage.ts";

/** Local mode's sign-in: the chosen demo person's token, kept for this browser tab only. */

const KEY = "avtalsuppfoljning.token";

/** When a JWT expires (ms since 1970), or undefined if it cannot be read. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(
      atob((token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/")),
    );
    if (typeof payload === "object" && payload !== null && "exp" in payload) {
      return typeof payload.exp === "number" ? payload.exp * 1000 : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

export function storedToken(): string | undefined {
  const token = readStored("session", KEY);
  if (!token) return undefined;
  const expiry = tokenExpiry(token);
  if (expiry === undefined || expiry < Date.now() + 60_000) {
    removeStored("session", KEY);
    return undefined;
  }
  return token;
}

export function storeToken(token: string): void {
  writeStored("session", KEY, token);
}

export function clearToken(): void {
  removeStored("session", KEY);
}
