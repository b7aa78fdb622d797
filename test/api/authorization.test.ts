import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DemoUserKey } from "../../api/src/demo/demo-people.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { recordBody } from "../support/bodies.ts";

/**
 * The authorisation matrix: role × nämnd × route. Members of a nämnd read and
 * write its data; kommunledningskontoret (Karin) reads every nämnd but writes
 * only where she is a member; everyone else gets 403 — and 404 for one item
 * of a nämnd they may not read, exactly as for an item that does not exist.
 */

let app: TestApp;
const ids = new Map<string, string>();

const MEMBERS: Record<string, DemoUserKey[]> = {
  VAN: ["anna"],
  TN: ["erik"],
  SN: ["lars", "maria"],
};
const CONTRACTS: Record<string, string> = {
  VAN: "Hemtjänst enligt LOV",
  TN: "Snöröjning och halkbekämpning",
  SN: "Personlig assistans",
};
const USERS: DemoUserKey[] = ["anna", "erik", "lars", "karin"];

beforeAll(async () => {
  app = await startTestApp();
  for (const code of Object.keys(MEMBERS)) {
    ids.set(code, await app.committeeId(code));
    ids.set(`contract:${code}`, await app.contractId(CONTRACTS[code]!));
  }
  // Socialnämnden has no deviation in the demo; give it one to update.
  await app.call("POST", "/api/deviations", {
    user: "lars",
    body: bodyFor("deviations", "SN", "lars"),
  });
});
afterAll(async () => {
  await app.stop();
});

const isMember = (user: DemoUserKey, code: string) => MEMBERS[code]!.includes(user);
const mayRead = (user: DemoUserKey, code: string) => isMember(user, code) || user === "karin";

function bodyFor(kind: string, code: string, user: DemoUserKey) {
  return recordBody(kind, ids.get(code)!, ids.get(`contract:${code}`)!, user);
}

const KINDS = ["plans", "kickoffs", "deviations", "follow-ups", "deficiencies"] as const;

describe.each(USERS)("as %s", (user) => {
  test.each(Object.keys(MEMBERS))("reading nämnd %s", async (code) => {
    const committeeId = ids.get(code)!;
    const contractId = ids.get(`contract:${code}`)!;
    const expected = mayRead(user, code) ? 200 : 403;
    const expectedItem = mayRead(user, code) ? 200 : 404;
    const lists = [
      `/api/committees/${committeeId}/dashboard`,
      `/api/reports?committeeId=${committeeId}`,
      `/api/contracts?committeeId=${committeeId}`,
      ...KINDS.map((kind) => `/api/${kind}?committeeId=${committeeId}`),
    ];
    for (const path of lists)
      expect((await app.call("GET", path, { user })).status, path).toBe(expected);
    for (const path of [`/api/contracts/${contractId}`, `/api/contracts/${contractId}/history`])
      expect((await app.call("GET", path, { user })).status, path).toBe(expectedItem);
    for (const kind of KINDS) {
      const list = await app.call("GET", `/api/${kind}?committeeId=${committeeId}`, {
        user: MEMBERS[code]![0]!,
      });
      const first = list.body.items[0];
      if (!first) continue;
      expect(
        (await app.call("GET", `/api/${kind}/${first.id}`, { user })).status,
        `${kind}/${first.id}`,
      ).toBe(expectedItem);
      expect((await app.call("GET", `/api/${kind}/${first.id}/history`, { user })).status).toBe(
        expectedItem,
      );
    }
  });

  test.each(Object.keys(MEMBERS))("writing for nämnd %s", async (code) => {
    const expectedCreate = isMember(user, code) ? 201 : 403;
    for (const kind of KINDS) {
      const created = await app.call("POST", `/api/${kind}`, {
        user,
        body: bodyFor(kind, code, user),
      });
      expect(created.status, `${kind}: ${JSON.stringify(created.body)}`).toBe(expectedCreate);
    }
    // Updating an existing record of the nämnd.
    const list = await app.call("GET", `/api/deviations?committeeId=${ids.get(code)}`, {
      user: MEMBERS[code]![0]!,
    });
    const record = list.body.items[0]!;
    const patched = await app.call("PATCH", `/api/deviations/${record.id}`, {
      user,
      headers: { "If-Match": record.etag },
      body: { handling: `Hanterad av ${user}` },
    });
    const refused = mayRead(user, code) ? 403 : 404;
    expect(patched.status).toBe(isMember(user, code) ? 200 : refused);
    // The contract itself: its nämnd's members (and its owner) may change it.
    const contract = await app.call("GET", `/api/contracts/${ids.get(`contract:${code}`)}`, {
      user: "karin",
    });
    const contractPatch = await app.call("PATCH", `/api/contracts/${contract.body.id}`, {
      user,
      headers: { "If-Match": contract.body.etag },
      body: { extensionOptions: `ändrat av ${user}` },
    });
    expect(contractPatch.status).toBe(isMember(user, code) ? 200 : refused);
  });

  test("the kommun-wide overview is for kommunledningskontoret only", async () => {
    expect((await app.call("GET", "/api/overview", { user })).status).toBe(
      user === "karin" ? 200 : 403,
    );
  });

  test("the unfiltered register lists only nämnder the person may read", async () => {
    const list = await app.call("GET", "/api/contracts", { user });
    const readable = new Set(
      (await app.call("GET", "/api/me", { user })).body.committees.map(
        (committee: { id: string }) => committee.id,
      ),
    );
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const contract of list.body.items) {
      const visible =
        [contract.committeeId, ...contract.sharedWithCommitteeIds].some((id: string) =>
          readable.has(id),
        ) || contract.owner.id === (await app.call("GET", "/api/me", { user })).body.user.id;
      expect(visible, contract.title).toBe(true);
    }
  });
});

describe("special rules", () => {
  test("a shared contract: each nämnd records its own part; only the owning nämnd edits the contract", async () => {
    const stadning = await app.contractId("Städning av kommunens lokaler");
    const sn = ids.get("SN")!;
    expect((await app.call("GET", `/api/contracts/${stadning}`, { user: "lars" })).status).toBe(
      200,
    );
    const followUp = await app.call("POST", "/api/follow-ups", {
      user: "lars",
      body: { ...bodyFor("follow-ups", "SN", "lars"), contractId: stadning, committeeId: sn },
    });
    expect(followUp.status).toBe(201);
    const asOtherNämnd = await app.call("POST", "/api/follow-ups", {
      user: "lars",
      body: {
        ...bodyFor("follow-ups", "SN", "lars"),
        contractId: stadning,
        committeeId: await app.committeeId("KS"),
      },
    });
    expect(asOtherNämnd.status).toBe(403);
    const contract = await app.call("GET", `/api/contracts/${stadning}`, { user: "lars" });
    const edit = await app.call("PATCH", `/api/contracts/${stadning}`, {
      user: "lars",
      headers: { "If-Match": contract.body.etag },
      body: { description: "x" },
    });
    expect(edit.status).toBe(403);
    // A contract not shared with the nämnd cannot be recorded against it.
    const notShared = await app.call("POST", "/api/follow-ups", {
      user: "lars",
      body: { ...bodyFor("follow-ups", "SN", "lars"), contractId: ids.get("contract:VAN") },
    });
    expect(notShared.status).toBe(400);
  });

  test("only the nämnd secretary marks a plan decided", async () => {
    const sn = ids.get("SN")!;
    const plans = await app.call("GET", `/api/plans?committeeId=${sn}`, { user: "lars" });
    const draft = plans.body.items.find((plan: { status: string }) => plan.status === "utkast")!;
    const decide = {
      status: "beslutad",
      decisionDate: "2027-03-15",
      registryNumber: "SN 2027/0042",
    };
    const byMember = await app.call("PATCH", `/api/plans/${draft.id}`, {
      user: "lars",
      headers: { "If-Match": draft.etag },
      body: decide,
    });
    expect(byMember.status).toBe(403);
    const bySecretary = await app.call("PATCH", `/api/plans/${draft.id}`, {
      user: "maria",
      headers: { "If-Match": draft.etag },
      body: decide,
    });
    expect(bySecretary.status).toBe(200);
    expect(bySecretary.body.status).toBe("beslutad");
  });
});
