import { Document, Packer, Paragraph, type Table, TextRun } from "docx";
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
import { swedishList } from "../domain/swedish.ts";
import {
  Comments,
  heading,
  Lists,
  labelled,
  NUMBERING,
  pageFrame,
  paragraphs,
  run,
  STYLES,
  signatureBlock,
  table,
} from "./word-blocks.ts";

/**
 * Lays a report model out as a Word document with the docx library, read
 * top-down like the document it makes: the header block (kommun, office,
 * document kind, date, dnr, handläggare), the title, the body of the type
 * and its signatures. Text is passed as data; the library escapes it.
 */

type Block = Paragraph | Table;

interface Layout {
  lists: Lists;
  comments: Comments;
}

function headerBlock(model: ReportModel): Paragraph[] {
  return [
    new Paragraph({
      spacing: { after: 0 },
      children: [run(model.municipality, { bold: true, size: 26 })],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [run(model.office)] }),
    // A letter is recognised as one; the other kinds name themselves as registered documents do.
    ...(model.type === "aterkoppling"
      ? []
      : [
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: model.documentKind.toUpperCase(), bold: true })],
          }),
        ]),
    labelled("Datum", model.date),
    labelled("Diarienummer", model.registryNumber),
    labelled(
      "Handläggare",
      [model.handler.name, model.handler.title, model.handler.email].filter(Boolean).join(", "),
    ),
  ];
}

function contractBlock(section: ContractSection): Block[] {
  const blocks: Block[] = [
    heading(section.title, "Heading2"),
    ...paragraphs(
      `Verksamhetsområde: ${section.serviceArea}. Utförare: ${providerLabel(section.provider, section.ownRegime)}. Avtalsnummer: ${section.contractNumber}.`,
    ),
  ];
  if (section.sharedWith.length > 0) {
    blocks.push(
      ...paragraphs(
        `Avtalet delas med ${swedishList(section.sharedWith)}. Redovisningen avser nämndens del av avtalet.`,
      ),
    );
  }
  const followUp = section.followUp;
  if (followUp) {
    blocks.push(
      table(
        [
          { header: "Fråga", share: 38 },
          { header: "Resultat", share: 62 },
        ],
        [
          ["Uppföljning", `${followUp.form}, ${followUp.date}`],
          [
            "Uppfyller utföraren de väsentliga kvalitetskraven enligt avtalet?",
            followUp.meetsRequirements,
          ],
          ["Vilka brister har iakttagits?", followUp.deficiencies || "Inga"],
          ["Hur har bristerna påverkat nämndens måluppfyllelse?", followUp.goalImpact],
          [
            "Handlingsplan",
            followUp.actionPlan || (section.deficiencies.length ? "" : "Behövs inte"),
          ],
          ["Grad av måluppfyllelse utifrån avtal", followUp.goalFulfilment],
          ["Utvärdering av levererad tjänst", followUp.serviceEvaluation],
          ["Är befintlig kontroll av verksamheten tillräcklig?", followUp.controlSufficient],
          ["Återkopplat till utföraren", followUp.feedbackToProvider],
        ],
      ),
    );
  } else {
    blocks.push(...paragraphs("Uppföljning för perioden saknas."));
  }
  if (section.deficiencies.length > 0) {
    blocks.push(
      heading("Brister och handlingsplaner", "Heading3"),
      table(
        [
          { header: "Brist", share: 32 },
          { header: "Handlingsplan", share: 38 },
          { header: "Uppföljning", share: 30 },
        ],
        section.deficiencies.map((entry) => [
          [
            entry.description,
            entry.provider ? `Utförare: ${entry.provider}` : "",
            entry.goalImpact ? `Påverkan: ${entry.goalImpact}` : "",
          ]
            .filter(Boolean)
            .join("\n"),
          [
            entry.measures || "Handlingsplan saknas.",
            entry.owner ? `Ansvarig: ${entry.owner}` : "",
            entry.deadline ? `Senast klart: ${entry.deadline}` : "",
            entry.sanction ? `Om åtgärderna uteblir: ${entry.sanction}` : "",
          ]
            .filter(Boolean)
            .join("\n"),
          entry.progress,
        ]),
      ),
    );
  }
  return blocks;
}

function committeeBody(model: CommitteeReportModel, layout: Layout): Block[] {
  return [
    heading("Förslag till beslut"),
    ...layout.lists.numbered(model.proposal),
    heading("Sammanfattning"),
    ...paragraphs(...model.summary),
    heading("Bakgrund"),
    ...paragraphs(...model.background),
    heading("Redovisning per strategiskt avtal"),
    ...(model.sections.length === 0
      ? paragraphs("Nämnden har inga strategiska avtal under perioden.")
      : model.sections.flatMap(contractBlock)),
    ...(model.sections.length === 0
      ? []
      : [
          heading("Sammanställning"),
          table(
            [
              { header: "Avtal", share: 40 },
              { header: "Uppfyller kraven", share: 20 },
              { header: "Brister", share: 13 },
              { header: "Handlingsplaner", share: 27 },
            ],
            model.sections.map((section) => [
              section.title,
              section.followUp?.meetsRequirements ?? "Ej uppföljt",
              String(section.deficiencies.length),
              section.actionPlanStatus,
            ]),
          ),
        ]),
    heading("Beslutsunderlag"),
    ...layout.lists.numbered(model.basis),
    heading("Beslutet expedieras till"),
    ...layout.lists.numbered(model.distribution),
    ...signatureBlock(model.signatures),
  ];
}

function ksBody(model: KsCompilationModel, layout: Layout): Block[] {
  return [
    heading("Beslut"),
    heading("Kommunstyrelsens förslag till kommunfullmäktige", "Heading2"),
    ...paragraphs(...model.proposal),
    ...(model.decisions.length > 0
      ? [heading("Kommunstyrelsens beslut", "Heading2"), ...paragraphs(...model.decisions)]
      : []),
    heading("Sammanfattning"),
    ...paragraphs(...model.summary),
    layout.comments.passage(model.assessment),
    heading("Ärendet i sin helhet"),
    ...paragraphs(...model.caseText),
    heading(model.providerSignals.heading, "Heading2"),
    ...paragraphs(...model.providerSignals.paragraphs),
    ...paragraphs(model.assessment.text),
    heading("Beslutsunderlag"),
    ...layout.lists.numbered(
      model.basis.map((passage) => ({
        runs: layout.comments.around([run(passage.text)], passage.note),
      })),
    ),
    heading("Beslutet expedieras till"),
    ...layout.lists.numbered(model.distribution),
    ...signatureBlock(model.signatures),
  ];
}

function planBody(model: PlanReportModel, layout: Layout): Block[] {
  const contracts = table(
    [
      { header: "Strategiskt avtal", share: 38 },
      { header: "Verksamhetsområde", share: 26 },
      { header: "Utförare", share: 36 },
    ],
    model.contracts.map((contract) => [contract.title, contract.serviceArea, contract.provider]),
  );
  const timePlan = table(
    [
      { header: "Strategiskt avtal", share: 38 },
      { header: "Hur ofta", share: 24 },
      { header: "Klart senast i", share: 38 },
    ],
    model.timePlan.map((row) => [row.title, row.frequency, row.months]),
  );
  // The contracts' table follows part 1's text, the time plan part 4's.
  const tableAfter = (heading: string): Block[] =>
    heading.startsWith("1.") && model.contracts.length > 0
      ? [contracts]
      : heading.startsWith("4.") && model.timePlan.length > 0
        ? [timePlan]
        : [];
  return [
    ...(model.proposal.length > 0
      ? [heading("Förslag till beslut"), ...layout.lists.numbered(model.proposal)]
      : paragraphs(model.status)),
    ...model.sections.flatMap((section): Block[] => [
      heading(section.heading),
      ...paragraphs(...section.paragraphs),
      ...layout.lists.bullets(section.bullets),
      ...tableAfter(section.heading),
      ...section.subsections.flatMap((sub) => [
        heading(sub.heading, "Heading2"),
        ...paragraphs(...sub.paragraphs),
      ]),
    ]),
  ];
}

function kickoffBody(model: KickoffReportModel): Block[] {
  return [
    heading("Närvarande"),
    ...paragraphs(...model.attendees),
    ...model.items.flatMap((item, index) => [
      heading(`${index + 1}. ${item.heading}`),
      ...paragraphs(...item.paragraphs),
    ]),
    ...signatureBlock(model.signatures),
  ];
}

function letterBody(model: FeedbackLetterModel): Block[] {
  return [
    ...paragraphs(...model.paragraphs),
    ...(model.deficiencies.length > 0
      ? [
          heading("Brister som ska åtgärdas"),
          table(
            [
              { header: "Brist", share: 28 },
              { header: "Vad vi förväntar oss", share: 32 },
              { header: "Senast", share: 18 },
              { header: "Uppföljning", share: 22 },
            ],
            model.deficiencies.map((entry) => [
              entry.description,
              entry.measures,
              entry.deadline,
              entry.checkUp,
            ]),
          ),
        ]
      : []),
    heading("Svar och kontakt"),
    ...paragraphs(model.reply),
    labelled("Kontaktperson", model.contact),
    ...signatureBlock(model.signatures),
  ];
}

/** The letter's address block, between the sender's header block and the title. */
function recipientBlock(model: FeedbackLetterModel): Paragraph[] {
  return model.recipient.map(
    (line, index) =>
      new Paragraph({
        spacing: { before: index === 0 ? 360 : 0, after: 0 },
        indent: { left: 4536 },
        children: [run(line)],
      }),
  );
}

function body(model: ReportModel, layout: Layout): Block[] {
  switch (model.type) {
    case "namnd":
      return committeeBody(model, layout);
    case "ks":
      return ksBody(model, layout);
    case "plan":
      return planBody(model, layout);
    case "uppstart":
      return kickoffBody(model);
    case "aterkoppling":
      return letterBody(model);
  }
}

export function buildWordDocument(model: ReportModel): Document {
  const layout: Layout = { lists: new Lists(), comments: new Comments("Avtalsuppföljning") };
  const title = new Paragraph({
    style: "Title",
    children: layout.comments.around(
      [run(model.title)],
      model.notes.length > 0 ? model.notes.join(" ") : undefined,
    ),
  });
  const content = body(model, layout);
  const pageHeader = [
    model.municipality,
    model.committeeName,
    model.registryNumber && `Dnr ${model.registryNumber}`,
  ]
    .filter(Boolean)
    .join(" · ");
  return new Document({
    // A person where there is one (the command line may leave the handläggare out): never "Un-named".
    creator: model.handler.name || model.office,
    lastModifiedBy: model.handler.name || model.office,
    title: model.title,
    subject: `${model.committeeName}, ${model.period}`,
    description: `${model.documentKind}: ${model.title}`,
    styles: STYLES,
    numbering: NUMBERING,
    comments: { children: layout.comments.items },
    sections: [
      {
        ...pageFrame(pageHeader),
        children: [
          ...headerBlock(model),
          ...(model.type === "aterkoppling" ? recipientBlock(model) : []),
          title,
          ...content,
        ],
      },
    ],
  });
}

export async function renderWord(model: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(buildWordDocument(model));
}
