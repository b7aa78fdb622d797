/** Local mode's sign-in: the chosen demo person's token, kept for this browser tab only. */

const KEY = "avtalsuppfoljning.token";

export function storedToken(): string | undefined {
  const token = sessionStorage.getItem(KEY) ?? undefined;
  if (!token) return undefined;
  try {
    const payload = JSON.parse(
      atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")),
    ) as { exp?: number };
    if (payload.exp && payload.exp * 1000 < Date.now() + 60_000) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
  } catch {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return token;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
