import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

/**
 * Finding (medium): a contract's owner who is not a member of the owning
 * nämnd can move the contract out of that nämnd into one of their own.
 * PATCH /api/contracts/:id checks write access to the nämnd the contract
 * moves TO, never to the one it moves FROM; the owner passes
 * `writeContract` as owner. Afterwards the owning nämnd cannot even read its
 * contract (404), its follow-ups and deficiencies point at a contract it no
 * longer has, and its obligations and report rows for it are gone. Records
 * (checkWrite) and decided plans (issue 14 point 4) already require write
 * access to the nämnd a thing leaves; contracts do not.
 *
 * Scenario: Vård- och äldrenämnden (Anna) names Lars of Socialnämnden as the
 * responsible person for one of its contracts — a common case, the owner is
 * often in another förvaltning. Lars moves it to Socialnämnden.
 */

let app: TestApp;
let van = "";
let sn = "";
let contractId = "";

beforeAll(async () => {
  app = await startTestApp();
  van = await app.committeeId("VAN");
  sn = await app.committeeId("SN");
  const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  const lars = (await app.call("GET", "/api/me", { user: "lars" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: { ...contractBody(van, anna), owner: lars },
  });
  expect(created.status).toBe(201);
  contractId = created.body.id;
});
afterAll(async () => {
  await app.stop();
});

describe("a contract leaves its nämnd only with that nämnd's write access", () => {
  test("the owner from another nämnd cannot move it away", async () => {
    const read = await app.call("GET", `/api/contracts/${contractId}`, { user: "lars" });
    expect(read.status).toBe(200);
    const moved = await app.call("PATCH", `/api/contracts/${contractId}`, {
      user: "lars",
      headers: { "If-Match": read.body.etag },
      body: { committeeId: sn },
    });
    expect(moved.status).toBe(403);
    // The nämnd still has its contract.
    expect((await app.call("GET", `/api/contracts/${contractId}`, { user: "anna" })).status).toBe(
      200,
    );
  });
});
