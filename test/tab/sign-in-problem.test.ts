import { describe, expect, it } from "vitest";
import { ApiError, createApi, TEAMS_REJECTED } from "../../teams-app/src/api.ts";
import { signInProblem } from "../../teams-app/src/sign-in-problem.ts";

describe("when Teams cannot give the tab a token", () => {
  it.each([
    ["resourceRequiresConsent", "consent-required"],
    ["invalid_grant: AADSTS65001: The user or administrator has not consented", "consent-required"],
    ["CancelledByUser", "sign-in-cancelled"],
    ["App resource defined in manifest and iframe origin do not match", "sign-in-misconfigured"],
    ["something unexpected", "sign-in-failed"],
  ])("%s → %s with a Swedish explanation", (reason, code) => {
    const problem = signInProblem(new Error(reason));
    expect(problem.code).toBe(code);
    expect(problem.detail).toMatch(/[åäö]/);
    expect(problem.detail).not.toContain(reason);
  });

  it("the API client reports it as an ApiError and sends nothing", async () => {
    let fetched = false;
    const original = globalThis.fetch;
    globalThis.fetch = (async () => {
      fetched = true;
      return new Response("{}");
    }) as typeof fetch;
    try {
      const api = createApi({
        token: () => Promise.reject(new Error("resourceRequiresConsent")),
        rejected: () => false,
      });
      const failure = await api.get("/api/me").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).problem.code).toBe("consent-required");
      expect(fetched).toBe(false);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe("a token the API refuses (401)", () => {
  const answers = (statuses: number[]) => {
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = (async (_input: unknown, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("Authorization") ?? "");
      const status = statuses.shift() ?? 200;
      return new Response(
        status === 401
          ? JSON.stringify({
              code: "unauthenticated",
              title: "Inte inloggad",
              detail: "Logga in igen.",
            })
          : "{}",
        { status },
      );
    }) as typeof fetch;
    return { seen, restore: () => (globalThis.fetch = original) };
  };

  it("inside Teams: asks Teams for a fresh token once, then says what helps there — never 'Logga in igen'", async () => {
    let issued = 0;
    const api = createApi({
      token: async () => `token-${++issued}`,
      rejected: () => true,
      rejectedProblem: TEAMS_REJECTED,
    });
    const retried = answers([401, 200]);
    try {
      expect(await api.get("/api/me")).toEqual({});
      expect(retried.seen).toEqual(["Bearer token-1", "Bearer token-2"]);
    } finally {
      retried.restore();
    }
    const refused = answers([401, 401]);
    try {
      const failure = await api.get("/api/me").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).problem.detail).toBe(TEAMS_REJECTED.detail);
      expect((failure as ApiError).problem.detail).not.toContain("Logga in igen");
    } finally {
      refused.restore();
    }
  });

  it("in a browser: the local sign-in is left, with the server's words", async () => {
    let signedOut = false;
    const api = createApi({
      token: async () => "local",
      rejected: () => {
        signedOut = true;
        return false;
      },
    });
    const refused = answers([401]);
    try {
      const failure = await api.get("/api/me").catch((error: unknown) => error);
      expect((failure as ApiError).status).toBe(401);
      expect(signedOut).toBe(true);
      expect(refused.seen).toHaveLength(1);
    } finally {
      refused.restore();
    }
  });
});
