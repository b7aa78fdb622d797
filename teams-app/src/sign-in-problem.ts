import type { Problem } from "./api.ts";

/**
 * Why Teams could not give the tab a sign-in token, in words a municipal
 * employee can act on. teams-js rejects getAuthToken() with Entra or Teams
 * error names (resourceRequiresConsent, CancelledByUser, invalid_grant …).
 */
export function signInProblem(error: unknown): Problem {
  const reason = error instanceof Error ? error.message : String(error);
  const problem = (code: string, title: string, detail: string): Problem => ({
    status: 0,
    code,
    title,
    detail,
  });
  if (/consent|invalid_grant|interaction_required|AADSTS65001/i.test(reason)) {
    return problem(
      "consent-required",
      "Medgivande saknas",
      "Avtalsuppföljning behöver ditt medgivande för att logga in dig. Välj Ge medgivande och godkänn i fönstret som öppnas. Öppnas inget fönster, eller får du inte godkänna själv, behöver kommunens IT-avdelning ge administratörsmedgivande för appen i Entra ID.",
    );
  }
  if (/CancelledByUser|FailedToOpenWindow/i.test(reason)) {
    return problem(
      "sign-in-cancelled",
      "Inloggningen avbröts",
      "Inloggningen avbröts eller blockerades. Tillåt popup-fönster för Teams och välj Försök igen.",
    );
  }
  if (/resource|origin|match/i.test(reason)) {
    return problem(
      "sign-in-misconfigured",
      "Inloggningen är felinställd",
      "Appens inloggning stämmer inte med adressen fliken körs på (webApplicationInfo i appmanifestet). Kontakta kommunens IT-avdelning.",
    );
  }
  return problem(
    "sign-in-failed",
    "Kunde inte logga in",
    "Teams kunde inte logga in dig i Avtalsuppföljning. Försök igen; om felet kvarstår, kontakta kommunens IT-avdelning.",
  );
}
