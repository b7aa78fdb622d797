import Docxtemplater, { type DXT } from "docxtemplater";
import createInspectModule from "docxtemplater/js/inspect-module.js";
import PizZip from "pizzip";
import type { ReportType } from "../domain/model.ts";
import type { ContractSection, ReportModel, Signature } from "../domain/report-models.ts";

/**
 * A kommun's own Word template per report type (`Mallar/<typ>.docx` in the
 * library), filled with docxtemplater. Placeholders have Swedish names
 * without å/ä/ö (listed in the README); a placeholder the app does not know
 * is refused with a Swedish message naming it, before anything is written.
 */

export class TemplateError extends Error {}

type Inspector = DXT.Module & { getAllTags(): Record<string, unknown> };

type Shape = { [key: string]: true | Shape };

const COMMON: Shape = {
  titel: true,
  kommun: true,
  namnd: true,
  forvaltning: true,
  dokumenttyp: true,
  period: true,
  datum: true,
  diarienummer: true,
  handlaggare: true,
  handlaggareTitel: true,
  handlaggareEpost: true,
  status: true,
  beslutsdatum: true,
  paragraf: true,
};
const DEFICIENCY: Shape = {
  brist: true,
  utforare: true,
  paverkan: true,
  ansvarig: true,
  atgarder: true,
  senast: true,
  uppfoljning: true,
  resultat: true,
  lage: true,
  sanktion: true,
  status: true,
};
const CONTRACT: Shape = {
  namn: true,
  avtalsnummer: true,
  utforare: true,
  omrade: true,
  egenRegi: true,
  delasMed: true,
  uppfoljd: true,
  uppfoljningsdatum: true,
  form: true,
  uppfyllerKrav: true,
  brister: true,
  paverkan: true,
  handlingsplan: true,
  handlingsplaner: true,
  maluppfyllelse: true,
  utvardering: true,
  kontrollTillracklig: true,
  aterkopplat: true,
  bristlista: DEFICIENCY,
};
/** A multi-paragraph text as a loop: one paragraph per `{text}`. */
const PARAGRAPHS: Shape = { text: true };
const SIGNATURES: Shape = { roll: true, namn: true, titel: true };

/** Which placeholders each report type offers (README: "En kommuns egen mall"). */
export const TEMPLATE_FIELDS: Record<ReportType, Shape> = {
  namnd: {
    ...COMMON,
    periodtext: true,
    beslut: true,
    beslutspunkter: { text: true, punkter: PARAGRAPHS },
    sammanfattning: true,
    sammanfattningsstycken: PARAGRAPHS,
    bakgrund: PARAGRAPHS,
    avtal: CONTRACT,
    beslutsunderlag: PARAGRAPHS,
    expedieras: PARAGRAPHS,
    underskrifter: SIGNATURES,
  },
  ks: {
    ...COMMON,
    beslut: true,
    forslagTillKf: PARAGRAPHS,
    ksBeslut: PARAGRAPHS,
    sammanfattning: true,
    sammanfattningsstycken: PARAGRAPHS,
    arendet: true,
    arendestycken: PARAGRAPHS,
    bedomning: true,
    antalStrategiska: true,
    avtalMedBrister: true,
    beslutsunderlag: {
      text: true,
      namnd: true,
      beslutad: true,
      beslutsdatum: true,
      paragraf: true,
      status: true,
    },
    expedieras: PARAGRAPHS,
    underskrifter: SIGNATURES,
  },
  plan: {
    ...COMMON,
    beslut: PARAGRAPHS,
    delar: {
      rubrik: true,
      text: true,
      stycken: PARAGRAPHS,
      punkter: PARAGRAPHS,
      underavsnitt: { rubrik: true, text: true, stycken: PARAGRAPHS },
    },
    avtal: { namn: true, omrade: true, utforare: true },
    tidsplan: { namn: true, hurOfta: true, manader: true },
  },
  uppstart: {
    ...COMMON,
    avtal: true,
    avtalsnummer: true,
    utforare: true,
    motesdatum: true,
    deltagare: PARAGRAPHS,
    punkter: { rubrik: true, text: true, stycken: PARAGRAPHS },
    underskrifter: SIGNATURES,
  },
  aterkoppling: {
    ...COMMON,
    avtal: true,
    utforare: true,
    mottagare: PARAGRAPHS,
    halsning: true,
    text: true,
    stycken: PARAGRAPHS,
    brister: { brist: true, atgarder: true, senast: true, uppfoljning: true },
    svar: true,
    kontakt: true,
    underskrift: true,
    underskrifter: SIGNATURES,
  },
};

const lines = (texts: string[]) => texts.map((text) => ({ text }));

function signatures(list: Signature[]) {
  return list.map((signature) => ({
    roll: signature.role,
    namn: signature.name,
    titel: signature.title,
  }));
}

function contractData(section: ContractSection) {
  const followUp = section.followUp;
  return {
    namn: section.title,
    avtalsnummer: section.contractNumber,
    utforare: section.provider,
    omrade: section.serviceArea,
    egenRegi: section.ownRegime ? "Ja" : "Nej",
    delasMed: section.sharedWith.join(", "),
    uppfoljd: followUp ? "Ja" : "Nej",
    uppfoljningsdatum: followUp?.date ?? "",
    form: followUp?.form ?? "",
    uppfyllerKrav: followUp?.meetsRequirements ?? "Ej uppföljt",
    brister: followUp?.deficiencies ?? "",
    paverkan: followUp?.goalImpact ?? "",
    handlingsplan: followUp?.actionPlan ?? "",
    handlingsplaner: section.actionPlanStatus,
    maluppfyllelse: followUp?.goalFulfilment ?? "",
    utvardering: followUp?.serviceEvaluation ?? "",
    kontrollTillracklig: followUp?.controlSufficient ?? "",
    aterkopplat: followUp?.feedbackToProvider ?? "",
    bristlista: section.deficiencies.map((entry) => ({
      brist: entry.description,
      utforare: entry.provider,
      paverkan: entry.goalImpact,
      ansvarig: entry.owner,
      atgarder: entry.measures,
      senast: entry.deadline,
      uppfoljning: entry.checkUp,
      resultat: entry.checkUpResult,
      lage: entry.progress,
      sanktion: entry.sanction,
      status: entry.status,
    })),
  };
}

export function templateData(model: ReportModel): Record<string, unknown> {
  const common = {
    titel: model.title,
    kommun: model.municipality,
    namnd: model.committeeName,
    forvaltning: model.office,
    dokumenttyp: model.documentKind,
    period: model.period,
    datum: model.date,
    diarienummer: model.registryNumber,
    handlaggare: model.handler.name,
    handlaggareTitel: model.handler.title,
    handlaggareEpost: model.handler.email,
    status: model.decision.status,
    beslutsdatum: model.decision.date,
    paragraf: model.decision.paragraph,
  };
  switch (model.type) {
    case "namnd":
      return {
        ...common,
        periodtext: model.periodLabel,
        beslut: model.proposal
          .map((point) => [point.text, ...point.items.map((item) => `– ${item}`)].join("\n"))
          .join("\n"),
        beslutspunkter: model.proposal.map((point) => ({
          text: point.text,
          punkter: lines(point.items),
        })),
        sammanfattning: model.summary.join("\n"),
        sammanfattningsstycken: lines(model.summary),
        bakgrund: lines(model.background),
        avtal: model.sections.map(contractData),
        beslutsunderlag: lines(model.basis),
        expedieras: lines(model.distribution),
        underskrifter: signatures(model.signatures),
      };
    case "ks":
      return {
        ...common,
        beslut: [...model.proposal, ...model.decisions].join("\n"),
        forslagTillKf: lines(model.proposal),
        ksBeslut: lines(model.decisions),
        sammanfattning: [...model.summary, model.assessment.text].join("\n"),
        sammanfattningsstycken: lines([...model.summary, model.assessment.text]),
        arendet: [...model.caseText, model.assessment.text].join("\n"),
        arendestycken: lines([...model.caseText, model.assessment.text]),
        bedomning: model.assessment.text,
        antalStrategiska: String(model.strategicCount),
        avtalMedBrister: model.withDeficiencies.join(", "),
        beslutsunderlag: model.basis.map((entry) => ({
          text: entry.text,
          namnd: entry.committee,
          beslutad: entry.decided ? "Ja" : "Nej",
          beslutsdatum: entry.decisionDate,
          paragraf: entry.paragraph,
          status: entry.status,
        })),
        expedieras: lines(model.distribution),
        underskrifter: signatures(model.signatures),
      };
    case "plan":
      return {
        ...common,
        beslut: lines(model.proposal),
        delar: model.sections.map((section) => ({
          rubrik: section.heading,
          text: section.paragraphs.join("\n"),
          stycken: lines(section.paragraphs),
          punkter: lines(section.bullets),
          underavsnitt: section.subsections.map((sub) => ({
            rubrik: sub.heading,
            text: sub.paragraphs.join("\n"),
            stycken: lines(sub.paragraphs),
          })),
        })),
        avtal: model.contracts.map((contract) => ({
          namn: contract.title,
          omrade: contract.serviceArea,
          utforare: contract.provider,
        })),
        tidsplan: model.timePlan.map((row) => ({
          namn: row.title,
          hurOfta: row.frequency,
          manader: row.months,
        })),
      };
    case "uppstart":
      return {
        ...common,
        avtal: model.contractTitle,
        avtalsnummer: model.contractNumber,
        utforare: model.provider,
        motesdatum: model.meetingDate,
        deltagare: lines(model.attendees),
        punkter: model.items.map((item) => ({
          rubrik: item.heading,
          text: item.paragraphs.join("\n"),
          stycken: lines(item.paragraphs),
        })),
        underskrifter: signatures(model.signatures),
      };
    case "aterkoppling":
      // Only what the letter itself holds: nothing internal can reach a provider through a template.
      return {
        ...common,
        avtal: model.contractTitle,
        utforare: model.provider,
        mottagare: lines(model.recipient),
        halsning: model.greeting,
        text: model.paragraphs.join("\n"),
        stycken: lines(model.paragraphs),
        brister: model.deficiencies.map((entry) => ({
          brist: entry.description,
          atgarder: entry.measures,
          senast: entry.deadline,
          uppfoljning: entry.checkUp,
        })),
        svar: model.reply,
        kontakt: model.contact,
        underskrift: model.signatures
          .map((signature) => [signature.name, signature.title].filter(Boolean).join(", "))
          .join("\n"),
        underskrifter: signatures(model.signatures),
      };
  }
}

/** Placeholders in the template that the report type does not offer, as dotted paths. */
function unknownPlaceholders(tags: Record<string, unknown>, shape: Shape, prefix = ""): string[] {
  const unknown: string[] = [];
  for (const [name, inner] of Object.entries(tags)) {
    const allowed = shape[name];
    const path = `${prefix}${name}`;
    if (allowed === undefined) {
      unknown.push(path);
      continue;
    }
    const nested = inner as Record<string, unknown>;
    if (Object.keys(nested).length > 0) {
      if (allowed === true) unknown.push(...Object.keys(nested).map((child) => `${path}.${child}`));
      else unknown.push(...unknownPlaceholders(nested, allowed, `${path}.`));
    }
  }
  return unknown;
}

function swedishTemplateProblem(error: unknown): string {
  const properties = (
    error as {
      properties?: { errors?: Array<{ properties?: { explanation?: string; xtag?: string } }> };
    }
  ).properties;
  const details =
    properties?.errors
      ?.map((item) => item.properties?.xtag ?? item.properties?.explanation)
      .filter(Boolean) ?? [];
  return details.length > 0
    ? `fel i platshållarna: ${details.join(", ")}`
    : "mallen kunde inte läsas som en Word-fil med platshållare";
}

export function fillTemplate(
  template: Uint8Array,
  model: ReportModel,
  templateName: string,
): Buffer {
  let document: Docxtemplater;
  // The published module is a factory function (its typings call it a class).
  const inspect = (createInspectModule as unknown as () => Inspector)();
  try {
    document = new Docxtemplater(new PizZip(template), {
      paragraphLoop: true,
      linebreaks: true,
      modules: [inspect],
      nullGetter: () => "",
    });
  } catch (error) {
    throw new TemplateError(
      `Mallen ${templateName} går inte att använda: ${swedishTemplateProblem(error)}.`,
    );
  }
  const unknown = unknownPlaceholders(inspect.getAllTags(), TEMPLATE_FIELDS[model.type]);
  if (unknown.length > 0) {
    throw new TemplateError(
      `Mallen ${templateName} innehåller ${unknown.length === 1 ? "en okänd platshållare" : "okända platshållare"}: ${unknown.map((name) => `{${name}}`).join(", ")}. Rätta mallen eller ta bort den så används standardmallen.`,
    );
  }
  try {
    document.render(templateData(model));
  } catch (error) {
    throw new TemplateError(
      `Mallen ${templateName} kunde inte fyllas i: ${swedishTemplateProblem(error)}.`,
    );
  }
  return document.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}
