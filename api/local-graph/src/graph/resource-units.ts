import { z } from "zod";
import { type GraphError, graphErrors } from "./errors.ts";

/**
 * SharePoint's resource units (RU): every Graph request an app makes to
 * SharePoint costs a fixed number of units, every `$batch` part on its own,
 * and each app has a budget per minute and per 24 hours set by the tenant's
 * number of licenses. Past it, requests get 429 with `Retry-After`; from 80 %
 * of the minute's budget, answers carry `RateLimit-Limit`, `-Remaining` and
 * `-Reset` (Microsoft's "Avoid getting throttled or blocked in SharePoint
 * Online"; GRAPH-FACTS §6). Fault injection (faults.ts) is separate: it
 * throttles at random, this throttles by what an app has spent.
 */

/** Tenant sizes by license count, as Microsoft's table names them. */
export const TENANT_SIZE_NAMES = [
  "0-1000",
  "1001-5000",
  "5001-15000",
  "15001-50000",
  "50000+",
] as const;

export type TenantSize = (typeof TENANT_SIZE_NAMES)[number];

/** The RU budget of one app in a tenant, by license count: per minute and per 24 hours. */
export const TENANT_SIZES: Record<TenantSize, { perMinute: number; perDay: number }> = {
  "0-1000": { perMinute: 1_250, perDay: 1_200_000 },
  "1001-5000": { perMinute: 2_500, perDay: 2_400_000 },
  "5001-15000": { perMinute: 3_750, perDay: 3_600_000 },
  "15001-50000": { perMinute: 5_000, perDay: 4_800_000 },
  "50000+": { perMinute: 6_250, perDay: 6_000_000 },
};

/** A change of the budget's settings: only the properties given change. */
export const budgetUpdateSchema = z.strictObject({
  /** The tenant's license band; sets the budget. */
  tenantSize: z.enum(TENANT_SIZE_NAMES).optional(),
  /** `false` counts units and sends the headers but never throttles (bulk setup of benchmarks). */
  enforced: z.boolean().optional(),
});

export interface BudgetSettings {
  tenantSize: TenantSize;
  enforced: boolean;
}

const DEFAULT_BUDGET: BudgetSettings = { tenantSize: "1001-5000", enforced: true };

/** Share of the minute's budget from which answers carry the RateLimit headers. */
export const RATE_LIMIT_HEADER_SHARE = 0.8;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** The parts of a Graph operation its cost depends on. */
export interface MeteredOperation {
  method: string;
  /** Below `/v1.0`, e.g. `/sites/root/lists/{id}/items`. */
  path: string;
  query: URLSearchParams;
}

/** Collections whose GET is a multi-item query (2 RU). */
const COLLECTIONS = new Set([
  "lists",
  "items",
  "columns",
  "drives",
  "children",
  "versions",
  "sites",
]);

/**
 * What one operation costs in RU: 1 for a single item, a delta with a token or
 * a download; 2 for a multi-item query, a delta without a token, a create,
 * update, delete or upload; 5 for any operation on permissions, including
 * `$expand=permissions`. Only SharePoint's resources (sites and drives) are
 * metered; the directory (`/users`, `/groups`, `/me`) has limits of its own.
 */
export function resourceUnitsOf(operation: MeteredOperation): number {
  const segments = operation.path
    .split("/")
    .filter((segment) => segment !== "")
    .flatMap((segment) => segment.split(":"))
    .filter((segment) => segment !== "");
  const root = segments[0];
  if (root !== "sites" && root !== "drives") return 0;
  const expand = operation.query.get("$expand") ?? "";
  if (segments.includes("permissions") || /\bpermissions\b/.test(expand)) return 5;
  if (operation.method !== "GET") return 2;
  const last = (segments.at(-1) ?? "").replace(/\(.*$/, "");
  if (last === "delta") return operation.query.has("token") ? 1 : 2;
  if (last === "content") return 1;
  if (segments.length > 1 && COLLECTIONS.has(last)) return 2;
  if (/\b(items|children)\b/.test(expand)) return 2;
  return 1;
}

/** What charging an operation decided: a 429 past the budget, and the RateLimit headers. */
export interface Charge {
  throttled: GraphError | undefined;
  /** RateLimit headers once 80 % of the minute's budget is spent (app permissions only); else empty. */
  headers: Record<string, string>;
}

export interface AppUnits {
  minute: { used: number; limit: number; resetSeconds: number };
  day: { used: number; limit: number };
}

export interface ResourceUnitStats {
  settings: BudgetSettings;
  /** RU charged since the last reset, throttled requests included (they count, as in SharePoint). */
  spent: number;
  /** Operations refused with 429 because the budget was spent. */
  throttled: number;
  /** Per app (the token's `appid`): the current minute and the last 24 hours. */
  apps: Record<string, AppUnits>;
  /** RU per clock minute, all apps, oldest first (the last 24 hours that saw traffic). */
  perMinute: Array<{ minute: string; units: number }>;
  /** RU per `User-Agent` since the last reset: decorated traffic (`NONISV|…`) shows who spent what. */
  userAgents: Record<string, number>;
}

/** Units per clock minute over the last 24 hours, with their running sum. */
class MinuteWindows {
  private readonly minutes = new Map<number, number>();
  private sum = 0;
  private prunedAt = Number.NEGATIVE_INFINITY;

  add(minute: number, units: number): void {
    this.prune(minute);
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + units);
    this.sum += units;
  }

  at(minute: number): number {
    return this.minutes.get(minute) ?? 0;
  }

  /** The last 1,440 minutes up to `minute`. */
  day(minute: number): number {
    this.prune(minute);
    return this.sum;
  }

  /** Oldest first. */
  entries(minute: number): Array<[number, number]> {
    this.prune(minute);
    return [...this.minutes.entries()].sort(([a], [b]) => a - b);
  }

  /** Drops minutes older than 24 hours (once per minute). */
  private prune(minute: number): void {
    if (minute === this.prunedAt) return;
    this.prunedAt = minute;
    for (const [key, units] of this.minutes) {
      if (key <= minute - DAY_MINUTES) {
        this.minutes.delete(key);
        this.sum -= units;
      }
    }
  }
}

/**
 * The budget windows: units per app per clock minute, kept for 24 hours. The
 * minute's budget is a fixed window (it resets at the next minute); the day's
 * is the sum of the last 1,440 minutes.
 */
export class ResourceMeter {
  private settings: BudgetSettings;
  private readonly now: () => number;
  private apps = new Map<string, MinuteWindows>();
  private totals = new MinuteWindows();
  private spent = 0;
  private throttled = 0;
  private userAgents = new Map<string, number>();

  constructor(settings: Partial<BudgetSettings> = {}, now: () => number = Date.now) {
    this.settings = { ...DEFAULT_BUDGET, ...budgetUpdateSchema.parse(settings) };
    this.now = now;
  }

  configure(update: unknown): BudgetSettings {
    const changes = budgetUpdateSchema.parse(update ?? {});
    this.settings = {
      tenantSize: changes.tenantSize ?? this.settings.tenantSize,
      enforced: changes.enforced ?? this.settings.enforced,
    };
    return this.settings;
  }

  current(): BudgetSettings {
    return this.settings;
  }

  /** Forgets what was spent: counters and budget windows start afresh. */
  reset(): void {
    this.apps = new Map();
    this.totals = new MinuteWindows();
    this.spent = 0;
    this.throttled = 0;
    this.userAgents = new Map();
  }

  /**
   * Charges `units` to `appId` now. The operation is throttled when it would
   * take the app past its minute's or day's budget; it is charged either way
   * (throttled requests count). `appPermissions`: SharePoint sends the
   * RateLimit headers only to app-only callers.
   */
  charge(appId: string, units: number, appPermissions: boolean, userAgent = ""): Charge {
    if (units <= 0) return { throttled: undefined, headers: {} };
    const agent = userAgent.slice(0, 200) || "(none)";
    if (this.userAgents.has(agent) || this.userAgents.size < 100)
      this.userAgents.set(agent, (this.userAgents.get(agent) ?? 0) + units);
    const at = this.now();
    const minute = Math.floor(at / MINUTE_MS);
    let windows = this.apps.get(appId);
    if (!windows) {
      windows = new MinuteWindows();
      this.apps.set(appId, windows);
    }
    const { perMinute, perDay } = TENANT_SIZES[this.settings.tenantSize];
    let retryAfter: number | undefined;
    if (this.settings.enforced) {
      if (windows.day(minute) + units > perDay) {
        retryAfter = dayRetryAfter(
          windows.entries(minute),
          windows.day(minute) + units - perDay,
          at,
        );
      } else if (windows.at(minute) + units > perMinute) {
        retryAfter = secondsToNextMinute(at);
      }
    }
    windows.add(minute, units);
    this.totals.add(minute, units);
    this.spent += units;
    if (retryAfter !== undefined) this.throttled += 1;
    const headers = appPermissions ? rateLimitHeaders(windows.at(minute), perMinute, at) : {};
    return {
      throttled:
        retryAfter === undefined ? undefined : graphErrors.throttled(429, retryAfter, headers),
      headers,
    };
  }

  /** The RateLimit headers for an app as it stands now (a batch envelope's, after its parts). */
  headersFor(appId: string, appPermissions: boolean): Record<string, string> {
    if (!appPermissions) return {};
    const at = this.now();
    const used = this.apps.get(appId)?.at(Math.floor(at / MINUTE_MS)) ?? 0;
    return rateLimitHeaders(used, TENANT_SIZES[this.settings.tenantSize].perMinute, at);
  }

  stats(): ResourceUnitStats {
    const at = this.now();
    const minute = Math.floor(at / MINUTE_MS);
    const { perMinute, perDay } = TENANT_SIZES[this.settings.tenantSize];
    const apps: Record<string, AppUnits> = {};
    for (const [appId, windows] of this.apps) {
      apps[appId] = {
        minute: {
          used: windows.at(minute),
          limit: perMinute,
          resetSeconds: secondsToNextMinute(at),
        },
        day: { used: windows.day(minute), limit: perDay },
      };
    }
    return {
      settings: this.settings,
      spent: this.spent,
      throttled: this.throttled,
      apps,
      perMinute: this.totals.entries(minute).map(([start, units]) => ({
        minute: new Date(start * MINUTE_MS).toISOString(),
        units,
      })),
      userAgents: Object.fromEntries(this.userAgents),
    };
  }
}

/** The headers SharePoint sends once 80 % of the minute's budget is used. */
function rateLimitHeaders(used: number, perMinute: number, at: number): Record<string, string> {
  if (used < RATE_LIMIT_HEADER_SHARE * perMinute) return {};
  return {
    "RateLimit-Limit": String(perMinute),
    "RateLimit-Remaining": String(Math.max(0, perMinute - used)),
    "RateLimit-Reset": String(secondsToNextMinute(at)),
  };
}

/** Seconds until enough of the oldest minutes leave the 24 hours to take away `excess`. */
function dayRetryAfter(minutes: Array<[number, number]>, excess: number, at: number): number {
  let left = excess;
  for (const [minute, units] of minutes) {
    left -= units;
    if (left <= 0) return Math.max(1, Math.ceil(((minute + DAY_MINUTES) * MINUTE_MS - at) / 1000));
  }
  return DAY_MINUTES * 60;
}

function secondsToNextMinute(at: number): number {
  return Math.max(1, Math.ceil((MINUTE_MS - (at % MINUTE_MS)) / 1000));
}
