import { afterEach, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Kommunövergripande's plan column: a nämnd's plan for the mandate period is
 * due by 31 December the year after the election (2027 for 2027–2030). Before
 * then a plan not yet written is "ej påbörjad", not "saknas" in red.
 */

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function planStatuses(now: string): Promise<Record<string, string>> {
  app = await startTestApp({ now: new Date(now) });
  const overview = await app.call("GET", "/api/overview", { user: "karin" });
  expect(overview.status).toBe(200);
  return Object.fromEntries(
    overview.body.committees.map((row: { committee: { code: string }; planStatus: string }) => [
      row.committee.code,
      row.planStatus,
    ]),
  );
}

test("before the plan's deadline an unwritten plan is 'ej påbörjad'; a draft stays 'utkast'", async () => {
  const statuses = await planStatuses("2026-12-02T09:00:00Z");
  expect(statuses.SN).toBe("utkast");
  expect(statuses.VAN).toBe("ej påbörjad");
  expect(Object.values(statuses)).not.toContain("saknas");
});

test("after 31 December the year after the election an unwritten plan is 'saknas'", async () => {
  const statuses = await planStatuses("2028-01-10T09:00:00Z");
  expect(statuses.VAN).toBe("saknas");
});
