import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { listClient } from "../support/lists.ts";

/**
 * Issue 19: who changed what (written with each change, read from SharePoint's
 * version history), history people can read, and records removed by mistake —
 * marked with who, when and why, gone from every list, restored by
 * kommunledningskontoret.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");

let app: TestApp;
let sn: string;
let tn: string;
type Person = { id: string; name: string; email: string };
/** The demo people as signed in (their Entra object ids are the local directory's). */
const people = new Map<string, Person>();
const person = (user: User): Person => {
  const found = people.get(user);
  if (!found) throw new Error(`${user} not signed in`);
  return found;
};

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  sn = await app.committeeId("SN");
  tn = await app.committeeId("TN");
  for (const user of ["maria", "lars", "karin"] as const)
    people.set(user, (await app.call("GET", "/api/me", { user })).body.user);
});
afterAll(async () => {
  await app.stop();
});

type User = "maria" | "lars" | "karin" | "erik" | "anna";

let contracts = 0;
async function newContract(user: User, overrides: Record<string, unknown> = {}) {
  contracts += 1;
  const created = await app.call("POST", "/api/contracts", {
    user,
    body: {
      ...contractBody(sn, person("maria"), `Boende för ensamkommande ${contracts}`),
      ...overrides,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; etag: string; title: string; contractNumber: string };
}

async function edit(user: User, path: string, body: Record<string, unknown>) {
  const read = await app.call<{ etag: string }>("GET", path, { user });
  const saved = await app.call<{ id: string; etag: string }>("PATCH", path, {
    user,
    headers: { "If-Match": read.body.etag },
    body,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
}

async function newRecord(user: User, kind: string, contractId: string, extra = {}) {
  const created = await app.call("POST", `/api/${kind}`, {
    user,
    body: { ...recordBody(kind, sn, contractId, user), ...extra },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; etag: string };
}

const ids = (response: { body: { items: Array<{ id: string }> } }) =>
  response.body.items.map((item) => item.id);

describe("who made each change", () => {
  test("edits by two people show both, in order, with their Entra id and e-mail; SharePoint's versions hold them", async () => {
    const contract = await newContract("maria");
    await edit("lars", `/api/contracts/${contract.id}`, { serviceArea: "Boende" });
    await edit("maria", `/api/contracts/${contract.id}`, { extensionOptions: "2 + 2 år" });
    const history = await app.call("GET", `/api/contracts/${contract.id}/history`, {
      user: "maria",
    });
    expect(history.status).toBe(200);
    const maria = person("maria");
    const lars = person("lars");
    expect(history.body.items.map((entry: { by: unknown }) => entry.by)).toEqual([
      maria,
      lars,
      maria,
    ]);
    expect(history.body.items.map((entry: { summary: string }) => entry.summary)).toEqual([
      "Ändrad",
      "Ändrad",
      "Skapad",
    ]);
    expect(history.body.items[1]!.changes).toEqual([
      { field: "serviceArea", label: "Verksamhetsområde", from: "Hemsjukvård", to: "Boende" },
    ]);
    // Written with the change itself: SharePoint's version history has them, not only the app.
    const versions = await listClient(app.running.graph, "contracts").versions(contract.id);
    expect(versions.map((version) => version.fields.editorId)).toEqual([
      maria.id,
      lars.id,
      maria.id,
    ]);
    expect(versions[1]?.fields.editorEmail).toBe(lars.email);
  });

  test("a record's history reads as the form: Swedish labels, Ja/Nej, dates, choices, names for ids", async () => {
    const contract = await newContract("maria");
    const followUp = await newRecord("maria", "follow-ups", contract.id);
    await edit("lars", `/api/follow-ups/${followUp.id}`, {
      controlSufficient: false,
      followUpDate: "2026-12-03",
      meetsRequirements: "delvis",
      deficienciesSummary: "Genomförandeplaner saknas",
    });
    const history = await app.call("GET", `/api/follow-ups/${followUp.id}/history`, {
      user: "maria",
    });
    const [changed, created] = history.body.items;
    if (!changed || !created) throw new Error("the follow-up's history is missing changes");
    expect(changed.by.name).toBe("Lars Andersson");
    expect(changed.changes).toEqual(
      expect.arrayContaining([
        {
          field: "controlSufficient",
          label: "Befintlig kontroll är tillräcklig",
          from: "Ja",
          to: "Nej",
        },
        {
          field: "followUpDate",
          label: "Uppföljningsdatum",
          from: "20 nov. 2026",
          to: "3 dec. 2026",
        },
        {
          field: "meetsRequirements",
          label: "Uppfyller väsentliga kvalitetskrav",
          from: "Ja",
          to: "Delvis",
        },
      ]),
    );
    // Created: what it was created with, the nämnd and the contract by name.
    expect(created.action).toBe("created");
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: "committeeLookupId", label: "Nämnd", from: "–", to: "Socialnämnden" },
        { field: "contractLookupId", label: "Avtal", from: "–", to: contract.title },
      ]),
    );
    const deficiency = await newRecord("maria", "deficiencies", contract.id, {
      actionOwner: person("lars"),
    });
    await edit("maria", `/api/deficiencies/${deficiency.id}`, { actionOwner: person("maria") });
    const deficiencyHistory = await app.call("GET", `/api/deficiencies/${deficiency.id}/history`, {
      user: "maria",
    });
    // A person shows by name; the id and e-mail beside it are not separate changes.
    expect(deficiencyHistory.body.items[0]!.changes).toEqual([
      {
        field: "actionOwnerName",
        label: "Ansvarig för åtgärder",
        from: "Lars Andersson",
        to: "Maria Nilsson",
      },
    ]);
  });
});

describe("records removed by mistake", () => {
  test("removal needs a reason, If-Match and the right to edit; it is marked, kept and in the history", async () => {
    const contract = await newContract("maria");
    const deviation = await newRecord("maria", "deviations", contract.id);
    const path = `/api/deviations/${deviation.id}/remove` as const;
    const noReason = await app.call("POST", path, {
      user: "maria",
      headers: { "If-Match": deviation.etag },
      body: { reason: "  " },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: "reason", message: "Ange anledning" }]);
    const noIfMatch = await app.call("POST", path, {
      user: "maria",
      body: { reason: "Fel avtal" },
    });
    expect(noIfMatch.status).toBe(428);
    // Kommunledningskontoret reads SN but does not write there; Erik (TN) cannot even see it.
    const klk = await app.call("POST", path, {
      user: "karin",
      headers: { "If-Match": deviation.etag },
      body: { reason: "Fel avtal" },
    });
    expect(klk.status).toBe(403);
    const other = await app.call("POST", path, {
      user: "erik",
      headers: { "If-Match": deviation.etag },
      body: { reason: "Fel avtal" },
    });
    expect(other.status).toBe(404);
    const changed = await edit("lars", `/api/deviations/${deviation.id}`, { handling: "Samtal" });
    const stale = await app.call("POST", path, {
      user: "maria",
      headers: { "If-Match": deviation.etag },
      body: { reason: "Fel avtal" },
    });
    expect(stale.status).toBe(412);
    const removed = await app.call("POST", path, {
      user: "maria",
      headers: { "If-Match": changed.etag },
      body: { reason: "Registrerad på fel avtal" },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.headers.get("etag")).toBe(removed.body.etag);
    expect(removed.body.etag).not.toBe(changed.etag);
    // Gone: by id, by contract and by nämnd.
    expect(
      (await app.call("GET", `/api/deviations/${deviation.id}`, { user: "maria" })).status,
    ).toBe(404);
    expect(
      ids(await app.call("GET", `/api/deviations?contractId=${contract.id}`, { user: "maria" })),
    ).not.toContain(deviation.id);
    expect(
      ids(await app.call("GET", `/api/deviations?committeeId=${sn}`, { user: "maria" })),
    ).not.toContain(deviation.id);
    // Kept: the row is still in SharePoint, marked.
    const row = await listClient(app.running.graph, "deviations").get(deviation.id, {
      includeRemoved: true,
    });
    expect(row.fields).toMatchObject({
      removedByName: "Maria Nilsson",
      removedById: person("maria").id,
      removedReason: "Registrerad på fel avtal",
    });
    expect(Date.parse(row.fields.removedAt ?? "")).toBeGreaterThan(0);
  });

  test("a contract with follow-ups or deficiencies is not removed: 409 saying why; once they are, it goes from lists, the dashboard, exports and /insyn", async () => {
    const contract = await newContract("maria", { status: "aktivt" });
    const followUp = await newRecord("maria", "follow-ups", contract.id);
    const insynBefore = await fetch(`${app.url}/insyn/avtal.json`).then((r) => r.json());
    expect(insynBefore.contracts.map((item: { title: string }) => item.title)).toContain(
      contract.title,
    );

    const refused = await app.call("POST", `/api/contracts/${contract.id}/remove`, {
      user: "maria",
      headers: { "If-Match": contract.etag },
      body: { reason: "Dubblett" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("contract-has-records");
    expect(refused.body.blocking).toEqual({
      followUps: 1,
      deficiencies: 0,
      deviations: 0,
      kickoffs: 0,
    });
    expect(refused.body.detail).toContain("Avtalet har 1 uppföljning registrerade");

    const followUpRemoved = await app.call("POST", `/api/follow-ups/${followUp.id}/remove`, {
      user: "maria",
      headers: { "If-Match": followUp.etag },
      body: { reason: "Dubblett" },
    });
    expect(followUpRemoved.status).toBe(200);
    const removed = await app.call("POST", `/api/contracts/${contract.id}/remove`, {
      user: "maria",
      headers: { "If-Match": contract.etag },
      body: { reason: "Dubblett av ett avtal som redan fanns" },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);

    expect((await app.call("GET", `/api/contracts/${contract.id}`, { user: "maria" })).status).toBe(
      404,
    );
    expect(
      ids(await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" })),
    ).not.toContain(contract.id);
    const dashboard = await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" });
    expect(JSON.stringify(dashboard.body)).not.toContain(contract.title);
    const exported = await fetch(`${app.url}/api/exports/register.xlsx?committeeId=${sn}`, {
      headers: { Authorization: `Bearer ${await app.tokenFor("maria")}` },
    });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const cells = workbook.worksheets.flatMap((sheet) =>
      sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    );
    expect(cells).not.toContain(contract.title);
    // Its number stays taken (the row is kept, and may be restored): said so, in Swedish.
    const sameNumber = await app.call("POST", "/api/contracts", {
      user: "maria",
      body: { ...contractBody(sn, person("maria"), "Ny"), contractNumber: contract.contractNumber },
    });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.detail).toContain("som är borttaget");
    const insyn = await fetch(`${app.url}/insyn/avtal.json`).then((r) => r.json());
    expect(insyn.contracts.map((item: { title: string }) => item.title)).not.toContain(
      contract.title,
    );
  });

  test("a removed deficiency leaves the årshjul and its reminder is not sent", async () => {
    const dashboard = async () =>
      (await app.call("GET", `/api/committees/${tn}/dashboard`, { user: "erik" })).body
        .obligations as Array<{ target: { kind: string; id: string } }>;
    const due = (await dashboard()).find((obligation) => obligation.target.kind === "deficiency");
    expect(due).toBeDefined();
    const id = due?.target.id ?? "";
    const deficiency = await app.call("GET", `/api/deficiencies/${id}`, { user: "erik" });
    // The kommun-wide copy (KS overview, reminder scan) is read before the removal, so
    // the removal reaches it through delta: the removed row must leave it there too.
    const openInOverview = async () =>
      (await app.call("GET", "/api/overview", { user: "karin" })).body.committees?.find(
        (row) => row.committee.id === tn,
      )?.openDeficiencies ?? 0;
    const openBefore = await openInOverview();
    const removed = await app.call("POST", `/api/deficiencies/${id}/remove`, {
      user: "erik",
      headers: { "If-Match": deficiency.body.etag },
      body: { reason: "Registrerad två gånger" },
    });
    expect(removed.status).toBe(200);
    expect((await dashboard()).some((obligation) => obligation.target.id === id)).toBe(false);
    expect(await openInOverview()).toBe(openBefore - 1);
    await app.running.reminders.run();
    const log = await listClient(app.running.graph, "reminders").query();
    expect(log.length).toBeGreaterThan(0);
    expect(log.some((row) => row.fields.targetRef === `deficiency:${id}`)).toBe(false);
  });

  test("kommunledningskontoret lists removed records and restores them; nobody else may; the history tells it all", async () => {
    const contract = await newContract("maria");
    const kickoff = await newRecord("maria", "kickoffs", contract.id);
    const removed = await app.call("POST", `/api/kickoffs/${kickoff.id}/remove`, {
      user: "maria",
      headers: { "If-Match": kickoff.etag },
      body: { reason: "Mötet blev aldrig av" },
    });
    expect(removed.status).toBe(200);

    expect((await app.call("GET", "/api/removed", { user: "maria" })).status).toBe(403);
    const list = await app.call("GET", "/api/removed", { user: "karin" });
    expect(list.status).toBe(200);
    const row = list.body.items.find(
      (item: { list: string; id: string }) => item.list === "kickoffs" && item.id === kickoff.id,
    );
    if (!row) throw new Error("the removed kickoff meeting is not listed");
    expect(row).toMatchObject({
      what: "Uppstartsmöte",
      committeeName: "Socialnämnden",
      contractId: contract.id,
      reason: "Mötet blev aldrig av",
      removedBy: { id: person("maria").id, name: "Maria Nilsson" },
      etag: removed.body.etag,
    });

    const restorePath = `/api/removed/kickoffs/${kickoff.id}/restore`;
    const byMember = await app.call("POST", restorePath, {
      user: "maria",
      headers: { "If-Match": row.etag },
    });
    expect(byMember.status).toBe(403);
    expect((await app.call("POST", restorePath, { user: "karin" })).status).toBe(428);
    const restored = await app.call<{ etag: string }>("POST", restorePath, {
      user: "karin",
      headers: { "If-Match": row.etag },
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(
      (
        await app.call("POST", restorePath, {
          user: "karin",
          headers: { "If-Match": restored.body.etag },
        })
      ).status,
    ).toBe(409);

    expect(
      ids(await app.call("GET", `/api/kickoffs?contractId=${contract.id}`, { user: "maria" })),
    ).toContain(kickoff.id);
    const history = await app.call("GET", `/api/kickoffs/${kickoff.id}/history`, { user: "maria" });
    expect(
      history.body.items.map((entry: { summary: string; by: { name: string } }) => [
        entry.summary,
        entry.by.name,
      ]),
    ).toEqual([
      ["Återställd", "Karin Berg"],
      ["Borttagen: Mötet blev aldrig av", "Maria Nilsson"],
      ["Skapad", "Maria Nilsson"],
    ]);
    // The removal columns are told by the summary, not listed as changed fields.
    expect(history.body.items[0]!.changes).toEqual([]);
  });

  test("a follow-up of a removed contract: listed with the contract's name, and restored only after the contract", async () => {
    const contract = await newContract("maria");
    const followUp = await newRecord("maria", "follow-ups", contract.id);
    const followUpRemoved = await app.call("POST", `/api/follow-ups/${followUp.id}/remove`, {
      user: "maria",
      headers: { "If-Match": followUp.etag },
      body: { reason: "Fel avtal" },
    });
    expect(followUpRemoved.status).toBe(200);
    const contractRemoved = await app.call("POST", `/api/contracts/${contract.id}/remove`, {
      user: "maria",
      headers: { "If-Match": contract.etag },
      body: { reason: "Dubblett" },
    });
    expect(contractRemoved.status).toBe(200);

    const listed = async () => {
      const list = await app.call("GET", "/api/removed", { user: "karin" });
      const row = list.body.items.find(
        (item) => item.list === "followUps" && item.id === followUp.id,
      );
      if (!row) throw new Error("the removed follow-up is not listed");
      return row;
    };
    const row = await listed();
    // Named, not "(okänt avtal)": the contract is removed too, and said so.
    expect(row.contractTitle).toBe(`${contract.title} (borttaget avtal)`);
    expect(row.restoreFirst).toEqual({
      list: "contracts",
      id: contract.id,
      what: "Avtal",
      definite: "avtalet",
      title: contract.title,
    });

    const refused = await app.call("POST", `/api/removed/followUps/${followUp.id}/restore`, {
      user: "karin",
      headers: { "If-Match": row.etag },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("restore-first");
    expect(refused.body.restoreFirst).toEqual({ list: "contracts", id: contract.id });
    expect(refused.body.detail).toBe(
      `Uppföljningen hör till avtalet ”${contract.title}”, som också är borttaget. Återställ avtalet först – det finns under Borttagna poster – och sedan uppföljningen.`,
    );
    // Still removed: nothing was written.
    expect(
      (await app.call("GET", `/api/follow-ups/${followUp.id}`, { user: "maria" })).status,
    ).toBe(404);

    const contractRow = (await app.call("GET", "/api/removed", { user: "karin" })).body.items.find(
      (item) => item.list === "contracts" && item.id === contract.id,
    );
    if (!contractRow) throw new Error("the removed contract is not listed");
    expect(contractRow.restoreFirst).toBeUndefined();
    const contractRestored = await app.call(
      "POST",
      `/api/removed/contracts/${contract.id}/restore`,
      { user: "karin", headers: { "If-Match": contractRow.etag } },
    );
    expect(contractRestored.status).toBe(200);
    const again = await listed();
    expect(again.contractTitle).toBe(contract.title);
    expect(again.restoreFirst).toBeUndefined();
    const restored = await app.call("POST", `/api/removed/followUps/${followUp.id}/restore`, {
      user: "karin",
      headers: { "If-Match": again.etag },
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(
      ids(await app.call("GET", `/api/follow-ups?contractId=${contract.id}`, { user: "maria" })),
    ).toContain(followUp.id);
  });

  test("a deficiency of a removed follow-up waits for the follow-up, a kickoff meeting for its removed contract", async () => {
    const contract = await newContract("maria");
    const followUp = await newRecord("maria", "follow-ups", contract.id);
    const deficiency = await newRecord("maria", "deficiencies", contract.id, {
      followUpId: followUp.id,
    });
    const kickoff = await newRecord("maria", "kickoffs", contract.id);
    for (const [kind, record] of [
      ["deficiencies", deficiency],
      ["follow-ups", followUp],
      ["kickoffs", kickoff],
    ] as const) {
      const removed = await app.call("POST", `/api/${kind}/${record.id}/remove`, {
        user: "maria",
        headers: { "If-Match": record.etag },
        body: { reason: "Fel" },
      });
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    }
    const list = await app.call("GET", "/api/removed", { user: "karin" });
    const row = list.body.items.find(
      (item) => item.list === "deficiencies" && item.id === deficiency.id,
    );
    expect(row?.restoreFirst).toMatchObject({ list: "followUps", id: followUp.id });
    const refused = await app.call("POST", `/api/removed/deficiencies/${deficiency.id}/restore`, {
      user: "karin",
      headers: { "If-Match": row?.etag ?? "" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      "Bristen hör till uppföljningen, som också är borttagen. Återställ uppföljningen först – den finns under Borttagna poster – och sedan bristen.",
    );

    // Once the contract is removed too, the kickoff meeting waits for it.
    const contractRemoved = await app.call("POST", `/api/contracts/${contract.id}/remove`, {
      user: "maria",
      headers: { "If-Match": contract.etag },
      body: { reason: "Dubblett" },
    });
    expect(contractRemoved.status, JSON.stringify(contractRemoved.body)).toBe(200);
    const kickoffRow = (await app.call("GET", "/api/removed", { user: "karin" })).body.items.find(
      (item) => item.list === "kickoffs" && item.id === kickoff.id,
    );
    if (!kickoffRow) throw new Error("the removed kickoff meeting is not listed");
    const kickoffRestored = await app.call("POST", `/api/removed/kickoffs/${kickoff.id}/restore`, {
      user: "karin",
      headers: { "If-Match": kickoffRow.etag },
    });
    expect(kickoffRestored.status).toBe(409);
    expect(kickoffRestored.body.restoreFirst).toEqual({ list: "contracts", id: contract.id });
  });
});
