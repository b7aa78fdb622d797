import { describe, expect, it } from "vitest";
import { ApiError, createApi } from "../../teams-app/src/api.ts";
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
