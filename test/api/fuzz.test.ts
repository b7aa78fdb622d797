import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp, type TestResponse } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { setBudget } from "../support/local-graph.ts";

/**
 * Property-based fuzzing of every route with hostile input: wrong types,
 * missing and unknown fields, huge strings, control characters, OData
 * injection, HTML and script, path traversal, bad dates. Whatever comes in,
 * the answer is never 5xx; a refusal is a problem document with a Swedish
 * detail; anything accepted is stored clean (no control characters, within
 * the limits) and nothing outside the caller's nämnder leaks.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const RECORD_KINDS = ["plans", "kickoffs", "deviations", "follow-ups", "deficiencies"] as const;

let app: TestApp;
let van: string;
let vanContract: string;
let readable: Set<string>;
let me: { id: string; name: string; email: string };
const recordIds = new Map<string, string>();

const HOSTILE_STRINGS = [
  "",
  " ",
  "'",
  "''",
  "' or 1 eq 1",
  "eq",
  "x' or fields/committeeLookupId ne '0",
  "') or startswith(fields/Title,'",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[klicka](javascript:alert(1))",
  "{{title}}",
  "{#contracts}{/contracts}",
  '=HYPERLINK("http://example.com")',
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "2026-02-30",
  "31/12/2026",
  "2026-13-01",
  "0000-00-00",
  "99999999999",
  "-1",
  "1e309",
  "NaN",
  "\u0000",
  "a\u0007b",
  "\u202eevil",
  "\ud800",
  "null",
  "true",
  "__proto__",
];

/** For paths and query strings (a URL has its own, smaller limit). */
const hostileShortText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

const hostileText = fc.oneof(
  { weight: 9, arbitrary: hostileShortText },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 20_001, maxLength: 40_000, unit: "grapheme-ascii" }),
  },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }) },
);

/** A valid body with some fields replaced, removed or added. */
function mutated(base: () => Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base());
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.subarray(keys, { minLength: 1, maxLength: Math.min(3, keys.length) }),
          fc.array(hostileValue, { minLength: 3, maxLength: 3 }),
          fc.boolean(),
          fc.option(fc.tuple(hostileText, hostileValue)),
        )
        .map(([chosen, values, remove, extra]) => {
          const body: Record<string, unknown> = base();
          chosen.forEach((key, index) => {
            if (remove && index === 0) delete body[key];
            else body[key] = values[index];
          });
          if (extra) body[extra[0]] = extra[1];
          return body;
        }),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

const idOrHostile = (valid: () => string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(valid) },
    { weight: 3, arbitrary: hostileShortText },
  );

const segment = (value: string) => encodeURIComponent(value.toWellFormed());

interface FuzzRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function query(entries: Array<[string, unknown]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

const requests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .record({
      committeeId: fc.option(idOrHostile(() => van)),
      q: fc.option(hostileShortText),
      status: fc.option(hostileShortText),
      serviceArea: fc.option(hostileShortText),
      strategic: fc.option(hostileShortText),
      expiresWithinDays: fc.option(hostileShortText),
    })
    .map((params) => ({
      method: "GET",
      path: `/api/contracts?${query(Object.entries(params).map(([key, value]) => [key, value ?? undefined]))}`,
    })),
  fc
    .tuple(
      idOrHostile(() => vanContract),
      fc.constantFrom("", "/history", "/risk"),
    )
    .map(([id, tail]) => ({ method: "GET", path: `/api/contracts/${segment(id)}${tail}` })),
  // A risk assessment: scores off the scale or not numbers, hostile reasons, stale or odd ETags.
  fc
    .tuple(
      idOrHostile(() => vanContract),
      hostileShortText,
      fc.record({
        likelihood: fc.oneof(fc.integer({ min: -3, max: 9 }), fc.double(), hostileShortText),
        consequence: fc.oneof(fc.integer({ min: -3, max: 9 }), hostileShortText),
        reason: fc.option(hostileShortText),
      }),
    )
    .map(([id, etag, body]) => ({
      method: "PATCH",
      path: `/api/contracts/${segment(id)}/risk`,
      body,
      headers: { "If-Match": etag.replace(/[^\x20-\x7e]/g, "") || "*" },
    })),
  mutated(() => contractBody(van, me, "Fuzz")).map((body) => ({
    method: "POST",
    path: "/api/contracts",
    body,
  })),
  fc
    .tuple(
      idOrHostile(() => vanContract),
      hostileShortText,
      mutated(() => contractBody(van, me, "Fuzz")),
    )
    .map(([id, etag, body]) => ({
      method: "PATCH",
      path: `/api/contracts/${segment(id)}`,
      body,
      headers: { "If-Match": etag.replace(/[^\x20-\x7e]/g, "") || "*" },
    })),
  fc.constantFrom(...RECORD_KINDS).chain((kind) =>
    fc.oneof(
      mutated(() => recordBody(kind, van, vanContract, "Fuzz")).map((body) => ({
        method: "POST",
        path: `/api/${kind}`,
        body,
      })),
      fc
        .tuple(
          idOrHostile(() => recordIds.get(kind)!),
          mutated(() => recordBody(kind, van, vanContract, "Fuzz")),
        )
        .map(([id, body]) => ({
          method: "PATCH",
          path: `/api/${kind}/${segment(id)}`,
          body,
          headers: { "If-Match": '"{00000000-0000-0000-0000-000000000000},1"' },
        })),
      fc
        .tuple(
          idOrHostile(() => van),
          fc.option(idOrHostile(() => vanContract)),
        )
        .map(([committeeId, contractId]) => ({
          method: "GET",
          path: `/api/${kind}?${query([
            ["committeeId", committeeId],
            ["contractId", contractId ?? undefined],
          ])}`,
        })),
      fc
        .tuple(
          idOrHostile(() => recordIds.get(kind)!),
          fc.constantFrom("", "/history"),
        )
        .map(([id, tail]) => ({ method: "GET", path: `/api/${kind}/${segment(id)}${tail}` })),
    ),
  ),
  // Evidence: hostile record and file ids, and hostile file names with a hostile body as the file.
  fc
    .tuple(
      fc.constantFrom("contracts", "follow-ups", "deviations", "deficiencies"),
      idOrHostile(() => recordIds.get("follow-ups")!),
      fc.constantFrom("", "/x/content"),
      hostileShortText,
    )
    .map(([kind, id, tail, fileId]) => ({
      method: "GET",
      path: `/api/${kind}/${segment(id)}/evidence${tail.replace("x", segment(fileId))}`,
    })),
  fc.tuple(hostileShortText, fc.constantFrom("", ".txt", ".pdf", ".exe")).map(([name, end]) => ({
    method: "POST",
    path: `/api/follow-ups/${recordIds.get("follow-ups")}/evidence?${query([["name", `${name}${end}`]])}`,
    body: name,
  })),
  idOrHostile(() => van).map((id) => ({
    method: "GET",
    path: `/api/committees/${segment(id)}/dashboard`,
  })),
  fc.option(hostileShortText).map((year) => ({
    method: "GET",
    path: `/api/overview?${query([["year", year ?? undefined]])}`,
  })),
  fc
    .record(
      {
        type: fc.oneof(
          fc.constantFrom("namnd", "ks", "plan", "uppstart", "aterkoppling"),
          hostileValue,
        ),
        committeeId: fc.oneof(
          idOrHostile(() => van),
          hostileValue,
        ),
        period: hostileValue,
        year: fc.oneof(fc.integer(), hostileValue),
        mandatePeriod: hostileValue,
        kickoffId: hostileValue,
        followUpId: hostileValue,
        provider: hostileValue,
      },
      { requiredKeys: [] },
    )
    .map((body) => ({ method: "POST", path: "/api/reports", body })),
  // A report's life: hostile statuses, dates, paragraphs and registry numbers.
  fc
    .tuple(
      hostileShortText,
      fc.record(
        {
          status: fc.oneof(fc.constantFrom("utkast", "klar för nämnd", "beslutad"), hostileValue),
          decisionDate: hostileValue,
          paragraph: hostileValue,
          registryNumber: hostileValue,
        },
        { requiredKeys: [] },
      ),
    )
    .map(([id, body]) => ({
      method: "PATCH",
      path: `/api/reports/${segment(id)}`,
      body,
      headers: { "If-Match": '"{00000000-0000-0000-0000-000000000000},1"' },
    })),
  idOrHostile(() => van).map((id) => ({
    method: "GET",
    path: `/api/reports?${query([["committeeId", id]])}`,
  })),
  hostileShortText.map((id) => ({ method: "GET", path: `/api/reports/${segment(id)}/content` })),
  fc
    .tuple(
      fc.constantFrom(
        "register.xlsx",
        "follow-ups.xlsx",
        "reporting-system.csv",
        "reporting-system.xlsx",
      ),
      idOrHostile(() => van),
      hostileShortText,
    )
    .map(([file, committeeId, other]) => ({
      method: "GET",
      path: `/api/exports/${file}?${query([
        ["committeeId", committeeId],
        ["system", other],
        ["period", other],
        ["year", other],
      ])}`,
    })),
  fc
    .tuple(
      fc.constantFrom(
        "/insyn/",
        "/insyn/avtal.json?namnd=",
        "/insyn/avtal.csv?namnd=",
        "/insyn/fragment?namnd=",
      ),
      hostileShortText,
    )
    .map(([prefix, value]) => ({ method: "GET", path: `${prefix}${segment(value)}` })),
  mutated(() => ({ text: "status" })).map((body) => ({ method: "POST", path: "/api/chat", body })),
  hostileText.map((text) => ({ method: "POST", path: "/api/chat", body: { text } })),
  // Raw paths a browser would not send: bad percent-encoding and traversal.
  fc
    .constantFrom(
      "/api/contracts/%E0%A4%A",
      "/api/contracts/..%2f..%2fhealthz",
      "/api/reports/%2e%2e%2f%2e%2e%2fetc%2fpasswd/content",
      "/api/follow-ups/%00",
      "/insyn/%ff",
      "/insyn/..%5c..%5cwindows",
      "/api/exports/..%2fregister.xlsx",
    )
    .map((path) => ({ method: "GET", path })),
);

/** C0 controls other than tab and line breaks, and DEL. */
const hasControlCharacter = (value: string) =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && !"\t\n\r".includes(char)) || code === 0x7f;
  });

function assertClean(value: unknown, where: string): void {
  if (typeof value === "string") {
    expect(hasControlCharacter(value), `${where} holds a control character`).toBe(false);
    expect(value.length, `${where} is too long`).toBeLessThanOrEqual(20_000);
  } else if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) assertClean(entry, `${where}[${index}]`);
  } else if (value && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) assertClean(entry, `${where}.${key}`);
  }
}

function assertAnswer(request: FuzzRequest, response: TestResponse): void {
  const label = `${request.method} ${request.path.slice(0, 200)}`;
  expect(
    response.status,
    `${label} → ${JSON.stringify(response.body)?.slice(0, 300)}`,
  ).toBeLessThan(500);
  if (response.status >= 400 && !request.path.startsWith("/insyn")) {
    expect(response.headers.get("content-type"), label).toContain("application/problem+json");
    expect(typeof response.body.code, label).toBe("string");
    expect(response.body.detail, label).toMatch(/\S/);
  }
  if (response.status < 300 && ["POST", "PATCH"].includes(request.method)) {
    assertClean(response.body, label);
  }
  const items = (response.body as { items?: Array<{ committeeId?: string }> } | undefined)?.items;
  if (response.status === 200 && request.path.startsWith("/api/") && Array.isArray(items)) {
    for (const item of items) {
      if (item.committeeId) expect(readable.has(item.committeeId), label).toBe(true);
    }
  }
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  // Thousands of requests a minute from one person: far beyond a kommun's budget, which is not what this tests.
  await setBudget(app.running.localGraph!, { enforced: false });
  van = await app.committeeId("VAN");
  vanContract = await app.contractId("Hemtjänst enligt LOV");
  const profile = (await app.call("GET", "/api/me", { user: "anna" })).body;
  me = profile.user;
  readable = new Set(profile.committees.map((committee: { id: string }) => committee.id));
  for (const kind of RECORD_KINDS) {
    const created = await app.call("POST", `/api/${kind}`, {
      user: "anna",
      body: recordBody(kind, van, vanContract, "Utgångsläge"),
    });
    expect(created.status).toBe(201);
    recordIds.set(kind, created.body.id);
  }
});
afterAll(async () => {
  await app.stop();
});

describe("fuzzing every route", () => {
  test(`${REQUESTS} hostile requests: never 5xx, problems in Swedish, nothing stored unclean`, async () => {
    const token = await app.tokenFor("anna");
    let sent = 0;
    const accepted = { reads: 0, writes: 0 };
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        sent += 1;
        const response = await app.call(request.method, request.path, {
          token,
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          ...(request.headers ? { headers: request.headers } : {}),
        });
        assertAnswer(request, response);
        if (response.status >= 400) refused += 1;
        else if (request.method === "GET") accepted.reads += 1;
        else accepted.writes += 1;
      }),
      {
        numRuns: REQUESTS,
        seed: Number(process.env.FUZZ_SEED ?? 20261124),
        endOnFailure: true,
        // Counterexamples can be 40 kB strings: report them shortened.
        reporter: (details) => {
          if (!details.failed) return;
          const example = JSON.stringify(details.counterexample).slice(0, 600);
          throw new Error(
            `${String(details.errorInstance).slice(0, 1500)}\nCounterexample: ${example}`,
          );
        },
      },
    );
    expect(sent).toBe(REQUESTS);
    // The generator reaches both sides: refusals, and inputs hostile yet valid enough to store.
    expect(refused).toBeGreaterThan(REQUESTS * 0.3);
    expect(accepted.writes).toBeGreaterThan(REQUESTS * 0.01);
    expect(accepted.reads).toBeGreaterThan(REQUESTS * 0.05);
    console.info(
      `fuzz: ${refused} refused, ${accepted.reads} reads and ${accepted.writes} writes accepted`,
    );
  }, 600_000);

  test("a body that is not JSON, or too large, is a 4xx problem", async () => {
    const token = await app.tokenFor("anna");
    const notJson = await app.call("POST", "/api/contracts", {
      token,
      body: "{ inte json",
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toMatch(/\S/);
    const huge = await app.call("POST", "/api/contracts", {
      token,
      body: JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toMatch(/\S/);
  });
});
