import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { channelPosts, startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

/**
 * A reminder @mentions the responsible person in the channel post's text,
 * outside the (escaped) card. The name shown is the directory's for that
 * Entra object id, reduced to plain words; what a person typed into the
 * register never reaches the message text as markdown or markup.
 */

const TODAY = new Date("2026-11-24T07:00:00+01:00");
const HOSTILE = [
  "[Logga in här](https://phish.example/login)",
  "Eva</at> <at>Alla i kanalen",
  '<a href="https://phish.example">Klicka</a><img src=x onerror=alert(1)>',
  "**Brådskande** _nu_ `kod` ~~x~~ # rubrik",
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
});
afterAll(async () => {
  await app.stop();
});

async function contractWithOwner(title: string, owner: { id: string; name: string }) {
  const response = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: {
      ...contractBody(await app.committeeId("VAN"), { ...owner, email: "" }, title),
      // Starts in three weeks: its kickoff meeting is due now.
      startDate: "2026-12-15",
      endDate: "2028-12-31",
      extensionDecisionDate: "2028-09-30",
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

test("hostile names never reach a channel post's text; a known person shows as the directory names them", async () => {
  const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  for (const [index, name] of HOSTILE.entries()) {
    // Anna's own id with a name someone typed: the post shows her directory name.
    await contractWithOwner(`Känd ägare ${index}`, { id: anna.id, name });
    // An id the directory does not know: the typed name, as plain words only.
    await contractWithOwner(`Okänd ägare ${index}`, { id: randomUUID(), name });
  }
  const result = await app.running.reminders.run();
  expect(result.failed).toBe(0);
  const posts = await channelPosts(app);
  const about = (title: string) =>
    posts.find((post) => JSON.stringify(post.attachments).includes(title));

  for (const index of HOSTILE.keys()) {
    const known = about(`Känd ägare ${index}`);
    expect(known?.text).toBe("<at>Anna Lindqvist</at> ");
    expect(known?.entities).toEqual([
      expect.objectContaining({
        type: "mention",
        text: "<at>Anna Lindqvist</at>",
        mentioned: expect.objectContaining({ id: anna.id, name: "Anna Lindqvist" }),
      }),
    ]);
    const unknown = about(`Okänd ägare ${index}`);
    expect(unknown?.text).toMatch(/^<at>[^<>[\]()*_`~#&]+<\/at> $/);
    expect(unknown?.entities?.[0]?.text).toBe(unknown?.text?.trim());
  }
  // Every post: one mention tag at most, and nothing else that Teams would render.
  for (const post of posts) {
    const text = post.text ?? "";
    expect(text.match(/<at>/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(text.replace(/^<at>[^<]*<\/at> ?/, "")).not.toMatch(/[<>[\]()*_`~]/);
    expect(text).not.toContain("phish.example");
  }
});
