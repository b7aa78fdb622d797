/** Valid request bodies for the API's writes, shared by the authorization matrix and the fuzzing. */

/** A valid body for one kind of record; `label` marks who or what wrote it. */
export function recordBody(kind: string, committeeId: string, contractId: string, label: string) {
  switch (kind) {
    case "plans":
      return {
        committeeId,
        mandatePeriod: "2030–2034",
        scope: `Plan av ${label}`,
        forms: ["avtalsuppföljning"],
        formsDescription: "",
        responsibility: "",
        timetable: "",
        feedback: "",
        status: "utkast",
        registryNumber: "",
      };
    case "kickoffs":
      return {
        contractId,
        committeeId,
        reason: "förlängning",
        contractStart: "2027-07-01",
        meetingDate: "2027-06-01",
        attendees: label,
        continuousReporting: "",
        yearlyReporting: "",
        minutesRegistryNumber: "",
        notes: "",
      };
    case "deviations":
      return {
        contractId,
        committeeId,
        occurredOn: "2026-11-20",
        description: `Avvikelse från ${label}`,
        severity: "låg",
        handling: "",
        status: "öppen",
      };
    case "follow-ups":
      return {
        contractId,
        committeeId,
        period: "2026–2027",
        followUpDate: "2026-11-20",
        form: "avtalsuppföljning",
        meetsRequirements: "ja",
        deficienciesSummary: "",
        goalImpact: "",
        actionPlanSummary: "",
        goalFulfilment: "",
        serviceEvaluation: "",
        controlSufficient: true,
        publicSummary: "",
        status: "utkast",
      };
    default:
      return {
        contractId,
        committeeId,
        description: `Brist från ${label}`,
        goalImpact: "",
        measures: "",
        checkUpResult: "",
        sanctionNote: "",
        status: "öppen",
      };
  }
}

/** A valid new contract for a nämnd. */
export function contractBody(
  committeeId: string,
  owner: { id: string; name: string; email: string },
  title = "Hemsjukvård kvällstid",
) {
  return {
    title,
    contractNumber: `ÅSBY-${Math.random().toString(36).slice(2, 8)}`,
    committeeId,
    sharedWithCommitteeIds: [],
    serviceArea: "Hemsjukvård",
    provider: "Kvällsvård & Co AB",
    providerOrgNumber: "556677-8899",
    ownRegime: false,
    owner,
    valueClass: "hög",
    impactClass: "hög",
    strategicOverride: null,
    annualValue: 4_500_000,
    startDate: "2027-01-01",
    endDate: "2029-12-31",
    extensionOptions: "1 + 1 år",
    extensionDecisionDate: "2029-09-30",
    status: "planerat",
    followUpsPerYear: 2,
    description: "",
    publicFields: ["provider", "serviceArea"],
    publicDescription: "Vårdkvalitet.",
    internalNotes: "",
  };
}
