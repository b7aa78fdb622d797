import PizZip from "pizzip";
import { describe, expect, test } from "vitest";
import { demoDataset } from "../../api/src/demo/demo-data.ts";
import { renderWord } from "../../api/src/documents/word-document.ts";
import type { ReportRecord } from "../../api/src/domain/model.ts";
import { flaggedProviders } from "../../api/src/domain/provider-signals.ts";
import {
  committeeReport,
  feedbackLetter,
  kickoffReport,
  ksCompilation,
  numberWord,
  planReport,
  type RegisterData,
  type ReportModel,
} from "../../api/src/domain/report-models.ts";
import { periodStartingIn } from "../../api/src/domain/reporting-period.ts";
import { buildRiskIndex, suggestRisks } from "../../api/src/domain/risk.ts";
import { positions, renderToText } from "../support/libreoffice.ts";

/**
 * Each report type rendered by LibreOffice and read back with pdftotext,
 * against what the sources say the document holds: seed 000 (the KS
 * protocol's sentences), 001 (the plan and the nämnd's decision), 002/003
 * (what a nämnd reports per strategic contract) and 004 (KS's
 * tjänsteskrivelse). The .docx itself is checked for what a reader cannot
 * see in the PDF: language, heading styles, header rows, numbering,
 * properties, and that no bracketed instruction text remains.
 */

const TODAY = "2026-11-24";
const demo = demoDataset(TODAY);
const decided: ReportRecord = {
  id: "r-van",
  etag: "",
  reportKey: "namnd|VAN|2025–2026",
  committeeId: "VAN",
  reportType: "namnd",
  period: "2025–2026",
  status: "beslutad",
  title: "Redovisning av strategiska avtal 2025–2026",
  webUrl: "",
  driveItemId: "",
  generatedAt: "2026-08-20T08:00:00Z",
  decisionDate: "2026-09-01",
  paragraph: "87",
  registryNumber: "VAN 2026/0112",
};
const ready: ReportRecord = {
  ...decided,
  id: "r-sn",
  reportKey: "namnd|SN|2025–2026",
  committeeId: "SN",
  status: "klar för nämnd",
  decisionDate: undefined,
  paragraph: "",
  registryNumber: "",
};
const data: RegisterData = { ...demo, reports: [decided, ready] };
const committee = (code: string) => demo.committees.find((item) => item.code === code)!;
const handler = (name: string, title: string) => ({
  name,
  title,
  email: `${name.toLowerCase().replace(" ", ".")}@asby.se`,
});

/** pdftotext breaks lines; compare on single spaces ("2025–" at a line's end joins "2026" again). */
const flat = (text: string) => text.replace(/\s+/g, " ").replace(/(\d)– (\d)/g, "$1–$2");

interface Rendered {
  /** As laid out: a table row reads as one line. */
  text: string;
  /** In reading order: a table cell by cell. */
  raw: string;
  part(name: string): string;
}

async function render(model: ReportModel, name: string): Promise<Rendered> {
  const docx = await renderWord(model);
  const zip = new PizZip(docx);
  const { text, raw } = await renderToText(docx, name);
  return { text: flat(text), raw: flat(raw), part: (path) => zip.file(path)?.asText() ?? "" };
}

/** The text of the document's paragraphs (w:t), as Word holds it. */
const wordText = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(" ");

/** What every draft must be, whatever its type (issue 17, point 8). */
function expectWordDetails(rendered: Rendered, model: ReportModel) {
  const document = rendered.part("word/document.xml");
  const styles = rendered.part("word/styles.xml");
  const core = rendered.part("docProps/core.xml");
  // Swedish proofing and reading: the document's default language.
  expect(styles).toMatch(/<w:docDefaults>.*<w:lang w:val="sv-SE"\/>.*<\/w:docDefaults>/s);
  // Word's own heading styles, each kept with the paragraph after it.
  expect(document).toContain('<w:pStyle w:val="Title"/>');
  expect(document).toContain('<w:pStyle w:val="Heading1"/>');
  expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1">.*?<w:keepNext\/>/s);
  // Tables announce their header row (repeated on every page).
  const tables = document.match(/<w:tbl>/g)?.length ?? 0;
  expect(document.match(/<w:tblHeader\/>/g)?.length ?? 0).toBeGreaterThanOrEqual(tables);
  // Title and people in the properties, not "Un-named".
  expect(core).toContain(`<dc:title>${model.title}</dc:title>`);
  expect(core).toContain(`<dc:creator>${model.handler.name}</dc:creator>`);
  expect(core).toContain(`<cp:lastModifiedBy>${model.handler.name}</cp:lastModifiedBy>`);
  expect(core).not.toContain("Un-named");
  // No writing instructions left in brackets, in the text or in Word's own.
  expect(rendered.text).not.toMatch(/\[[^\]]*\]/);
  expect(wordText(document)).not.toMatch(/[[\]]/);
}

// One LibreOffice at a time: the machines running the suite have two cores.
describe("Word reports rendered by LibreOffice", { timeout: 120_000 }, () => {
  test("the KS compilation: seed 004's headings, seed 000's sentences from the demo data, decided and undecided reports", async () => {
    // Providers failing in two nämnder, as the report service finds them in the read model.
    const risk = { ...demo, today: TODAY };
    const flagged = flaggedProviders(
      demo.contracts,
      buildRiskIndex(risk),
      suggestRisks(risk),
      demo.committees,
    );
    const model = ksCompilation(
      { ...data, flaggedProviders: flagged },
      2026,
      TODAY,
      handler("Karin Berg", "Controller"),
    );
    const rendered = await render(model, "ks");
    const content = rendered.raw;
    const order = positions(content, [
      "Kommunledningskontoret",
      "TJÄNSTESKRIVELSE",
      "Datum: 2026-11-24",
      "Handläggare: Karin Berg, Controller, karin.berg@asby.se",
      "Uppföljning av nämndernas strategiska avtal 2026",
      "Beslut",
      "Kommunstyrelsens förslag till kommunfullmäktige",
      "Kommunfullmäktige noterar informationen och lägger den årliga uppföljningen av strategiska avtal 2026 till handlingarna.",
      "Kommunstyrelsens beslut",
      "Tekniska nämnden uppdras att till kommande års redovisning",
      "Sammanfattning",
      "Ärendet i sin helhet",
      "I enlighet med riktlinjerna för uppföljning och insyn ska varje nämnd följa upp samtliga avtal",
      "Antalet strategiska avtal år 2026 uppgick till 13 stycken. Två avtal innehåller brister: hemtjänst enligt LOV och skolskjuts med bil för elever med särskilda behov.",
      "Avseende hemtjänst enligt LOV (Vård- och äldrenämnden):",
      "personalkontinuitet, utbildningsnivå, andel tillsvidareanställd personal",
      "Avseende skolskjuts med bil för elever med särskilda behov (Tekniska nämnden):",
      "Leverantörer i flera nämnder",
      "En leverantör har öppna brister eller bedöms ha hög risk i två eller fler nämnder",
      "Trygga Händer Hemtjänst AB har öppna brister i",
      "Kommunstyrelsen bör i sin uppsiktsplikt följa hur de två nämnderna samordnar uppföljningen av utföraren.",
      "Kommunledningskontorets sammantagna bedömning är att",
      "Beslutsunderlag",
      "Beslutet expedieras till",
      "1. Kommunstyrelsens diarium, ks.diarium@asby.se",
      "6. Vård- och äldrenämndens diarium, van.diarium@asby.se",
      "Karin Berg",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);

    // The deficiencies in the tense their status and dates call for, in date order.
    const tenses = positions(content, [
      "Handlingsplan har upprättats och följs upp den 30 november 2026: svag ekonomisk ställning (en av utförarna).",
      "Handlingsplaner har upprättats och följs upp den 15 mars 2027:",
      "inväntar IVO:s besked om tillstånd att bedriva hemtjänst (två av utförarna)",
      "Förseningar i skolskjutsen: handlingsplanen följdes upp den 15 oktober 2026. Förseningarna har upphört. Bristen är åtgärdad.",
      "Fakturaunderlagen följer inte avtalets krav: uppföljningen av handlingsplanen var planerad till den 21 november 2026 men har inte redovisats.",
    ]);
    expect(tenses, JSON.stringify(tenses)).not.toContain(-1);

    // Beslutsunderlag: the decided report with date and §, the others marked with their status.
    expect(content).toMatch(
      /\d\. Vård- och äldrenämndens redovisning av strategiska avtal 2025–2026, 2026-09-01 § 87/,
    );
    expect(content).toContain(
      "Socialnämndens redovisning av strategiska avtal 2025–2026 (ej beslutad, klar för nämnd)",
    );
    expect(content).toContain(
      "Tekniska nämndens redovisning av strategiska avtal 2025–2026 (ej beslutad, inget utkast ännu)",
    );
    // The warnings are comments for the writer: in the file, not in the printed text.
    const comments = rendered.part("word/comments.xml");
    expect(comments).toContain("Socialnämndens redovisning är inte beslutad (klar för nämnd).");
    expect(comments).toContain("Bedömningen är förifylld");
    expect(content).not.toContain("Bekräfta eller ändra");
    // Real numbered lists, not typed numbers.
    const document = rendered.part("word/document.xml");
    expect(document.match(/<w:numPr>/g)?.length).toBeGreaterThanOrEqual(12);
    expect(wordText(document)).not.toMatch(/\b1\. Kommunstyrelsens diarium/);
    expect(content).toContain("Sida 1 av");
    expectWordDetails(rendered, model);
  });

  test("the nämnd's report: seed 001's decision, per strategic contract what seeds 002/003 ask, deficiencies with their check-ups", async () => {
    const model = committeeReport(
      data,
      committee("VAN"),
      periodStartingIn("july-june", 2025),
      TODAY,
      handler("Anna Lindqvist", "Avtalsansvarig"),
    );
    const rendered = await render(model, "van");
    const content = rendered.raw;
    const order = positions(content, [
      "TJÄNSTESKRIVELSE",
      "Diarienummer: VAN 2026/0112",
      "Handläggare: Anna Lindqvist",
      "Redovisning av strategiska avtal 2025–2026",
      "Förslag till beslut",
      "1. Vård- och äldrenämnden godkänner redovisningen av uppföljningen av nämndens strategiska avtal för perioden 1 juli 2025 – 30 juni 2026",
      "Nämnden bedömer graden av måluppfyllelse utifrån avtalen och den levererade tjänsten enligt följande:",
      "Hemtjänst enligt LOV: målen är delvis uppfyllda; kvaliteten varierar mellan utförarna.",
      "Nämnden bedömer att befintlig kontroll av verksamheten är tillräcklig",
      "Sammanfattning",
      "Vård- och äldrenämnden har tre strategiska avtal",
      "Bakgrund",
      "Uppföljningen har gjorts enligt nämndens uppföljningsplan för mandatperioden 2022–2026",
      "Redovisning per strategiskt avtal",
      "Hemtjänst enligt LOV",
      "Utförare: Hemtjänst Nord i Åsby AB, Omsorgshjälpen Väst AB, Trygga Händer Hemtjänst AB och Åsby Seniorservice AB.",
      "Uppfyller utföraren de väsentliga kvalitetskraven enligt avtalet?",
      "Hur har bristerna påverkat nämndens måluppfyllelse?",
      "Brister och handlingsplaner",
      "Svag ekonomisk ställning",
      "Följs upp den 30 november 2026.",
      "Bristande personalkontinuitet",
      "Följs upp den 15 mars 2027.",
      "Nattpatrull och larmåtgärder",
      "Särskilt boende Solgården",
      "Sammanställning",
      "Beslutsunderlag",
      "Beslutet expedieras till",
      "1. Kommunstyrelsens diarium, ks.diarium@asby.se",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);
    // The summary table's row, as laid out on the page.
    expect(rendered.text).toContain("Hemtjänst enligt LOV Delvis 6 2 öppna, 4 pågår");
    expectWordDetails(rendered, model);
  });

  test("a shared contract, no strategic contracts, ten and more contracts, names with & < > and quotes", async () => {
    const kfn = committeeReport(
      data,
      committee("KFN"),
      periodStartingIn("july-june", 2025),
      TODAY,
      handler("Sara Holm", "Avtalsansvarig"),
    );
    expect(
      kfn.sections.find((section) => section.title.startsWith("Städning"))?.sharedWith,
    ).toEqual(["Kommunstyrelsen", "Socialnämnden"]);
    const empty = {
      ...data,
      contracts: data.contracts.filter((contract) => contract.committeeId !== "IFN"),
    };
    const none = committeeReport(
      empty,
      committee("IFN"),
      periodStartingIn("july-june", 2025),
      TODAY,
      handler("Johan Ek", "Handläggare"),
    );
    expect(none.summary.join(" ")).toContain(
      "Nämnden har inga avtal som klassificerats som strategiska under perioden.",
    );

    const tricky = "Städ & Fönster <Syd> \"AB\" 'Norr'";
    const many = Array.from({ length: 12 }, (_, index) => ({
      ...data.contracts.find((contract) => contract.id === "simhall")!,
      id: `extra-${index}`,
      title: `${tricky} ${index + 1}`,
    }));
    const followUps = [
      ...data.followUps,
      ...many.map((contract) => ({
        ...data.followUps.find((followUp) => followUp.contractId === "simhall")!,
        id: `f-${contract.id}`,
        contractId: contract.id,
      })),
    ];
    const model = committeeReport(
      { ...data, contracts: [...data.contracts, ...many], followUps },
      committee("KFN"),
      periodStartingIn("july-june", 2025),
      TODAY,
      handler("Sara Holm", "Avtalsansvarig"),
    );
    expect(model.sections.length).toBeGreaterThanOrEqual(10);
    const rendered = await render(model, "stor");
    expect(rendered.text).toContain(`${tricky} 12`);
    expect(rendered.text).toContain(
      `Kultur- och fritidsnämnden har ${numberWord(model.sections.length)} strategiska avtal`,
    );
    expect(rendered.text).toContain(
      "Avtalet delas med Kommunstyrelsen och Socialnämnden. Redovisningen avser nämndens del av avtalet.",
    );
    // Sent to KS and to the other nämnder sharing a contract.
    expect(rendered.text).toContain(
      "1. Kommunstyrelsens diarium, ks.diarium@asby.se 2. Socialnämndens diarium, sn.diarium@asby.se",
    );
  });

  test("the plan: seed 001's parts and sections, a time plan per strategic contract, a proposal to decide", async () => {
    const plan = demo.plans.find(
      (candidate) => candidate.committeeId === "SN" && candidate.status === "utkast",
    )!;
    const model = planReport(
      data,
      committee("SN"),
      plan,
      TODAY,
      handler("Maria Nilsson", "Nämndsekreterare"),
    );
    const rendered = await render(model, "plan");
    const order = positions(rendered.raw, [
      "Uppföljningsplan för strategiska avtal 2026–2030",
      "Förslag till beslut",
      "1. Socialnämnden antar uppföljningsplanen för strategiska avtal för mandatperioden 2026–2030.",
      "Inledning",
      "Syfte",
      "kontrollera att tecknade avtal följs",
      "möjliggöra allmänhetens insyn",
      "1. Nämndens uppföljningsansvar – vad ska följas upp",
      "Strategiskt avtal",
      "Verksamhetsområde",
      "Personlig assistans",
      "Assistanspartner Väst AB",
      "2. Former för uppföljning – hur ska det följas upp",
      "Inför",
      "Uppstartsmötet dokumenteras i ett protokoll som diarieförs.",
      "Löpande",
      "Avvikelser dokumenteras och hanteras löpande",
      "Rapportering",
      "återrapporteras årligen till socialnämnden i maj och till kommunstyrelsen för kännedom innan årets slut",
      "3. Ansvar för uppföljning – vem",
      "Socialt ansvarig samordnare ansvarar för uppföljningen.",
      "4. Tidsplan – när",
      "Hur ofta",
      "Klart senast i",
      "5. Återkoppling av resultatet",
      "Beslutet ska innehålla graden av måluppfyllelse utifrån avtal, en utvärdering av levererad tjänst och en bedömning av om befintlig kontroll av verksamheten är tillräcklig.",
      "Uppföljningen återkopplas även skriftligt till utföraren.",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);
    expect(rendered.text).toContain(
      "Personlig assistans Personlig assistans Assistanspartner Väst AB",
    );
    expect(rendered.text).toContain("Personlig assistans En gång per år April");
    expectWordDetails(rendered, model);
  });

  test("the plan's time plan follows a contract's assessed risk level, and says the cadence per level", async () => {
    const plan = demo.plans.find(
      (candidate) => candidate.committeeId === "SN" && candidate.status === "utkast",
    )!;
    const assessed: RegisterData = {
      ...data,
      contracts: data.contracts.map((contract) =>
        contract.title === "Personlig assistans"
          ? {
              ...contract,
              risk: {
                likelihood: 4,
                consequence: 4,
                reason: "Två allvarliga avvikelser under hösten.",
                confirmedBy: { id: "maria", name: "Maria Nilsson", email: "" },
                confirmedOn: TODAY,
                suggestedLevel: "hög",
                raisedFrom: undefined,
              },
            }
          : contract,
      ),
    };
    const model = planReport(
      assessed,
      committee("SN"),
      plan,
      TODAY,
      handler("Maria Nilsson", "Nämndsekreterare"),
    );
    const row = model.timePlan.find((candidate) => candidate.title === "Personlig assistans");
    expect(row?.frequency).toBe("Två gånger per år (hög risk)");
    const rendered = await render(model, "plan-risk");
    // The table's cells wrap in the rendered text, so the row is found in order in the Word XML.
    const order = positions(rendered.raw, [
      "Personlig assistans",
      "Två gånger per år (hög risk)",
      "Oktober och april",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);
    expect(rendered.text).toContain("Oktober och april");
    expect(rendered.text).toContain(
      "Strategiska avtal vars risk har bedömts enligt kommunens riskmatris (sannolikhet × konsekvens) följs upp efter risknivå, och minst en gång per uppföljningsperiod: hög risk två gånger per år, medelhög risk en gång per år och låg risk en gång per år. Avtal som inte är strategiska följs upp med låg risk vartannat år. Höjs risknivån görs en extra uppföljning inom två månader.",
    );
    // Without an assessment the contract keeps its own number, and the plan says nothing of risk.
    const plain = await render(
      planReport(data, committee("SN"), plan, TODAY, handler("Maria Nilsson", "Nämndsekreterare")),
      "plan-plain",
    );
    expect(plain.text).not.toContain("riskmatris");
  });

  test("the kickoff minutes: dated by the meeting, diariefört, the agreed reporting and follow-ups, signatures", async () => {
    const meeting = demo.kickoffs[0]!;
    const contract = demo.contracts.find((candidate) => candidate.id === meeting.contractId)!;
    const model = kickoffReport(
      data,
      committee("KFN"),
      meeting,
      contract,
      handler("Sara Holm", "Avtalsansvarig"),
    );
    const rendered = await render(model, "uppstart");
    const order = positions(rendered.raw, [
      "PROTOKOLL",
      `Datum: ${meeting.meetingDate}`,
      "Diarienummer: KFN 2023/0112",
      "Protokoll från uppstartsmöte: Fritidsgården Kvarnen",
      "Närvarande",
      "Sara Holm, avtalsansvarig, Kultur- och fritidsnämnden",
      "1. Avtalet",
      "2. Genomgång av avtalet",
      "3. Löpande rapportering",
      "Avvikelser och synpunkter rapporteras löpande.",
      "4. Årlig rapportering för allmänhetens insyn",
      "Besöksstatistik och verksamhetsberättelse publiceras årligen.",
      "5. Uppföljning",
      "ska vara klar senast den 30 juni 2024",
      "Vid protokollet",
      "Sara Holm",
      "Justeras",
      "för Unga Åsby ideell förening",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);
    expect(rendered.text).not.toContain(`Datum: ${TODAY}`);
    expectWordDetails(rendered, model);
  });

  test("the feedback letter: one provider, only its own deficiencies, nothing internal or about another provider", async () => {
    const hemtjanst = demo.contracts.find((candidate) => candidate.id === "hemtjanst")!;
    const followUp = demo.followUps.find(
      (candidate) => candidate.id === "hemtjanst-VAN-2025–2026",
    )!;
    const provider = hemtjanst.providers.find((item) => item.name === "Omsorgshjälpen Väst AB")!;
    const model = feedbackLetter(
      data,
      committee("VAN"),
      hemtjanst,
      followUp,
      provider,
      TODAY,
      handler("Anna Lindqvist", "Avtalsansvarig"),
    );
    const rendered = await render(model, "brev");
    const order = positions(rendered.raw, [
      "Vård- och äldrenämnden",
      "Datum: 2026-11-24",
      "Omsorgshjälpen Väst AB",
      "Org.nr 556910-2204",
      "kontakt@omsorgshjalpenvast.se",
      "Återkoppling av uppföljning: Hemtjänst enligt LOV",
      "Vård- och äldrenämnden har följt upp avtalet Hemtjänst enligt LOV (ÅSBY-HEMTJANST) för perioden 1 juli 2025 – 30 juni 2026",
      "Uppföljningen omfattade besök hos samtliga utförare",
      "Brister som ska åtgärdas",
      "Bristande personalkontinuitet.",
      "Utföraren inför fasta arbetslag",
      "Låg utbildningsnivå hos personalen.",
      "Svar och kontakt",
      "Vi vill att ni senast den 24 december 2026 skriftligen redovisar hur ni åtgärdar bristerna.",
      "Kontaktperson: Anna Lindqvist, avtalsansvarig, anna.lindqvist@asby.se",
      "Med vänliga hälsningar",
      "Anna Lindqvist",
    ]);
    expect(order, JSON.stringify(order)).not.toContain(-1);

    // Everything in the file — text, comments, properties — checked against the internal and the others'.
    const everything = `${rendered.raw} ${[
      "word/document.xml",
      "word/comments.xml",
      "docProps/core.xml",
      "word/header1.xml",
    ]
      .map((part) => wordText(rendered.part(part)) + rendered.part(part))
      .join(" ")}`;
    const forbidden = [
      followUp.deficienciesSummary,
      followUp.goalImpact,
      followUp.goalFulfilment,
      followUp.serviceEvaluation,
      hemtjanst.internalNotes,
      "vitesstrappa",
      "Hävning",
      "Brukare möter många olika medarbetare",
      "ekonomisk ställning",
      "IVO",
      "tillsvidareanställd",
      "Hemtjänst Nord i Åsby AB",
      "Trygga Händer Hemtjänst AB",
      "Åsby Seniorservice AB",
      "befintlig kontroll",
    ];
    for (const text of forbidden) expect(everything, text).not.toContain(text);
    expectWordDetails(rendered, model);
  });
});
