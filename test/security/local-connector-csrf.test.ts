import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOCAL_BOT_ID, LOCAL_BOT_TENANT } from "../../api/src/bot/teams-bot.ts";
import { DEMO_USERS } from "../../api/src/demo/demo-people.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Finding (medium): the local Bot Connector's `POST /_local/connector/deliver`
 * (local Graph service, default port 5100) parses its body as JSON whatever the
 * Content-Type says, checks no Origin and no token, then signs the activity it
 * is given and posts it to whatever `endpoint` it is given. So any web page the
 * victim visits while `npm start` runs can, with a "simple" cross-site POST
 * (text/plain, no preflight, no DNS rebinding needed):
 *  - speak to the bot as any person whose directory id it knows (the ids are
 *    made per installation, so a page needs one leak first, e.g. through
 *    local-graph-rebinding.test.ts), e.g. as Socialnämnden's secretary run
 *    `koppla Socialnämnden` in a conversation of its choosing, so the nämnd's
 *    reminders go there instead of to its channel;
 *  - make the victim's machine send a JSON POST with an Authorization header to
 *    any address it can reach (blind SSRF into the intranet), which the page
 *    itself could never send cross-site.
 * The requests below are exactly what a browser sends for
 * `fetch("http://127.0.0.1:5100/_local/connector/deliver", {method: "POST", mode: "no-cors", body})`.
 */

let app: TestApp;
let graph: URL;
beforeAll(async () => {
  app = await startTestApp();
  graph = new URL(app.running.localGraph!.origin);
});
afterAll(async () => {
  await app.stop();
});

function crossSitePost(path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .request(
        {
          host: "127.0.0.1",
          port: graph.port,
          method: "POST",
          path,
          headers: {
            Host: graph.host,
            Origin: "https://attacker.example",
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "no-cors",
            "Content-Type": "text/plain;charset=UTF-8",
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      )
      .on("error", reject)
      .end(JSON.stringify(body));
  });
}

const asPerson = (id: string, text: string, conversationId: string) => ({
  type: "message",
  text,
  channelId: "msteams",
  from: { id: `29:${id}`, aadObjectId: id, name: "Maria" },
  recipient: { id: `28:${LOCAL_BOT_ID}`, role: "bot" },
  conversation: { id: conversationId, conversationType: "channel", tenantId: LOCAL_BOT_TENANT },
  channelData: { tenant: { id: LOCAL_BOT_TENANT } },
});

describe("a web page cannot use the local Bot Connector", () => {
  test("to move Socialnämnden's reminders to another conversation as its secretary", async () => {
    const sn = await app.committeeId("SN");
    const before = await app.call("GET", `/api/committees/${sn}/channel`, { user: "maria" });
    expect(before.body.channel).toBe("19:sn-allmant@thread.tacv2");

    // The directory's ids are made per installation; a page learns them through the
    // rebound Graph service (local-graph-rebinding.test.ts) or any earlier leak.
    const people = await app.call("GET", "/api/local-auth/users");
    const maria = people.body.items.find(
      (person: { email: string }) => person.email === DEMO_USERS.maria.email,
    )!.id;
    await crossSitePost("/_local/connector/deliver", {
      endpoint: `${app.url}/api/messages`,
      botId: LOCAL_BOT_ID,
      activity: asPerson(maria, "koppla Socialnämnden", "19:attacker@thread.tacv2"),
    });
    // The bot handles the activity after answering the connector.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const after = await app.call("GET", `/api/committees/${sn}/channel`, { user: "maria" });
    expect(after.body.channel).toBe("19:sn-allmant@thread.tacv2");
  });

  test("to send a signed JSON POST to another address (blind SSRF)", async () => {
    const received: Array<{ authorization?: string; body: string }> = [];
    const intranet = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += String(chunk)));
      request.on("end", () => {
        received.push({ authorization: request.headers.authorization, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => intranet.listen(0, "127.0.0.1", resolve));
    try {
      const port = (intranet.address() as AddressInfo).port;
      await crossSitePost("/_local/connector/deliver", {
        endpoint: `http://127.0.0.1:${port}/admin/api/delete-everything`,
        botId: "anything",
        activity: { type: "event", any: "json the page chooses" },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([]);
    } finally {
      await new Promise((resolve) => intranet.close(resolve));
    }
  });
});
