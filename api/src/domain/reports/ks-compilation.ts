import { periodKindOf } from "../annual-cycle.ts";
import { inCommitteeOrder } from "../committee-order.ts";
import type { IsoDate } from "../dates.ts";
import { actionPlanSentences, hasActionPlan } from "../deficiency-progress.ts";
import type { Committee, Contract, Deficiency, Municipality, ReportRecord } from "../model.ts";
import { decisionReference, paragraphLabel, REPORT_STATUS_LABELS } from "../report-life.ts";
import { latestCompletePeriod, type ReportingPeriod } from "../reporting-period.ts";
import {
  capitalized,
  genitive,
  lowerFirst,
  nameList,
  numberWord,
  numberWordCommon,
  sentence,
  swedishList,
} from "../swedish.ts";
import {
  byTitle,
  contractSection,
  handlerSignature,
  hasDeficiencies,
  ksCompilationFileTitle,
  periodDeficiencies,
  reportRow,
  rowDecision,
  strategicContractsOf,
  strategicRecords,
} from "./report-parts.ts";
import type {
  BasisEntry,
  ContractSection,
  Handler,
  KsCompilationModel,
  Passage,
  RegisterData,
} from "./report-types.ts";
import { REPORT_TYPE_TITLES } from "./report-types.ts";

/** Kommunstyrelsens compilation across the nämnder (seeds 000 and 004). */

/** Each nämnd's period in the KS compilation's year: the latest complete one at year-end. */
export function ksPeriodOf(
  committee: Committee,
  municipality: Municipality,
  year: number,
): ReportingPeriod {
  return latestCompletePeriod(periodKindOf(committee, municipality), `${year}-12-31`);
}

interface CommitteeResult {
  committee: Committee;
  period: ReportingPeriod;
  contracts: Contract[];
  sections: ContractSection[];
  deficiencies: Map<string, Deficiency[]>;
  report: ReportRecord | undefined;
}

function committeeResults(data: RegisterData, year: number, today: IsoDate): CommitteeResult[] {
  return inCommitteeOrder(data.committees).map((committee) => {
    const period = ksPeriodOf(committee, data.municipality, year);
    const contracts = strategicContractsOf(data, committee.id, period);
    return {
      committee,
      period,
      contracts,
      sections: contracts.map((contract) =>
        contractSection(data, contract, committee, period, today),
      ),
      deficiencies: new Map(
        contracts.map((contract) => [
          contract.id,
          periodDeficiencies(data, contract.id, committee, period),
        ]),
      ),
      report: reportRow(data, committee.id, "namnd", period.key),
    };
  });
}

/** The commission KS gives a nämnd whose follow-up the data shows must develop (seed 004), if any. */
function commission(result: CommitteeResult): string | undefined {
  const titles = (sections: ContractSection[]) =>
    nameList(sections.map((section) => lowerFirst(section.title)));
  const missing = result.sections.filter((section) => !section.followUp);
  const incomplete = result.sections.filter(
    (section) =>
      section.followUp &&
      (section.followUp.goalFulfilment.trim() === "" ||
        section.followUp.serviceEvaluation.trim() === ""),
  );
  const insufficient = result.sections.filter(
    (section) => section.followUp?.controlSufficient === "Nej",
  );
  const tasks = [
    missing.length > 0 ? `följa upp ${titles(missing)}` : "",
    incomplete.length > 0
      ? `utveckla uppföljningen av ${titles(incomplete)} så att resultatet även omfattar måluppfyllelse och levererad kvalitet`
      : "",
    insufficient.length > 0
      ? `utveckla kontrollen av ${titles(insufficient)}, där nämnden har bedömt att befintlig kontroll inte är tillräcklig`
      : "",
  ].filter(Boolean);
  return tasks.length === 0
    ? undefined
    : `${result.committee.name} uppdras att till kommande års redovisning ${swedishList(tasks)}.`;
}

export function ksCompilation(
  data: RegisterData,
  year: number,
  date: IsoDate,
  handler: Handler,
): KsCompilationModel {
  const ks = data.committees.find((committee) => committee.isKs);
  const results = committeeResults(strategicRecords(data), year, date).filter(
    (result) => !result.committee.isKs || result.contracts.length > 0,
  );
  const strategic = new Map(
    results.flatMap((result) => result.contracts.map((contract) => [contract.id, contract])),
  );

  // Contracts with deficiencies, by title: one order whatever order the nämnder were read in.
  const deficient = results
    .flatMap((result) =>
      result.sections.filter(hasDeficiencies).map((section) => ({ result, section })),
    )
    .sort((a, b) => byTitle(a.section, b.section));
  const deficientTitles = [...new Set(deficient.map((entry) => entry.section.title))];
  const missing = results.flatMap((result) =>
    result.sections.filter((section) => !section.followUp).map((section) => ({ result, section })),
  );

  const details: string[] = [];
  const missed: Deficiency[] = [];
  const withoutPlan: Deficiency[] = [];
  for (const { result, section } of deficient) {
    const contract = result.contracts.find((candidate) => candidate.title === section.title);
    const deficiencies = contract ? (result.deficiencies.get(contract.id) ?? []) : [];
    const found = section.followUp?.deficiencies.trim()
      ? sentence(section.followUp.deficiencies)
      : deficiencies.length > 0
        ? `Följande brister har iakttagits: ${swedishList([...new Set(deficiencies.map((deficiency) => lowerFirst(deficiency.description.trim().replace(/[.]$/, ""))))])}.`
        : "Utföraren uppfyller inte fullt ut de väsentliga kvalitetskraven enligt avtalet.";
    const plans = actionPlanSentences(deficiencies, contract, date);
    missed.push(...plans.missed);
    withoutPlan.push(...plans.withoutPlan);
    details.push(
      [
        `Avseende ${lowerFirst(section.title)} (${result.committee.name}): ${found}`,
        ...plans.sentences,
      ].join(" "),
    );
  }
  if (missing.length > 0) {
    details.push(
      `Uppföljning för perioden saknas för ${swedishList(missing.map(({ result, section }) => `${lowerFirst(section.title)} (${result.committee.name})`))}.`,
    );
  }

  const openPlans = results
    .flatMap((result) => [...result.deficiencies.values()].flat())
    .filter((deficiency) => deficiency.status !== "åtgärdad" && hasActionPlan(deficiency));
  const shortfalls = [
    missing.length > 0
      ? `uppföljning saknas för ${numberWord(missing.length)} strategiska avtal`
      : "",
    withoutPlan.length > 0
      ? `handlingsplan saknas för ${withoutPlan.length === 1 ? "en brist" : `${numberWord(withoutPlan.length)} brister`}`
      : "",
    missed.length > 0
      ? `uppföljningen av ${missed.length === 1 ? "en handlingsplan" : `${numberWord(missed.length)} handlingsplaner`} har inte redovisats`
      : "",
  ].filter(Boolean);
  const openSentence =
    openPlans.length > 0
      ? ` Vid sammanställningen är ${openPlans.length === 1 ? "en handlingsplan" : `${numberWord(openPlans.length)} handlingsplaner`} fortfarande ${openPlans.length === 1 ? "öppen" : "öppna"} och följs upp under kommande år.`
      : "";
  const assessment: Passage = {
    text:
      (shortfalls.length === 0
        ? "Kommunledningskontorets sammantagna bedömning är att de åtgärder som är vidtagna och de åtgärder som är planerade säkerställer att syftet med uppföljningen uppnås."
        : `Kommunledningskontorets sammantagna bedömning är att syftet med uppföljningen ännu inte helt uppnås: ${swedishList(shortfalls)}.`) +
      openSentence,
    note: "Bedömningen är förifylld utifrån registrets uppgifter (uppföljningar, handlingsplaner och deras uppföljning). Bekräfta eller ändra den innan skrivelsen skickas.",
  };

  const periodGroups = new Map<string, string[]>();
  for (const result of results) {
    periodGroups.set(result.period.label, [
      ...(periodGroups.get(result.period.label) ?? []),
      result.committee.name,
    ]);
  }
  const [mainPeriod, ...otherPeriods] = [...periodGroups.entries()].sort(
    (a, b) => b[1].length - a[1].length,
  );
  const periodSentence = mainPeriod
    ? `Uppföljningen avser perioden ${mainPeriod[0]}${otherPeriods.length > 0 ? ` (${otherPeriods.map(([label, names]) => `för ${swedishList(names)} ${label}`).join("; ")})` : ""}.`
    : "";

  const factSentence =
    `Antalet strategiska avtal år ${year} uppgick till ${strategic.size} stycken. ` +
    (deficientTitles.length === 0
      ? "Inget avtal innehåller brister."
      : `${capitalized(numberWord(deficientTitles.length))} avtal innehåller brister: ${nameList(deficientTitles.map(lowerFirst))}.`);

  const decided = results.filter((result) => result.report?.status === "beslutad");
  const undecidedNames = results
    .filter((result) => result.report?.status !== "beslutad")
    .map((result) => result.committee.name);
  const reportSentence =
    undecidedNames.length === 0
      ? "Samtliga nämnders redovisningar är beslutade."
      : `${decided.length === 0 ? "Ingen" : capitalized(numberWordCommon(decided.length))} av ${numberWord(results.length)} nämnders redovisningar är ${decided.length > 1 ? "beslutade" : "beslutad"}. Ännu inte beslutade är redovisningarna från ${swedishList(undecidedNames)}.`;

  const basis: BasisEntry[] = results.map((result) => {
    const name = `${genitive(result.committee.name)} redovisning av strategiska avtal ${result.period.key}`;
    const report = result.report;
    const entry = {
      committee: result.committee.name,
      decided: report?.status === "beslutad",
      decisionDate: report?.status === "beslutad" ? (report.decisionDate ?? "") : "",
      paragraph: report?.status === "beslutad" ? paragraphLabel(report.paragraph) : "",
      status: report ? REPORT_STATUS_LABELS[report.status] : "Saknas",
    };
    if (report?.status === "beslutad")
      return { ...entry, text: `${name}, ${decisionReference(report)}` };
    const state = report ? REPORT_STATUS_LABELS[report.status].toLowerCase() : "inget utkast ännu";
    return {
      ...entry,
      text: `${name} (ej beslutad, ${state})`,
      note: `${genitive(result.committee.name)} redovisning är inte beslutad (${state}). Komplettera med beslutsdatum och paragraf när nämnden har beslutat – registrera beslutet under Rapporter och ta fram sammanställningen igen.`,
    };
  });
  const distribution = [...(ks ? [ks] : []), ...results.map((result) => result.committee)]
    .filter(
      (committee, index, all) => all.findIndex((other) => other.id === committee.id) === index,
    )
    .map((committee) => `${genitive(committee.name)} diarium, ${committee.registryEmail}`);

  const flagged = data.flaggedProviders ?? [];
  const providerSignals = {
    heading: "Leverantörer i flera nämnder",
    paragraphs:
      flagged.length === 0
        ? [
            "Ingen leverantör har vid sammanställningen öppna brister eller hög risk i mer än en nämnd.",
          ]
        : [
            `Kommunledningskontoret har gått igenom nämndernas avtal per leverantör. ${flagged.length === 1 ? "En leverantör har" : `${capitalized(numberWord(flagged.length))} leverantörer har`} öppna brister eller bedöms ha hög risk i två eller fler nämnder, vilket ingen enskild nämnd ser i sin egen uppföljning.`,
            ...flagged.map((provider) => provider.sentence),
          ],
  };

  const decisions = results.map(commission).filter((text): text is string => text !== undefined);
  const row = ks ? reportRow(data, ks.id, "ks", String(year)) : undefined;
  const undecided = basis.filter((passage) => passage.note).length;

  return {
    type: "ks",
    title: `${REPORT_TYPE_TITLES.ks} ${year}`,
    fileTitle: ksCompilationFileTitle(year),
    municipality: data.municipality.name,
    committeeName: ks?.name ?? "Kommunstyrelsen",
    office: "Kommunledningskontoret",
    documentKind: "Tjänsteskrivelse",
    period: String(year),
    date,
    registryNumber: row?.registryNumber ?? "",
    handler,
    decision: rowDecision(row),
    notes:
      undecided > 0
        ? [
            `${capitalized(numberWord(undecided))} av nämndernas redovisningar är inte beslutade; de är markerade "(ej beslutad)" under Beslutsunderlag.`,
          ]
        : [],
    strategicCount: strategic.size,
    withDeficiencies: deficientTitles,
    providerSignals,
    proposal: [
      `Kommunfullmäktige noterar informationen och lägger den årliga uppföljningen av strategiska avtal ${year} till handlingarna.`,
    ],
    decisions,
    summary: [
      "Kommuner får enligt 10 kap. 7–9 §§ kommunallagen (2017:725) lämna över verksamhet till privata utförare. Kommunen är fortfarande ansvarig gentemot medborgarna för sådana verksamheter på samma sätt som för verksamhet som bedrivs i egen regi. Nämnderna redovisar årligen uppföljningen av sina strategiska avtal, och kommunledningskontoret sammanställer redovisningarna till kommunstyrelsen och kommunfullmäktige.",
      `${periodSentence} ${factSentence}`,
    ],
    caseText: [
      "I enlighet med riktlinjerna för uppföljning och insyn ska varje nämnd följa upp samtliga avtal i syfte att säkra en likvärdig kvalitet i de tjänster som kommunen tillhandahåller oavsett om de utförs i egen regi eller av en privat utförare. Ytterligare ett syfte är att tillgodose allmänhetens insyn i hur uppdragen utförs. Återrapportering ska ske till fullmäktige men begränsas till kommunens strategiska avtal.",
      `${factSentence} ${reportSentence}`,
      ...details,
    ],
    assessment,
    basis,
    distribution,
    signatures: [handlerSignature(handler, "Kommunledningskontoret")],
  };
}
