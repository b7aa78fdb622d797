import type { Router } from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/src/app.ts";
import { BotReplies } from "../../api/src/bot/bot-replies.ts";
import { DEMO_USERS, type DemoUserKey } from "../../api/src/demo/demo-people.ts";
import { APP_ITSELF } from "../../api/src/domain/actor.ts";
import type { Items, ProviderPage, ProviderSummary } from "../../api/src/http/api-shapes.ts";
import { createTokenValidator } from "../../api/src/http/auth/token-validator.ts";
import { createLogger } from "../../api/src/logger.ts";
import { AppStore } from "../../api/src/store/app-store.ts";
import { encodePlan } from "../../api/src/store/mappers.ts";
import { MembershipResolver } from "../../api/src/store/membership.ts";
import { localTestConfig, startTestApp, type TestApp } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";
import { listClient } from "../support/lists.ts";

/**
 * Every route the app serves, with who may call it: the table below must
 * name each route the express app registers (a new route fails this test
 * until its rule is written down), and each rule is checked for anonymous
 * callers and for a member of the nämnd (Anna, VAN), a member of another
 * nämnd (Erik, TN), kommunledningskontoret (Karin) and a nämnd secretary of
 * a third nämnd (Maria, SN).
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
const USERS = ["anna", "erik", "karin", "maria"] as const;
type User = (typeof USERS)[number];

/** Who gets through: the nämnd's member, readers (member + KLK), KLK only, anyone signed in, anyone. */
type Rule = "public" | "signed-in" | "member" | "reader" | "klk";

interface RouteCase {
  rule: Rule;
  /** The status when allowed (with the sample input). */
  ok: number;
  /**
   * One item of one nämnd: to a signed-in person who may not read it, it answers
   * 404 exactly as a missing one does, so ids of other nämnders' items stay unknown.
   */
  hidden?: true;
  request: () => Promise<{ path: string; body?: unknown; headers?: Record<string, string> }>;
}

let app: TestApp;
const van = { committee: "", contract: "", report: "", records: new Map<string, string>() };

async function etagOf(path: string): Promise<string> {
  return (await app.call<{ etag: string }>("GET", path, { user: "anna" })).body.etag;
}

let nextElection = 2034;
const RECORD_KINDS = ["plans", "kickoffs", "deviations", "follow-ups", "deficiencies"] as const;

/** A new record of VAN, written by its member Anna. */
let removableElection = 2102;
async function freshRecord(kind: string): Promise<{ id: string; etag: string }> {
  const body = recordBody(kind, van.committee, van.contract, "matris");
  // One plan per mandate period, apart from the periods the other cases use.
  if (kind === "plans") {
    removableElection += 4;
    Object.assign(body, { mandatePeriod: `${removableElection}–${removableElection + 4}` });
  }
  const created = await app.call<{ id: string; etag: string }>("POST", `/api/${kind}`, {
    user: "anna",
    body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** A new VAN contract with nothing recorded against it, written by Anna. */
async function freshContract(): Promise<{ id: string; etag: string }> {
  const owner = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: contractBody(van.committee, owner, "Matrisavtal att ta bort"),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

function recordCases(kind: string): Record<string, RouteCase> {
  const one = () => `/api/${kind}/${van.records.get(kind)}`;
  return {
    [`GET /api/${kind}`]: {
      rule: "reader",
      ok: 200,
      request: async () => ({ path: `/api/${kind}?committeeId=${van.committee}` }),
    },
    [`GET /api/${kind}/:id`]: {
      rule: "reader",
      ok: 200,
      hidden: true,
      request: async () => ({ path: one() }),
    },
    [`GET /api/${kind}/:id/history`]: {
      rule: "reader",
      ok: 200,
      hidden: true,
      request: async () => ({ path: `${one()}/history` }),
    },
    // Excel here (PDF starts LibreOffice: the history export's own test covers it).
    [`GET /api/${kind}/:id/history/export`]: {
      rule: "reader",
      ok: 200,
      hidden: true,
      request: async () => ({ path: `${one()}/history/export?format=xlsx` }),
    },
    [`POST /api/${kind}`]: {
      rule: "member",
      ok: 201,
      request: async () => {
        const body = recordBody(kind, van.committee, van.contract, "matris");
        // One plan per mandate period: each attempt names a later one.
        if (kind === "plans") {
          nextElection += 4;
          Object.assign(body, { mandatePeriod: `${nextElection}–${nextElection + 4}` });
        }
        return { path: `/api/${kind}`, body };
      },
    },
    // Each call removes a record made for it (a removed one is gone for everyone).
    [`POST /api/${kind}/:id/remove`]: {
      rule: "member",
      ok: 200,
      hidden: true,
      request: async () => {
        const created = await freshRecord(kind);
        return {
          path: `/api/${kind}/${created.id}/remove`,
          headers: { "If-Match": created.etag },
          body: { reason: "Registrerad i matrisen" },
        };
      },
    },
    [`PATCH /api/${kind}/:id`]: {
      rule: "member",
      ok: 200,
      hidden: true,
      request: async () => ({
        path: one(),
        headers: { "If-Match": await etagOf(one()) },
        body: kind === "plans" ? { scope: "Ändrad i matrisen" } : {},
      }),
    },
  };
}

const EVIDENCE_PATHS = ["contracts", "follow-ups", "deviations", "deficiencies"] as const;
const evidenceFiles = new Map<string, string>();

/** The record of VAN each evidence path's cases use. */
const evidenceRecord = (path: string) =>
  path === "contracts" ? van.contract : (van.records.get(path) ?? "");

/** A file attached to one of VAN's records by its member Anna. */
async function attachAsAnna(path: string): Promise<{ id: string; etag: string }> {
  const response = await fetch(
    `${app.url}/api/${path}/${evidenceRecord(path)}/evidence?name=matris.txt`,
    {
      method: "POST",
      headers: {
        Authorization: `Bearer ${await app.tokenFor("anna")}`,
        "Content-Type": "text/plain",
      },
      body: "Underlag i matrisen\n",
    },
  );
  const body = (await response.json()) as { id: string; etag: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

function evidenceCases(path: string): Record<string, RouteCase> {
  const base = () => `/api/${path}/${evidenceRecord(path)}/evidence`;
  return {
    [`GET /api/${path}/:id/evidence`]: {
      rule: "reader",
      ok: 200,
      request: async () => ({ path: base() }),
    },
    [`POST /api/${path}/:id/evidence`]: {
      rule: "member",
      ok: 201,
      request: async () => ({
        path: `${base()}?name=matris.txt`,
        body: "Underlag i matrisen\n",
        headers: { "Content-Type": "text/plain" },
      }),
    },
    [`GET /api/${path}/:id/evidence/:fileId/content`]: {
      rule: "reader",
      ok: 200,
      request: async () => ({ path: `${base()}/${evidenceFiles.get(path)}/content` }),
    },
    // Each call removes a file attached for it.
    [`POST /api/${path}/:id/evidence/:fileId/remove`]: {
      rule: "member",
      ok: 200,
      request: async () => {
        const file = await attachAsAnna(path);
        return {
          path: `${base()}/${file.id}/remove`,
          headers: { "If-Match": file.etag },
          body: { reason: "Bifogad i matrisen" },
        };
      },
    },
  };
}

const ROUTES: Record<string, RouteCase> = {
  "GET /healthz": { rule: "public", ok: 200, request: async () => ({ path: "/healthz" }) },
  "GET /insyn": { rule: "public", ok: 200, request: async () => ({ path: "/insyn" }) },
  "GET /insyn/:code": { rule: "public", ok: 200, request: async () => ({ path: "/insyn/VAN" }) },
  "GET /insyn/avtal.json": {
    rule: "public",
    ok: 200,
    request: async () => ({ path: "/insyn/avtal.json" }),
  },
  "GET /insyn/avtal.csv": {
    rule: "public",
    ok: 200,
    request: async () => ({ path: "/insyn/avtal.csv" }),
  },
  "GET /insyn/fragment": {
    rule: "public",
    ok: 200,
    request: async () => ({ path: "/insyn/fragment" }),
  },
  // Local mode's demo sign-in (absent in tenant mode, see the tenant-mode test).
  "GET /api/local-auth/users": {
    rule: "public",
    ok: 200,
    request: async () => ({ path: "/api/local-auth/users" }),
  },
  "POST /api/local-auth/token": {
    rule: "public",
    ok: 400,
    request: async () => ({ path: "/api/local-auth/token", body: { userId: "okänd" } }),
  },
  "GET /api/me": { rule: "signed-in", ok: 200, request: async () => ({ path: "/api/me" }) },
  "GET /api/committees": {
    rule: "signed-in",
    ok: 200,
    request: async () => ({ path: "/api/committees" }),
  },
  "GET /api/committees/:id/dashboard": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/committees/${van.committee}/dashboard` }),
  },
  "GET /api/committees/:id/channel": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/committees/${van.committee}/channel` }),
  },
  "GET /api/overview": { rule: "klk", ok: 200, request: async () => ({ path: "/api/overview" }) },
  "GET /api/contracts": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/contracts?committeeId=${van.committee}` }),
  },
  "GET /api/contracts/:id": {
    rule: "reader",
    ok: 200,
    hidden: true,
    request: async () => ({ path: `/api/contracts/${van.contract}` }),
  },
  "GET /api/contracts/:id/history": {
    rule: "reader",
    ok: 200,
    hidden: true,
    request: async () => ({ path: `/api/contracts/${van.contract}/history` }),
  },
  "GET /api/contracts/:id/history/export": {
    rule: "reader",
    ok: 200,
    hidden: true,
    request: async () => ({
      path: `/api/contracts/${van.contract}/history/export?format=xlsx&internal=true`,
    }),
  },
  "GET /api/contracts/:id/risk": {
    rule: "reader",
    ok: 200,
    hidden: true,
    request: async () => ({ path: `/api/contracts/${van.contract}/risk` }),
  },
  "PATCH /api/contracts/:id/risk": {
    rule: "member",
    ok: 200,
    hidden: true,
    request: async () => ({
      path: `/api/contracts/${van.contract}/risk`,
      headers: { "If-Match": await etagOf(`/api/contracts/${van.contract}`) },
      body: { likelihood: 2, consequence: 3, reason: "Bedömd i matrisen" },
    }),
  },
  // Assessed first (as Anna), so there is an assessment to withdraw at the version read.
  "DELETE /api/contracts/:id/risk": {
    rule: "member",
    ok: 200,
    hidden: true,
    request: async () => {
      const confirmed = await app.call("PATCH", `/api/contracts/${van.contract}/risk`, {
        user: "anna",
        headers: { "If-Match": await etagOf(`/api/contracts/${van.contract}`) },
        body: { likelihood: 2, consequence: 3, reason: "Bedömd i matrisen" },
      });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      return {
        path: `/api/contracts/${van.contract}/risk`,
        headers: { "If-Match": confirmed.body.etag },
        body: { reason: "Återkallad i matrisen" },
      };
    },
  },
  "GET /api/settings/risk": {
    rule: "signed-in",
    ok: 200,
    request: async () => ({ path: "/api/settings/risk" }),
  },
  // The values as they are, at the version read: allowed or not, nothing changes.
  "PUT /api/settings/risk": {
    rule: "klk",
    ok: 200,
    request: async () => {
      const { etag, matrix, cadence } = (
        await app.call("GET", "/api/settings/risk", { user: "karin" })
      ).body;
      return {
        path: "/api/settings/risk",
        headers: { "If-Match": etag },
        body: { matrix, cadence },
      };
    },
  },
  "POST /api/contracts": {
    rule: "member",
    ok: 201,
    request: async () => ({
      path: "/api/contracts",
      body: contractBody(
        van.committee,
        (await app.call("GET", "/api/me", { user: "anna" })).body.user,
        "Matrisavtal",
      ),
    }),
  },
  "PATCH /api/contracts/:id": {
    rule: "member",
    ok: 200,
    hidden: true,
    request: async () => ({
      path: `/api/contracts/${van.contract}`,
      headers: { "If-Match": await etagOf(`/api/contracts/${van.contract}`) },
      body: { extensionOptions: "Ändrad i matrisen" },
    }),
  },
  // A nämnd takes itself off a contract another nämnd shares with it: here a KS contract
  // shared with VAN, new for each call. VAN's members and KLK may; others cannot see it.
  "DELETE /api/contracts/:id/shares/:committeeId": {
    rule: "reader",
    ok: 204,
    hidden: true,
    request: async () => ({
      path: `/api/contracts/${await ksContractSharedWithVan()}/shares/${van.committee}`,
    }),
  },
  "POST /api/contracts/:id/remove": {
    rule: "member",
    ok: 200,
    hidden: true,
    request: async () => {
      const created = await freshContract();
      return {
        path: `/api/contracts/${created.id}/remove`,
        headers: { "If-Match": created.etag },
        body: { reason: "Registrerat i matrisen" },
      };
    },
  },
  ...Object.assign({}, ...RECORD_KINDS.map(recordCases)),
  ...Object.assign({}, ...EVIDENCE_PATHS.map(evidenceCases)),
  // Records removed by mistake: kommunledningskontoret lists and restores them.
  "GET /api/removed": { rule: "klk", ok: 200, request: async () => ({ path: "/api/removed" }) },
  "POST /api/removed/:list/:id/restore": {
    rule: "klk",
    ok: 200,
    request: async () => {
      const created = await freshRecord("deviations");
      const removed = await app.call("POST", `/api/deviations/${created.id}/remove`, {
        user: "anna",
        headers: { "If-Match": created.etag },
        body: { reason: "Att återställa i matrisen" },
      });
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      return {
        path: `/api/removed/deviations/${created.id}/restore`,
        headers: { "If-Match": removed.body.etag },
      };
    },
  },
  "GET /api/reports": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/reports?committeeId=${van.committee}` }),
  },
  "POST /api/reports": {
    rule: "member",
    ok: 201,
    request: async () => ({
      path: "/api/reports",
      body: { type: "namnd", committeeId: van.committee },
    }),
  },
  // A member marks the report ready for the nämnd (recording the decision is the secretary's, tested in reports).
  "PATCH /api/reports/:id": {
    rule: "member",
    ok: 200,
    hidden: true,
    request: async () => {
      const rows = await app.call("GET", `/api/reports?committeeId=${van.committee}`, {
        user: "anna",
      });
      const row = rows.body.items.find((item: { id: string }) => item.id === van.report)!;
      return {
        path: `/api/reports/${van.report}`,
        headers: { "If-Match": row.etag },
        body: { status: "klar för nämnd" },
      };
    },
  },
  "GET /api/reports/:id/content": {
    rule: "reader",
    ok: 200,
    hidden: true,
    request: async () => ({ path: `/api/reports/${van.report}/content` }),
  },
  "GET /api/exports/register.xlsx": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/exports/register.xlsx?committeeId=${van.committee}` }),
  },
  "GET /api/exports/follow-ups.xlsx": {
    rule: "reader",
    ok: 200,
    request: async () => ({ path: `/api/exports/follow-ups.xlsx?committeeId=${van.committee}` }),
  },
  "GET /api/exports/reporting-system.csv": {
    rule: "klk",
    ok: 200,
    request: async () => ({ path: "/api/exports/reporting-system.csv?system=hypergene" }),
  },
  "GET /api/exports/reporting-system.xlsx": {
    rule: "klk",
    ok: 200,
    request: async () => ({ path: "/api/exports/reporting-system.xlsx?system=stratsys" }),
  },
  // Imports into VAN: its secretaries (none among these people) and kommunledningskontoret.
  "POST /api/imports/preview": {
    rule: "klk",
    ok: 200,
    request: async () => ({ path: "/api/imports/preview", body: importBody() }),
  },
  "POST /api/imports": {
    rule: "klk",
    ok: 200,
    request: async () => ({ path: "/api/imports", body: importBody() }),
  },
  "POST /api/imports/result.xlsx": {
    rule: "klk",
    ok: 200,
    request: async () => ({
      path: "/api/imports/result.xlsx",
      body: {
        committeeId: van.committee,
        report: {
          files: [],
          sheets: [],
          rows: [],
          counts: { created: 0, updated: 0, unchanged: 0, refused: 0 },
          unmatchedPeople: [],
        },
      },
    }),
  },
  // Kommunledningskontoret's "send again"; no such reminder here, so the allowed answer is 404.
  "POST /api/reminders/:id/release": {
    rule: "klk",
    ok: 404,
    request: async () => ({ path: "/api/reminders/999999/release", body: {} }),
  },
  "POST /api/chat": {
    rule: "signed-in",
    ok: 202,
    request: async () => ({ path: "/api/chat", body: { text: "hjälp" } }),
  },
  "GET /api/chat": { rule: "signed-in", ok: 200, request: async () => ({ path: "/api/chat" }) },
  // Providers across the kommun: everyone signed in; what each sees of a provider's contracts
  // follows the contracts' own rule (test/api/providers.test.ts).
  "GET /api/providers": {
    rule: "signed-in",
    ok: 200,
    request: async () => ({ path: "/api/providers" }),
  },
  "GET /api/providers/:key": {
    rule: "signed-in",
    ok: 200,
    request: async () => ({ path: `/api/providers/${encodeURIComponent("org:556910-3301")}` }),
  },
  "GET /api/providers/:key/register/history": {
    rule: "signed-in",
    ok: 200,
    request: async () => ({
      path: `/api/providers/${encodeURIComponent("org:556910-3301")}/register/history`,
    }),
  },
  // The register entry of a provider only VAN has contracts with: VAN's members and KLK.
  "PUT /api/providers/:key/register": {
    rule: "reader",
    ok: 200,
    request: async () => {
      const path = await solgardenRegisterPath();
      const page = await app.call<ProviderPage>("GET", path.replace(/\/register$/, ""), {
        user: "anna",
      });
      return {
        path,
        headers: { "If-Match": page.body.register.entry?.etag ?? "" },
        body: { name: "Omsorgshuset Solgården AB", financesNote: "Noterad i matrisen." },
      };
    },
  },
  // "Samma leverantör?" answered by those who may edit the entry; Solgården is asked
  // nothing, so the allowed answer is 409 question-not-asked (answers: providers.test.ts).
  "POST /api/providers/:key/register/answers": {
    rule: "reader",
    ok: 409,
    request: async () => ({
      path: `${await solgardenRegisterPath()}/answers`,
      headers: { "If-Match": '"1"' },
      body: { questionId: "same:name:solgården|org:556910-5504", same: true },
    }),
  },
};

/** Solgården's register path, its entry made once (so every call is an update with If-Match). */
let solgarden = "";
async function solgardenRegisterPath(): Promise<string> {
  if (solgarden) return solgarden;
  const list = await app.call<Items<ProviderSummary>>("GET", "/api/providers", { user: "anna" });
  const key = list.body.items.find((item) => item.name === "Omsorgshuset Solgården AB")?.key;
  expect(key).toBeDefined();
  solgarden = `/api/providers/${encodeURIComponent(key ?? "")}/register`;
  const made = await app.call("PUT", solgarden, {
    user: "anna",
    body: { name: "Omsorgshuset Solgården AB" },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return solgarden;
}

/** A one-row register for VAN: the same file every time, so repeated imports change nothing. */
function importBody() {
  const file = "Avtalsnummer;Avtal;Utförare\r\nVAN-MATRIS-1;Matrisens avtal;Matris AB\r\n";
  return {
    committeeId: van.committee,
    files: [{ name: "matris.csv", content: Buffer.from(file).toString("base64") }],
  };
}

let sharedCount = 0;
async function ksContractSharedWithVan(): Promise<string> {
  sharedCount += 1;
  const karin = (await app.call("GET", "/api/me", { user: "karin" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "karin",
    body: {
      ...contractBody(await app.committeeId("KS"), karin, `Delat avtal ${sharedCount}`),
      sharedWithCommitteeIds: [van.committee],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

function expectedStatus(spec: RouteCase, user: User | undefined): number {
  if (allowed(spec.rule, user)) return spec.ok;
  if (user === undefined) return 401;
  return spec.hidden && !allowed("reader", user) ? 404 : 403;
}

const CODE_OF_STATUS: Record<number, string> = {
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
};

function allowed(rule: Rule, user: User | undefined): boolean {
  switch (rule) {
    case "public":
      return true;
    case "signed-in":
      return user !== undefined;
    case "member":
      return user === "anna";
    case "reader":
      return user === "anna" || user === "karin";
    case "klk":
      return user === "karin";
  }
}

/** `GET /api/contracts/:id` for every route the express app (and its routers) registers. */
function registeredRoutes(router: Router, prefix = ""): string[] {
  const routes: string[] = [];
  for (const layer of router.stack as unknown as Array<{
    route?: { path: string; methods: Record<string, boolean> };
    name: string;
    rawPath?: string;
    handle: Router;
  }>) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      }
    } else if (layer.name === "router" || layer.name === "app") {
      const stack = (layer.handle as Router & { router?: Router }).router ?? layer.handle;
      const mount = layer.rawPath && layer.rawPath !== "/" ? layer.rawPath : "";
      if (stack?.stack) routes.push(...registeredRoutes(stack, `${prefix}${mount}`));
    }
  }
  return routes;
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  van.committee = await app.committeeId("VAN");
  van.contract = await app.contractId("Hemtjänst enligt LOV");
  for (const kind of RECORD_KINDS) {
    const created = await app.call("POST", `/api/${kind}`, {
      user: "anna",
      body: recordBody(kind, van.committee, van.contract, "matrisens utgångsläge"),
    });
    expect(created.status, `${kind}: ${JSON.stringify(created.body)}`).toBe(201);
    van.records.set(kind, created.body.id);
  }
  const report = await app.call("POST", "/api/reports", {
    user: "anna",
    body: { type: "namnd", committeeId: van.committee },
  });
  van.report = report.body.report.id;
  for (const path of EVIDENCE_PATHS) evidenceFiles.set(path, (await attachAsAnna(path)).id);
});
afterAll(async () => {
  await app.stop();
});

describe("the route table", () => {
  test("names every route the app registers, and nothing else", async () => {
    const { express } = createApp({
      config: localTestConfig(),
      graph: app.running.graph,
      logger: createLogger("silent"),
      validateToken: createTokenValidator(app.running.localSignIn!.validatorOptions()),
      localGraph: app.running.localGraph!,
      localSignIn: app.running.localSignIn!,
      selfUrl: () => app.url,
    });
    const registered = registeredRoutes(express.router as unknown as Router)
      // The bot's endpoint has its own (Bot Framework) checks, tested in the bot tests.
      .filter((route) => route !== "POST /api/messages")
      .sort();
    expect(registered).toEqual(Object.keys(ROUTES).sort());
  });
});

describe.each([undefined, ...USERS])("as %s", (user) => {
  test.each(Object.keys(ROUTES))("%s", async (route) => {
    const spec = ROUTES[route]!;
    const [method] = route.split(" ");
    const { path, body, headers } = await spec.request();
    const response = await app.call(method!, path, {
      ...(user ? { user: user as DemoUserKey } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });
    const expected = expectedStatus(spec, user);
    expect(
      response.status,
      `${route} as ${user ?? "anonymous"}: ${JSON.stringify(response.body)?.slice(0, 300)}`,
    ).toBe(expected);
    if (!allowed(spec.rule, user)) expect(response.body.code).toBe(CODE_OF_STATUS[expected]);
  });
});

describe("the bot's commands, per role", () => {
  async function ask(user: User, text: string): Promise<string> {
    const before = (await app.call("GET", "/api/chat", { user })).body.items.length;
    expect((await app.call("POST", "/api/chat", { user, body: { text } })).status).toBe(202);
    const items = (await app.call("GET", "/api/chat", { user })).body.items as Array<{
      activity: { text?: string; attachments?: unknown[] };
    }>;
    expect(items.length).toBe(before + 2);
    const answer = items.at(-1)!.activity;
    return `${answer.text ?? ""} ${JSON.stringify(answer.attachments ?? [])}`;
  }

  test.each([
    ["anna", true],
    ["karin", true],
    ["erik", false],
    ["maria", false],
  ] as const)("status for Vård- och äldrenämnden as %s: shown = %s", async (user, shown) => {
    const answer = await ask(user, "status Vård- och äldrenämnden");
    if (shown) expect(answer).not.toContain("inte behörighet");
    else expect(answer).toContain("Du har inte behörighet till Vård- och äldrenämnden");
  });

  test.each([
    ["anna", true],
    ["karin", true],
    ["erik", false],
    ["maria", false],
  ] as const)("a search finds VAN's contract as %s: %s", async (user, shown) => {
    const answer = await ask(user, "avtal Hemtjänst enligt LOV");
    expect(answer).toContain("Avtal som matchar");
    expect(answer.includes("Inga avtal hittades"), answer.slice(0, 400)).toBe(!shown);
  });

  test.each([
    ["erik", "Tekniska nämnden", false],
    ["anna", "Vård- och äldrenämnden", false],
    ["maria", "Socialnämnden", true],
    ["karin", "Tekniska nämnden", true],
  ] as const)(
    "koppla %s → %s in a channel: allowed = %s (secretaries and KLK only)",
    async (user, name, allowedToLink) => {
      const replies = new BotReplies(
        new AppStore(app.running.graph, "root"),
        new MembershipResolver(app.running.graph),
        (path) => path,
        () => TODAY,
      );
      const me = (await app.call("GET", "/api/me", { user })).body.user;
      const code = name === "Socialnämnden" ? "sn" : name === "Tekniska nämnden" ? "tn" : "van";
      const reply = await replies.answer(`koppla ${name}`, me, {
        conversationType: "channel",
        // The channel the nämnd already has, so linking again changes nothing for other tests.
        conversationId: `19:${code}-allmant@thread.tacv2`,
        teamGroupId: undefined,
      });
      expect(reply.kind).toBe("text");
      const text = reply.kind === "text" ? reply.text : "";
      if (allowedToLink) expect(text).toMatch(/^Klart!/);
      else expect(text).toContain("sekreterare (eller kommunledningskontoret) kan koppla");
    },
  );
});

test("koppla refuses a channel of another nämnd's team, even for kommunledningskontoret", async () => {
  const replies = new BotReplies(
    new AppStore(app.running.graph, "root"),
    new MembershipResolver(app.running.graph),
    (path) => path,
    () => TODAY,
  );
  const me = (await app.call("GET", "/api/me", { user: "karin" })).body.user;
  const committees = (await app.call("GET", "/api/me", { user: "karin" })).body
    .committees as Array<{
    code: string;
    groupId: string;
  }>;
  const tnTeam = committees.find((committee) => committee.code === "TN")?.groupId;
  const reply = await replies.answer("koppla Socialnämnden", me, {
    conversationType: "channel",
    conversationId: "19:tn-ett-annat@thread.tacv2",
    teamGroupId: tnTeam,
  });
  expect(reply.kind === "text" ? reply.text : "").toContain("hör till ett annat team");
});

describe("shares between nämnder, per role", () => {
  /** Anna's VAN contract, new for each case, shared with nobody. */
  async function vanContract(title: string): Promise<{ id: string; etag: string }> {
    const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
    const created = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: contractBody(van.committee, anna, title),
    });
    expect(created.status).toBe(201);
    return { id: created.body.id, etag: created.body.etag };
  }

  test.each([
    [undefined, 401],
    ["anna", 403],
    ["erik", 403],
    ["karin", 403],
    ["maria", 403],
  ] as const)(
    "create a VAN contract shared with TN as %s → %i, and nothing is written",
    async (user, status) => {
      const title = `Påtvingat delat avtal ${user ?? "anonym"}`;
      const owner = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
      const response = await app.call("POST", "/api/contracts", {
        ...(user ? { user } : {}),
        body: {
          ...contractBody(van.committee, owner, title),
          sharedWithCommitteeIds: [await app.committeeId("TN")],
        },
      });
      expect(response.status).toBe(status);
      const all = await app.call("GET", "/api/contracts", { user: "karin" });
      expect(all.body.items.some((item: { title: string }) => item.title === title)).toBe(false);
    },
  );

  test("kommunledningskontoret may share its own contract with any nämnd", async () => {
    const karin = (await app.call("GET", "/api/me", { user: "karin" })).body.user;
    const created = await app.call("POST", "/api/contracts", {
      user: "karin",
      body: {
        ...contractBody(await app.committeeId("KS"), karin, "KS delar med TN"),
        sharedWithCommitteeIds: [await app.committeeId("TN")],
      },
    });
    expect(created.status).toBe(201);
    // TN now reads it (its obligations, its report rows).
    expect(
      (await app.call("GET", `/api/contracts/${created.body.id}`, { user: "erik" })).status,
    ).toBe(200);
  });

  test.each([
    ["anna", 403],
    ["erik", 404],
    ["karin", 403],
    ["maria", 404],
  ] as const)("add TN to a VAN contract's shares as %s → %i", async (user, status) => {
    const contract = await vanContract(`Dela senare ${user}`);
    const response = await app.call("PATCH", `/api/contracts/${contract.id}`, {
      user,
      headers: { "If-Match": contract.etag },
      body: { sharedWithCommitteeIds: [await app.committeeId("TN")] },
    });
    expect(response.status).toBe(status);
    const stored = await app.call("GET", `/api/contracts/${contract.id}`, { user: "anna" });
    expect(stored.body.sharedWithCommitteeIds).toEqual([]);
  });

  test("the shared nämnd cannot edit the contract, but may take itself off; the history shows both changes", async () => {
    const id = await ksContractSharedWithVan();
    const before = await app.call("GET", `/api/contracts/${id}`, { user: "anna" });
    expect(before.status).toBe(200);
    const edit = await app.call("PATCH", `/api/contracts/${id}`, {
      user: "anna",
      headers: { "If-Match": before.body.etag },
      body: { sharedWithCommitteeIds: [] },
    });
    expect(edit.status).toBe(403);
    const removed = await app.call("DELETE", `/api/contracts/${id}/shares/${van.committee}`, {
      user: "anna",
    });
    expect(removed.status).toBe(204);
    // Gone for VAN: no longer readable, no longer on its dashboard's contracts.
    expect((await app.call("GET", `/api/contracts/${id}`, { user: "anna" })).status).toBe(404);
    const register = await app.call("GET", `/api/contracts?committeeId=${van.committee}`, {
      user: "anna",
    });
    expect(register.body.items.some((item: { id: string }) => item.id === id)).toBe(false);
    const history = await app.call("GET", `/api/contracts/${id}/history`, { user: "karin" });
    const changes = history.body.items.flatMap(
      (entry: { changes: Array<{ field: string; from: unknown; to: unknown }> }) => entry.changes,
    );
    const unshared = changes.find(
      (change: { field: string; from: unknown }) =>
        change.field === "sharedWith" && change.from === "Vård- och äldrenämnden",
    );
    // Emptied: shown as the form shows an empty field.
    expect(unshared?.to).toBe("–");
    expect(history.body.items.at(-1)!.changes).toContainEqual(
      expect.objectContaining({ field: "sharedWith", to: "Vård- och äldrenämnden" }),
    );
  });

  test("a nämnd not sharing the contract cannot take another off it", async () => {
    const id = await ksContractSharedWithVan();
    const response = await app.call("DELETE", `/api/contracts/${id}/shares/${van.committee}`, {
      user: "erik",
    });
    expect(response.status).toBe(404);
    expect((await app.call("GET", `/api/contracts/${id}`, { user: "anna" })).status).toBe(200);
  });
});

describe("a decided plan stays put", () => {
  test("moving a decided plan needs the secretary role in both nämnder", async () => {
    // Sara is KFN's secretary; here she is also a member (not secretary) of VAN.
    const vanGroup = (await app.call("GET", "/api/me", { user: "anna" })).body.committees.find(
      (committee: { code: string }) => committee.code === "VAN",
    )!.groupId;
    // Her id from the directory's list: asking the API first would cache her memberships.
    const sara = (await app.call("GET", "/api/local-auth/users")).body.items.find(
      (person: { email: string }) => person.email === DEMO_USERS.sara.email,
    )!;
    await app.running.graph.client.api(`/groups/${vanGroup}/members/$ref`).post({
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${sara.id}`,
    });
    const kfn = await app.committeeId("KFN");
    // VAN's decided plan, written as its secretary would have.
    const decided = await listClient(app.running.graph, "plans").create(
      encodePlan({
        ...recordBody("plans", van.committee, van.contract, "VAN:s beslut"),
        mandatePeriod: "2046–2050",
        status: "beslutad",
        decisionDate: "2047-12-01",
        registryNumber: "VAN 2047/0001",
      } as Parameters<typeof encodePlan>[0]),
      APP_ITSELF,
    );
    const moved = await app.call("PATCH", `/api/plans/${decided.id}`, {
      user: "sara",
      headers: { "If-Match": decided.eTag },
      body: { committeeId: kfn },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(403);
    expect(moved.body.detail).toContain("sekreteraren i båda nämnderna");
    const stored = await app.call("GET", `/api/plans/${decided.id}`, { user: "anna" });
    expect(stored.body.committeeId).toBe(van.committee);
    // An undecided plan she may move: she writes in both nämnder.
    const draft = await listClient(app.running.graph, "plans").create(
      encodePlan({
        ...recordBody("plans", van.committee, van.contract, "VAN:s utkast"),
        mandatePeriod: "2050–2054",
      } as Parameters<typeof encodePlan>[0]),
      APP_ITSELF,
    );
    const movedDraft = await app.call("PATCH", `/api/plans/${draft.id}`, {
      user: "sara",
      headers: { "If-Match": draft.eTag },
      body: { committeeId: kfn },
    });
    expect(movedDraft.status, JSON.stringify(movedDraft.body)).toBe(200);
  });
});
