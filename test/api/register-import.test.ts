import { setTimeout as sleep } from "node:timers/promises";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Committee, Contract } from "../../api/src/domain/model.ts";
import type { GraphAccess } from "../../api/src/graph/graph-client-factory.ts";
import type { ImportReport } from "../../api/src/import/preview.ts";
import { readImportFile } from "../../api/src/import/read-file.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { encodeContract } from "../../api/src/store/mappers.ts";
import { RegisterImport } from "../../api/src/store/register-import.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphStats, setFaults } from "../support/local-graph.ts";

const IMPORT_TEST = { id: "importtest", name: "Importtest", email: "" };

/**
 * The import's store adapter against the local Graph service with the demo
 * data: messy files in, the register as SharePoint then holds it checked.
 */

const TODAY = "2026-11-24";
let app: TestApp;
let store: AppStore;
let importer: RegisterImport;
let sn: Committee;

beforeAll(async () => {
  app = await startTestApp({ now: new Date(`${TODAY}T10:00:00+01:00`) });
  store = new AppStore(app.running.graph, "root");
  importer = new RegisterImport(store);
  const found = (await store.committees()).find((committee) => committee.code === "SN");
  if (!found) throw new Error("no SN in the demo data");
  sn = found;
});
afterAll(async () => {
  await app.stop();
});

async function importFile(name: string, bytes: Uint8Array, committee = sn) {
  const files = [await readImportFile(name, bytes)];
  const prepared = await importer.prepare({ committee, files, today: TODAY });
  return { prepared, run: () => importer.run(prepared, committee, { by: IMPORT_TEST }) };
}

async function runImport(name: string, bytes: Uint8Array, committee = sn): Promise<ImportReport> {
  return (await importFile(name, bytes, committee)).run();
}

/** As Swedish Excel saves "CSV (semikolonavgränsad)": Windows-1252, semicolons, CRLF. */
function windows1252Csv(lines: string[]): Uint8Array {
  return new Uint8Array(iconv.encode(lines.join("\r\n"), "win1252"));
}

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("Avtal"));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Excel's serial number of a date (days since 1899-12-30). */
const serial = (iso: string) =>
  (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

async function numberedRegister(prefix: string, count: number): Promise<Uint8Array> {
  return xlsx((sheet) => {
    sheet.getRow(1).values = ["Avtalsnummer", "Avtal", "Leverantör", "Avtalsstart"];
    for (let index = 1; index <= count; index += 1)
      sheet.getRow(index + 1).values = [
        `${prefix}-${index}`,
        `Avtal ${index}`,
        "Batch AB",
        "2025-01-01",
      ];
  });
}

const byNumber = async (number: string): Promise<Contract | undefined> =>
  (await store.allContracts()).find((contract) => contract.contractNumber === number);

/** The same Graph access, except that its `lost`-th JSON batch fails before reaching Graph (the network). */
function withBatchLost(access: GraphAccess, lost: number): GraphAccess {
  let batches = 0;
  const client = new Proxy(access.client, {
    get(target, property, receiver) {
      if (property !== "api") return Reflect.get(target, property, receiver);
      return (path: string) => {
        const request = target.api(path);
        if (path !== "/$batch") return request;
        batches += 1;
        if (batches !== lost) return request;
        return new Proxy(request, {
          get(inner, name, innerReceiver) {
            if (name !== "post") return Reflect.get(inner, name, innerReceiver);
            return () => Promise.reject(new TypeError("fetch failed"));
          },
        });
      };
    },
  });
  return { ...access, client };
}

const actions = (report: ImportReport) => report.rows.map((row) => `${row.row} ${row.action}`);

describe("importing into the register", () => {
  test("a Windows-1252 CSV with semicolons, a title row, empty rows and a copied row: created, then all unchanged", async () => {
    const before = (await store.allContracts()).length;
    const bytes = windows1252Csv([
      "Avtalsregister Socialnämnden;;;;;;;;",
      ";;;;;;;;",
      "Avtalsnummer;Avtalsnamn;Utförare;Org.nr;Avtalsstart;Avtalsslut;Årsvärde;Avtalsansvarig;Egen regi",
      "SN-IMP-1;Boende för ensamkommande;Trygga Hem AB;556677-8899;1 mars 2021;2027-02-28;1 250 000 kr;maria.nilsson@asby.se;Nej",
      ";;;;;;;;",
      "sn-imp-2;Familjehemsvård;Familjestöd i Åsby AB;;2022-01-01;2026-12-31;2,5 mnkr;Lars Andersson;",
      "SN-IMP-1;Boende för ensamkommande;Trygga Hem AB;556677-8899;1 mars 2021;2027-02-28;1 250 000 kr;maria.nilsson@asby.se;Nej",
      "SN-IMP-3;Öppenvård;Stöd AB;;2023-01-01;2022-01-01;100 kr;;X",
      "SN-IMP-4;Jourhem;Okänd Utförare AB;;2024-01-01;;;Nils Okänd;X",
      "",
    ]);
    const { prepared, run } = await importFile("register.csv", bytes);
    expect(prepared.plan.report.files[0]).toMatchObject({
      encoding: "Windows-1252",
      delimiter: "semikolon",
    });
    expect(actions(prepared.plan.report)).toEqual([
      "4 created",
      "6 created",
      "7 unchanged",
      "8 refused",
      "9 created",
    ]);
    const first = await run();
    expect(first.counts).toEqual({ created: 3, updated: 0, unchanged: 1, refused: 1 });
    expect(first.unmatchedPeople.map((person) => person.text)).toEqual(["Nils Okänd"]);

    const one = await byNumber("SN-IMP-1");
    expect(one).toMatchObject({
      title: "Boende för ensamkommande",
      committeeId: sn.id,
      provider: "Trygga Hem AB",
      providerOrgNumber: "556677-8899",
      startDate: "2021-03-01",
      endDate: "2027-02-28",
      annualValue: 1_250_000,
      ownRegime: false,
      classified: false,
      status: "aktivt",
    });
    expect(one?.owner.email).toBe("maria.nilsson@asby.se");
    const two = await byNumber("sn-imp-2");
    expect(two).toMatchObject({ annualValue: 2_500_000, endDate: "2026-12-31" });
    expect(two?.owner.name).toBe("Lars Andersson");
    expect(await byNumber("SN-IMP-3")).toBeUndefined();
    const four = await byNumber("SN-IMP-4");
    expect(four).toMatchObject({ ownRegime: true, owner: { id: "", name: "", email: "" } });
    expect((await store.allContracts()).length).toBe(before + 3);

    const second = await runImport("register.csv", bytes);
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 4, refused: 1 });
    expect((await store.allContracts()).length).toBe(before + 3);
  });

  test("an Excel file with serial dates, amounts as text and a number written in another case: only the changed fields are updated, the rest left alone", async () => {
    const stored = (await store.allContracts()).find(
      (contract) => contract.committeeId === sn.id && contract.description !== "",
    );
    if (!stored) throw new Error("no SN contract with a description in the demo data");
    // Numbers are compared as SharePoint does: without regard to case and spaces around or doubled.
    const written = `  ${stored.contractNumber.toLowerCase().replace(/ /g, "  ")} `;
    expect(written).not.toBe(stored.contractNumber);
    const bytes = await xlsx((sheet) => {
      sheet.getRow(1).values = ["Diarienummer", "Avtalsslut", "Årsvärde (tkr)"];
      sheet.getCell("A2").value = written;
      sheet.getCell("B2").value = serial("2031-06-30");
      sheet.getCell("C2").value = "1 250";
    });
    const { prepared, run } = await importFile("andringar.xlsx", bytes);
    expect(actions(prepared.plan.report)).toEqual(["2 updated"]);
    const report = await run();
    expect(report.counts.updated).toBe(1);
    const after = await store.contract(stored.id);
    expect(after.endDate).toBe("2031-06-30");
    expect(after.annualValue).toBe(1_250_000);
    // Everything the file does not have is as it was.
    expect({
      ...after,
      endDate: stored.endDate,
      annualValue: stored.annualValue,
      etag: "",
    }).toEqual({ ...stored, etag: "" });
    const history = await store.history("contracts", stored.id);
    expect(history[0]?.modifiedBy).toBe("Importtest");
    expect(history[0]?.changes.map((change) => change.field).sort()).toEqual([
      "annualValue",
      "endDate",
    ]);

    expect((await runImport("andringar.xlsx", bytes)).counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      refused: 0,
    });
  });

  test("a contract changed by someone else after the preview is not overwritten: refused, and the next run applies the file to the new version", async () => {
    const target = (await store.allContracts()).find(
      (contract) => contract.committeeId === sn.id && contract.contractNumber !== "",
    );
    if (!target) throw new Error("no SN contract");
    const bytes = await xlsx((sheet) => {
      sheet.getRow(1).values = ["Avtalsnummer", "Verksamhetsområde"];
      sheet.getRow(2).values = [target.contractNumber, "Ändrat av importen"];
    });
    const { run } = await importFile("konflikt.xlsx", bytes);
    // Someone saves the contract in the tab between the preview and the import.
    await store.updateContract(
      target.id,
      target.etag,
      encodeContract({ internalNotes: "Ny anteckning" }),
      IMPORT_TEST,
    );
    const report = await run();
    expect(report.rows[0]).toMatchObject({ action: "refused" });
    expect(report.rows[0]?.reason).toContain("ändrades av någon annan");
    expect((await store.contract(target.id)).serviceArea).toBe(target.serviceArea);

    const again = await runImport("konflikt.xlsx", bytes);
    expect(again.counts.updated).toBe(1);
    const after = await store.contract(target.id);
    expect(after).toMatchObject({
      serviceArea: "Ändrat av importen",
      internalNotes: "Ny anteckning",
    });
  });

  test("the writes go as JSON batches of at most 20, a few in parallel", async () => {
    const service = app.running.localGraph;
    if (!service) throw new Error("no local Graph service");
    const bytes = await numberedRegister("SN-BATCH", 45);
    const { prepared } = await importFile("manga.xlsx", bytes);
    expect(prepared.plan.report.counts.created).toBe(45);
    const before = await graphStats(service);
    const progress: string[] = [];
    const report = await importer.run(prepared, sn, {
      by: IMPORT_TEST,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(report.counts.created).toBe(45);
    // Told as each batch is answered (in whatever order the parallel batches come back).
    expect(progress[0]).toBe("0/45");
    expect(progress.at(-1)).toBe("45/45");
    expect(progress).toHaveLength(4);
    const done = progress.map((entry) => Number(entry.split("/")[0]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const after = await graphStats(service);
    const batches = after.batches - before.batches;
    const parts = after.batchParts - before.batchParts;
    // 45 creates in 3 batches; the mapping is read and saved outside them.
    expect(batches).toBe(3);
    expect(parts).toBe(45);
    expect(after.requests - before.requests - batches).toBeLessThanOrEqual(3);
    const numbers = (await store.allContracts())
      .map((contract) => contract.contractNumber)
      .filter((number) => number.startsWith("SN-BATCH-"));
    expect(numbers).toHaveLength(45);
    expect((await runImport("manga.xlsx", bytes)).counts.unchanged).toBe(45);
  });

  test("rows SharePoint would not take are refused with the reason; the import is simply run again", async () => {
    const service = app.running.localGraph;
    if (!service) throw new Error("no local Graph service");
    const bytes = await numberedRegister("SN-AVBRUTEN", 10);
    const { run } = await importFile("avbruten.xlsx", bytes);
    // SharePoint throttles the batch's 10 writes five times over, then 3 of them a sixth time:
    // the client's last attempt, so those 3 rows are not written.
    await setFaults(service, { failNext: 10 * 5 + 3, retryAfterSeconds: 0 });
    let cut: ImportReport;
    try {
      cut = await run();
    } finally {
      await setFaults(service, { failNext: 0, retryAfterSeconds: 1 });
    }
    expect(cut.counts).toEqual({ created: 7, updated: 0, unchanged: 0, refused: 3 });
    expect(cut.rows.find((row) => row.action === "refused")?.reason).toBe(
      "SharePoint är hårt belastat och tog inte emot raden; kör importen igen om en stund. Det som redan är importerat lämnas som det är.",
    );
    const rerun = await runImport("avbruten.xlsx", bytes);
    expect(rerun.counts).toEqual({ created: 3, updated: 0, unchanged: 7, refused: 0 });
    const numbers = (await store.allContracts())
      .map((contract) => contract.contractNumber)
      .filter((number) => number.startsWith("SN-AVBRUTEN-"));
    expect(numbers).toHaveLength(10);
  });

  test("a batch that cannot be sent at all: only its rows are refused, the others are reported as written, and a re-run completes it", async () => {
    const bytes = await numberedRegister("SN-NAT", 45);
    const files = [await readImportFile("nat.xlsx", bytes)];
    const cutImporter = new RegisterImport(
      new AppStore(withBatchLost(app.running.graph, 2), "root"),
    );
    const prepared = await cutImporter.prepare({ committee: sn, files, today: TODAY });
    const cut = await cutImporter.run(prepared, sn, { by: IMPORT_TEST });
    // Three batches of 20, 20 and 5 rows; the second never reached SharePoint.
    expect(cut.counts).toEqual({ created: 25, updated: 0, unchanged: 0, refused: 20 });
    expect(cut.rows.find((row) => row.action === "refused")?.reason).toBe(
      "Raden kunde inte sparas (inget svar från SharePoint); kör importen igen.",
    );
    const written = (await store.allContracts()).filter((contract) =>
      contract.contractNumber.startsWith("SN-NAT-"),
    );
    expect(written).toHaveLength(25);
    const createdNumbers = new Set(
      cut.rows.filter((row) => row.action === "created").map((row) => row.contractNumber),
    );
    expect(new Set(written.map((contract) => contract.contractNumber))).toEqual(createdNumbers);
    const rerun = await runImport("nat.xlsx", bytes);
    expect(rerun.counts).toEqual({ created: 20, updated: 0, unchanged: 25, refused: 0 });
  });

  test("a large import is bulk work: while SharePoint says the budget is nearly spent, its batches wait for the next minute", async () => {
    const service = app.running.localGraph;
    if (!service) throw new Error("no local Graph service");
    const bytes = await numberedRegister("SN-BUDGET", 5);
    const { prepared } = await importFile("budget.xlsx", bytes);
    // SharePoint has just said: 80 % of the minute spent, two seconds left of it.
    app.running.graph.rateLimit.observe(
      200,
      new Headers({
        "RateLimit-Limit": "2500",
        "RateLimit-Remaining": "300",
        "RateLimit-Reset": "2",
      }),
    );
    const before = await graphStats(service);
    const started = Date.now();
    const run = importer.run(prepared, sn, { by: IMPORT_TEST });
    await sleep(1_000);
    expect((await graphStats(service)).batches).toBe(before.batches);
    const report = await run;
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(report.counts.created).toBe(5);
  });

  test("an import stopped half-way (the first batch written, the rest not) completes when run again", async () => {
    const bytes = await numberedRegister("SN-HALV", 30);
    const { prepared } = await importFile("halv.xlsx", bytes);
    // As if the process stopped after the first batch had been sent.
    const half = {
      ...prepared,
      plan: { ...prepared.plan, contracts: prepared.plan.contracts.slice(0, 20) },
    };
    await importer.run(half, sn, { by: IMPORT_TEST });
    const rerun = await runImport("halv.xlsx", bytes);
    expect(rerun.counts).toEqual({ created: 10, updated: 0, unchanged: 20, refused: 0 });
  });

  test("last period's follow-ups and deficiencies on sheets of their own are linked to the contracts (also those the import creates), and a second run changes nothing", async () => {
    const existing = (await store.allContracts()).find(
      (contract) =>
        contract.committeeId === sn.id && contract.contractNumber.startsWith("SN-IMP-1"),
    );
    if (!existing) throw new Error("the first test's contract is missing");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Avtal").addRows([
      ["Avtalsnummer", "Avtal", "Leverantör"],
      ["SN-HIST-1", "Missbruksvård", "Vård AB"],
    ]);
    workbook.addWorksheet("Uppföljningar").addRows([
      [
        "Avtalsnummer",
        "Period",
        "Datum",
        "Uppfyller väsentliga kvalitetskrav",
        "Iakttagna brister",
      ],
      ["SN-HIST-1", "2024/25", serial("2025-03-15"), "Delvis", "Dokumentation"],
      [existing.contractNumber.toLowerCase(), "2024–2025", "15 mars 2025", "Ja", ""],
    ]);
    workbook.addWorksheet("Brister").addRows([
      ["Avtalsnummer", "Period", "Brist", "Åtgärder", "Ansvarig", "Senast", "Status"],
      [
        "SN-HIST-1",
        "2024–2025",
        "Dokumentation",
        "Ny rutin",
        "Maria Nilsson",
        "2025-09-30",
        "Pågår",
      ],
    ]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const first = await runImport("historik.xlsx", bytes);
    expect(first.rows.map((row) => `${row.kind} ${row.action}`)).toEqual([
      "register created",
      "followUps created",
      "followUps created",
      "deficiencies created",
    ]);
    const created = await byNumber("SN-HIST-1");
    if (!created) throw new Error("SN-HIST-1 not created");
    const [followUp] = await store.followUps({ contractId: created.id });
    expect(followUp).toMatchObject({
      committeeId: sn.id,
      period: "2024–2025",
      followUpDate: "2025-03-15",
      meetsRequirements: "delvis",
    });
    expect(await store.followUps({ contractId: existing.id })).toHaveLength(1);
    const [deficiency] = await store.deficiencies({ contractId: created.id });
    expect(deficiency).toMatchObject({
      followUpId: followUp?.id,
      description: "Dokumentation",
      measures: "Ny rutin",
      deadline: "2025-09-30",
      status: "pågår",
    });
    expect(deficiency?.actionOwner?.name).toBe("Maria Nilsson");

    const second = await runImport("historik.xlsx", bytes);
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 4, refused: 0 });
    expect(await store.deficiencies({ contractId: created.id })).toHaveLength(1);
  });

  test("the mapping the person chose is remembered for the nämnd", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.getRow(1).values = ["Avtalsnummer", "Avtal", "Leverantör", "Anteckning X"];
      sheet.getRow(2).values = ["SN-MAP-1", "Avtal med egen kolumn", "Mapp AB", "Intern text"];
    });
    const files = [await readImportFile("egen.xlsx", bytes)];
    const proposed = await importer.prepare({ committee: sn, files, today: TODAY });
    const [sheet] = proposed.sheets;
    if (!sheet) throw new Error("no sheet");
    expect(sheet.columns[3]).toBeNull();
    const chosen = await importer.prepare({
      committee: sn,
      files,
      today: TODAY,
      choices: [
        {
          file: 0,
          sheet: 0,
          kind: "register",
          columns: [...sheet.columns.slice(0, 3), "internalNotes"],
        },
      ],
    });
    await importer.run(chosen, sn, { by: IMPORT_TEST });
    expect((await byNumber("SN-MAP-1"))?.internalNotes).toBe("Intern text");
    const next = await importer.prepare({ committee: sn, files, today: TODAY });
    expect(next.sheets[0]?.columns[3]).toBe("internalNotes");
  });
});
