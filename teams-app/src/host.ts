/**
 * Where the tab runs: inside Teams (SSO token, Teams theme and context) or
 * in an ordinary browser (local sign-in, theme of the user's choice).
 * Outside an iframe it cannot be Teams, so the browser is chosen at once;
 * inside one, teams-js is loaded and app.initialize() gets a short time before giving up.
 */

export type ThemeName = "default" | "dark" | "contrast";

export interface TeamsHost {
  kind: "teams";
  theme: ThemeName;
  /** The team's Microsoft 365 group id (a channel tab), used to pick the nämnd. */
  teamGroupId: string | undefined;
  /** The deep link's sub page, e.g. "avtal/12". */
  subPageId: string | undefined;
  onThemeChange(handler: (theme: ThemeName) => void): void;
  getToken(): Promise<string>;
}

export interface BrowserHost {
  kind: "browser";
}

export type Host = TeamsHost | BrowserHost;

const INITIALIZE_TIMEOUT_MS = 2500;

function asTheme(value: string | undefined): ThemeName {
  return value === "dark" || value === "contrast" ? value : "default";
}

export async function detectHost(): Promise<Host> {
  if (window.self === window.top) return { kind: "browser" };
  // Only a framed tab can be Teams; only then is teams-js loaded.
  const { app, authentication } = await import("@microsoft/teams-js");
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("timeout")), INITIALIZE_TIMEOUT_MS),
      ),
    ]);
  } catch {
    return { kind: "browser" };
  }
  const context = await app.getContext();
  app.notifySuccess();
  return {
    kind: "teams",
    theme: asTheme(context.app.theme),
    teamGroupId: context.team?.groupId,
    subPageId: context.page.subPageId,
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme)));
    },
    getToken: () => authentication.getAuthToken(),
  };
}
