import { graphErrors } from "../graph/errors.ts";
import type { Middleware } from "./middleware.ts";

/**
 * The service is for the machine it runs on. A request must name it by a
 * loopback name or a configured host in `Host` (so a web page reached through
 * DNS rebinding — evil.example resolving to 127.0.0.1 — is refused), and a
 * request a browser marks with a foreign `Origin` (another site's script or
 * form) is refused. Graph clients send no Origin; a person opening a file's
 * link navigates, which sends none either.
 */

export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"];

/** The host name of a `Host` header: `[::1]:5100` → `[::1]`, `localhost:5100` → `localhost`. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.replace(/:\d+$/, "");
}

export interface HostGuardOptions {
  /** Host names besides loopback the service answers to (e.g. the name it is reached by in a container). */
  allowedHosts: readonly string[];
  /** The service's own port, for the origins it accepts (its own pages only). */
  port: () => number;
}

export function hostGuard(options: HostGuardOptions): Middleware {
  const names = new Set([
    ...LOOPBACK_HOSTS,
    ...options.allowedHosts.map((name) => name.toLowerCase()),
  ]);
  return async (exchange, next) => {
    const host = exchange.headers.host;
    if (host === undefined || !names.has(hostName(host))) {
      throw graphErrors.forbiddenHost(host ?? "");
    }
    const origin = exchange.headers.origin;
    if (origin !== undefined) {
      let allowed = false;
      try {
        const url = new URL(origin);
        allowed =
          url.protocol === "http:" &&
          names.has(url.hostname.toLowerCase()) &&
          Number(url.port || 80) === options.port();
      } catch {
        allowed = false;
      }
      if (!allowed) throw graphErrors.forbiddenOrigin(origin);
    }
    await next();
  };
}
