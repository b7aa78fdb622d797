import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LEFT_OUT } from "../../api/src/presenters/history-export.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { renderToText } from "../support/libreoffice.ts";
import { temporaryDirectory } from "../support/local-graph.ts";

/**
 * Issue 19, item 5: a record's trail exported for an inspection or as an
 * allmän handling — Excel (sheet "Historik": when, who, field with its
 * Swedish label, before, after) and PDF (the Word layout printed by
 * LibreOffice) — without the contract's internal notes unless asked for.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");
const NOTE_FIRST = "Förhandling om vite pågår med leverantören";
const NOTE_SECOND = "Vitet sänktes efter dialog";

let app: TestApp;
let sn: string;
let contract: { id: string; etag: string; title: string };
let deviation: { id: string; etag: string };

type User = "maria" | "lars" | "karin" | "erik";

async function edit(user: User, apiPath: string, body: Record<string, unknown>) {
  const read = await app.call<{ etag: string }>("GET", apiPath, { user });
  const saved = await app.call<{ etag: string }>("PATCH", apiPath, {
    user,
    headers: { "If-Match": read.body.etag },
    body,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

async function exported(user: User, apiPath: string) {
  return fetch(`${app.url}${apiPath}`, {
    headers: { Authorization: `Bearer ${await app.tokenFor(user)}` },
  });
}

async function workbook(response: Response): Promise<ExcelJS.Workbook> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return book;
}

function rows(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  if (!sheet) throw new Error("sheet missing");
  return sheet
    .getSheetValues()
    .flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []))
    .map((row) => row.map((cell) => cell ?? ""));
}

const run = promisify(execFile);

async function pdfText(pdf: ArrayBuffer): Promise<string> {
  const file = path.join(temporaryDirectory("historik-"), "historik.pdf");
  fs.writeFileSync(file, Buffer.from(pdf));
  return (await run("pdftotext", [file, "-"])).stdout.replace(/\s+/g, " ");
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  sn = await app.committeeId("SN");
  const maria = (await app.call("GET", "/api/me", { user: "maria" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "maria",
    body: {
      ...contractBody(sn, maria, "Boende Stjärnfallet"),
      internalNotes: NOTE_FIRST,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  contract = created.body;
  await edit("lars", `/api/contracts/${contract.id}`, { serviceArea: "Boende" });
  await edit("maria", `/api/contracts/${contract.id}`, { internalNotes: NOTE_SECOND });
  const made = await app.call("POST", "/api/deviations", {
    user: "maria",
    body: recordBody("deviations", sn, contract.id, "historiken"),
  });
  expect(made.status).toBe(201);
  deviation = made.body;
  await edit("lars", `/api/deviations/${deviation.id}`, { severity: "hög" });
});
afterAll(async () => {
  await app.stop();
});

describe("a contract's history as Excel", () => {
  test("sheet Historik: when, who, what, field, before, after — the internal notes left out, and said so", async () => {
    const response = await exported(
      "maria",
      `/api/contracts/${contract.id}/history/export?format=xlsx`,
    );
    expect(decodeURIComponent(response.headers.get("content-disposition") ?? "")).toContain(
      "Historik Avtal Boende Stjärnfallet.xlsx",
    );
    const book = await workbook(response);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      "Historik",
      "Underlag",
      "Om utdraget",
    ]);
    const [header, ...lines] = rows(book.getWorksheet("Historik"));
    expect(header).toEqual(["När (svensk tid)", "Vem", "Händelse", "Fält", "Före", "Efter"]);
    // Newest first: Maria's note, Lars's change, then the creation.
    expect(lines[0]?.slice(1)).toEqual([
      "Maria Nilsson",
      "Ändrad",
      "Interna anteckningar",
      LEFT_OUT,
      LEFT_OUT,
    ]);
    expect(lines[1]?.slice(1)).toEqual([
      "Lars Andersson",
      "Ändrad",
      "Verksamhetsområde",
      "Hemsjukvård",
      "Boende",
    ]);
    const created = lines.filter((line) => line[2] === "Skapad");
    expect(created).toContainEqual([
      expect.anything(),
      "Maria Nilsson",
      "Skapad",
      "Namn",
      "",
      "Boende Stjärnfallet",
    ]);
    // When: a date cell holding Swedish time.
    const when = lines[0]?.[0];
    expect(when).toBeInstanceOf(Date);
    const text = JSON.stringify(rows(book.getWorksheet("Historik")));
    expect(text).not.toContain(NOTE_FIRST);
    expect(text).not.toContain(NOTE_SECOND);
    const about = JSON.stringify(rows(book.getWorksheet("Om utdraget")));
    expect(about).toContain("Interna anteckningar ingår inte i utdraget");
    expect(about).toContain("Socialnämnden");
    expect(about).toContain("Åsby kommun");
  });

  test("with internal=true the notes are in, and the extract says so", async () => {
    const book = await workbook(
      await exported(
        "lars",
        `/api/contracts/${contract.id}/history/export?format=xlsx&internal=true`,
      ),
    );
    const [, ...lines] = rows(book.getWorksheet("Historik"));
    expect(lines[0]?.slice(3)).toEqual(["Interna anteckningar", NOTE_FIRST, NOTE_SECOND]);
    expect(JSON.stringify(rows(book.getWorksheet("Om utdraget")))).toContain(
      "Utdraget innehåller interna anteckningar.",
    );
  });

  test("access as for the history: another nämnd gets 404, kommunledningskontoret may; bad input 400 in Swedish", async () => {
    const other = await exported("erik", `/api/contracts/${contract.id}/history/export`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: "not-found" });
    const klk = await exported("karin", `/api/contracts/${contract.id}/history/export`);
    expect(klk.status).toBe(200);
    const badFormat = await exported(
      "maria",
      `/api/contracts/${contract.id}/history/export?format=csv`,
    );
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(await badFormat.json())).toContain("Välj format xlsx, pdf eller docx");
    const unsigned = await fetch(`${app.url}/api/contracts/${contract.id}/history/export`);
    expect(unsigned.status).toBe(401);
  });
});

describe("a record's history as PDF and Word", () => {
  test("a deviation's history as PDF: the Word layout printed, fields in Swedish, who and when", async () => {
    const response = await exported(
      "lars",
      `/api/deviations/${deviation.id}/history/export?format=pdf`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(await response.arrayBuffer());
    expect(text).toContain("Ändringshistorik: avvikelse Avvikelse från historiken");
    expect(text).toContain("Avtal: Boende Stjärnfallet");
    expect(text).toContain("Nämnd: Socialnämnden");
    expect(text).toContain("Utdrag gjort av: Lars Andersson");
    expect(text).toContain("Posten har inga interna anteckningar.");
    expect(text).toMatch(/Ändrad Av: Lars Andersson Fält Före Efter Allvarlighetsgrad Låg Hög/);
    expect(text).toMatch(/Skapad Av: Maria Nilsson Fält Värde/);
  });

  test("a contract's history as PDF leaves the internal notes out", async () => {
    const response = await exported(
      "maria",
      `/api/contracts/${contract.id}/history/export?format=pdf`,
    );
    expect(response.status).toBe(200);
    const text = await pdfText(await response.arrayBuffer());
    expect(text).toContain("Verksamhetsområde Hemsjukvård Boende");
    expect(text).toContain("Interna anteckningar ingår inte i utdraget");
    expect(text).not.toContain(NOTE_FIRST);
    expect(text).not.toContain(NOTE_SECOND);
  });

  test("the evidence behind a record: sheet Underlag lists its files, and the history when one was added", async () => {
    const name = "Utförarens redovisning.pdf";
    const uploaded = await fetch(
      `${app.url}/api/deviations/${deviation.id}/evidence?name=${encodeURIComponent(name)}`,
      {
        method: "POST",
        headers: {
          Authorization: `Bearer ${await app.tokenFor("lars")}`,
          "Content-Type": "application/octet-stream",
        },
        body: new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")),
      },
    );
    expect(uploaded.status).toBe(201);
    const book = await workbook(
      await exported("maria", `/api/deviations/${deviation.id}/history/export?format=xlsx`),
    );
    const [header, ...files] = rows(book.getWorksheet("Underlag"));
    expect(header?.slice(0, 3)).toEqual(["Dokument", "Tillagt (svensk tid)", "Tillagt av"]);
    expect(files.map((file) => [file[0], file[2]])).toEqual([[name, "Lars Andersson"]]);
    expect(JSON.stringify(rows(book.getWorksheet("Historik")))).toContain(name);
  });

  test("as Word, the same document LibreOffice reads back", async () => {
    const response = await exported(
      "maria",
      `/api/deviations/${deviation.id}/history/export?format=docx`,
    );
    expect(response.status).toBe(200);
    const { raw } = await renderToText(Buffer.from(await response.arrayBuffer()), "historik");
    expect(raw.replace(/\s+/g, " ")).toContain("UTDRAG UR ÄNDRINGSHISTORIK");
  });
});
