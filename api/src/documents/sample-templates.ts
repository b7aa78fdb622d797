import { Document, Packer, Paragraph, TextRun } from "docx";
import type { ReportType } from "../domain/model.ts";
import { BULLETS, heading, NUMBERED, NUMBERING, PAGE, STYLES } from "./word-blocks.ts";

/**
 * A sample template per report type for a kommun to start from (written to
 * docs/mallar/ by `npm run templates`): the kommun's header block, Word's
 * heading styles and every placeholder the type offers. Each loop tag
 * (`{#avtal}`, `{/avtal}`) stands in a paragraph of its own: docxtemplater
 * then repeats the paragraphs between the tags and removes the tags'
 * paragraphs, so no empty lines are left. A loop inside a numbered
 * paragraph gives a numbered list.
 */

const line = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const bold = (label: string, value: string) =>
  new Paragraph({
    spacing: { after: 0 },
    children: [new TextRun({ text: label, bold: true }), new TextRun(value)],
  });
const numbered = (text: string, level = 0) =>
  new Paragraph({ numbering: { reference: NUMBERED, level }, children: [new TextRun(text)] });
const bullet = (text: string) =>
  new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(text)] });
/** A loop's list of paragraphs, one `{text}` each. */
const loop = (name: string, body: Paragraph[]) => [line(`{#${name}}`), ...body, line(`{/${name}}`)];

function headerBlock(): Paragraph[] {
  return [
    new Paragraph({
      spacing: { after: 0 },
      children: [new TextRun({ text: "{kommun}", bold: true })],
    }),
    line("{forvaltning}"),
    new Paragraph({ children: [new TextRun({ text: "{dokumenttyp}", bold: true })] }),
    bold("Datum: ", "{datum}"),
    bold("Diarienummer: ", "{diarienummer}"),
    bold("Handläggare: ", "{handlaggare}, {handlaggareTitel}, {handlaggareEpost}"),
    new Paragraph({ style: "Title", children: [new TextRun("{titel}")] }),
  ];
}

const signatures = () => loop("underskrifter", [line("{roll}"), line("{namn}"), line("{titel}")]);

const BODIES: Record<ReportType, () => Paragraph[]> = {
  namnd: () => [
    heading("Förslag till beslut"),
    ...loop("beslutspunkter", [numbered("{text}"), ...loop("punkter", [numbered("{text}", 1)])]),
    heading("Sammanfattning"),
    ...loop("sammanfattningsstycken", [line("{text}")]),
    heading("Bakgrund"),
    ...loop("bakgrund", [line("{text}")]),
    heading("Redovisning per strategiskt avtal"),
    line("{#avtal}"),
    heading("{namn}", "Heading2"),
    line("Verksamhetsområde: {omrade}. Utförare: {utforare}. Avtalsnummer: {avtalsnummer}."),
    line("Delas med: {delasMed}"),
    bold("Uppföljning: ", "{form}, {uppfoljningsdatum}"),
    bold("Uppfyller utföraren de väsentliga kvalitetskraven enligt avtalet? ", "{uppfyllerKrav}"),
    bold("Vilka brister har iakttagits? ", "{brister}"),
    bold("Hur har bristerna påverkat nämndens måluppfyllelse? ", "{paverkan}"),
    bold("Handlingsplan: ", "{handlingsplan} ({handlingsplaner})"),
    bold("Grad av måluppfyllelse utifrån avtal: ", "{maluppfyllelse}"),
    bold("Utvärdering av levererad tjänst: ", "{utvardering}"),
    bold("Är befintlig kontroll av verksamheten tillräcklig? ", "{kontrollTillracklig}"),
    bold("Återkopplat till utföraren: ", "{aterkopplat}"),
    ...loop("bristlista", [
      bullet(
        "{brist} ({utforare}). Påverkan: {paverkan}. Åtgärder: {atgarder} Ansvarig: {ansvarig}, senast {senast}. {lage}",
      ),
    ]),
    line("{/avtal}"),
    heading("Beslutsunderlag"),
    ...loop("beslutsunderlag", [numbered("{text}")]),
    heading("Beslutet expedieras till"),
    ...loop("expedieras", [numbered("{text}")]),
    ...signatures(),
  ],
  ks: () => [
    heading("Beslut"),
    heading("Kommunstyrelsens förslag till kommunfullmäktige", "Heading2"),
    ...loop("forslagTillKf", [line("{text}")]),
    heading("Kommunstyrelsens beslut", "Heading2"),
    ...loop("ksBeslut", [line("{text}")]),
    heading("Sammanfattning"),
    ...loop("sammanfattningsstycken", [line("{text}")]),
    heading("Ärendet i sin helhet"),
    ...loop("arendestycken", [line("{text}")]),
    heading("Beslutsunderlag"),
    ...loop("beslutsunderlag", [numbered("{text}")]),
    heading("Beslutet expedieras till"),
    ...loop("expedieras", [numbered("{text}")]),
    ...signatures(),
  ],
  plan: () => [
    heading("Förslag till beslut"),
    ...loop("beslut", [numbered("{text}")]),
    line("{#delar}"),
    heading("{rubrik}"),
    ...loop("stycken", [line("{text}")]),
    ...loop("punkter", [bullet("{text}")]),
    line("{#underavsnitt}"),
    heading("{rubrik}", "Heading2"),
    ...loop("stycken", [line("{text}")]),
    line("{/underavsnitt}"),
    line("{/delar}"),
    heading("Strategiska avtal"),
    ...loop("avtal", [bullet("{namn} – {omrade} – {utforare}")]),
    heading("Tidsplan per strategiskt avtal"),
    ...loop("tidsplan", [bullet("{namn}: {hurOfta}, klart senast i {manader}")]),
  ],
  uppstart: () => [
    bold("Avtal: ", "{avtal} ({avtalsnummer}), {utforare}"),
    bold("Mötesdatum: ", "{motesdatum}"),
    heading("Närvarande"),
    ...loop("deltagare", [line("{text}")]),
    line("{#punkter}"),
    heading("{rubrik}"),
    ...loop("stycken", [line("{text}")]),
    line("{/punkter}"),
    ...signatures(),
  ],
  aterkoppling: () => [
    ...loop("mottagare", [line("{text}")]),
    ...loop("stycken", [line("{text}")]),
    heading("Brister som ska åtgärdas"),
    ...loop("brister", [
      bullet("{brist} Vad vi förväntar oss: {atgarder} Senast: {senast}. {uppfoljning}."),
    ]),
    heading("Svar och kontakt"),
    line("{svar}"),
    bold("Kontaktperson: ", "{kontakt}"),
    ...signatures(),
  ],
};

/** The sample template of a report type, as a Word document. */
export function sampleTemplate(type: ReportType): Document {
  return new Document({
    creator: "Avtalsuppföljning",
    lastModifiedBy: "Avtalsuppföljning",
    title: `Mall: ${type}`,
    styles: STYLES,
    numbering: NUMBERING,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        children: [...headerBlock(), ...BODIES[type]()],
      },
    ],
  });
}

export async function sampleTemplateBytes(type: ReportType): Promise<Buffer> {
  return Packer.toBuffer(sampleTemplate(type));
}
