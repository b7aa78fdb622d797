import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import PizZip from "pizzip";
import { describe, expect, test } from "vitest";
import { demoDataset } from "../../api/src/demo/demo-data.ts";
import { sampleTemplateBytes } from "../../api/src/documents/sample-templates.ts";
import { fillTemplate, TemplateError } from "../../api/src/documents/template-filler.ts";
import { REPORT_TYPES, type ReportRecord, type ReportType } from "../../api/src/domain/model.ts";
import {
  committeeReport,
  feedbackLetter,
  kickoffReport,
  ksCompilation,
  planReport,
  type RegisterData,
  type ReportModel,
} from "../../api/src/domain/report-models.ts";
import { periodStartingIn } from "../../api/src/domain/reporting-period.ts";
import { renderToText } from "../support/libreoffice.ts";

/**
 * The sample templates in docs/mallar (one per report type) are up to date,
 * use only placeholders the app knows, and fill without leaving a tag or an
 * empty loop paragraph behind.
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
  title: "",
  webUrl: "",
  driveItemId: "",
  generatedAt: "",
  decisionDate: "2026-09-01",
  paragraph: "87",
  registryNumber: "VAN 2026/0112",
};
const data: RegisterData = { ...demo, reports: [decided] };
const handler = { name: "Karin Berg", title: "Controller", email: "karin.berg@asby.se" };
const committee = (code: string) => demo.committees.find((item) => item.code === code)!;

function model(type: ReportType): ReportModel {
  switch (type) {
    case "namnd":
      return committeeReport(
        data,
        committee("VAN"),
        periodStartingIn("july-june", 2025),
        TODAY,
        handler,
      );
    case "ks":
      return ksCompilation(data, 2026, TODAY, handler);
    case "plan":
      return planReport(
        data,
        committee("SN"),
        demo.plans.find((plan) => plan.committeeId === "SN" && plan.status === "utkast")!,
        TODAY,
        handler,
      );
    case "uppstart": {
      const meeting = demo.kickoffs[0]!;
      const contract = demo.contracts.find((item) => item.id === meeting.contractId)!;
      return kickoffReport(data, committee("KFN"), meeting, contract, handler);
    }
    case "aterkoppling": {
      const contract = demo.contracts.find((item) => item.id === "hemtjanst")!;
      const followUp = demo.followUps.find((item) => item.id === "hemtjanst-VAN-2025–2026")!;
      return feedbackLetter(
        data,
        committee("VAN"),
        contract,
        followUp,
        contract.providers[2]!,
        TODAY,
        handler,
      );
    }
  }
}

const documentXml = (bytes: Uint8Array) => new PizZip(bytes).file("word/document.xml")!.asText();
/** Each paragraph's text. */
const paragraphTexts = (xml: string) =>
  [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(""),
  );

const EXPECTED: Record<ReportType, string[]> = {
  namnd: [
    "Redovisning av strategiska avtal 2025–2026",
    "Handläggare: Karin Berg, Controller, karin.berg@asby.se",
    "Hemtjänst enligt LOV: målen är delvis uppfyllda; kvaliteten varierar mellan utförarna.",
    "Hemtjänst enligt LOV",
    "Uppfyller utföraren de väsentliga kvalitetskraven enligt avtalet? Delvis",
    "Svag ekonomisk ställning (Trygga Händer Hemtjänst AB).",
    "Kommunstyrelsens diarium, ks.diarium@asby.se",
  ],
  ks: [
    "Uppföljning av nämndernas strategiska avtal 2026",
    "Kommunfullmäktige noterar informationen och lägger den årliga uppföljningen av strategiska avtal 2026 till handlingarna.",
    "Vård- och äldrenämndens redovisning av strategiska avtal 2025–2026, 2026-09-01 § 87",
    "Socialnämndens redovisning av strategiska avtal 2025–2026 (ej beslutad, inget utkast ännu)",
    "Kommunledningskontoret",
  ],
  plan: [
    "Uppföljningsplan för strategiska avtal 2026–2030",
    "Inför",
    "Uppstartsmötet dokumenteras i ett protokoll som diarieförs.",
    "kontrollera att tecknade avtal följs",
    "Personlig assistans: En gång per år, klart senast i April",
  ],
  uppstart: [
    "Protokoll från uppstartsmöte: Fritidsgården Kvarnen",
    "Diarienummer: KFN 2023/0112",
    "Sara Holm, avtalsansvarig, Kultur- och fritidsnämnden",
    "Vid protokollet",
    "Justeras",
  ],
  aterkoppling: [
    "Trygga Händer Hemtjänst AB",
    "Svag ekonomisk ställning. Vad vi förväntar oss: Utföraren redovisar en ekonomisk plan; kommunen bevakar kreditupplysning.",
    "Kontaktperson: Anna Lindqvist, avtalsansvarig, anna.lindqvist@asby.se",
  ],
};

describe("the sample templates in docs/mallar", () => {
  test.each(REPORT_TYPES)("%s: up to date with the generator (npm run templates)", async (type) => {
    const stored = fs.readFileSync(path.join("docs", "mallar", `${type}.docx`));
    expect(documentXml(stored)).toBe(documentXml(await sampleTemplateBytes(type)));
  });

  test.each(REPORT_TYPES)(
    "%s: filled from the demo data, no tag and no empty loop paragraph left",
    (type) => {
      const template = fs.readFileSync(path.join("docs", "mallar", `${type}.docx`));
      const filled = fillTemplate(template, model(type), `Mallar/${type}.docx`);
      const texts = paragraphTexts(documentXml(filled));
      const joined = texts.join("\n");
      for (const expected of EXPECTED[type]) expect(joined).toContain(expected);
      expect(joined).not.toMatch(/[{}]/);
    },
  );

  test("a loop tag in a paragraph of its own repeats the paragraphs between and leaves no line behind", async () => {
    const template = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: ["Före", "{#expedieras}", "{text}", "{/expedieras}", "Efter"].map(
              (text) => new Paragraph(text),
            ),
          },
        ],
      }),
    );
    const ks = model("ks") as Extract<ReportModel, { type: "ks" }>;
    const texts = paragraphTexts(documentXml(fillTemplate(template, ks, "Mallar/ks.docx")));
    expect(texts).toEqual(["Före", ...ks.distribution, "Efter"]);
  });

  test("the KS sample, filled and read back from LibreOffice: numbered Beslutsunderlag with the decision", async () => {
    const template = fs.readFileSync(path.join("docs", "mallar", "ks.docx"));
    const filled = fillTemplate(template, model("ks"), "Mallar/ks.docx");
    const { text } = await renderToText(filled, "mall-ks");
    // Line ends inside "2025–2026" and "2026-09-01" joined again.
    const flat = text.replace(/\s+/g, " ").replace(/(\d)([–-]) (\d)/g, "$1$2$3");
    expect(flat).toMatch(/1\. Kommunstyrelsens redovisning av strategiska avtal 2025–2026/);
    expect(flat).toContain(
      "Vård- och äldrenämndens redovisning av strategiska avtal 2025–2026, 2026-09-01 § 87",
    );
    expect(flat).toContain("Datum: 2026-11-24");
  }, 120_000);

  test("a letter template cannot reach what the letter does not hold (internal assessments, other providers)", async () => {
    const template = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph("{utforare}"),
              new Paragraph("{#resultat}"),
              new Paragraph("{paverkan} {sanktion}"),
              new Paragraph("{/resultat}"),
            ],
          },
        ],
      }),
    );
    expect(() => fillTemplate(template, model("aterkoppling"), "Mallar/aterkoppling.docx")).toThrow(
      TemplateError,
    );
    expect(() => fillTemplate(template, model("aterkoppling"), "Mallar/aterkoppling.docx")).toThrow(
      /\{resultat\}/,
    );
  });

  test("handläggare, decision date, § and status as placeholders", async () => {
    const template = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph("{handlaggare} ({handlaggareTitel})"),
              new Paragraph("{#beslutsunderlag}"),
              new Paragraph("{namnd}: {status} {beslutsdatum} {paragraf}"),
              new Paragraph("{/beslutsunderlag}"),
            ],
          },
        ],
      }),
    );
    const texts = paragraphTexts(
      documentXml(fillTemplate(template, model("ks"), "Mallar/ks.docx")),
    );
    expect(texts).toContain("Karin Berg (Controller)");
    expect(texts).toContain("Vård- och äldrenämnden: Beslutad 2026-09-01 § 87");
    expect(texts).toContain("Socialnämnden: Saknas  ");
  });
});
