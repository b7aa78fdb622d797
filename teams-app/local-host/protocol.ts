/**
 * The local Teams host's side of the teams-js host protocol (teams-js 2.58
 * on the wire, read in OfficeDev/microsoft-teams-library-js: internal/
 * communication.ts, public/app/app.ts, public/authentication.ts,
 * internal/pagesHelpers.ts). Only the message format is relied on:
 *
 * - the tab posts requests `{id, uuidAsString, func, args}` to its parent;
 * - the host answers `{id, uuidAsString, args}` (teams-js matches `uuidAsString`,
 *   older SDKs `id`);
 * - host events (`themeChange`, `settings.save`) are `{func, args}` without `id`.
 *
 * Pure: what to answer is decided here, the page (main.ts) does the I/O.
 */

export const SDK_VERSION = "2.58.0";

export type FrameContext = "content" | "settings";
export type HostTheme = "default" | "dark" | "contrast";

export interface HostRequest {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
}

export interface HostResponse {
  id: number;
  uuidAsString?: string;
  args: unknown[];
}

export interface HostEvent {
  func: string;
  args: unknown[];
}

/** A message from the tab that the host should look at, or undefined for anything else. */
export function asHostRequest(data: unknown): HostRequest | undefined {
  if (typeof data !== "object" || data === null || !("id" in data) || !("func" in data))
    return undefined;
  const { id, func } = data;
  if (typeof id !== "number" || typeof func !== "string") return undefined;
  const args = "args" in data && Array.isArray(data.args) ? data.args : [];
  const uuid = "uuidAsString" in data ? data.uuidAsString : undefined;
  return { id, func, args, ...(typeof uuid === "string" ? { uuidAsString: uuid } : {}) };
}

export function response(request: HostRequest, args: unknown[]): HostResponse {
  return {
    id: request.id,
    ...(request.uuidAsString ? { uuidAsString: request.uuidAsString } : {}),
    args,
  };
}

/**
 * What this host can do, in teams-js's runtime format (apiVersion 4). The tab
 * uses app, authentication and pages.config; nothing else is claimed.
 */
export const RUNTIME_CONFIG = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    app: {},
    appEntity: {},
    pages: { config: {}, currentApp: {} },
    teamsCore: {},
  },
};

/** The answer to `initialize`: frame context, client type, runtime, SDK version. */
export function initializeAnswer(frameContext: FrameContext): unknown[] {
  return [frameContext, "web", JSON.stringify(RUNTIME_CONFIG), SDK_VERSION];
}

export interface HostPerson {
  id: string;
  name: string;
  email: string;
}

export interface HostTeam {
  /** The Microsoft 365 group, which is how the tab finds its nämnd. */
  groupId: string;
  name: string;
  /** The nämnd's code, used for the team's and channel's made-up ids. */
  code: string;
}

export interface TabSession {
  frameContext: FrameContext;
  theme: HostTheme;
  person: HostPerson;
  /** Absent for the personal app (no team). */
  team: HostTeam | undefined;
  entityId: string;
  /** A deep link's sub page, e.g. "avtal/12". */
  subEntityId: string | undefined;
  tenantId: string;
  sessionId: string;
}

/**
 * The context as `getContext` sends it on the wire: the older flat shape
 * that teams-js turns into `app`, `page`, `user`, `team` and `channel`
 * (it builds `team` only when `teamId` is present).
 */
export function flatContext(session: TabSession): Record<string, unknown> {
  const team = session.team;
  return {
    entityId: session.entityId,
    ...(session.subEntityId ? { subEntityId: session.subEntityId } : {}),
    locale: "sv-SE",
    theme: session.theme,
    frameContext: session.frameContext,
    hostClientType: "web",
    hostName: "Teams",
    appSessionId: session.sessionId,
    sessionId: session.sessionId,
    tid: session.tenantId,
    userObjectId: session.person.id,
    userPrincipalName: session.person.email,
    loginHint: session.person.email,
    userDisplayName: session.person.name,
    ...(team
      ? {
          teamId: `19:team-${team.code.toLowerCase()}@thread.tacv2`,
          teamName: team.name,
          groupId: team.groupId,
          channelId: `19:${team.code.toLowerCase()}-allmant@thread.tacv2`,
          channelName: "Allmänt",
          channelType: "Regular",
          userTeamRole: 0,
        }
      : {}),
  };
}

/** How the host's SSO answers: a token, the failure cases, or silence. */
export type SsoBehaviour = "ok" | "consent" | "fail" | "never";

/** getAuthToken's answer for each behaviour: `[true, token]` or `[false, reason]`; undefined = no answer. */
export function authTokenAnswer(
  behaviour: SsoBehaviour,
  token: string | undefined,
): unknown[] | undefined {
  switch (behaviour) {
    case "ok":
      return token ? [true, token] : [false, "internalError"];
    case "consent":
      // What Teams answers when the person has not consented to the app's scope.
      return [false, "resourceRequiresConsent"];
    case "fail":
      return [false, "internalError"];
    case "never":
      return undefined;
  }
}

/** The tab's settings as `settings.setSettings` sends them (pages.config.setConfig). */
export interface SavedTabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl?: string;
  suggestedDisplayName?: string;
}

export function asSavedTabConfig(value: unknown): SavedTabConfig | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const text = (key: string): string | undefined => {
    const found = Object.entries(value).find(([name]) => name === key)?.[1];
    return typeof found === "string" ? found : undefined;
  };
  const entityId = text("entityId");
  const contentUrl = text("contentUrl");
  if (entityId === undefined || contentUrl === undefined) return undefined;
  const websiteUrl = text("websiteUrl");
  const suggestedDisplayName = text("suggestedDisplayName");
  return {
    entityId,
    contentUrl,
    ...(websiteUrl !== undefined ? { websiteUrl } : {}),
    ...(suggestedDisplayName !== undefined ? { suggestedDisplayName } : {}),
  };
}

/** Calls the host answers by itself; anything else is shown as unsupported. */
export const FIRE_AND_FORGET = new Set([
  "registerHandler",
  "appInitialization.appLoaded",
  "appInitialization.success",
  "appInitialization.failure",
  "appInitialization.expectedFailure",
  "settings.setValidityState",
  "settings.save.success",
  "settings.save.failure",
]);

/** teams-js's SdkError for a call this host does not implement (501: not supported on platform). */
export const NOT_SUPPORTED = { errorCode: 501, message: "Stöds inte av den lokala Teams-värden" };
