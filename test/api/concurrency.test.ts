import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Two people, one item: exactly one save wins, the other gets 412 with the
 * stored version (the tab's conflict dialog shows it; see the browser test).
 * Reports generated at the same moment for the same nämnd and period end as
 * one draft (one file, one row), never as copies.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;
let sn: string;

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  sn = await app.committeeId("SN");
});
afterAll(async () => {
  await app.stop();
});

describe("parallel edits of the same item", () => {
  test("follow-ups: of two simultaneous saves with the same ETag, exactly one wins, every time", async () => {
    const followUps = (
      await app.call("GET", `/api/follow-ups?committeeId=${sn}`, { user: "maria" })
    ).body.items as Array<{ id: string; etag: string; deficienciesSummary: string }>;
    expect(followUps.length).toBeGreaterThan(0);
    for (let round = 0; round < 10; round += 1) {
      const current = (
        await app.call("GET", `/api/follow-ups/${followUps[0]!.id}`, { user: "maria" })
      ).body as { id: string; etag: string };
      const save = (user: "maria" | "lars") =>
        app.call("PATCH", `/api/follow-ups/${current.id}`, {
          user,
          headers: { "If-Match": current.etag },
          body: { deficienciesSummary: `Sparat av ${user} i omgång ${round}` },
        });
      const results = await Promise.all([save("maria"), save("lars")]);
      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual([200, 412]);
      const winner = results.find((result) => result.status === 200)!;
      const loser = results.find((result) => result.status === 412)!;
      expect(loser.body.code).toBe("conflict");
      expect(loser.body.current).toMatchObject({
        deficienciesSummary: winner.body.deficienciesSummary,
      });
      const stored = await app.call("GET", `/api/follow-ups/${current.id}`, { user: "maria" });
      expect(stored.body.deficienciesSummary).toBe(winner.body.deficienciesSummary);
      expect(stored.headers.get("etag")).toBe(winner.headers.get("etag"));
    }
  });

  test("contracts: ten editors at once, one winner, nine conflicts, nothing half-written", async () => {
    const contracts = (await app.call("GET", `/api/contracts?committeeId=${sn}`, { user: "maria" }))
      .body.items as Array<{ id: string }>;
    const contract = (
      await app.call("GET", `/api/contracts/${contracts[0]!.id}`, { user: "maria" })
    ).body as { id: string; etag: string; provider: string; serviceArea: string };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        app.call("PATCH", `/api/contracts/${contract.id}`, {
          user: index % 2 ? "lars" : "maria",
          headers: { "If-Match": contract.etag },
          body: { provider: `Utförare ${index} AB`, serviceArea: `Område ${index}` },
        }),
      ),
    );
    const winners = results.filter((result) => result.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.status === 412)).toHaveLength(9);
    const stored = (await app.call("GET", `/api/contracts/${contract.id}`, { user: "maria" })).body;
    const index = /Utförare (\d) AB/.exec(stored.provider)?.[1];
    // Both fields come from the same save.
    expect(stored.serviceArea).toBe(`Område ${index}`);
    expect(stored.provider).toBe(winners[0]!.body.provider);
  });
});

describe("parallel report generation", () => {
  test("four requests for the same nämnd and period give one draft: one file, one row", async () => {
    const generate = () =>
      app.call("POST", "/api/reports", {
        user: "maria",
        body: { type: "namnd", committeeId: sn },
      });
    const results = await Promise.all([generate(), generate(), generate(), generate()]);
    expect(results.map((result) => result.status)).toEqual([201, 201, 201, 201]);
    const paths = new Set(results.map((result) => result.body.path));
    expect(paths.size).toBe(1);
    expect(results.filter((result) => result.body.outcome === "created")).toHaveLength(1);

    const reports = (await app.call("GET", `/api/reports?committeeId=${sn}`, { user: "maria" }))
      .body.items as Array<{ reportType: string; period: string; webUrl: string }>;
    const nämndReports = reports.filter((report) => report.reportType === "namnd");
    expect(nämndReports).toHaveLength(1);

    const graph = app.running.graph;
    const [folder, name] = [...paths][0]!.split(/\/(?=[^/]+$)/);
    const committee = (await app.call("GET", "/api/me", { user: "maria" })).body.committees.find(
      (candidate: { id: string }) => candidate.id === sn,
    );
    expect(committee).toBeDefined();
    const drives = (await graph.client.api("/sites/root/drives").get()) as {
      value: Array<{ id: string; name: string }>;
    };
    const drive = drives.value.find((candidate) => candidate.name === "Avtalsuppföljning SN")!;
    const files = (await graph.client
      .api(
        `/drives/${drive.id}/root:/${folder!.split("/").map(encodeURIComponent).join("/")}:/children`,
      )
      .get()) as { value: Array<{ name: string }> };
    expect(files.value.map((file) => file.name)).toEqual([name]);
  });
});
