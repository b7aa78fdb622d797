import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import { CYCLE_LISTS } from "../../api/src/store/cycle-mirror.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * GET /api/contracts/:id/risk over the demo data (seed 000): hemtjänst and
 * skolskjuts suggested hög with their reasons; read only by those who may
 * read the contract.
 */

let app: TestApp;
let hemtjanst: string;
let skolskjuts: string;
let simhall: string;

beforeAll(async () => {
  // The demo data is dated from this day, so the signals (and the reasons) are fixed.
  app = await startTestApp({ now: new Date("2026-11-24T10:00:00+01:00") });
  hemtjanst = await app.contractId("Hemtjänst enligt LOV");
  skolskjuts = await app.contractId("Skolskjuts med bil för elever med särskilda behov");
  simhall = await app.contractId("Drift av simhallen Åsbybadet");
});
afterAll(async () => {
  await app.stop();
});

describe("a contract's risk", () => {
  test("hemtjänst: hög, its cell and reasons in Swedish, the cadence it sets", async () => {
    const response = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      contractId: hemtjanst,
      level: "hög",
      levelLabel: "Hög risk",
      source: "suggested",
      cell: { likelihood: 4, consequence: 4, product: 16, consequenceLabel: "Mycket allvarlig" },
      suggestionRose: false,
      matrix: { thresholds: { medel: 4, hög: 9 } },
      cadence: { followUpsPerYear: 2, text: "två gånger per år" },
    });
    expect(response.body.reasons).toEqual([
      "Hög risk: sannolikhet 4 (mycket sannolik) × konsekvens 4 (mycket allvarlig) = 16",
      "1 avvikelse senaste året, varav 1 allvarlig",
      "6 öppna brister",
      // Its provider Trygga Händer also has an open deficiency in Socialnämnden (named only as a count).
      "Trygga Händer Hemtjänst AB har öppna brister i en annan nämnd",
      // The provider register (Leverantörer) as the demo notes seed 000's providers.
      "Svag ekonomisk ställning noterad för Trygga Händer Hemtjänst AB",
      "Inväntar IVO:s beslut: Hemtjänst Nord i Åsby AB, Åsby Seniorservice AB",
      "Avtalet har högt värde och hög påverkan på verksamheten.",
    ]);
    expect(response.body.suggestion.signals.map((signal: { kind: string }) => signal.kind)).toEqual(
      [
        "deviations",
        "open-deficiencies",
        "provider-other-committees",
        "provider-finances",
        "provider-ivo",
      ],
    );
    expect(response.body.nextFollowUp.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(response.body.nextFollowUp.text).toContain("hög risk: två gånger per år");
  });

  test("skolskjuts: raised by the late pick-up and the disputed invoice", async () => {
    const response = await app.call("GET", `/api/contracts/${skolskjuts}/risk`, { user: "erik" });
    expect(response.status).toBe(200);
    expect(response.body.level).toBe("hög");
    expect(response.body.reasons).toEqual(
      expect.arrayContaining([
        "1 avvikelse senaste året",
        "1 öppen brist",
        "1 handlingsplan försenad (tidsfrist eller avstämning passerad)",
      ]),
    );
  });

  test("a quiet contract: no signals, said so", async () => {
    const response = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    expect(response.status).toBe(200);
    expect(response.body.suggestion.signals).toEqual([]);
    expect(response.body.reasons).toContain("Inga signaler om ökad sannolikhet");
  });

  test("who may read it: the nämnd and kommunledningskontoret; others get 404, no token 401", async () => {
    const karin = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "karin" });
    expect(karin.status).toBe(200);
    const erik = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "erik" });
    expect(erik.status).toBe(404);
    expect(erik.headers.get("content-type")).toContain("application/problem+json");
    const missing = await app.call("GET", "/api/contracts/999999/risk", { user: "anna" });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(erik.body);
    const anonymous = await app.call("GET", `/api/contracts/${hemtjanst}/risk`);
    expect(anonymous.status).toBe(401);
    const bad = await app.call("GET", "/api/contracts/x'y/risk", { user: "anna" });
    expect(bad.status).toBe(400);
  });

  test("the kommun's own matrix and cadence from Inställningar", async () => {
    const store = app.running.store;
    await store.setSetting(
      "riskMatrix",
      JSON.stringify({
        likelihoodLabels: ["Liten", "Möjlig", "Trolig", "Nästan säker"],
        consequenceLabels: ["Försumbar", "Lindrig", "Kännbar", "Allvarlig"],
        thresholds: { medel: 2, hög: 4 },
      }),
      APP_ITSELF,
    );
    await store.setSetting(
      "riskCadence",
      JSON.stringify({ intervalMonths: { hög: 4, medel: 12, låg: 24 } }),
      APP_ITSELF,
    );
    try {
      const response = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
      expect(response.body).toMatchObject({
        level: "hög",
        cell: {
          likelihood: 1,
          consequence: 4,
          likelihoodLabel: "Liten",
          consequenceLabel: "Allvarlig",
        },
        cadence: { followUpsPerYear: 3, text: "tre gånger per år" },
      });
    } finally {
      await store.setSetting("riskMatrix", "", APP_ITSELF);
      await store.setSetting("riskCadence", "", APP_ITSELF);
    }
    const back = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    expect(back.body.level).toBe("medel");
  });
});

describe("a person's assessment (PATCH …/risk)", () => {
  const etagOf = async (id: string) =>
    (await app.call("GET", `/api/contracts/${id}/risk`, { user: "anna" })).body.etag;

  test("the suggestion confirmed as it is: kept on the contract, the suggestion still beside it", async () => {
    const read = await app.call("GET", `/api/contracts/${hemtjanst}/risk`, { user: "anna" });
    expect(read.headers.get("etag")).toBe(read.body.etag);
    expect(read.body.confirmed).toBeNull();
    const saved = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": read.body.etag },
      body: { likelihood: 4, consequence: 4 },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe(saved.body.etag);
    expect(saved.body.etag).not.toBe(read.body.etag);
    expect(saved.body).toMatchObject({
      level: "hög",
      source: "confirmed",
      confirmed: {
        level: "hög",
        levelLabel: "Hög risk",
        likelihood: 4,
        consequence: 4,
        reason: "",
        confirmedBy: "Anna Lindqvist",
        confirmedOn: "2026-11-24",
        suggestedLevel: "hög",
      },
      suggestion: { level: "hög", levelLabel: "Hög risk" },
      suggestionAboveConfirmed: false,
    });
    expect(saved.body.suggestion.reasons).toContain("6 öppna brister");
    expect(saved.body.reasons).toContain("Bedömd av Anna Lindqvist 24 november 2026.");
    const contract = await app.call("GET", `/api/contracts/${hemtjanst}`, { user: "anna" });
    expect(contract.body.etag).toBe(saved.body.etag);
    expect(contract.body.risk).toMatchObject({ likelihood: 4, consequence: 4 });
  });

  test("an override needs a reason; scores are 1–4; Swedish messages with fields", async () => {
    const etag = await etagOf(hemtjanst);
    const noReason = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": etag },
      body: { likelihood: 2, consequence: 4, reason: " " },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.headers.get("content-type")).toContain("application/problem+json");
    expect(noReason.body).toMatchObject({
      code: "validation",
      errors: [{ field: "reason", message: "Ange varför bedömningen skiljer sig från förslaget." }],
    });
    const outOfRange = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": etag },
      body: { likelihood: 5, consequence: "hög" },
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors).toEqual([
      { field: "likelihood", message: "Sannolikhet ska vara 1, 2, 3 eller 4" },
      { field: "consequence", message: "Välj konsekvens" },
    ]);
    // Nothing was written by the refused ones.
    expect(await etagOf(hemtjanst)).toBe(etag);
  });

  test("overridden downwards with a reason: the suggestion is said to stand above it; history shows who and what", async () => {
    const saved = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": await etagOf(hemtjanst) },
      body: { likelihood: 2, consequence: 4, reason: "Bristerna åtgärdas enligt handlingsplanen" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      level: "medel",
      source: "confirmed",
      confirmed: { level: "medel", reason: "Bristerna åtgärdas enligt handlingsplanen" },
      suggestion: { level: "hög" },
      suggestionAboveConfirmed: true,
      // Overridden knowingly: not nagged about until the suggestion rises further.
      suggestionRose: false,
      cadence: { text: "en gång per år" },
    });
    expect(saved.body.reasons).toContain(
      "Bedömd av Anna Lindqvist 24 november 2026: Bristerna åtgärdas enligt handlingsplanen",
    );
    const history = await app.call("GET", `/api/contracts/${hemtjanst}/history`, { user: "anna" });
    const latest = history.body.items[0]!;
    expect(latest.modifiedBy).toBe("Anna Lindqvist");
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: "riskLikelihood", label: "Risk: sannolikhet", from: "4", to: "2" },
        { field: "riskLevel", label: "Risknivå (bedömd)", from: "Hög", to: "Medel" },
        {
          field: "riskReason",
          label: "Motivering till riskbedömningen",
          from: "–",
          to: "Bristerna åtgärdas enligt handlingsplanen",
        },
      ]),
    );
    expect(latest.changes.map((change) => change.field)).not.toContain("riskConfirmedById");
  });

  test("raised again: an extra follow-up is brought forward", async () => {
    const saved = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": await etagOf(hemtjanst) },
      body: { likelihood: 4, consequence: 4 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.level).toBe("hög");
    expect(saved.body.nextFollowUp).toMatchObject({ basis: "raised", dueDate: "2027-01-24" });
    expect(saved.body.nextFollowUp.text).toContain(
      "risknivån höjdes från medelhög risk till hög risk",
    );
  });

  test("needs If-Match (428); a stale one gets 412 with the assessment now stored", async () => {
    const stale = await etagOf(hemtjanst);
    const saved = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": stale },
      body: { likelihood: 3, consequence: 4, reason: "Ny ledning hos utföraren" },
    });
    expect(saved.status).toBe(200);
    const without = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      body: { likelihood: 4, consequence: 4 },
    });
    expect(without.status).toBe(428);
    const conflict = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": stale },
      body: { likelihood: 1, consequence: 1, reason: "Gammal version" },
    });
    expect(conflict.status).toBe(412);
    expect(conflict.body.code).toBe("conflict");
    expect(conflict.body.current).toMatchObject({
      contractId: hemtjanst,
      confirmed: { likelihood: 3, consequence: 4 },
    });
  });

  test("who may assess: those who edit the contract; KLK reads but may not; others see nothing", async () => {
    const etag = await etagOf(hemtjanst);
    const body = { likelihood: 4, consequence: 4 };
    const karin = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "karin",
      headers: { "If-Match": etag },
      body,
    });
    expect(karin.status).toBe(403);
    expect(karin.body.detail).toBe(
      "Bara nämndens medlemmar och avtalets ansvariga kan bedöma avtalets risk.",
    );
    const erik = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      user: "erik",
      headers: { "If-Match": etag },
      body,
    });
    expect(erik.status).toBe(404);
    const anonymous = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
      headers: { "If-Match": etag },
      body,
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("withdrawing an assessment (DELETE …/risk)", () => {
  const riskOf = async (id: string) =>
    (await app.call("GET", `/api/contracts/${id}/risk`, { user: "anna" })).body;

  test("needs a reason (400), If-Match (428) and the version in force (412)", async () => {
    const { etag } = await riskOf(hemtjanst);
    for (const body of [{}, { reason: "  " }, undefined]) {
      const refused = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
        user: "anna",
        headers: { "If-Match": etag },
        ...(body ? { body } : {}),
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.code).toBe("validation");
      expect(refused.body.errors?.[0]?.field).toBe("reason");
    }
    const short = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": etag },
      body: { reason: "x" },
    });
    expect(short.body.errors).toEqual([
      { field: "reason", message: "Ange varför bedömningen återkallas." },
    ]);
    const without = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      body: { reason: "Fel avtal bedömt" },
    });
    expect(without.status).toBe(428);
    const contract = await app.call("GET", `/api/contracts/${hemtjanst}`, { user: "anna" });
    const renamed = await app.call("PATCH", `/api/contracts/${hemtjanst}`, {
      user: "anna",
      headers: { "If-Match": contract.body.etag },
      body: { ...contract.body, internalNotes: "Ändrad under tiden" },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const stale = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": etag },
      body: { reason: "Fel avtal bedömt" },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ source: "confirmed", etag: renamed.body.etag });
    expect((await riskOf(hemtjanst)).confirmed).toMatchObject({ likelihood: 3, consequence: 4 });
  });

  test("who may: those who may assess; KLK gets 403, another nämnd 404", async () => {
    const { etag } = await riskOf(hemtjanst);
    const body = { reason: "Fel avtal bedömt" };
    const karin = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "karin",
      headers: { "If-Match": etag },
      body,
    });
    expect(karin.status).toBe(403);
    expect(karin.body.detail).toBe(
      "Bara nämndens medlemmar och avtalets ansvariga kan återkalla bedömningen.",
    );
    const erik = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "erik",
      headers: { "If-Match": etag },
      body,
    });
    expect(erik.status).toBe(404);
    const anonymous = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      headers: { "If-Match": etag },
      body,
    });
    expect(anonymous.status).toBe(401);
    expect((await riskOf(hemtjanst)).source).toBe("confirmed");
  });

  test("withdrawn: the suggestion is in force again; the history shows who, and why", async () => {
    const { etag } = await riskOf(hemtjanst);
    const withdrawn = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": etag },
      body: { reason: "Bedömningen gjordes på fel underlag" },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.headers.get("etag")).toBe(withdrawn.body.etag);
    expect(withdrawn.body).toMatchObject({
      source: "suggested",
      confirmed: null,
      level: "hög",
      cell: { likelihood: 4, consequence: 4 },
      suggestionAboveConfirmed: false,
    });
    const contract = await app.call("GET", `/api/contracts/${hemtjanst}`, { user: "anna" });
    expect(contract.body.risk).toBeUndefined();
    const history = await app.call("GET", `/api/contracts/${hemtjanst}/history`, { user: "anna" });
    const latest = history.body.items[0]!;
    expect(latest.modifiedBy).toBe("Anna Lindqvist");
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: "riskLikelihood", label: "Risk: sannolikhet", from: "3", to: "–" },
        { field: "riskLevel", label: "Risknivå (bedömd)", from: "Hög", to: "–" },
        {
          field: "riskReason",
          label: "Motivering till riskbedömningen",
          from: "Ny ledning hos utföraren",
          to: "Bedömningen återkallad: Bedömningen gjordes på fel underlag",
        },
      ]),
    );
    // Nothing left to withdraw.
    const again = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": withdrawn.body.etag },
      body: { reason: "En gång till" },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("no-risk-assessment");
  });

  test("a withdrawn raise no longer brings the extra follow-up forward", async () => {
    const assess = async (body: object) => {
      const saved = await app.call("PATCH", `/api/contracts/${hemtjanst}/risk`, {
        user: "anna",
        headers: { "If-Match": (await riskOf(hemtjanst)).etag },
        body,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      return saved.body;
    };
    await assess({ likelihood: 2, consequence: 4, reason: "Bristerna åtgärdas enligt planen" });
    const raised = await assess({
      likelihood: 4,
      consequence: 4,
      reason: "Tillsynen fann brister",
    });
    expect(raised.nextFollowUp).toMatchObject({ basis: "raised", dueDate: "2027-01-24" });
    const withdrawn = await app.call("DELETE", `/api/contracts/${hemtjanst}/risk`, {
      user: "anna",
      headers: { "If-Match": raised.etag },
      body: { reason: "Bristerna gällde en annan anläggning" },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ level: "hög", source: "suggested" });
    expect(withdrawn.body.nextFollowUp.basis).not.toBe("raised");
    expect(withdrawn.body.nextFollowUp.text).not.toContain("höjdes");
  });
});

describe("deviations from the kommun copy", () => {
  test("a deviation recorded once the copy is warm counts at once, with no query of its own", async () => {
    await app.running.store.currentCycleData();
    const before = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    expect(before.body.suggestion.signals).toEqual([]);
    const contract = await app.call("GET", `/api/contracts/${simhall}`, { user: "sara" });
    const recorded = await app.call("POST", "/api/deviations", {
      user: "sara",
      body: {
        contractId: simhall,
        committeeId: contract.body.committeeId,
        occurredOn: "2026-11-02",
        description: "Bassängen stängd en vecka utan besked till skolorna",
        severity: "hög",
        handling: "",
        status: "öppen",
      },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);

    const counter = app.running.graph.counter;
    counter.reset();
    const after = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    const cost = counter.snapshot();
    // The person's own change, seen at once: the copy was brought up to date by delta.
    expect(after.body.reasons).toContain("1 avvikelse senaste året, varav 1 allvarlig");
    expect(after.body.suggestion.signals.map((signal: { kind: string }) => signal.kind)).toContain(
      "deviations",
    );
    // The contract and its shares, then one batch of delta requests (one per list in the
    // copy): no query of the contract's deviations beside them.
    expect(cost.requests).toBe(3);
    expect(cost.batches).toBe(1);
    expect(cost.batchParts).toBe(CYCLE_LISTS.length);
    expect(cost.roundTrips).toBe(2);
  });
});
