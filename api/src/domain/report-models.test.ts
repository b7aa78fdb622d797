import { describe, expect, test } from "vitest";
import { demoDataset, HEMTJANST_PROVIDERS } from "../demo/demo-data.ts";
import { addDays } from "./dates.ts";
import { checkUpState, progressText } from "./deficiency-progress.ts";
import type { Deficiency, ReportRecord } from "./model.ts";
import {
  committeeReport,
  feedbackLetter,
  ksCompilation,
  ksPeriodOf,
  periodDeficiencies,
  type RegisterData,
  strategicContractsOf,
} from "./report-models.ts";
import { periodStartingIn } from "./reporting-period.ts";
import { contractSection, strategicRecords } from "./reports/report-parts.ts";

const TODAY = "2026-11-24";
const HANDLER = { name: "Karin Berg", title: "Controller", email: "karin.berg@asby.se" };

function register(change?: (data: RegisterData) => void): RegisterData {
  const demo = demoDataset(TODAY);
  const data: RegisterData = { ...demo, reports: [] };
  change?.(data);
  return data;
}

const row = (committeeId: string, overrides: Partial<ReportRecord>): ReportRecord => ({
  id: `r-${committeeId}`,
  etag: "",
  reportKey: `namnd|${committeeId}|2025–2026`,
  committeeId,
  reportType: "namnd",
  period: "2025–2026",
  status: "utkast",
  title: "",
  webUrl: "",
  driveItemId: "",
  generatedAt: "",
  paragraph: "",
  registryNumber: "",
  ...overrides,
});

const text = (model: { caseText: string[]; summary: string[] }) =>
  [...model.summary, ...model.caseText].join(" ");

describe("the KS compilation's wording from the data (seeds 000 and 004)", () => {
  test("one order of the deficient contracts, whatever order the nämnder are read in", () => {
    const data = register();
    const reversed = { ...data, committees: [...data.committees].reverse() };
    const forward = ksCompilation(data, 2026, TODAY, HANDLER);
    const backward = ksCompilation(reversed, 2026, TODAY, HANDLER);
    expect(backward.caseText).toEqual(forward.caseText);
    expect(backward.basis.map((entry) => entry.text)).toEqual(
      forward.basis.map((entry) => entry.text),
    );
    expect(forward.caseText[1]).toContain(
      "Två avtal innehåller brister: hemtjänst enligt LOV och skolskjuts med bil för elever med särskilda behov.",
    );
  });

  test("the overall assessment follows the results: not met while a check-up is unreported, met once it is", () => {
    const open = ksCompilation(register(), 2026, TODAY, HANDLER);
    expect(open.assessment.text).toContain("ännu inte helt uppnås");
    expect(open.assessment.text).toContain("uppföljningen av en handlingsplan har inte redovisats");
    expect(open.assessment.note).toContain("Bekräfta eller ändra");
    const reported = ksCompilation(
      register((data) => {
        const faktura = data.deficiencies.find((item) => item.id === "brist-faktura")!;
        faktura.checkUpResult = "Fakturaunderlagen är rättade.";
        faktura.status = "åtgärdad";
      }),
      2026,
      TODAY,
      HANDLER,
    );
    expect(reported.assessment.text).toContain(
      "Kommunledningskontorets sammantagna bedömning är att de åtgärder som är vidtagna och de åtgärder som är planerade säkerställer att syftet med uppföljningen uppnås.",
    );
    expect(text(reported)).toContain(
      "Fakturaunderlagen följer inte avtalets krav: handlingsplanen följdes upp den 21 november 2026. Fakturaunderlagen är rättade. Bristen är åtgärdad.",
    );
  });

  test("decided reports are cited with date and §; others are marked (ej beslutad) with a note to the writer", () => {
    const model = ksCompilation(
      register((data) => {
        data.reports = [
          row("VAN", {
            status: "beslutad",
            decisionDate: "2026-09-01",
            paragraph: "87",
            registryNumber: "VAN 2026/0112",
          }),
          row("SN", { status: "klar för nämnd" }),
        ];
      }),
      2026,
      TODAY,
      HANDLER,
    );
    const van = model.basis.find((entry) => entry.committee === "Vård- och äldrenämnden")!;
    expect(van.text).toBe(
      "Vård- och äldrenämndens redovisning av strategiska avtal 2025–2026, 2026-09-01 § 87",
    );
    expect(van.note).toBeUndefined();
    const sn = model.basis.find((entry) => entry.committee === "Socialnämnden")!;
    expect(sn.text).toBe(
      "Socialnämndens redovisning av strategiska avtal 2025–2026 (ej beslutad, klar för nämnd)",
    );
    expect(sn.note).toContain("inte beslutad");
    expect(model.notes.join(" ")).toContain("inte beslutade");
    expect(model.caseText.join(" ")).toContain("En av sex nämnders redovisningar är beslutad.");
  });

  test("KS asks a nämnd to develop its follow-up only where the data shows it", () => {
    const model = ksCompilation(register(), 2026, TODAY, HANDLER);
    expect(model.decisions).toEqual([
      "Tekniska nämnden uppdras att till kommande års redovisning utveckla kontrollen av skolskjuts med bil för elever med särskilda behov, där nämnden har bedömt att befintlig kontroll inte är tillräcklig.",
    ]);
    const sufficient = ksCompilation(
      register((data) => {
        for (const followUp of data.followUps) followUp.controlSufficient = true;
      }),
      2026,
      TODAY,
      HANDLER,
    );
    expect(sufficient.decisions).toEqual([]);
  });

  test("no bracketed writing instructions anywhere in the model", () => {
    const strings = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : typeof value === "object" && value !== null
          ? Object.values(value).flatMap(strings)
          : [];
    const texts = strings(ksCompilation(register(), 2026, TODAY, HANDLER));
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((value) => /[[\]]/.test(value))).toEqual([]);
  });
});

describe("deficiencies told from their status and dates", () => {
  const base = register().deficiencies.find((item) => item.id === "brist-faktura")!;
  const at = (overrides: Partial<Deficiency>) => ({ ...base, ...overrides });

  test("held in the past tense with its result, planned in the future, missed flagged", () => {
    expect(checkUpState(at({ checkUpResult: "Rättat." }), TODAY)).toBe("held");
    expect(checkUpState(at({ checkUpDate: addDays(TODAY, 10) }), TODAY)).toBe("planned");
    expect(checkUpState(at({ checkUpDate: TODAY }), TODAY)).toBe("planned");
    expect(checkUpState(at({ checkUpDate: addDays(TODAY, -1) }), TODAY)).toBe("missed");
    expect(checkUpState(at({ checkUpDate: undefined }), TODAY)).toBe("unplanned");
    expect(
      progressText(
        at({ checkUpDate: "2026-10-15", checkUpResult: "Rättat", status: "åtgärdad" }),
        TODAY,
      ),
    ).toBe("Följdes upp den 15 oktober 2026: Rättat. Bristen är åtgärdad.");
    expect(progressText(at({ checkUpDate: "2027-03-15" }), TODAY)).toBe(
      "Följs upp den 15 mars 2027. Åtgärderna pågår.",
    );
    expect(progressText(at({ checkUpDate: "2026-11-21" }), TODAY)).toBe(
      "Uppföljningen som var planerad den 21 november 2026 har inte redovisats. Åtgärderna pågår.",
    );
  });

  test("in the KS text, in date order: held, missed, then planned check-ups grouped by date", () => {
    const model = ksCompilation(register(), 2026, TODAY, HANDLER);
    const hemtjanst = model.caseText.find((paragraph) =>
      paragraph.startsWith("Avseende hemtjänst"),
    )!;
    expect(hemtjanst.indexOf(`den ${"30 november 2026"}`)).toBeLessThan(
      hemtjanst.indexOf("den 15 mars 2027"),
    );
    expect(hemtjanst).toContain("(två av utförarna)");
    const skolskjuts = model.caseText.find((paragraph) =>
      paragraph.startsWith("Avseende skolskjuts"),
    )!;
    expect(skolskjuts).toMatch(
      /Förseningar i skolskjutsen: handlingsplanen följdes upp den \d+ oktober 2026\. Förseningarna har upphört\./,
    );
    expect(skolskjuts.indexOf("följdes upp")).toBeLessThan(skolskjuts.indexOf("var planerad"));
    expect(skolskjuts).toContain(
      "uppföljningen av handlingsplanen var planerad till den 21 november 2026 men har inte redovisats.",
    );
    // Nothing asserted that the data does not say.
    expect(model.caseText.join(" ")).not.toContain("Pågår");
  });
});

describe("the period's deficiencies and contracts", () => {
  const period = periodStartingIn("july-june", 2025);

  test("a deficiency belongs to the period of the follow-up or deviation that found it", () => {
    const data = register((data) => {
      data.followUps.push({
        ...data.followUps.find((item) => item.id === "hemtjanst-VAN-2025–2026")!,
        id: "hemtjanst-VAN-2024–2025",
        period: "2024–2025",
      });
      data.deviations.push({
        ...data.deviations[0]!,
        id: "avvikelse-gammal",
        occurredOn: "2025-03-01",
      });
      data.deficiencies.push(
        { ...data.deficiencies[0]!, id: "förra-perioden", followUpId: "hemtjanst-VAN-2024–2025" },
        {
          ...data.deficiencies[0]!,
          id: "från-avvikelse",
          followUpId: undefined,
          deviationId: "avvikelse-1",
        },
        {
          ...data.deficiencies[0]!,
          id: "gammal-avvikelse",
          followUpId: undefined,
          deviationId: "avvikelse-gammal",
        },
      );
    });
    const van = data.committees.find((committee) => committee.code === "VAN")!;
    const ids = periodDeficiencies(data, "hemtjanst", van, period).map((item) => item.id);
    expect(ids).not.toContain("förra-perioden");
    expect(ids).not.toContain("gammal-avvikelse");
    // avvikelse-1 happened twelve days ago: in the current period, not the reported one.
    expect(ids).not.toContain("från-avvikelse");
    expect(ids).toContain("brist-kontinuitet");
    const current = periodStartingIn("july-june", 2026);
    expect(periodDeficiencies(data, "hemtjanst", van, current).map((item) => item.id)).toEqual([
      "från-avvikelse",
    ]);
  });

  test("a contract that starts after the period is not counted in it", () => {
    const data = register((data) => {
      data.contracts.push({
        ...data.contracts.find((item) => item.id === "solgarden")!,
        id: "nytt",
        title: "Nytt boende",
        startDate: "2026-08-01",
      });
    });
    const titles = strategicContractsOf(data, "VAN", period).map((contract) => contract.title);
    expect(titles).not.toContain("Nytt boende");
    expect(strategicContractsOf(data, "VAN", periodStartingIn("july-june", 2026))).toHaveLength(4);
  });

  test("the nämnd report's decision has seed 001's three parts", () => {
    const data = register();
    const van = data.committees.find((committee) => committee.code === "VAN")!;
    const model = committeeReport(data, van, period, TODAY, HANDLER);
    const proposal = model.proposal.map((point) => point.text);
    expect(proposal[0]).toBe(
      "Vård- och äldrenämnden godkänner redovisningen av uppföljningen av nämndens strategiska avtal för perioden 1 juli 2025 – 30 juni 2026 och överlämnar den till kommunstyrelsen för kännedom.",
    );
    expect(proposal).toContain(
      "Nämnden bedömer att utförarna uppfyller de väsentliga kvalitetskraven enligt avtalen för nattpatrull och larmåtgärder samt särskilt boende Solgården, och delvis för hemtjänst enligt LOV.",
    );
    expect(proposal).toContain(
      "Nämnden bedömer graden av måluppfyllelse utifrån avtalen och den levererade tjänsten enligt följande:",
    );
    expect(model.proposal.find((point) => point.items.length > 0)?.items[0]).toBe(
      "Hemtjänst enligt LOV: målen är delvis uppfyllda; kvaliteten varierar mellan utförarna.",
    );
    expect(proposal).toContain(
      "Nämnden bedömer att befintlig kontroll av verksamheten är tillräcklig för samtliga uppföljda strategiska avtal.",
    );
  });
});

describe("the feedback letter to one provider", () => {
  const data = register();
  const van = data.committees.find((committee) => committee.code === "VAN")!;
  const hemtjanst = data.contracts.find((contract) => contract.id === "hemtjanst")!;
  const followUp = data.followUps.find((item) => item.id === "hemtjanst-VAN-2025–2026")!;
  const letters = hemtjanst.providers.map((provider) =>
    feedbackLetter(data, van, hemtjanst, followUp, provider, TODAY, HANDLER),
  );

  test("a LOV contract's providers each get their own letter with only their own deficiencies", () => {
    expect(hemtjanst.providers.map((provider) => provider.name)).toEqual(
      HEMTJANST_PROVIDERS.map(([name]) => name),
    );
    const byProvider = new Map(letters.map((letter) => [letter.provider, letter]));
    expect(
      byProvider.get("Omsorgshjälpen Väst AB")!.deficiencies.map((entry) => entry.description),
    ).toEqual(["Bristande personalkontinuitet.", "Låg utbildningsnivå hos personalen."]);
    expect(
      byProvider.get("Trygga Händer Hemtjänst AB")!.deficiencies.map((entry) => entry.description),
    ).toEqual(["Svag ekonomisk ställning.", "Låg andel tillsvidareanställd personal."]);
    expect(new Set(letters.map((letter) => letter.fileTitle)).size).toBe(4);
  });

  test("nothing internal and nothing about another provider", () => {
    const internal = [
      followUp.deficienciesSummary,
      followUp.goalImpact,
      followUp.serviceEvaluation,
      followUp.goalFulfilment,
      hemtjanst.internalNotes,
      ...data.deficiencies.flatMap((item) => [item.goalImpact, item.sanctionNote]),
    ].filter((value) => value.trim() !== "");
    for (const letter of letters) {
      const content = JSON.stringify(letter);
      for (const secret of internal) expect(content).not.toContain(secret);
      for (const [other] of HEMTJANST_PROVIDERS.filter(([name]) => name !== letter.provider))
        expect(content).not.toContain(other);
      const others = data.deficiencies.filter(
        (item) => item.contractId === "hemtjanst" && item.provider !== letter.provider,
      );
      const own = new Set(
        data.deficiencies
          .filter((item) => item.provider === letter.provider)
          .map((item) => item.description),
      );
      for (const other of others.filter((item) => !own.has(item.description)))
        expect(content).not.toContain(other.description);
    }
  });
});

describe("the KS compilation's narrowed register", () => {
  test("each strategic contract's section reads the same from its records as from the whole register", () => {
    const data = register();
    const narrowed = strategicRecords(data);
    let compared = 0;
    for (const committee of data.committees) {
      for (const year of [2024, 2025, 2026]) {
        const period = ksPeriodOf(committee, data.municipality, year);
        for (const contract of strategicContractsOf(data, committee.id, period)) {
          expect(contractSection(narrowed, contract, committee, period, TODAY)).toEqual(
            contractSection(data, contract, committee, period, TODAY),
          );
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(ksCompilation(data, 2026, TODAY, HANDLER)).toEqual(
      ksCompilation(narrowed, 2026, TODAY, HANDLER),
    );
  });

  test("remembered by the lists it is picked from: the same lists give the same records, a changed list picks afresh", () => {
    const data = register();
    const first = strategicRecords(data);
    // Other fields come from the data asked with, the picked records from memory.
    const again = strategicRecords({ ...data, reports: [row("x", {})] });
    expect(again.followUps).toBe(first.followUps);
    expect(again.reports).toHaveLength(1);

    const strategic = data.contracts.find(
      (contract) => contract.strategic && contract.status !== "planerat",
    );
    if (!strategic) throw new Error("the demo data has a strategic contract");
    const template = data.followUps[0];
    if (!template) throw new Error("the demo data has follow-ups");
    const added = { ...template, id: "ny-uppföljning", contractId: strategic.id };
    const changed = strategicRecords({ ...data, followUps: [...data.followUps, added] });
    expect(changed.followUps).not.toBe(first.followUps);
    expect(changed.followUps).toContainEqual(added);
    expect(first.followUps).not.toContainEqual(added);
  });
});
