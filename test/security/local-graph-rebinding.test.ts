import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS } from "../../api/src/demo/demo-people.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Finding (high): the app's own port refuses foreign Host headers in local
 * mode, but the local Graph service beside it (default port 5100, same
 * machine, same data) does not — and in local mode it accepts ANY bearer
 * string. A web page the victim visits while `npm start` runs rebinds its own
 * name to 127.0.0.1 and then, same-origin, reads and writes every nämnd's
 * data, lists the directory, downloads the report files and mints tokens.
 * The browser sends the attacker's host name in Host; these tests send
 * exactly that.
 */

let app: TestApp;
let graphPort = "";
beforeAll(async () => {
  app = await startTestApp();
  graphPort = new URL(app.running.localGraph!.origin).port;
});
afterAll(async () => {
  await app.stop();
});

/** A request to the local Graph service as a rebound page's fetch sends it. */
function rebound(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port: graphPort,
        method,
        path,
        headers: {
          Host: `rebind.attacker.example:${graphPort}`,
          Origin: `http://rebind.attacker.example:${graphPort}`,
          ...options.headers,
        },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += String(chunk)));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const ANY_TOKEN = { Authorization: "Bearer x" };

describe("the local Graph service refuses a rebound host name (as the app's port does)", () => {
  test("control: the app's own port refuses the same Host", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const port = new URL(app.url).port;
      http
        .request(
          {
            host: "127.0.0.1",
            port,
            path: "/api/local-auth/users",
            headers: { Host: `rebind.attacker.example:${port}` },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        )
        .on("error", reject)
        .end();
    });
    expect(status).toBe(421);
  });

  test("reading every nämnd's internal contract data", async () => {
    const lists = await rebound("GET", "/v1.0/sites/root/lists?$select=id,displayName", {
      headers: ANY_TOKEN,
    });
    // Today: 200 with every list; the items (internal notes and all) follow the same way.
    expect(lists.status).toBeGreaterThanOrEqual(400);
    expect(lists.body).not.toContain("Interna");
  });

  test("deleting a contract", async () => {
    // The app's own Graph access finds a contract; the rebound page then tries to delete it.
    const graph = app.running.graph.client;
    const lists = (await graph.api("/sites/root/lists").select("id,displayName").get()) as {
      value: Array<{ id: string; displayName: string }>;
    };
    const contracts = lists.value.find((list) => list.displayName === "Avtal");
    if (!contracts) throw new Error("no Avtal list");
    const items = (await graph.api(`/sites/root/lists/${contracts.id}/items`).top(1).get()) as {
      value: Array<{ id: string }>;
    };
    const first = items.value[0];
    if (!first) throw new Error("no contract");
    const deleted = await rebound(
      "DELETE",
      `/v1.0/sites/root/lists/${contracts.id}/items/${first.id}`,
      { headers: ANY_TOKEN },
    );
    expect(deleted.status).toBeGreaterThanOrEqual(400);
    const still = (await graph
      .api(`/sites/root/lists/${contracts.id}/items/${first.id}`)
      .get()) as {
      id: string;
    };
    expect(still.id).toBe(first.id);
  });

  test("reading the directory (names, e-mail addresses, object ids)", async () => {
    const users = await rebound("GET", "/v1.0/users?$select=id,displayName,mail", {
      headers: ANY_TOKEN,
    });
    expect(users.status).not.toBe(200);
    expect(users.body).not.toContain(DEMO_USERS.karin.id);
  });

  test("minting tokens on the admin endpoint", async () => {
    const token = await rebound("POST", "/_local/token", {
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(token.status).not.toBe(200);
    expect(token.body).not.toContain("access_token");
  });

  test("reading what the bot answered people (the connector's record)", async () => {
    const channel = await rebound(
      "GET",
      `/_local/connector/conversations/${encodeURIComponent("19:sn-allmant@thread.tacv2")}/activities`,
    );
    expect(channel.status).not.toBe(200);
  });
});
