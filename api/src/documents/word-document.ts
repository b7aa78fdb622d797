import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

import { swedishLongDate } from "../domain/dates.ts";
import { providerLabel } from "../domain/provider-label.ts";
import type {
  CommitteeReportModel,
  ContractSection,
  FeedbackLetterModel,
  KickoffReportModel,
  KsCompilationModel,
  PlanReportModel,
  ReportModel,
} from "../domain/report-models.ts";

/**
 * Lays a report model out as a Word document with the docx library: Word's
 * built-in heading styles (so the navigation pane works), tables with header
 * rows, the kommun and dnr in the page header, page numbers in the footer.
 * Text is passed as data; the library escapes it.
 */

const heading = (
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
) => new Paragraph({ text, heading: level });

const paragraph = (text: string) =>
  new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });

const paragraphs = (texts: string[]) => texts.filter((text) => text.trim() !== "").map(paragraph);

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text: text || "–", bold })] })],
  });
}

/** A table whose first row repeats on every page and is marked as the header. */
function table(headers: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((text) => cell(text, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
}

const numbered = (items: string[]) =>
  items.map((item, index) => paragraph(`${index + 1}. ${item}`));

function contractBlock(
  section: ContractSection,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel],
) {
  const children: Array<Paragraph | Table> = [
    heading(section.title, level),
    paragraph(
      `${section.serviceArea} · ${providerLabel(section.provider, section.ownRegime)} · ${section.contractNumber}`,
    ),
  ];
  if (section.followUp) {
    const followUp = section.followUp;
    children.push(
      table(
        ["Fråga", "Resultat"],
        [
          ["Uppföljning", `${followUp.form}, ${followUp.date}`],
          [
            "Uppfyller utföraren väsentliga kvalitetskrav enligt avtalet?",
            followUp.meetsRequirements,
          ],
          ["Vilka brister har iakttagits", followUp.deficiencies],
          ["Hur bristerna har påverkat nämndens måluppfyllelse", followUp.goalImpact],
          ["Handlingsplan", followUp.actionPlan],
          ["Grad av måluppfyllelse utifrån avtal", followUp.goalFulfilment],
          ["Utvärdering av levererad tjänst", followUp.serviceEvaluation],
          ["Är befintlig kontroll tillräcklig?", followUp.controlSufficient],
          ["Återkopplat till utföraren", followUp.feedbackToProvider],
        ],
      ),
    );
  } else {
    children.push(paragraph("Uppföljning för perioden saknas."));
  }
  if (section.deficiencies.length > 0) {
    children.push(
      heading(
        "Brister och handlingsplaner",
        level === HeadingLevel.HEADING_2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2,
      ),
      table(
        ["Brist", "Ansvarig", "Åtgärder", "Senast klart", "Uppföljning", "Status"],
        section.deficiencies.map((entry) => [
          entry.description,
          entry.owner,
          entry.measures,
          entry.deadline,
          entry.checkUp,
          entry.status,
        ]),
      ),
      ...section.deficiencies
        .filter((entry) => entry.sanction)
        .map((entry) =>
          paragraph(`Om åtgärderna uteblir (${entry.description}): ${entry.sanction}`),
        ),
    );
  }
  return children;
}

function committeeBody(model: CommitteeReportModel) {
  return [
    heading("Förslag till beslut"),
    ...paragraphs(model.decision),
    heading("Sammanfattning"),
    ...paragraphs(model.summary),
    heading("Redovisning per strategiskt avtal"),
    ...(model.sections.length === 0
      ? [paragraph("Nämnden har inga strategiska avtal under perioden.")]
      : model.sections.flatMap((section) => contractBlock(section, HeadingLevel.HEADING_2))),
    heading("Sammanställning"),
    table(
      ["Avtal", "Utförare", "Område", "Uppfyller kraven", "Brister", "Handlingsplan"],
      model.sections.map((section) => [
        section.title,
        section.provider,
        section.serviceArea,
        section.followUp?.meetsRequirements ?? "Ej uppföljt",
        String(section.deficiencies.length),
        section.deficiencies.length > 0 ? "Pågår" : "–",
      ]),
    ),
  ];
}

function ksBody(model: KsCompilationModel) {
  return [
    heading("Beslut"),
    ...paragraphs(model.decision),
    heading("Sammanfattning"),
    ...paragraphs(model.summary),
    heading("Ärendet i sin helhet"),
    ...paragraphs(model.caseText),
    heading("Beslutsunderlag"),
    ...numbered(model.basis),
    heading("Beslutet expedieras till"),
    ...numbered(model.distribution),
  ];
}

function planBody(model: PlanReportModel) {
  return [
    paragraph(`Status: ${model.status}`),
    ...model.parts.flatMap((part, index) => [
      heading(`${index + 1}. ${part.heading}`),
      ...paragraphs([part.text || "[Fylls i]"]),
    ]),
    heading("Strategiska avtal som följs upp"),
    table(
      ["Avtal", "Verksamhetsområde", "Utförare"],
      model.contracts.map((contract) => [contract.title, contract.serviceArea, contract.provider]),
    ),
  ];
}

function kickoffBody(model: KickoffReportModel) {
  return [
    paragraph(
      `Avtal: ${model.contractTitle}. Utförare: ${model.provider}. Mötesdatum: ${model.meetingDate}.`,
    ),
    heading("Protokoll"),
    table(
      ["Punkt", "Anteckning"],
      model.rows.map((row) => [row.heading, row.text]),
    ),
    paragraph("Protokollet diarieförs."),
  ];
}

function letterBody(model: FeedbackLetterModel) {
  return [
    paragraph(model.greeting),
    ...paragraphs(model.paragraphs),
    heading("Resultat av uppföljningen"),
    ...contractBlock(model.section, HeadingLevel.HEADING_2),
    paragraph("Med vänliga hälsningar"),
    paragraph(model.signature),
  ];
}

function body(model: ReportModel) {
  switch (model.type) {
    case "namnd":
      return committeeBody(model);
    case "ks":
      return ksBody(model);
    case "plan":
      return planBody(model);
    case "uppstart":
      return kickoffBody(model);
    case "aterkoppling":
      return letterBody(model);
  }
}

export function buildWordDocument(model: ReportModel): Document {
  const dnr = model.registryNumber
    ? `Dnr ${model.registryNumber}`
    : "Dnr: [anges vid diarieföring]";
  return new Document({
    creator: "Avtalsuppföljning",
    title: model.title,
    description: `${model.committeeName}, ${model.period}`,
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun(`${model.municipality} · ${model.committeeName} · ${dnr}`)],
                alignment: AlignmentType.RIGHT,
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
          paragraph(`${model.committeeName} · ${swedishLongDate(model.date)}`),
          ...body(model),
        ],
      },
    ],
  });
}

export async function renderWord(model: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(buildWordDocument(model));
}
