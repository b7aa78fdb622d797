import Docxtemplater, { type DXT } from "docxtemplater";
import createInspectModule from "docxtemplater/js/inspect-module.js";
import PizZip from "pizzip";
import type { ReportType } from "../domain/model.ts";
import type { ContractSection, ReportModel } from "../domain/report-models.ts";

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
  period: true,
  datum: true,
  diarienummer: true,
};
const DEFICIENCY: Shape = {
  brist: true,
  paverkan: true,
  ansvarig: true,
  atgarder: true,
  senast: true,
  uppfoljning: true,
  resultat: true,
  sanktion: true,
  status: true,
};
const CONTRACT: Shape = {
  namn: true,
  avtalsnummer: true,
  utforare: true,
  omrade: true,
  egenRegi: true,
  uppfoljd: true,
  uppfoljningsdatum: true,
  form: true,
  uppfyllerKrav: true,
  brister: true,
  paverkan: true,
  handlingsplan: true,
  maluppfyllelse: true,
  utvardering: true,
  kontrollTillracklig: true,
  aterkopplat: true,
  bristlista: DEFICIENCY,
};
const LINE: Shape = { text: true };

/** Which placeholders each report type offers. */
export const TEMPLATE_FIELDS: Record<ReportType, Shape> = {
  namnd: { ...COMMON, periodtext: true, beslut: true, sammanfattning: true, avtal: CONTRACT },
  ks: {
    ...COMMON,
    beslut: true,
    sammanfattning: true,
    arendet: true,
    antalStrategiska: true,
    avtalMedBrister: true,
    beslutsunderlag: LINE,
    expedieras: LINE,
  },
  plan: {
    ...COMMON,
    status: true,
    delar: { rubrik: true, text: true },
    avtal: { namn: true, omrade: true, utforare: true },
  },
  uppstart: {
    ...COMMON,
    avtal: true,
    utforare: true,
    motesdatum: true,
    punkter: { rubrik: true, text: true },
  },
  aterkoppling: {
    ...COMMON,
    avtal: true,
    utforare: true,
    halsning: true,
    text: true,
    resultat: CONTRACT,
    underskrift: true,
  },
};

function contractData(section: ContractSection) {
  const followUp = section.followUp;
  return {
    namn: section.title,
    avtalsnummer: section.contractNumber,
    utforare: section.provider,
    omrade: section.serviceArea,
    egenRegi: section.ownRegime ? "Ja" : "Nej",
    uppfoljd: followUp ? "Ja" : "Nej",
    uppfoljningsdatum: followUp?.date ?? "",
    form: followUp?.form ?? "",
    uppfyllerKrav: followUp?.meetsRequirements ?? "Ej uppföljt",
    brister: followUp?.deficiencies ?? "",
    paverkan: followUp?.goalImpact ?? "",
    handlingsplan: followUp?.actionPlan ?? "",
    maluppfyllelse: followUp?.goalFulfilment ?? "",
    utvardering: followUp?.serviceEvaluation ?? "",
    kontrollTillracklig: followUp?.controlSufficient ?? "",
    aterkopplat: followUp?.feedbackToProvider ?? "",
    bristlista: section.deficiencies.map((entry) => ({
      brist: entry.description,
      paverkan: entry.goalImpact,
      ansvarig: entry.owner,
      atgarder: entry.measures,
      senast: entry.deadline,
      uppfoljning: entry.checkUp,
      resultat: entry.checkUpResult,
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
    period: model.period,
    datum: model.date,
    diarienummer: model.registryNumber,
  };
  switch (model.type) {
    case "namnd":
      return {
        ...common,
        periodtext: model.periodLabel,
        beslut: model.decision.join("\n"),
        sammanfattning: model.summary.join("\n"),
        avtal: model.sections.map(contractData),
      };
    case "ks":
      return {
        ...common,
        beslut: model.decision.join("\n"),
        sammanfattning: model.summary.join("\n"),
        arendet: model.caseText.join("\n"),
        antalStrategiska: String(model.strategicCount),
        avtalMedBrister: model.withDeficiencies.join(", "),
        beslutsunderlag: model.basis.map((text) => ({ text })),
        expedieras: model.distribution.map((text) => ({ text })),
      };
    case "plan":
      return {
        ...common,
        status: model.status,
        delar: model.parts.map((part) => ({ rubrik: part.heading, text: part.text })),
        avtal: model.contracts.map((contract) => ({
          namn: contract.title,
          omrade: contract.serviceArea,
          utforare: contract.provider,
        })),
      };
    case "uppstart":
      return {
        ...common,
        avtal: model.contractTitle,
        utforare: model.provider,
        motesdatum: model.meetingDate,
        punkter: model.rows.map((row) => ({ rubrik: row.heading, text: row.text })),
      };
    case "aterkoppling":
      return {
        ...common,
        avtal: model.contractTitle,
        utforare: model.provider,
        halsning: model.greeting,
        text: model.paragraphs.join("\n"),
        resultat: contractData(model.section),
        underskrift: model.signature,
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
