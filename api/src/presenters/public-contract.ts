import type { Committee, Contract, Deficiency, FollowUp, PublicField } from "../domain/model.ts";
import { parseOrganisationNumber } from "../domain/organisation-number.ts";

/**
 * What the public may see about a contract (insynsrätt): only the fields the
 * nämnd marked public for that contract, never names of individuals,
 * internal notes or the details of deficiencies. Everything public — the web
 * page, the embeddable fragment, JSON and CSV — goes through this presenter.
 */

export interface PublicContract {
  /** Stable identifier for open data: the contract number. */
  contractNumber: string;
  title: string;
  committee: string;
  committeeCode: string;
  serviceArea: string | null;
  provider: string | null;
  ownRegime: boolean | null;
  startDate: string | null;
  endDate: string | null;
  followedUp: string | null;
  latestFollowUpPeriod: string | null;
  latestResult: string | null;
  actionPlansInProgress: boolean | null;
  /**
   * The providers' organisationsnummer, public with the provider. A sole
   * trader's number is their personnummer, which is personal data: left out.
   */
  providerOrgNumber: string | null;
}

/** The open-data schema's columns, in order (documented in the README; stable). */
export const PUBLIC_COLUMNS: Array<{ key: keyof PublicContract; label: string }> = [
  { key: "contractNumber", label: "Avtalsnummer" },
  { key: "title", label: "Avtal" },
  { key: "committee", label: "Nämnd" },
  { key: "committeeCode", label: "Nämndkod" },
  { key: "serviceArea", label: "Verksamhetsområde" },
  { key: "provider", label: "Utförare" },
  { key: "ownRegime", label: "Egen regi" },
  { key: "startDate", label: "Avtalsstart" },
  { key: "endDate", label: "Avtalsslut" },
  { key: "followedUp", label: "Vad följs upp" },
  { key: "latestFollowUpPeriod", label: "Senaste uppföljning, period" },
  { key: "latestResult", label: "Senaste uppföljning, resultat" },
  { key: "actionPlansInProgress", label: "Handlingsplaner pågår" },
  // Added last, so that readers of the columns above keep working (schema version 1).
  { key: "providerOrgNumber", label: "Organisationsnummer" },
];

/** The legal persons' numbers among the contract's providers, "" when none. */
function publicOrgNumbers(contract: Contract): string {
  const typed = contract.providers.map((provider) => provider.orgNumber);
  const numbers = (typed.some(Boolean) ? typed : [contract.providerOrgNumber]).flatMap((text) => {
    const parsed = parseOrganisationNumber(text);
    return parsed.ok && parsed.kind === "legal-person" ? [parsed.value] : [];
  });
  return [...new Set(numbers)].join(", ");
}

export function presentPublicContract(
  contract: Contract,
  committee: Committee,
  followUps: FollowUp[],
  deficiencies: Deficiency[],
): PublicContract {
  const shows = (field: PublicField) => contract.publicFields.includes(field);
  const latest = followUps
    .filter(
      (followUp) =>
        followUp.contractId === contract.id &&
        followUp.committeeId === committee.id &&
        followUp.status === "klar" &&
        followUp.publicSummary.trim() !== "",
    )
    .sort((a, b) => b.followUpDate.localeCompare(a.followUpDate))[0];
  const openActionPlans = deficiencies.some(
    (deficiency) =>
      deficiency.contractId === contract.id &&
      deficiency.status !== "åtgärdad" &&
      deficiency.measures.trim() !== "",
  );
  return {
    contractNumber: contract.contractNumber,
    title: contract.title,
    committee: committee.name,
    committeeCode: committee.code,
    serviceArea: shows("serviceArea") ? contract.serviceArea : null,
    provider: shows("provider") ? contract.provider : null,
    ownRegime: shows("provider") ? contract.ownRegime : null,
    startDate: shows("period") ? (contract.startDate ?? null) : null,
    endDate: shows("period") ? (contract.endDate ?? null) : null,
    followedUp:
      shows("followedUp") && contract.publicDescription.trim() ? contract.publicDescription : null,
    latestFollowUpPeriod: shows("latestResult") && latest ? latest.period : null,
    latestResult: shows("latestResult") && latest ? latest.publicSummary : null,
    actionPlansInProgress: shows("actionPlans") ? openActionPlans : null,
    providerOrgNumber: shows("provider") && !contract.ownRegime ? publicOrgNumbers(contract) : null,
  };
}
