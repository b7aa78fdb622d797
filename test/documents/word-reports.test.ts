import { describe, expect, test } from "vitest";
import { demoDataset } from "../../api/src/demo/demo-data.ts";
import { renderWord } from "../../api/src/documents/word-document.ts";
import {
  committeeReport,
  feedbackLetter,
  kickoffReport,
  ksCompilation,
  numberWord,
  planReport,
  type RegisterData,
} from "../../api/src/domain/report-models.ts";
import { periodStartingIn } from "../../api/src/domain/reporting-period.ts";
import { positions, renderToText } from "../support/libreoffice.ts";

const TODAY = "2026-11-24";
const demo = demoDataset(TODAY);
const data: RegisterData = { ...demo, reports: [] };
const committee = (code: string) => demo.committees.find((item) => item.code === code)!;

/** pdftotext breaks lines; compare on single spaces. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("Word reports rendered by LibreOffice", () => {
  test("the KS compilation: seed 004's structure and seed 000's facts from the demo data", async () => {
    const model = ksCompilation(data, 2026, TODAY);
    const { text } = await renderToText(await renderWord(model), "ks");
    const content = flat(text);
    const order = positions(content, [
      "Redovisning av uppföljningen av privata utförare 2026",
      "Beslut",
      "Sammanfattning",
      "Ärendet i sin helhet",
      "Beslutsunderlag",
      "Beslutet expedieras till",
    ]);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(content).toContain("Antalet strategiska avtal uppgick till 13 stycken.");
    expect(content).toMatch(
      /Två avtal innehåller brister: hemtjänst enligt LOV och skolskjuts med bil för elever med särskilda behov\./,
    );
    expect(content).toContain("Vård- och äldrenämndens diarium, van.diarium@asby.se");
    expect(content).toContain(
      "personalkontinuitet, utbildningsnivå, andel tillsvidareanställd personal",
    );
    expect(content).toMatch(/Sida 1 av \d/);
    expect(content).toContain("Åsby kommun · Kommunstyrelsen · Dnr");
  });

  test("the nämnd's yearly report: decision, summary, one section per strategic contract, deficiencies, summary table", async () => {
    const van = committee("VAN");
    const model = committeeReport(data, van, periodStartingIn("july-june", 2025), TODAY);
    const { text } = await renderToText(await renderWord(model), "van");
    const content = flat(text);
    const order = positions(content, [
      "Förslag till beslut",
      "Sammanfattning",
      "Redovisning per strategiskt avtal",
      "Hemtjänst enligt LOV",
      "Brister och handlingsplaner",
      "Nattpatrull och larmåtgärder",
      "Särskilt boende Solgården",
      "Sammanställning",
    ]);
    expect(
      order.every((position) => position >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(content).toContain("Vård- och äldrenämnden har tre strategiska avtal");
    expect(content).toContain("Bristande personalkontinuitet hos utförare");
    expect(content).toContain("1 juli 2025 – 30 juni 2026");
  });

  test("zero strategic contracts, ten and more contracts, and names with & < > and quotes", async () => {
    const empty = {
      ...data,
      contracts: data.contracts.filter((contract) => contract.committeeId !== "IFN"),
    };
    const none = await renderToText(
      await renderWord(
        committeeReport(empty, committee("IFN"), periodStartingIn("july-june", 2025), TODAY),
      ),
      "tom",
    );
    expect(flat(none.text)).toContain(
      "Nämnden har inga avtal som klassificerats som strategiska under perioden.",
    );

    const tricky = "Städ & Fönster <Syd> \"AB\" 'Norr'";
    const many = Array.from({ length: 12 }, (_, index) => ({
      ...data.contracts.find((contract) => contract.id === "simhall")!,
      id: `extra-${index}`,
      title: `${tricky} ${index + 1}`,
    }));
    const big = { ...data, contracts: [...data.contracts, ...many] };
    const followUps = [
      ...data.followUps,
      ...many.map((contract) => ({
        ...data.followUps.find((followUp) => followUp.contractId === "simhall")!,
        id: `f-${contract.id}`,
        contractId: contract.id,
      })),
    ];
    const model = committeeReport(
      { ...big, followUps },
      committee("KFN"),
      periodStartingIn("july-june", 2025),
      TODAY,
    );
    expect(model.sections.length).toBeGreaterThanOrEqual(10);
    const { text } = await renderToText(await renderWord(model), "stor");
    const content = flat(text);
    expect(content).toContain(`${tricky} 12`);
    expect(content).toContain(
      `Kultur- och fritidsnämnden har ${numberWord(model.sections.length)} strategiska avtal`,
    );
  });

  test("the plan, the kickoff minutes and the feedback letter", async () => {
    const sn = committee("SN");
    const plan = demo.plans.find(
      (candidate) => candidate.committeeId === "SN" && candidate.status === "utkast",
    )!;
    const planText = flat(
      (await renderToText(await renderWord(planReport(data, sn, plan, TODAY)), "plan")).text,
    );
    expect(
      positions(planText, [
        "1. Vad ska följas upp",
        "2. Hur ska det följas upp",
        "3. Vem ansvarar",
        "4. Tidsplan",
        "5. Återkoppling",
      ]).every((p) => p >= 0),
    ).toBe(true);
    expect(planText).toContain("Socialt ansvarig samordnare ansvarar för uppföljningen.");

    const kfn = committee("KFN");
    const meeting = demo.kickoffs[0]!;
    const contract = demo.contracts.find((candidate) => candidate.id === meeting.contractId)!;
    const minutes = flat(
      (
        await renderToText(
          await renderWord(kickoffReport(data, kfn, meeting, contract, TODAY)),
          "uppstart",
        )
      ).text,
    );
    expect(minutes).toContain("Protokoll från uppstartsmöte: Fritidsgården Kvarnen");
    expect(minutes).toContain("Dnr KFN 2023/0112");

    const tn = committee("TN");
    const skolskjuts = demo.contracts.find((candidate) => candidate.id === "skolskjuts")!;
    const followUp = demo.followUps.find((candidate) => candidate.contractId === "skolskjuts")!;
    const letter = flat(
      (
        await renderToText(
          await renderWord(feedbackLetter(data, tn, skolskjuts, followUp, TODAY)),
          "brev",
        )
      ).text,
    );
    expect(letter).toContain("Till Åsby Taxi & Buss AB");
    expect(letter).toContain("Fakturaunderlag följer inte avtalets krav");
    expect(letter).toContain("Erik Johansson, avtalsansvarig");
  });
});
