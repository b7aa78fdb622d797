import { describe, expect, test } from "vitest";
import {
  asHostRequest,
  asSavedTabConfig,
  authTokenAnswer,
  flatContext,
  initializeAnswer,
  RUNTIME_CONFIG,
  response,
  type TabSession,
} from "../../teams-app/local-host/protocol.ts";

const session: TabSession = {
  frameContext: "content",
  theme: "dark",
  person: { id: "u1", name: "Anna Lindqvist", email: "anna@asby.se" },
  team: { groupId: "g-van", name: "Vård- och äldrenämnden", code: "VAN" },
  entityId: "avtalsuppfoljning",
  subEntityId: "avtal/12",
  tenantId: "t1",
  sessionId: "s1",
};

describe("the local Teams host's answers (teams-js 2.58 wire format)", () => {
  test("a request is {id, uuidAsString, func, args}; anything else is ignored", () => {
    expect(asHostRequest({ id: 3, uuidAsString: "u-3", func: "getContext", args: [] })).toEqual({
      id: 3,
      uuidAsString: "u-3",
      func: "getContext",
      args: [],
    });
    expect(asHostRequest({ func: "themeChange", args: ["dark"] })).toBeUndefined();
    expect(asHostRequest("initialize")).toBeUndefined();
    expect(asHostRequest({ id: "3", func: "x" })).toBeUndefined();
  });

  test("an answer carries the request's id and uuid back", () => {
    expect(response({ id: 7, uuidAsString: "u-7", func: "getContext" }, ["x"])).toEqual({
      id: 7,
      uuidAsString: "u-7",
      args: ["x"],
    });
  });

  test("initialize is answered with frame context, client type, runtime and SDK version", () => {
    const [frameContext, clientType, runtime, version] = initializeAnswer("settings");
    expect([frameContext, clientType, version]).toEqual(["settings", "web", "2.58.0"]);
    expect(JSON.parse(String(runtime))).toEqual(RUNTIME_CONFIG);
    expect(RUNTIME_CONFIG.apiVersion).toBe(4);
    expect(RUNTIME_CONFIG.supports.pages.config).toEqual({});
  });

  test("getContext sends the flat context: locale sv-SE, theme, sub page, and the team only in a team", () => {
    const context = flatContext(session);
    expect(context).toMatchObject({
      locale: "sv-SE",
      theme: "dark",
      frameContext: "content",
      subEntityId: "avtal/12",
      userObjectId: "u1",
      groupId: "g-van",
      teamName: "Vård- och äldrenämnden",
      channelId: "19:van-allmant@thread.tacv2",
    });
    expect(typeof context.teamId).toBe("string");
    const personal = flatContext({ ...session, team: undefined, subEntityId: undefined });
    expect(personal.teamId).toBeUndefined();
    expect(personal.groupId).toBeUndefined();
    expect(personal.subEntityId).toBeUndefined();
  });

  test("getAuthToken: [true, token], the failure reasons, or no answer", () => {
    expect(authTokenAnswer("ok", "jwt")).toEqual([true, "jwt"]);
    expect(authTokenAnswer("consent", "jwt")).toEqual([false, "resourceRequiresConsent"]);
    expect(authTokenAnswer("fail", "jwt")).toEqual([false, "internalError"]);
    expect(authTokenAnswer("never", "jwt")).toBeUndefined();
  });

  test("the configuration page's settings must name an entity and a content address", () => {
    expect(
      asSavedTabConfig({
        entityId: "namnd-3",
        contentUrl: "http://localhost:1/?namnd=3#/oversikt",
        suggestedDisplayName: "Avtal – IFN",
        extra: 1,
      }),
    ).toEqual({
      entityId: "namnd-3",
      contentUrl: "http://localhost:1/?namnd=3#/oversikt",
      suggestedDisplayName: "Avtal – IFN",
    });
    expect(asSavedTabConfig({ entityId: "x" })).toBeUndefined();
    expect(asSavedTabConfig(null)).toBeUndefined();
  });
});
