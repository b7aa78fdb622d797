import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Inställningar for risk (GET/PUT /api/settings/risk): everyone signed in
 * reads the kommun's matrix and cadence; kommunledningskontoret changes them
 * at the version it read, refused in Swedish with the field and a code when
 * they cannot be used; a contract's level follows the saved thresholds at once.
 */

let app: TestApp;
let simhall: string;

const DEFAULTS = {
  matrix: {
    likelihoodLabels: ["Osannolik", "Mindre sannolik", "Sannolik", "Mycket sannolik"],
    consequenceLabels: ["Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"],
    thresholds: { medel: 4, hög: 9 },
  },
  cadence: { intervalMonths: { hög: 6, medel: 12, låg: 24 }, extraWithinMonths: 2 },
};

/** Stricter: 2–3 medel, 4–16 hög; hög followed up every fourth month. */
const STRICT = {
  matrix: {
    likelihoodLabels: ["Liten", "Möjlig", "Trolig", "Nästan säker"],
    consequenceLabels: ["Försumbar", "Lindrig", "Kännbar", "Allvarlig"],
    thresholds: { medel: 2, hög: 4 },
  },
  cadence: { intervalMonths: { hög: 4, medel: 12, låg: 24 }, extraWithinMonths: 1 },
};

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-24T10:00:00+01:00") });
  simhall = await app.contractId("Drift av simhallen Åsbybadet");
});
afterAll(async () => {
  await app.stop();
});

const read = (user: "anna" | "karin" = "karin") => app.call("GET", "/api/settings/risk", { user });

describe("reading the risk settings", () => {
  test("anyone signed in reads the defaults; only kommunledningskontoret may change them", async () => {
    const anna = await read("anna");
    expect(anna.status).toBe(200);
    expect(anna.headers.get("etag")).toBe(anna.body.etag);
    expect(anna.body).toMatchObject({ ...DEFAULTS, defaults: DEFAULTS, isDefault: true });
    expect(anna.body.canEdit).toBe(false);
    const karin = await read("karin");
    expect(karin.body.canEdit).toBe(true);
    expect(karin.body.etag).toBe(anna.body.etag);
    expect((await app.call("GET", "/api/settings/risk")).status).toBe(401);
  });
});

describe("changing them (PUT /api/settings/risk)", () => {
  test("a member of a nämnd gets 403; without If-Match 428; nothing is written", async () => {
    const { etag } = (await read()).body;
    const anna = await app.call("PUT", "/api/settings/risk", {
      user: "anna",
      headers: { "If-Match": etag },
      body: STRICT,
    });
    expect(anna.status).toBe(403);
    expect(anna.body.detail).toBe(
      "Bara kommunledningskontoret kan ändra riskmatrisen och uppföljningstakten.",
    );
    const without = await app.call("PUT", "/api/settings/risk", { user: "karin", body: STRICT });
    expect(without.status).toBe(428);
    expect(without.body.code).toBe("if-match-required");
    expect((await read()).body).toMatchObject({ etag, isDefault: true });
  });

  test("values the matrix cannot use: 400 with Swedish messages, fields and codes", async () => {
    const { etag } = (await read()).body;
    const put = (body: unknown) =>
      app.call("PUT", "/api/settings/risk", { user: "karin", headers: { "If-Match": etag }, body });
    const disorder = await put({
      matrix: { ...STRICT.matrix, thresholds: { medel: 9, hög: 4 } },
      cadence: { intervalMonths: { hög: 12, medel: 6, låg: 24 }, extraWithinMonths: 2 },
    });
    expect(disorder.status).toBe(400);
    expect(disorder.headers.get("content-type")).toContain("application/problem+json");
    expect(disorder.body.code).toBe("validation");
    expect(disorder.body.errors).toEqual([
      {
        field: "matrix.thresholds.hög",
        code: "thresholds-out-of-order",
        message: "Gränsen för hög risk ska vara högre än den för medelhög risk.",
      },
      {
        field: "cadence.intervalMonths.hög",
        code: "intervals-out-of-order",
        message: "Högre risk ska följas upp minst lika ofta som lägre risk.",
      },
    ]);
    const outOfRange = await put({
      matrix: { ...STRICT.matrix, thresholds: { medel: 1, hög: 4 } },
      cadence: { ...STRICT.cadence, intervalMonths: { hög: 0, medel: 12, låg: 24 } },
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors).toEqual([
      {
        field: "matrix.thresholds.medel",
        code: "threshold-out-of-range",
        message: "Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.",
      },
      {
        field: "cadence.intervalMonths.hög",
        code: "interval-out-of-range",
        message: "Intervallet för hög risk ska vara 1–48 månader.",
      },
    ]);
    const badShape = await put({
      matrix: {
        ...STRICT.matrix,
        likelihoodLabels: ["Liten", " ", "Trolig", "Nästan säker"],
        thresholds: { medel: 2.5, hög: "fyra" },
      },
      cadence: STRICT.cadence,
    });
    expect(badShape.status).toBe(400);
    expect(badShape.body.errors).toEqual([
      { field: "matrix.likelihoodLabels.1", message: "Ange sannolikhet 2" },
      {
        field: "matrix.thresholds.medel",
        message: "Gränsen för medelhög risk ska vara ett heltal",
      },
      { field: "matrix.thresholds.hög", message: "Gränsen för hög risk ska vara ett tal" },
    ]);
    expect((await read()).body).toMatchObject({ etag, isDefault: true });
  });

  test("saved: the contract's level follows the new thresholds at once; a stale version gets 412", async () => {
    const before = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    // 1 × 4 = 4: medelhög under the default thresholds.
    expect(before.body).toMatchObject({ level: "medel", cell: { product: 4 } });
    const stale = (await read()).body.etag;
    const saved = await app.call("PUT", "/api/settings/risk", {
      user: "karin",
      headers: { "If-Match": stale },
      body: STRICT,
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe(saved.body.etag);
    expect(saved.body).toMatchObject({ ...STRICT, isDefault: false, defaults: DEFAULTS });
    expect(saved.body.etag).not.toBe(stale);
    // Anyone reading next sees it, the kommun copy the risk card reads included.
    expect((await read("anna")).body).toMatchObject({ ...STRICT, etag: saved.body.etag });
    const after = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    expect(after.body).toMatchObject({
      level: "hög",
      cell: { product: 4, likelihoodLabel: "Liten", consequenceLabel: "Allvarlig" },
      matrix: { thresholds: { medel: 2, hög: 4 } },
      cadence: { followUpsPerYear: 3, text: "tre gånger per år" },
    });
    // Someone saving over the version read before: refused with what is stored now.
    const conflict = await app.call("PUT", "/api/settings/risk", {
      user: "karin",
      headers: { "If-Match": stale },
      body: DEFAULTS,
    });
    expect(conflict.status).toBe(412);
    expect(conflict.body.code).toBe("conflict");
    expect(conflict.body.current).toMatchObject({ ...STRICT, etag: saved.body.etag });
  });

  test("back to the defaults (Återställ standard): the defaults are in force again", async () => {
    const { etag } = (await read()).body;
    const reset = await app.call("PUT", "/api/settings/risk", {
      user: "karin",
      headers: { "If-Match": etag },
      body: (await read()).body.defaults,
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ ...DEFAULTS, isDefault: true });
    const risk = await app.call("GET", `/api/contracts/${simhall}/risk`, { user: "sara" });
    expect(risk.body.level).toBe("medel");
  });

  test("kept as JSON in the rows riskMatrix and riskCadence of Inställningar", async () => {
    const rows = await app.running.store.riskSettingRows();
    expect(rows.riskMatrix?.value).toBe(JSON.stringify(DEFAULTS.matrix));
    expect(rows.riskCadence?.value).toBe(JSON.stringify(DEFAULTS.cadence));
  });
});
