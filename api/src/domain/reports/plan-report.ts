import {
  followUpDueDatesOf,
  periodKindOf,
  reportingCommitteeIds,
  reportMonthOf,
} from "../annual-cycle.ts";
import { type Cadence, cadenceFor, cadenceText, DEFAULT_CADENCE } from "../cadence.ts";
import { type IsoDate, parseIsoDate, swedishLongDate, swedishMonthName } from "../dates.ts";
import type { Committee, Contract, FollowUpPlan } from "../model.ts";
import { providerNames } from "../providers.ts";
import { PERIOD_KIND_LABELS, periodContaining, type ReportingPeriod } from "../reporting-period.ts";
import { DEFAULT_RISK_MATRIX, RISK_LEVEL_LABELS, type RiskLevel, riskLevelOf } from "../risk.ts";
import {
  capitalized,
  lowerFirst,
  numberWord,
  numberWordCommon,
  paragraphsOf,
  swedishList,
} from "../swedish.ts";
import { byTitle, timesPerYear } from "./report-parts.ts";
import type { Handler, PlanReportModel, RegisterData } from "./report-types.ts";
import { REPORT_TYPE_TITLES } from "./report-types.ts";

/** The nämnd's follow-up plan for a mandate period (seed 001). */

/**
 * How often a strategic contract is followed up and when in the current
 * period: at its assessed risk level's cadence ("Två gånger per år (hög
 * risk)"), or as often per year as the contract says.
 */
function timePlanRow(
  data: RegisterData,
  contract: Contract,
  committeeId: string,
  period: ReportingPeriod,
): { frequency: string; months: string } {
  const dueDates = followUpDueDatesOf(data, contract, committeeId, period);
  const months = capitalized(
    swedishList(dueDates.map((due) => swedishMonthName(parseIsoDate(due).month))),
  );
  if (!contract.risk) {
    return { frequency: timesPerYear(contract.followUpsPerYear || 1), months };
  }
  const matrix = data.municipality.riskMatrix ?? DEFAULT_RISK_MATRIX;
  const cadence = cadenceFor(contract.strategic, data.municipality.riskCadence ?? DEFAULT_CADENCE);
  const level = riskLevelOf(matrix, contract.risk.likelihood, contract.risk.consequence);
  return {
    frequency: `${capitalized(cadenceText(level, cadence))} (${RISK_LEVEL_LABELS[level].toLocaleLowerCase("sv")})`,
    months: months || "–",
  };
}

function extraFollowUpSentence(months: number): string {
  if (months === 0) return "Höjs risknivån görs en extra uppföljning genast.";
  const span = months === 1 ? "en månad" : `${numberWordCommon(months)} månader`;
  return `Höjs risknivån görs en extra uppföljning inom ${span}.`;
}

const RISK_LEVELS_HIGH_FIRST = ["hög", "medel", "låg"] as const;

/**
 * The cadence per risk level, for a plan where some contract's risk has been
 * assessed: as it applies to the plan's strategic contracts (at least once a
 * period), and where the kommun's cadence says otherwise, what other contracts follow.
 */
function riskCadenceParagraph(data: RegisterData): string {
  const cadence = data.municipality.riskCadence ?? DEFAULT_CADENCE;
  const strategic = cadenceFor(true, cadence);
  const levelText = (level: RiskLevel, of: Cadence) =>
    `${RISK_LEVEL_LABELS[level].toLocaleLowerCase("sv")} ${cadenceText(level, of)}`;
  const levels = RISK_LEVELS_HIGH_FIRST.map((level) => levelText(level, strategic));
  const others = RISK_LEVELS_HIGH_FIRST.filter(
    (level) => cadence.intervalMonths[level] !== strategic.intervalMonths[level],
  ).map((level) => levelText(level, cadence));
  const otherwise =
    others.length > 0 ? ` Avtal som inte är strategiska följs upp med ${swedishList(others)}.` : "";
  return `Strategiska avtal vars risk har bedömts enligt kommunens riskmatris (sannolikhet × konsekvens) följs upp efter risknivå, och minst en gång per uppföljningsperiod: ${swedishList(levels)}.${otherwise} ${extraFollowUpSentence(cadence.extraWithinMonths)}`;
}

export function planReport(
  data: RegisterData,
  committee: Committee,
  plan: FollowUpPlan,
  date: IsoDate,
  handler: Handler,
): PlanReportModel {
  const kind = periodKindOf(committee, data.municipality);
  const reportMonth = swedishMonthName(reportMonthOf(committee, data.municipality));
  const periodWords = PERIOD_KIND_LABELS[kind].toLowerCase();
  const ks = data.committees.find((candidate) => candidate.isKs);
  const ksName = ks ? lowerFirst(ks.name) : "kommunstyrelsen";
  const contracts = data.contracts
    .filter(
      (contract) =>
        contract.strategic &&
        contract.status !== "avslutat" &&
        reportingCommitteeIds(contract).includes(committee.id),
    )
    .sort(byTitle);
  const decisionDate = plan.status === "beslutad" ? plan.decisionDate : undefined;
  const decided = decisionDate !== undefined && decisionDate !== "";
  const formsText = plan.forms.length > 0 ? `${capitalized(swedishList(plan.forms))}.` : "";
  return {
    type: "plan",
    title: `${REPORT_TYPE_TITLES.plan} ${plan.mandatePeriod}`,
    fileTitle: `Uppföljningsplan ${plan.mandatePeriod}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Plan",
    period: plan.mandatePeriod,
    date,
    registryNumber: plan.registryNumber,
    handler,
    decision: {
      status: decided ? "Beslutad" : "Utkast",
      date: decided ? decisionDate : "",
      paragraph: "",
    },
    notes: [],
    status: decided ? `Beslutad av nämnden den ${swedishLongDate(decisionDate)}` : "Utkast",
    proposal: decided
      ? []
      : [
          `${committee.name} antar uppföljningsplanen för strategiska avtal för mandatperioden ${plan.mandatePeriod}.`,
          `Planen redovisas till ${ksName} för kännedom.`,
        ],
    sections: [
      {
        heading: "Inledning",
        paragraphs: [
          "Kommunfullmäktige har antagit ett program för uppföljning av verksamhet som utförs av privata utförare. Utifrån programmet ska varje nämnd ta fram en uppföljningsplan där det framgår när och på vilket sätt avtal och verksamheter ska följas upp och utvärderas. Uppföljningsplanen ska redovisas till kommunstyrelsen en gång per mandatperiod, före årsskiftet året efter att riksdagsval har hållits.",
          "Planen innehåller en sammanfattning av nämndens uppföljningsansvar, vilka former av uppföljning som används, vem som ansvarar för att genomföra uppföljningarna, en tidsplan och hur resultatet av uppföljningen återkopplas till nämnden och till utförarna.",
        ],
        bullets: [],
        subsections: [],
      },
      {
        heading: "Syfte",
        paragraphs: ["Uppföljningens huvudsakliga syfte är att:"],
        bullets: ["kontrollera att tecknade avtal följs", "möjliggöra allmänhetens insyn"],
        subsections: [],
      },
      {
        heading: "1. Nämndens uppföljningsansvar – vad ska följas upp",
        paragraphs: [
          ...paragraphsOf(plan.scope),
          contracts.length === 0
            ? "Nämnden har inga avtal som klassificerats som strategiska."
            : `Nämndens strategiska avtal, som redovisas till kommunstyrelsen och kommunfullmäktige, är ${numberWord(contracts.length)} till antalet och framgår av tabellen nedan. Övriga avtal följs upp inom ramen för nämndens interna kontroll.`,
        ],
        bullets: [],
        subsections: [
          {
            heading: "Berörda verksamheter",
            paragraphs: [
              "Med en privat utförare, såsom den definieras i 10 kap. 7 § kommunallagen, avses en juridisk person eller en enskild individ som har hand om skötseln av en kommunal angelägenhet. Privat utförare blir man genom en upphandling eller ett valfrihetssystem. En privat aktör som endast säljer enstaka tjänster räknas inte som en privat utförare.",
              "Verksamhet som nämnden bedriver i egen regi följs upp på samma sätt.",
            ],
          },
        ],
      },
      {
        heading: "2. Former för uppföljning – hur ska det följas upp",
        paragraphs: [formsText, ...paragraphsOf(plan.formsDescription)].filter(Boolean),
        bullets: [],
        subsections: [
          {
            heading: "Inför",
            paragraphs: [
              "Inför nya avtal eller förlängning av avtal hålls ett uppstartsmöte där avtalet gås igenom för att säkerställa att kraven på den upphandlade tjänsten uppfylls enligt förfrågningsunderlaget.",
              "På mötet fastställs vilken rapportering som ska ske löpande och årligen för att tillgodose allmänhetens insynsrätt. Uppstartsmötet dokumenteras i ett protokoll som diarieförs.",
            ],
          },
          {
            heading: "Löpande",
            paragraphs: [
              "Avvikelser dokumenteras och hanteras löpande när de inträffar. Brister som upptäcks följs upp med en handlingsplan med ansvarig, åtgärder, sista dag och uppföljning.",
            ],
          },
          {
            heading: "Rapportering",
            paragraphs: [
              `Uppföljningen av de strategiska avtalen återrapporteras årligen till ${lowerFirst(committee.name)} i ${reportMonth} och till ${ksName} för kännedom innan årets slut. Uppföljningsperioden är ${periodWords}.`,
            ],
          },
        ],
      },
      {
        heading: "3. Ansvar för uppföljning – vem",
        paragraphs: paragraphsOf(plan.responsibility),
        bullets: [],
        subsections: [],
      },
      {
        heading: "4. Tidsplan – när",
        paragraphs: [
          ...paragraphsOf(plan.timetable),
          ...(contracts.length > 0
            ? [
                "Tabellen visar hur ofta varje strategiskt avtal följs upp och i vilka månader uppföljningen ska vara klar.",
              ]
            : []),
          ...(contracts.some((contract) => contract.risk) ? [riskCadenceParagraph(data)] : []),
        ],
        bullets: [],
        subsections: [],
      },
      {
        heading: "5. Återkoppling av resultatet",
        paragraphs: [
          ...paragraphsOf(plan.feedback),
          `Uppföljningen sammanställs i en rapport som överlämnas till ${lowerFirst(committee.name)} i ${reportMonth} för beslut. Beslutet ska innehålla graden av måluppfyllelse utifrån avtal, en utvärdering av levererad tjänst och en bedömning av om befintlig kontroll av verksamheten är tillräcklig.`,
          `Beslutet rapporteras som information till ${ksName}. Brister rapporteras tillsammans med en handlingsplan för dem till ${ksName} för kännedom. Uppföljningen återkopplas även skriftligt till utföraren.`,
        ],
        bullets: [],
        subsections: [],
      },
    ],
    contracts: contracts.map((contract) => ({
      title: contract.title,
      serviceArea: contract.serviceArea,
      provider: providerNames(contract.providers) || contract.provider,
    })),
    timePlan: contracts.map((contract) => ({
      title: contract.title,
      ...timePlanRow(data, contract, committee.id, periodContaining(kind, date)),
    })),
  };
}
