import { inCommitteeOrder } from "../committee-order.ts";
import { type IsoDate, swedishLongDate } from "../dates.ts";
import { mandatePeriodContaining } from "../mandate-period.ts";
import type { Committee } from "../model.ts";
import type { ReportingPeriod } from "../reporting-period.ts";
import {
  capitalized,
  genitive,
  lowerFirst,
  nameList,
  numberWord,
  swedishList,
} from "../swedish.ts";
import {
  committeeReportFileTitle,
  contractSection,
  handlerSignature,
  hasDeficiencies,
  reportRow,
  rowDecision,
  strategicContractsOf,
} from "./report-parts.ts";
import type {
  CommitteeReportModel,
  ContractSection,
  DecisionPoint,
  Handler,
  RegisterData,
} from "./report-types.ts";
import { REPORT_TYPE_TITLES } from "./report-types.ts";

/** The nämnd's yearly report on its strategic contracts (seeds 001–003). */

/** Whether the providers meet the essential quality requirements, grouped by the follow-ups' answers. */
function requirementSentence(sections: ContractSection[]): string {
  const followed = sections.filter((section) => section.followUp);
  if (followed.length === 0) return "";
  const titles = (answer: string) =>
    followed
      .filter((section) => section.followUp?.meetsRequirements === answer)
      .map((section) => lowerFirst(section.title));
  if (titles("Ja").length === followed.length)
    return `Nämnden bedömer att utförarna av ${followed.length === 1 ? "det uppföljda strategiska avtalet" : "samtliga uppföljda strategiska avtal"} uppfyller de väsentliga kvalitetskraven enligt avtalen.`;
  const groups = [
    { how: "", titles: titles("Ja") },
    { how: "delvis ", titles: titles("Delvis") },
    { how: "inte ", titles: titles("Nej") },
  ].filter((group) => group.titles.length > 0);
  const parts = groups.map((group) => `${group.how}för ${nameList(group.titles)}`);
  return `Nämnden bedömer att utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")}, och ${parts.at(-1)}`}.`;
}

export function committeeReport(
  data: RegisterData,
  committee: Committee,
  period: ReportingPeriod,
  date: IsoDate,
  handler: Handler,
): CommitteeReportModel {
  const contracts = strategicContractsOf(data, committee.id, period);
  const sections = contracts.map((contract) =>
    contractSection(data, contract, committee, period, date),
  );
  const withDeficiencies = sections.filter(hasDeficiencies);
  const missing = sections.filter((section) => !section.followUp);
  const insufficient = sections.filter((section) => section.followUp?.controlSufficient === "Nej");
  const row = reportRow(data, committee.id, "namnd", period.key);
  const ks = data.committees.find((candidate) => candidate.isKs);

  const summary = [
    `Redovisningen avser perioden ${period.label}. ${committee.name} har ${numberWord(contracts.length)} strategiska avtal${contracts.length > 0 ? `: ${nameList(contracts.map((contract) => lowerFirst(contract.title)))}` : ""}.`,
    contracts.length === 0
      ? "Nämnden har inga avtal som klassificerats som strategiska under perioden. Nämndens övriga avtal följs upp inom ramen för den interna kontrollen."
      : withDeficiencies.length === 0
        ? missing.length === 0
          ? "Samtliga strategiska avtal har följts upp och utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen."
          : "Inga brister har iakttagits i de avtal som har följts upp."
        : `${capitalized(numberWord(withDeficiencies.length))} avtal innehåller brister: ${nameList(withDeficiencies.map((section) => lowerFirst(section.title)))}.`,
    ...(missing.length > 0
      ? [
          `Uppföljning för perioden saknas för ${nameList(missing.map((section) => lowerFirst(section.title)))}.`,
        ]
      : []),
  ];

  const mandate = mandatePeriodContaining(period.end);
  const plan = data.plans.find(
    (candidate) =>
      candidate.committeeId === committee.id && candidate.mandatePeriod === mandate.key,
  );
  const background = [
    "Enligt kommunens riktlinjer för uppföljning och insyn ska nämnden följa upp samtliga avtal i syfte att säkra en likvärdig kvalitet i de tjänster som kommunen tillhandahåller, oavsett om de utförs i egen regi eller av en privat utförare, och tillgodose allmänhetens insyn i hur uppdragen utförs. Återrapporteringen till kommunstyrelsen och kommunfullmäktige begränsas till nämndens strategiska avtal; övriga avtal följs upp inom ramen för den interna kontrollen.",
    "Redovisningen ska visa vilka strategiska avtal som har följts upp och inom vilka verksamhetsområden, om utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen, vilka brister som i så fall har iakttagits, hur bristerna har påverkat nämndens måluppfyllelse och vilka handlingsplaner som har upprättats. Uppföljningen ska kopplas till nämndens måluppfyllelse.",
    plan?.status === "beslutad" && plan.decisionDate
      ? `Uppföljningen har gjorts enligt nämndens uppföljningsplan för mandatperioden ${mandate.key}, beslutad den ${swedishLongDate(plan.decisionDate)}${plan.registryNumber ? ` (dnr ${plan.registryNumber})` : ""}.`
      : `Nämnden har ingen beslutad uppföljningsplan för mandatperioden ${mandate.key}.`,
  ];

  const proposal: DecisionPoint[] = [
    {
      // Kommunstyrelsen's own report goes into its compilation; it is not handed over to itself.
      text: committee.isKs
        ? `${committee.name} godkänner redovisningen av uppföljningen av styrelsens strategiska avtal för perioden ${period.label}.`
        : `${committee.name} godkänner redovisningen av uppföljningen av nämndens strategiska avtal för perioden ${period.label} och överlämnar den till ${ks ? lowerFirst(ks.name) : "kommunstyrelsen"} för kännedom.`,
      items: [],
    },
  ];
  if (contracts.length > 0) {
    const requirement = requirementSentence(sections);
    if (requirement) proposal.push({ text: requirement, items: [] });
    proposal.push({
      text: "Nämnden bedömer graden av måluppfyllelse utifrån avtalen och den levererade tjänsten enligt följande:",
      items: sections.map((section) =>
        section.followUp
          ? `${section.title}: ${[
              section.followUp.goalFulfilment,
              section.followUp.serviceEvaluation,
            ]
              .map((text) => lowerFirst(text.trim().replace(/[.]$/, "")))
              .filter(Boolean)
              .join("; ")}.`
          : `${section.title}: uppföljning för perioden saknas.`,
      ),
    });
    const followed = sections.filter((section) => section.followUp);
    if (followed.length > 0) {
      proposal.push({
        text:
          insufficient.length === 0
            ? "Nämnden bedömer att befintlig kontroll av verksamheten är tillräcklig för samtliga uppföljda strategiska avtal."
            : `Nämnden bedömer att befintlig kontroll av verksamheten inte är tillräcklig för ${nameList(insufficient.map((section) => lowerFirst(section.title)))} och att kontrollen ska utvecklas${insufficient.length < followed.length ? "; för övriga avtal är den tillräcklig" : ""}.`,
        items: [],
      });
    }
    if (withDeficiencies.length > 0 && !committee.isKs) {
      proposal.push({
        text: `Bristerna i ${nameList(withDeficiencies.map((section) => lowerFirst(section.title)))} rapporteras tillsammans med handlingsplanerna till ${ks ? lowerFirst(ks.name) : "kommunstyrelsen"} för kännedom.`,
        items: [],
      });
    }
  }

  const sharing = [...new Set(sections.flatMap((section) => section.sharedWith))].flatMap((name) =>
    data.committees.filter((candidate) => candidate.name === name),
  );
  const distribution = [
    ...(ks && ks.id !== committee.id ? [ks] : []),
    ...inCommitteeOrder(sharing).filter((candidate) => candidate.id !== ks?.id),
  ].map((candidate) => `${genitive(candidate.name)} diarium, ${candidate.registryEmail}`);

  const basis = [
    `Tjänsteskrivelse ${date}`,
    ...(plan?.status === "beslutad" && plan.decisionDate
      ? [
          `Uppföljningsplan för strategiska avtal ${plan.mandatePeriod}, beslutad ${plan.decisionDate}`,
        ]
      : []),
  ];

  return {
    type: "namnd",
    title: `${REPORT_TYPE_TITLES.namnd} ${period.key}`,
    fileTitle: committeeReportFileTitle(period.key),
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Tjänsteskrivelse",
    period: period.key,
    periodLabel: period.label,
    date,
    registryNumber: row?.registryNumber ?? "",
    handler,
    decision: rowDecision(row),
    notes:
      missing.length > 0
        ? [
            `Uppföljning för perioden saknas för ${swedishList(missing.map((section) => section.title))}. Registrera uppföljningen och ta fram utkastet igen, eller förklara i texten varför den saknas.`,
          ]
        : [],
    proposal,
    summary,
    background,
    sections,
    basis,
    distribution,
    signatures: [handlerSignature(handler)],
  };
}
