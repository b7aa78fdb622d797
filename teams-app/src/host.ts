/**
 * Where the tab runs: inside Teams (SSO token, Teams theme and context) or
 * in an ordinary browser (local sign-in, theme of the user's choice).
 * Outside a frame it cannot be Teams, so the browser is chosen at once.
 * Inside one, teams-js is loaded and every call to Teams has a time limit
 * with a Swedish message; a framed tab never falls back to the local
 * sign-in, which does not exist in a tenant.
 */

import type { Problem } from "./api.ts";
import { tokenExpiry } from "./session.ts";
import { signInProblem } from "./sign-in-problem.ts";

export type ThemeName = "default" | "dark" | "contrast";

export interface TeamsHost {
  kind: "teams";
  theme: ThemeName;
  /** "content" for the tab, "settings" for the channel tab's configuration page. */
  frameContext: string;
  /** The team's Microsoft 365 group id (a channel tab), used to pick the nämnd. */
  teamGroupId: string | undefined;
  /** The deep link's sub page, e.g. "avtal/12". */
  subPageId: string | undefined;
  onThemeChange(handler: (theme: ThemeName) => void): void;
  getToken(): Promise<string>;
  /** Forgets the token (the API refused it), so the next call asks Teams again. */
  forgetToken(): void;
  /** Asks the person's consent in Teams' authentication window. */
  consent(): Promise<void>;
  /** The configuration page: whether Save is allowed, and what Save stores. */
  config: {
    setValid(valid: boolean): void;
    onSave(save: () => TabConfig | undefined): void;
  };
}

export interface TabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

export interface BrowserHost {
  kind: "browser";
}

export type Host = TeamsHost | BrowserHost;

/** Time limits for calls to Teams; each ends in a Swedish message instead of a blank tab. */
export const HOST_TIMEOUTS = {
  /** After this the person is told that Teams is slow (the tab keeps waiting). */
  slowNoticeMs: 2_000,
  /** After this the person is told that Teams does not answer (the tab still starts if it does). */
  initializeMs: 10_000,
  contextMs: 10_000,
  tokenMs: 15_000,
  /** The consent window waits for the person. */
  consentMs: 5 * 60_000,
  configMs: 10_000,
};

export class HostProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

function hostProblem(code: string, title: string, detail: string): HostProblem {
  return new HostProblem({ status: 0, code, title, detail });
}

export const PROBLEMS = {
  initialize: () =>
    hostProblem(
      "teams-unreachable",
      "Teams svarar inte",
      "Fliken väntar på Teams men får inget svar. Ladda om fliken eller starta om Teams. Fliken startar av sig själv om Teams svarar.",
    ),
  context: () =>
    hostProblem(
      "teams-context-timeout",
      "Teams svarar inte",
      "Teams skickade inte uppgifter om team och kanal i tid. Försök igen.",
    ),
  token: () =>
    hostProblem(
      "sign-in-timeout",
      "Inloggningen dröjer",
      "Teams gav ingen inloggning i tid. Försök igen; händer det igen, ladda om fliken.",
    ),
  consent: () =>
    hostProblem(
      "consent-timeout",
      "Medgivandet avbröts",
      "Fönstret för medgivande stängdes eller svarade inte. Försök igen.",
    ),
  config: () =>
    hostProblem(
      "config-timeout",
      "Fliken sparades inte",
      "Teams bekräftade inte att fliken sparades. Försök igen.",
    ),
};

/** The promise's value, or the problem when it takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, problem: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(problem()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function asTheme(value: string | undefined): ThemeName {
  return value === "dark" || value === "contrast" ? value : "default";
}

/**
 * Hosts teams-js may listen to besides Teams' own: local mode's Teams host,
 * which is this same server under its other loopback name (the tab at
 * http://localhost:P, the host at http://127.0.0.1:P). A tab served any other
 * way listens to Teams only; the CSP's frame-ancestors decides who may frame it.
 */
export function localHostOrigins(location: { protocol: string; hostname: string; port: string }) {
  return location.protocol === "http:" && location.hostname === "localhost"
    ? [`http://127.0.0.1:${location.port}`]
    : [];
}

/** Where the consent window starts (teams-js accepts https addresses only). */
function consentUrl(): string {
  return `https://${window.location.host}/auth/consent-start`;
}

export function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

export type HostStart =
  | { state: "starting" }
  | { state: "slow" }
  | { state: "ready"; host: Host }
  | { state: "failed"; problem: Problem; retry: () => void };

/** Outside a frame the tab is in a browser from the first render; inside one it waits for Teams. */
export function initialHostStart(): HostStart {
  return isFramed() ? { state: "starting" } : { state: "ready", host: { kind: "browser" } };
}

/**
 * Starts the tab's link to Teams when framed and reports each step: slow
 * Teams, silent Teams (the tab still starts if Teams answers later), ready.
 * (The browser host is ready from the first render: initialHostStart.)
 */
export function startHost(report: (start: HostStart) => void): void {
  if (isFramed()) void connectToTeams(report);
}

async function connectToTeams(report: (start: HostStart) => void): Promise<void> {
  const teams = await import("@microsoft/teams-js");
  const { app } = teams;
  let settled = false;
  const initialized = app.initialize(localHostOrigins(window.location));
  const slow = setTimeout(() => !settled && report({ state: "slow" }), HOST_TIMEOUTS.slowNoticeMs);
  const silent = setTimeout(() => {
    // Still listening: if Teams answers later, the tab starts after all.
    if (!settled)
      report({
        state: "failed",
        problem: PROBLEMS.initialize().problem,
        retry: () => window.location.reload(),
      });
  }, HOST_TIMEOUTS.initializeMs);
  try {
    await initialized;
  } catch (error) {
    settled = true;
    clearTimeout(slow);
    clearTimeout(silent);
    report({
      state: "failed",
      problem: PROBLEMS.initialize().problem,
      retry: () => window.location.reload(),
    });
    console.warn("app.initialize failed", error);
    return;
  }
  settled = true;
  clearTimeout(slow);
  clearTimeout(silent);

  const loadContext = async (): Promise<void> => {
    try {
      const context = await withTimeout(
        app.getContext(),
        HOST_TIMEOUTS.contextMs,
        PROBLEMS.context,
      );
      app.notifySuccess();
      report({ state: "ready", host: teamsHost(teams, context) });
    } catch (error) {
      report({
        state: "failed",
        problem: error instanceof HostProblem ? error.problem : PROBLEMS.context().problem,
        retry: () => void loadContext(),
      });
    }
  };
  await loadContext();
}

type TeamsJs = typeof import("@microsoft/teams-js");
type TeamsContext = Awaited<ReturnType<TeamsJs["app"]["getContext"]>>;

function teamsHost(teams: TeamsJs, context: TeamsContext): TeamsHost {
  const { app, authentication, pages } = teams;
  let cached: { token: string; expires: number } | undefined;
  // Screens load in parallel: they share one request to Teams rather than asking once each.
  let pending: Promise<string> | undefined;
  let saveConfig: (() => TabConfig | undefined) | undefined;
  let saveRegistered = false;
  return {
    kind: "teams",
    theme: asTheme(context.app.theme),
    frameContext: String(context.page.frameContext ?? "content"),
    teamGroupId: context.team?.groupId,
    subPageId: context.page.subPageId || undefined,
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme)));
    },
    async getToken() {
      if (cached && cached.expires > Date.now() + 60_000) return cached.token;
      pending ??= withTimeout(authentication.getAuthToken(), HOST_TIMEOUTS.tokenMs, PROBLEMS.token)
        .then((token) => {
          cached = { token, expires: tokenExpiry(token) ?? Date.now() + 5 * 60_000 };
          return token;
        })
        .catch((error: unknown) => {
          throw error instanceof HostProblem ? error : new HostProblem(signInProblem(error));
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    forgetToken() {
      cached = undefined;
      pending = undefined;
    },
    async consent() {
      try {
        await withTimeout(
          authentication.authenticate({ url: consentUrl(), width: 600, height: 535 }),
          HOST_TIMEOUTS.consentMs,
          PROBLEMS.consent,
        );
        cached = undefined;
      } catch (error) {
        throw error instanceof HostProblem ? error : new HostProblem(signInProblem(error));
      }
    },
    config: {
      setValid(valid) {
        pages.config.setValidityState(valid);
      },
      onSave(save) {
        saveConfig = save;
        if (saveRegistered) return;
        saveRegistered = true;
        pages.config.registerOnSaveHandler((event) => {
          const config = saveConfig?.();
          if (!config) {
            event.notifyFailure("Välj en nämnd först.");
            return;
          }
          withTimeout(pages.config.setConfig(config), HOST_TIMEOUTS.configMs, PROBLEMS.config).then(
            () => event.notifySuccess(),
            (error: unknown) =>
              event.notifyFailure(error instanceof Error ? error.message : String(error)),
          );
        });
      },
    },
  };
}
