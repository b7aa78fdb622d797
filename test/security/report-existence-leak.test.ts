import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Finding (low): SECURITY.md says an item of a nämnd the person may not read
 * answers exactly as an id that does not exist. POST /api/reports for the
 * kickoff protocol (`uppstart`) and the feedback letter (`aterkoppling`) looks
 * the record up first and answers 400 "finns inte" for a missing id but 403
 * for another nämnd's record — so a member of one nämnd can enumerate which
 * kickoff and follow-up ids exist in the others (and, polling the next id,
 * see when another nämnd records a follow-up). Every other route checked
 * (GET/PATCH/history of contracts and records, report content, shares,
 * records naming a contract) answers the same for both.
 */

let app: TestApp;
let kickoffId = "";
let followUpId = "";
const MISSING = "99999";

beforeAll(async () => {
  app = await startTestApp();
  const sn = await app.committeeId("SN");
  const contracts = (await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" }))
    .body.items as Array<{ id: string; committeeId: string }>;
  const own = contracts.find((contract) => contract.committeeId === sn)!;
  const kickoff = await app.call("POST", "/api/kickoffs", {
    user: "maria",
    body: {
      contractId: own.id,
      committeeId: sn,
      reason: "nytt avtal",
      contractStart: "2026-01-01",
      meetingDate: "2026-01-10",
      attendees: "Maria Nilsson",
      continuousReporting: "",
      yearlyReporting: "",
      minutesRegistryNumber: "",
      notes: "",
    },
  });
  expect(kickoff.status).toBe(201);
  kickoffId = kickoff.body.id;
  const followUps = await app.call("GET", `/api/follow-ups?committeeId=${sn}`, { user: "maria" });
  followUpId = followUps.body.items[0]!.id;
});
afterAll(async () => {
  await app.stop();
});

describe("a report for another nämnd's record answers as for a missing one", () => {
  test.each([
    ["uppstart", "kickoffId", () => kickoffId],
    ["aterkoppling", "followUpId", () => followUpId],
  ])("%s", async (type, field, existing) => {
    // Anna is in Vård- och äldrenämnden only; the record is Socialnämnden's.
    const generate = (id: string) =>
      app.call("POST", "/api/reports", { user: "anna", body: { type, [field]: id } });
    const other = await generate(existing());
    const missing = await generate(MISSING);
    expect(other.status).not.toBe(201);
    expect({ status: other.status, body: other.body }).toEqual({
      status: missing.status,
      body: missing.body,
    });
  });
});
