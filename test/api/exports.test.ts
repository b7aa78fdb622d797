import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPORTING_LAYOUTS } from "../../api/src/exports/workbooks.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
});
afterAll(async () => {
  await app.stop();
});

async function download(path: string, user: "anna" | "karin" | "erik" = "karin") {
  const response = await fetch(`${app.url}${path}`, {
    headers: { Authorization: `Bearer ${await app.tokenFor(user)}` },
  });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    disposition: response.headers.get("content-disposition") ?? "",
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function sheetOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe("exports", () => {
  test("the register as Excel: Swedish headers, date and number cells, filter and frozen header, same rows as the API", async () => {
    const van = await app.committeeId("VAN");
    const file = await download(`/api/exports/register.xlsx?committeeId=${van}`, "anna");
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.disposition)).toContain("Avtalsregister VAN.xlsx");
    const sheet = await sheetOf(file.body);
    expect(sheet.getRow(1).getCell(2).value).toBe("Avtal");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const api = (await app.call("GET", `/api/contracts?committeeId=${van}`, { user: "anna" })).body
      .items as Array<{ title: string; annualValue?: number; startDate?: string }>;
    expect(sheet.rowCount - 1).toBe(api.length);
    const hemtjanst = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((row) => row.getCell(2).value === "Hemtjänst enligt LOV")!;
    expect(sheet.getRow(1).getCell(7).value).toBe("Organisationsnummer");
    // The contract's organisationsnummer, as the import reads it back.
    expect(hemtjanst.getCell(7).value).toBe("556910-1107");
    expect(hemtjanst.getCell(12).value).toBe(48_000_000);
    expect(hemtjanst.getCell(13).value).toEqual(new Date("2019-01-01T00:00:00Z"));
    expect(hemtjanst.getCell(13).numFmt).toBe("yyyy-mm-dd");
    // The risk level in force, last: suggested until someone confirms it.
    expect(sheet.getRow(1).getCell(19).value).toBe("Risknivå");
    expect(hemtjanst.getCell(19).value).toBe("Hög risk (förslag)");
  });

  test("the period's follow-ups, kommun-wide for kommunledningskontoret only", async () => {
    const all = await download("/api/exports/follow-ups.xlsx?period=2025–2026");
    expect(all.status).toBe(200);
    const sheet = await sheetOf(all.body);
    const periods = new Set(
      sheet.getRows(2, sheet.rowCount - 1)!.map((row) => row.getCell(3).value),
    );
    expect([...periods]).toEqual(["2025–2026"]);
    expect((await download("/api/exports/follow-ups.xlsx", "anna")).status).toBe(403);
    const tn = await app.committeeId("TN");
    expect((await download(`/api/exports/register.xlsx?committeeId=${tn}`, "anna")).status).toBe(
      403,
    );
  });

  test("Hypergene CSV (UTF-8 with BOM, semicolons): strategic contracts with the required fields, parsed back", async () => {
    const file = await download(
      "/api/exports/reporting-system.csv?period=2025–2026&system=hypergene",
    );
    expect(file.status).toBe(200);
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(file.body.subarray(3).toString("utf8"), {
      delimiter: ";",
    }).data.filter((row) => row.length > 1);
    const [header, ...rows] = parsed;
    expect(header).toEqual(REPORTING_LAYOUTS.hypergene.map((column) => column.header));
    const skolskjuts = rows.find(
      (row) => row[1] === "Skolskjuts med bil för elever med särskilda behov",
    )!;
    expect(skolskjuts[0]).toBe("Tekniska nämnden");
    expect(skolskjuts[5]).toBe("Delvis");
    expect(skolskjuts[6]).toContain("Fakturaunderlagen följer inte avtalets krav");
    expect(skolskjuts[8]).toContain(
      "Fakturaunderlagen följer inte avtalets krav: Leverantören ska redovisa",
    );
    expect(new Set(rows.map((row) => row[1])).size).toBe(13);
    // The provider's organisationsnummer and the risk level in force close each row.
    expect(header?.slice(-2)).toEqual(["Organisationsnummer", "Risknivå"]);
    expect(skolskjuts[9]).toMatch(/^\d{6}-\d{4}$/);
    expect(skolskjuts[10]).toBe("Hög risk (förslag)");
  });

  test("Stratsys as Excel, and a kommun's own layout from the settings", async () => {
    const stratsys = await sheetOf(
      (await download("/api/exports/reporting-system.xlsx?system=stratsys&period=2025–2026")).body,
    );
    expect(stratsys.getRow(1).getCell(1).value).toBe("Organisation");
    const missing = await download("/api/exports/reporting-system.csv?system=egen");
    expect(missing.status).toBe(400);
    const settings = app.running.graph;
    const lists = (await settings.client.api("/sites/root/lists?$select=id,displayName").get()) as {
      value: Array<{ id: string; displayName: string }>;
    };
    const settingsList = lists.value.find((list) => list.displayName === "Inställningar")!;
    await settings.client.api(`/sites/root/lists/${settingsList.id}/items`).post({
      fields: {
        Title: "exportLayout",
        settingKey: "exportLayout",
        settingValue: JSON.stringify([
          { header: "Kontrakt", field: "avtal" },
          { header: "OK?", field: "uppfyllerKrav" },
        ]),
      },
    });
    const own = await download("/api/exports/reporting-system.csv?system=egen&period=2025–2026");
    const header = Papa.parse<string[]>(own.body.subarray(3).toString("utf8"), { delimiter: ";" })
      .data[0];
    expect(header).toEqual(["Kontrakt", "OK?"]);
  });
});
