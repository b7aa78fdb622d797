import type { Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { sendProblem } from "./problem.ts";
import { identityOf } from "./request-context.ts";

/**
 * Cheap protections in front of the routes: which Host names the app answers
 * to (local mode), that signed-in answers are never cached, and how many
 * requests one address or one person may send per minute.
 */

/** Requests per minute; one window of 60 s, counted per app instance. */
export interface RateLimits {
  /**
   * /api requests without a valid sign-in, per client address. Signed-in staff
   * are limited per person only, so that junk from one machine behind a
   * kommun's shared NAT address cannot lock its staff out.
   */
  apiPerAddress: number;
  /** /api per signed-in person. */
  apiPerUser: number;
  /** /insyn (public, anonymous) per client address. */
  publicPerAddress: number;
  /** The bot endpoint per client address (the Bot Framework's service sends from few addresses). */
  botPerAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  apiPerAddress: 300,
  apiPerUser: 600,
  publicPerAddress: 300,
  botPerAddress: 1200,
};

const WINDOW_MS = 60_000;

function tooMany(response: Response): void {
  sendProblem(response, {
    status: 429,
    code: "rate-limited",
    title: "För många förfrågningar",
    detail: `För många förfrågningar på kort tid. Vänta ${response.getHeader("Retry-After") ?? "en stund"} sekunder och försök igen.`,
  });
}

/**
 * Per client address (`request.ip`, which honours the `trust proxy` setting);
 * `skip` leaves requests out of the count (e.g. signed-in ones).
 */
export function limitPerAddress(
  limit: number,
  skip?: (request: Request, response: Response) => boolean,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    ...(skip ? { skip } : {}),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_request, response) => tooMany(response),
  });
}

/** Per signed-in person; mounted after authentication. */
export function limitPerUser(limit: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (_request, response) => `user:${identityOf(response).user.id}`,
    handler: (_request, response) => tooMany(response),
  });
}

/** Answers to signed-in requests are personal: never kept by a browser or a proxy. */
export const noStore: RequestHandler = (_request, response, next) => {
  response.setHeader("Cache-Control", "no-store");
  next();
};

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host name of a Host header, without the port; lower case. */
export function hostName(header: string | undefined): string {
  const value = (header ?? "").trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(0, value.indexOf("]") + 1);
  return value.split(":")[0] ?? "";
}

/**
 * Local mode answers only to localhost, loopback addresses and the configured
 * host names: a web page that points its own domain at this machine (DNS
 * rebinding) gets nothing.
 */
export function allowOnlyHosts(extra: readonly string[]): RequestHandler {
  const allowed = new Set([...LOOPBACK_HOSTS, ...extra.map((host) => host.toLowerCase())]);
  return (request, response, next) => {
    const name = hostName(request.headers.host);
    if (allowed.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return next();
    sendProblem(response, {
      status: 421,
      code: "host-not-allowed",
      title: "Okänd värd",
      detail:
        "Appen i lokalt läge svarar bara på localhost och de värdnamn som är inställda (APP_HOSTNAME).",
    });
  };
}
