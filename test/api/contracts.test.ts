import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

let app: TestApp;
let van: string;
let anna: { id: string; name: string; email: string };

beforeAll(async () => {
  app = await startTestApp();
  van = await app.committeeId("VAN");
  anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
});
afterAll(async () => {
  await app.stop();
});

const newContract = (overrides: Record<string, unknown> = {}) => ({
  ...contractBody(van, anna),
  ...overrides,
});

describe("contracts", () => {
  test("create: 201, strategic from the matrix, ETag header", async () => {
    const created = await app.call("POST", "/api/contracts", { user: "anna", body: newContract() });
    expect(created.status).toBe(201);
    expect(created.body.strategic).toBe(true);
    expect(created.headers.get("etag")).toBe(created.body.etag);
    const read = await app.call("GET", `/api/contracts/${created.body.id}`, { user: "anna" });
    expect(read.body).toMatchObject({
      title: "Hemsjukvård kvällstid",
      provider: "Kvällsvård & Co AB",
      startDate: "2027-01-01",
      endDate: "2029-12-31",
    });
  });

  test("bad input: Swedish messages per field, nothing stored", async () => {
    const before = (await app.call("GET", `/api/contracts?committeeId=${van}`, { user: "anna" }))
      .body.total;
    const response = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({
        title: "",
        annualValue: -5,
        endDate: "2026-01-01",
        startDate: "2026-02-30",
        valueClass: "medel",
      }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const fields = response.body.errors?.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(["title", "annualValue", "startDate", "valueClass"]),
    );
    expect(
      response.body.errors?.find((error: { field: string }) => error.field === "title")?.message,
    ).toBe("Ange avtalets namn");
    const after = (await app.call("GET", `/api/contracts?committeeId=${van}`, { user: "anna" }))
      .body.total;
    expect(after).toBe(before);
  });

  test("malformed JSON and wrong types get 400 problem details", async () => {
    const malformed = await app.call("POST", "/api/contracts", { user: "anna", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("bad-request");
    const wrongType = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({ ownRegime: "ja", owner: "Anna" }),
    });
    expect(wrongType.status).toBe(400);
  });

  test("an override needs a reason; the nämnd may make a routine contract strategic", async () => {
    const missing = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({
        valueClass: "låg",
        impactClass: "hög",
        strategicOverride: { strategic: true, reason: "" },
      }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.field).toBe("strategicOverride.reason");
    const ok = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({
        valueClass: "låg",
        impactClass: "hög",
        strategicOverride: { strategic: true, reason: "Ensam utförare av nattinsatser" },
      }),
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      strategic: true,
      overrideReason: "Ensam utförare av nattinsatser",
    });
  });

  test("a warning past ten strategic contracts per nämnd", async () => {
    let last: { body: { warning?: string } } | undefined;
    for (let index = 0; index < 9; index += 1) {
      last = await app.call("POST", "/api/contracts", {
        user: "anna",
        body: newContract({ title: `Strategiskt ${index}` }),
      });
    }
    expect(last?.body.warning).toMatch(/Nämnden har \d+ strategiska avtal/);
  });

  test("update needs If-Match (428); a stale one gets 412 with the stored version; history shows the change", async () => {
    const created = (
      await app.call("POST", "/api/contracts", {
        user: "anna",
        body: newContract({ title: "Versionstest" }),
      })
    ).body;
    const noIfMatch = await app.call("PATCH", `/api/contracts/${created.id}`, {
      user: "anna",
      body: { provider: "X AB" },
    });
    expect(noIfMatch.status).toBe(428);
    const first = await app.call("PATCH", `/api/contracts/${created.id}`, {
      user: "anna",
      headers: { "If-Match": created.etag },
      body: { provider: "Nya Kvällsvård AB" },
    });
    expect(first.status).toBe(200);
    const stale = await app.call("PATCH", `/api/contracts/${created.id}`, {
      user: "erik",
      headers: { "If-Match": created.etag },
      body: { provider: "Erik AB" },
    });
    // Erik may not read VAN's contract: it answers as a missing one would.
    expect(stale.status).toBe(404);
    const staleMember = await app.call("PATCH", `/api/contracts/${created.id}`, {
      user: "anna",
      headers: { "If-Match": created.etag },
      body: { provider: "Gammal version AB" },
    });
    expect(staleMember.status).toBe(412);
    expect(staleMember.body.detail).toContain("ändrats av någon annan");
    expect(staleMember.body.current).toMatchObject({ provider: "Nya Kvällsvård AB" });
    const history = await app.call("GET", `/api/contracts/${created.id}/history`, { user: "anna" });
    // The provider's name changes in the text column and in the list of providers it follows.
    expect(history.body.items[0]!.changes).toEqual([
      { field: "provider", from: "Kvällsvård & Co AB", to: "Nya Kvällsvård AB" },
      {
        field: "providers",
        from: JSON.stringify([{ name: "Kvällsvård & Co AB", orgNumber: "556677-8899", email: "" }]),
        to: JSON.stringify([{ name: "Nya Kvällsvård AB", orgNumber: "556677-8899", email: "" }]),
      },
    ]);
    expect(history.body.items).toHaveLength(2);
    // Who: the person who saved, not the app's own identity that wrote to SharePoint.
    expect(history.body.items[0]!.modifiedBy).toBe("Anna Lindqvist");
  });

  test("search and filters", async () => {
    const search = await app.call("GET", `/api/contracts?committeeId=${van}&q=hemtjänst`, {
      user: "anna",
    });
    expect(search.body.items.map((item: { title: string }) => item.title)).toContain(
      "Hemtjänst enligt LOV",
    );
    const strategic = await app.call("GET", `/api/contracts?committeeId=${van}&strategic=false`, {
      user: "anna",
    });
    expect(strategic.body.items.every((item: { strategic: boolean }) => !item.strategic)).toBe(
      true,
    );
    const bad = await app.call("GET", `/api/contracts?committeeId=${van}&status=kanske`, {
      user: "anna",
    });
    expect(bad.status).toBe(400);
    const injection = await app.call(
      "GET",
      `/api/contracts?committeeId=${encodeURIComponent("1 or 1 eq 1")}`,
      { user: "anna" },
    );
    expect(injection.status).toBe(400);
  });

  test("a unique contract number: a duplicate gets 409", async () => {
    const body = newContract({ contractNumber: "ÅSBY-UNIK-1" });
    expect((await app.call("POST", "/api/contracts", { user: "anna", body })).status).toBe(201);
    const duplicate = await app.call("POST", "/api/contracts", { user: "anna", body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe("duplicate");
  });

  test("contract numbers are unique regardless of case, å, ä and ö included, also when changed", async () => {
    const first = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({ contractNumber: "ÅSBY-ÄLDRE-ÖST" }),
    });
    expect(first.status).toBe(201);
    const lower = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({ contractNumber: "åsby-äldre-öst" }),
    });
    expect(lower.status).toBe(409);
    expect(lower.body.errors).toEqual([
      { field: "contractNumber", message: "Används redan av Hemsjukvård kvällstid" },
    ]);
    expect(lower.body.detail).toContain("oavsett stora och små bokstäver");

    const other = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: newContract({ contractNumber: "ÅSBY-VÄST" }),
    });
    expect(other.status).toBe(201);
    const renamed = await app.call("PATCH", `/api/contracts/${other.body.id}`, {
      user: "anna",
      headers: { "If-Match": other.body.etag },
      body: { contractNumber: " Åsby-Äldre-Öst " },
    });
    expect(renamed.status).toBe(409);
    // Saving a contract under its own number, in other letters, is fine.
    const same = await app.call("PATCH", `/api/contracts/${first.body.id}`, {
      user: "anna",
      headers: { "If-Match": first.body.etag },
      body: { contractNumber: "Åsby-Äldre-Öst" },
    });
    expect(same.status).toBe(200);
  });
});
