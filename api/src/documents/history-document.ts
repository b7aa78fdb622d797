import { Document, Packer, Paragraph, type Table, TextRun } from "docx";
import {
  type HistoryExport,
  historyFileTitle,
  internalNote,
  swedishDateTime,
} from "../presenters/history-export.ts";
import {
  heading,
  labelled,
  NUMBERING,
  pageFrame,
  paragraphs,
  run,
  STYLES,
  table,
} from "./word-blocks.ts";

/**
 * A record's history as a Word document (and, through LibreOffice, as PDF):
 * what the record is and who made the extract, then one heading per saved
 * change — what happened, when, by whom — with a table of each field before
 * and after, in the words of the tab. Evidence (Underlag) follows when the
 * export has a list of it.
 */

type Block = Paragraph | Table;

function entryBlocks(model: HistoryExport): Block[] {
  if (model.entries.length === 0) return paragraphs("Inga ändringar är sparade.");
  return model.entries.flatMap((entry): Block[] => {
    const who = entry.by.name || entry.modifiedBy || "okänd";
    const blocks: Block[] = [
      heading(`${swedishDateTime(entry.modified)} – ${entry.summary}`, "Heading2"),
      labelled("Av", who),
    ];
    if (entry.changes.length === 0) return blocks;
    const created = entry.action === "created";
    blocks.push(
      new Paragraph({ spacing: { after: 0 }, children: [] }),
      created
        ? table(
            [
              { header: "Fält", share: 35 },
              { header: "Värde", share: 65 },
            ],
            entry.changes.map((change) => [change.label, change.to]),
          )
        : table(
            [
              { header: "Fält", share: 28 },
              { header: "Före", share: 36 },
              { header: "Efter", share: 36 },
            ],
            entry.changes.map((change) => [change.label, change.from, change.to]),
          ),
    );
    return blocks;
  });
}

function evidenceBlocks(model: HistoryExport): Block[] {
  if (!model.evidence) return [];
  return [
    heading("Underlag"),
    ...(model.evidence.length === 0
      ? paragraphs("Inga underlag är sparade för posten.")
      : [
          table(
            [
              { header: "Dokument", share: 50 },
              { header: "Tillagt", share: 25 },
              { header: "Av", share: 25 },
            ],
            model.evidence.map((item) => [item.name, swedishDateTime(item.addedAt), item.addedBy]),
          ),
        ]),
  ];
}

export function buildHistoryDocument(model: HistoryExport): Document {
  const title = `Ändringshistorik: ${model.what.toLocaleLowerCase("sv")} ${model.title}`.trim();
  return new Document({
    creator: model.exportedBy || model.municipality,
    lastModifiedBy: model.exportedBy || model.municipality,
    title: historyFileTitle(model),
    subject: `${model.committeeName}: ${model.what} ${model.title}`,
    description: "Utdrag ur ändringshistoriken i Avtalsuppföljning",
    styles: STYLES,
    numbering: NUMBERING,
    sections: [
      {
        ...pageFrame([model.municipality, model.committeeName].filter(Boolean).join(" · ")),
        children: [
          new Paragraph({
            spacing: { after: 0 },
            children: [run(model.municipality, { bold: true, size: 26 })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: "UTDRAG UR ÄNDRINGSHISTORIK", bold: true })],
          }),
          labelled("Utdrag gjort", swedishDateTime(model.exportedAt)),
          labelled("Utdrag gjort av", model.exportedBy),
          new Paragraph({ style: "Title", children: [run(title)] }),
          labelled("Post", `${model.what}: ${model.title}`),
          labelled("Nämnd", model.committeeName),
          ...(model.contractTitle ? [labelled("Avtal", model.contractTitle)] : []),
          ...paragraphs(
            `Utdraget visar postens ${model.entries.length} sparade ${model.entries.length === 1 ? "ändring" : "ändringar"}, den senaste först: vem som gjorde ändringen, när, och varje ändrat fält före och efter. ${internalNote(model)}`,
          ),
          heading("Ändringar"),
          ...entryBlocks(model),
          ...evidenceBlocks(model),
        ],
      },
    ],
  });
}

export async function renderHistoryDocument(model: HistoryExport): Promise<Buffer> {
  return Packer.toBuffer(buildHistoryDocument(model));
}
