import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { renderToText } from "../support/libreoffice.ts";
import { listClient } from "../support/lists.ts";

/**
 * Issue 19, item 4: a record removed by mistake "disappears from lists,
 * reports, reminders, exports and /insyn". Socialnämnden's period 2025–2026
 * gets three strategic contracts; then a follow-up, a deficiency and a
 * contract without follow-ups are removed, and the nämnd report, the KS
 * compilation (read back through LibreOffice, as a reader sees them), the
 * Excel exports and the reminders are checked for what is gone and what stays.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");
const PERIOD = "2025–2026";

let app: TestApp;
let sn: string;
type Person = { id: string; name: string; email: string };
let maria: Person;

/** What each record is told apart by in the documents. */
const KEPT = {
  contract: "Korttidsboende Solrosen",
  deficiency: "Nattbemanningen understiger avtalets krav",
  measures: "Bemanningsplan för nätterna",
};
const REMOVED = {
  followUpContract: "Daglig verksamhet Linden",
  followUpText: "Brukarenkäten visar hög nöjdhet i Linden",
  deficiency: "Läkemedelshanteringen dokumenteras inte",
  deficiencyMeasures: "Rutin för signeringslistor",
  contract: "Trygghetslarm Vintergatan",
};

const ids = { kept: "", linden: "", removedContract: "", followUp: "", keptDeficiency: "" };

const flat = (text: string) => text.replace(/\s+/g, " ");

async function created(kind: string, body: Record<string, unknown>) {
  const answer = await app.call<{ id: string; etag: string }>("POST", `/api/${kind}`, {
    user: "maria",
    body,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function strategicContract(title: string, extra: Record<string, unknown> = {}) {
  return created("contracts", {
    ...contractBody(sn, maria, title),
    status: "aktivt",
    startDate: "2024-05-01",
    endDate: "2028-04-30",
    extensionDecisionDate: "2026-12-31",
    ...extra,
  });
}

async function followUp(contractId: string, extra: Record<string, unknown>) {
  return created("follow-ups", {
    ...recordBody("follow-ups", sn, contractId, "test"),
    period: PERIOD,
    followUpDate: "2026-03-15",
    status: "klar",
    ...extra,
  });
}

async function remove(path: string, etag: string, reason: string) {
  const removed = await app.call("POST", `${path}/remove`, {
    user: "maria",
    headers: { "If-Match": etag },
    body: { reason },
  });
  expect(removed.status, JSON.stringify(removed.body)).toBe(200);
}

async function download(path: string, user: "maria" | "karin" = "maria"): Promise<Buffer> {
  const response = await fetch(`${app.url}${path}`, {
    headers: { Authorization: `Bearer ${await app.tokenFor(user)}` },
  });
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function workbookText(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await download(path)).buffer);
  return workbook.worksheets
    .flatMap((sheet) =>
      sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    )
    .join("\n");
}

async function reportText(body: Record<string, unknown>, user: "maria" | "karin") {
  const made = await app.call("POST", "/api/reports", { user, body });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const docx = await download(`/api/reports/${made.body.report.id}/content`, user);
  // In reading order: a table cell's text stays together.
  return flat((await renderToText(docx, String(body.type))).raw);
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  sn = await app.committeeId("SN");
  maria = (await app.call("GET", "/api/me", { user: "maria" })).body.user;

  // Kept: a contract followed up with partial results, one deficiency kept and one removed.
  const kept = await strategicContract(KEPT.contract, { endDate: "2027-01-31" });
  ids.kept = kept.id;
  const keptFollowUp = await followUp(kept.id, {
    meetsRequirements: "delvis",
    deficienciesSummary: "Bemanning och läkemedel",
  });
  ids.followUp = keptFollowUp.id;
  const deficiency = (description: string, measures: string) =>
    created("deficiencies", {
      ...recordBody("deficiencies", sn, kept.id, "test"),
      followUpId: keptFollowUp.id,
      description,
      measures,
      actionOwner: maria,
      deadline: "2026-12-20",
      checkUpDate: "2026-12-01",
    });
  ids.keptDeficiency = (await deficiency(KEPT.deficiency, KEPT.measures)).id;
  const removedDeficiency = await deficiency(REMOVED.deficiency, REMOVED.deficiencyMeasures);

  // A contract whose only follow-up is removed: it stays, its follow-up is missing.
  const linden = await strategicContract(REMOVED.followUpContract);
  ids.linden = linden.id;
  const lindenFollowUp = await followUp(linden.id, {
    serviceEvaluation: REMOVED.followUpText,
  });

  // A contract registered by mistake, without follow-ups, ending soon (so it would be reminded).
  const mistaken = await strategicContract(REMOVED.contract, { endDate: "2027-01-31" });
  ids.removedContract = mistaken.id;

  await remove(`/api/deficiencies/${removedDeficiency.id}`, removedDeficiency.etag, "Dubblett");
  await remove(`/api/follow-ups/${lindenFollowUp.id}`, lindenFollowUp.etag, "Fel period");
  await remove(`/api/contracts/${mistaken.id}`, mistaken.etag, "Registrerat av misstag");
});
afterAll(async () => {
  await app.stop();
});

describe("a removed record reaches no report, export or reminder", () => {
  test("the nämnd report names the kept contract and deficiency, not the removed ones", async () => {
    const text = await reportText({ type: "namnd", committeeId: sn, period: PERIOD }, "maria");
    expect(text).toContain(KEPT.contract);
    expect(text).toContain(KEPT.deficiency);
    // The contract whose follow-up was removed is still strategic: reported without a follow-up.
    expect(text).toContain(REMOVED.followUpContract);
    expect(text).not.toContain(REMOVED.followUpText);
    expect(text).not.toContain(REMOVED.deficiency);
    expect(text).not.toContain(REMOVED.contract);
  });

  test("the KS compilation likewise, read from the kommun copy kept by delta", async () => {
    // The kommun copy holds a contract, then the contract is removed: the removal reaches it through delta.
    const late = await strategicContract("Ledsagning Kometen", { endDate: "2027-01-31" });
    const withLate = await reportText({ type: "ks", year: 2026 }, "karin");
    expect(withLate).toContain("ledsagning Kometen");
    await remove(`/api/contracts/${late.id}`, late.etag, "Fel nämnd");
    const text = await reportText({ type: "ks", year: 2026 }, "karin");
    expect(text).not.toContain("Kometen");
    // KS writes contracts and deficiencies in lower case within its sentences.
    expect(text).toContain("korttidsboende Solrosen");
    expect(text).toContain(KEPT.deficiency.slice(1));
    expect(text).not.toContain(REMOVED.deficiency.slice(1));
    expect(text).not.toContain("Vintergatan");
    expect(text).not.toContain(REMOVED.followUpText);
  });

  test("the register, the follow-ups and the reporting-system exports leave them out", async () => {
    const register = await workbookText(`/api/exports/register.xlsx?committeeId=${sn}`);
    expect(register).toContain(KEPT.contract);
    expect(register).toContain(REMOVED.followUpContract);
    expect(register).not.toContain(REMOVED.contract);

    const followUps = await workbookText(
      `/api/exports/follow-ups.xlsx?committeeId=${sn}&period=${encodeURIComponent(PERIOD)}`,
    );
    expect(followUps).toContain(KEPT.contract);
    expect(followUps).not.toContain(REMOVED.followUpContract);
    expect(followUps).not.toContain(REMOVED.followUpText);

    const reporting = await workbookText(
      `/api/exports/reporting-system.xlsx?committeeId=${sn}&period=${encodeURIComponent(PERIOD)}`,
    );
    expect(reporting).toContain(`${KEPT.deficiency}: ${KEPT.measures}`);
    expect(reporting).not.toContain(REMOVED.deficiency);
    expect(reporting).not.toContain(REMOVED.contract);
  });

  test("reminders: the kept contract's end and deficiency's check-up are reminded, the removed ones not", async () => {
    await app.running.reminders.run();
    const log = await listClient(app.running.graph, "reminders").query();
    const targets = new Set(log.map((row) => row.fields.targetRef));
    expect(targets).toContain(`contract:${ids.kept}`);
    expect(targets).toContain(`deficiency:${ids.keptDeficiency}`);
    expect(targets).not.toContain(`contract:${ids.removedContract}`);
    const removedDeficiencies = (
      await listClient(app.running.graph, "deficiencies").query({ includeRemoved: true })
    ).filter((row) => row.fields.removedAt);
    expect(removedDeficiencies.length).toBeGreaterThan(0);
    for (const row of removedDeficiencies) expect(targets).not.toContain(`deficiency:${row.id}`);
  });
});

describe("what would be left without what it belongs to is not removed", () => {
  test("a follow-up with a deficiency found in it: 409 saying to remove or move the deficiency first", async () => {
    const read = await app.call("GET", `/api/follow-ups/${ids.followUp}`, { user: "maria" });
    const refused = await app.call("POST", `/api/follow-ups/${ids.followUp}/remove`, {
      user: "maria",
      headers: { "If-Match": read.body.etag },
      body: { reason: "Fel" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("record-has-deficiencies");
    expect(refused.body.blocking).toEqual({ deficiencies: 1 });
    expect(refused.body.detail).toBe(
      "1 brist är registrerad från uppföljningen. Ta bort bristen först om den registrerades av misstag, eller koppla den till rätt uppföljning.",
    );
  });

  test("a deviation a deficiency came from, likewise", async () => {
    const deviation = await created("deviations", {
      ...recordBody("deviations", sn, ids.kept, "test"),
    });
    await created("deficiencies", {
      ...recordBody("deficiencies", sn, ids.kept, "avvikelsen"),
      deviationId: deviation.id,
    });
    const refused = await app.call("POST", `/api/deviations/${deviation.id}/remove`, {
      user: "maria",
      headers: { "If-Match": deviation.etag },
      body: { reason: "Fel" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("record-has-deficiencies");
  });

  test("a contract with a deviation or a kickoff meeting: 409 counting them", async () => {
    const contract = await strategicContract("Boendestöd Polstjärnan");
    await created("deviations", recordBody("deviations", sn, contract.id, "test"));
    await created("kickoffs", recordBody("kickoffs", sn, contract.id, "test"));
    const refused = await app.call("POST", `/api/contracts/${contract.id}/remove`, {
      user: "maria",
      headers: { "If-Match": contract.etag },
      body: { reason: "Fel" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("contract-has-records");
    expect(refused.body.blocking).toEqual({
      followUps: 0,
      deficiencies: 0,
      deviations: 1,
      kickoffs: 1,
    });
    expect(refused.body.detail).toContain(
      "Avtalet har 1 avvikelse och 1 uppstartsmöte registrerade.",
    );
  });
});
