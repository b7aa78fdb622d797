import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
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
      "Trygga Händer Hemtjänst AB har öppna brister i 1 annan nämnd",
      "Avtalet har högt värde och hög påverkan på verksamheten.",
    ]);
    expect(response.body.suggestion.signals.map((signal: { kind: string }) => signal.kind)).toEqual(
      ["deviations", "open-deficiencies", "provider-other-committees"],
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
