/**
 * Swedish organisationsnummer: ten digits NNNNNN-NNNN whose last digit is a
 * Luhn (mod 10) check digit over the first nine. Skatteverket also writes
 * them with twelve digits prefixed "16"; we store the ten-digit form with the
 * hyphen, as registers and invoices show it.
 */

export type OrganisationNumberProblem =
  | "empty"
  | "characters"
  | "length"
  | "century-prefix"
  | "check-digit";

export type OrganisationNumberResult =
  | { ok: true; value: string; kind: OrganisationKind }
  | { ok: false; problem: OrganisationNumberProblem; message: string };

/**
 * A legal person's number has 20 or more in its "month" digits; a sole
 * trader (enskild näringsidkare) uses a personnummer, which is accepted
 * but told apart so the app can treat it as personal data.
 */
export type OrganisationKind = "legal-person" | "sole-trader";

const MESSAGES: Record<OrganisationNumberProblem, string> = {
  empty: "Ange organisationsnumret.",
  characters: "Organisationsnumret får bara innehålla siffror och bindestreck (NNNNNN-NNNN).",
  length: "Organisationsnumret ska ha tio siffror (NNNNNN-NNNN).",
  "century-prefix":
    "Ett organisationsnummer med tolv siffror börjar med 16. Ange det med tio siffror (NNNNNN-NNNN).",
  "check-digit":
    "Organisationsnumret stämmer inte: kontrollsiffran (den sista siffran) är fel. Kontrollera numret.",
};

/** Luhn check digit for a run of digits (weights 2, 1, 2, 1 … from the left over nine digits). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const weighted = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

function failure(problem: OrganisationNumberProblem): OrganisationNumberResult {
  return { ok: false, problem, message: MESSAGES[problem] };
}

/** Validates and normalises to NNNNNN-NNNN; spaces are allowed, as people paste them. */
export function parseOrganisationNumber(input: string): OrganisationNumberResult {
  const compact = input.replace(/\s+/g, "");
  if (compact === "") return failure("empty");
  if (!/^\d+(-\d+)?$/.test(compact)) return failure("characters");
  let digits = compact.replace("-", "");
  if (digits.length === 12) {
    if (!digits.startsWith("16")) return failure("century-prefix");
    digits = digits.slice(2);
  }
  if (digits.length !== 10) return failure("length");
  // A hyphen, if typed, belongs before the last four digits.
  if (compact.includes("-") && !/-\d{4}$/.test(compact)) return failure("length");
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return failure("check-digit");
  const kind: OrganisationKind = Number(digits[2]) >= 2 ? "legal-person" : "sole-trader";
  return { ok: true, value: `${digits.slice(0, 6)}-${digits.slice(6)}`, kind };
}

/** The normalised number, or undefined when the text is not a valid organisationsnummer. */
export function normalisedOrganisationNumber(input: string): string | undefined {
  const result = parseOrganisationNumber(input);
  return result.ok ? result.value : undefined;
}
