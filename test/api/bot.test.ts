import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_CARD_BYTES } from "../../api/src/bot/cards.ts";
import { LOCAL_BOT_ID } from "../../api/src/bot/teams-bot.ts";
import { adaptiveCardProblems } from "../support/adaptive-cards.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { localAdmin } from "../support/local-graph.ts";

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
});
afterAll(async () => {
  await app.stop();
});

type Activity = {
  type: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  entities?: Array<Record<string, unknown>>;
};

const answers: Activity[] = [];

/** Sends a message as a person through the local Teams stand-in; returns the bot's answer. */
async function ask(user: Parameters<TestApp["tokenFor"]>[0], text: string): Promise<Activity> {
  const before = (await app.call("GET", "/api/chat", { user })).body.items.length;
  const sent = await app.call("POST", "/api/chat", { user, body: { text } });
  expect(sent.status).toBe(202);
  const items = (
    await app.call<{ items: Array<{ activity: Activity }> }>("GET", "/api/chat", { user })
  ).body.items;
  expect(items.length).toBe(before + 2);
  answers.push(items.at(-1)!.activity);
  return items.at(-1)!.activity;
}

/** The card's text as Teams shows it: markdown escapes removed. */
const cardText = (activity: Activity) =>
  JSON.stringify(activity.attachments?.[0]?.content ?? {}).replace(/\\\\(.)/g, "$1");

describe("the bot's endpoint", () => {
  test("refuses an activity without a token, with a forged signature or an expired token", async () => {
    const activity = {
      type: "message",
      text: "status",
      serviceUrl: `${app.running.localGraph!.origin}/_connector`,
      conversation: { id: "a:x" },
      from: { id: "29:x" },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(activity),
      });
    expect((await post({})).status).toBe(401);
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ serviceurl: activity.serviceUrl })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setIssuer("https://api.botframework.com/local")
      .setAudience(LOCAL_BOT_ID)
      .setExpirationTime("5m")
      .sign(privateKey);
    expect((await post({ Authorization: `Bearer ${forged}` })).status).toBe(401);
    const outbound = (
      (await localAdmin(app.running.localGraph!, "POST", "/_botframework/token", {})) as {
        access_token: string;
      }
    ).access_token;
    // A token for the connector, not for this bot: wrong audience.
    expect((await post({ Authorization: `Bearer ${outbound}` })).status).toBe(401);
    // Signed by the right key for the right bot, but expired an hour ago.
    const botToken = async (lifetimeSeconds: number) =>
      (
        (await localAdmin(app.running.localGraph!, "POST", "/_local/connector/token", {
          audience: LOCAL_BOT_ID,
          lifetimeSeconds,
        })) as { access_token: string }
      ).access_token;
    const expired = await botToken(-3600);
    expect((await post({ Authorization: `Bearer ${expired}` })).status).toBe(401);
    const valid = await botToken(300);
    expect((await post({ Authorization: `Bearer ${valid}` })).status).toBe(200);
  });
});

describe("commands", () => {
  test("status: the nämnd's årshjul as an Adaptive Card 1.5 with a link into the tab", async () => {
    const answer = await ask("anna", "status");
    const content = answer.attachments?.[0]?.content as {
      version: string;
      body: unknown[];
      actions: Array<{ url: string }>;
    };
    expect(answer.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(content.version).toBe("1.5");
    expect(cardText(answer)).toContain("Status – Vård- och äldrenämnden");
    expect(cardText(answer)).toContain("Uppföljning av handlingsplan (Hemtjänst enligt LOV)");
    expect(content.actions[0]?.url).toMatch(/\/#\/oversikt$/);
    expect(Buffer.byteLength(JSON.stringify(content))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  test("tolerant of case, extra words and missing å/ä/ö", async () => {
    expect(cardText(await ask("anna", "Kan du visa AVTAL hemtjanst tack"))).toContain(
      "Hemtjänst enligt LOV",
    );
    expect(cardText(await ask("anna", "forfaller 700"))).toContain("Särskilt boende Solgården");
    expect(cardText(await ask("anna", "brister"))).toContain("Bristande personalkontinuitet");
    expect(cardText(await ask("anna", "plan"))).toContain("Uppföljningsplan 2027–2030");
    expect(cardText(await ask("anna", "rapporter"))).toContain("Inga rapportutkast");
    expect(cardText(await ask("anna", "exportera"))).toContain("Öppna Rapporter och export");
  });

  test("an unknown command gets the help card", async () => {
    const answer = await ask("anna", "vad blir det för väder");
    expect(cardText(answer)).toContain("Det förstod jag inte");
    expect(cardText(answer)).toContain("förfaller [dagar]");
  });

  test("the same access rules as the tab", async () => {
    const denied = await ask("anna", "status tekniska nämnden");
    expect(denied.text).toContain("inte behörighet");
    const search = cardText(await ask("anna", "avtal skolskjuts"));
    expect(search).toContain("Inga avtal hittades");
    expect((await ask("anna", "försenat")).text).toContain("kommunledningskontoret");
    const late = cardText(await ask("karin", "försenat"));
    expect(late).toContain("Försenat i nämnderna");
    expect(late).toContain("Tekniska nämnden");
    // Swedish agreement: one late task is "1 försenad", never "1 försenade".
    expect(late).toMatch(/"1 försenad"/);
    expect(late).not.toContain("1 försenade");
  });

  test("risk: the nämnd's contracts at hög risk with their weightiest reasons, only the nämnd's", async () => {
    const van = cardText(await ask("anna", "risk"));
    expect(van).toContain("Hög risk – Vård- och äldrenämnden");
    expect(van).toContain("Hemtjänst enligt LOV");
    expect(van).toContain("• 6 öppna brister");
    expect(van).not.toContain("Skolskjuts");
    const tn = cardText(await ask("erik", "Visa risker"));
    expect(tn).toContain("Hög risk – Tekniska nämnden");
    expect(tn).toContain("Skolskjuts med bil för elever med särskilda behov");
    expect(tn).not.toContain("Hemtjänst enligt LOV");
  });

  test("leverantör: full rows where the person may read, counts elsewhere; kommunledningskontoret sees all", async () => {
    const sn = cardText(await ask("lars", "leverantör trygga händer"));
    expect(sn).toContain("Leverantör: Trygga Händer Hemtjänst AB");
    expect(sn).toContain("Org.nr 556910-3301. 2 avtal i 2 nämnder.");
    // The register's flag (seed 000: weak finances), and the way to the provider's page.
    expect(sn).toContain("Noterat i leverantörsregistret: Svag ekonomi.");
    expect(sn).toContain("#/leverantorer/org%3A556910-3301");
    expect(sn).toContain("Boendestöd i ordinärt boende (Socialnämnden)");
    expect(sn).toContain("Andra nämnder (bara antal)");
    expect(sn).toContain('"Vård- och äldrenämnden","value":"1 avtal, 2 öppna brister"');
    expect(sn).not.toContain("Hemtjänst enligt LOV");
    const klk = cardText(await ask("karin", "Leverantor TRYGGA HANDER hemtjanst ab"));
    expect(klk).toContain("Hemtjänst enligt LOV (Vård- och äldrenämnden)");
    expect(klk).toContain("Boendestöd i ordinärt boende (Socialnämnden)");
    expect(klk).toContain("Hög risk");
    expect(klk).not.toContain("bara antal");
    const several = cardText(await ask("anna", "leverantör hemtjänst"));
    expect(several).toContain("Flera leverantörer matchar");
    expect(several).toContain("Hemtjänst Nord i Åsby AB");
    const none = await ask("anna", "leverantör *Okänd* [AB]");
    expect(none.text).toContain("Jag hittar ingen leverantör");
    expect(none.text).not.toContain("Okänd");
  });

  test("a bad argument and a too long message get Swedish explanations", async () => {
    const days = await ask("anna", "förfaller abc");
    expect(days.text).toContain("”abc” är inget antal dagar");
    expect(days.text).toContain("förfaller 60");
    const long = await ask("anna", `avtal ${"hemtjänst ".repeat(80)}`);
    expect(long.text).toContain("Meddelandet är för långt");
    expect(long.text).toContain("högst 500 tecken");
  });

  test("people's text is shown as text, not markdown", async () => {
    const van = await app.committeeId("VAN");
    const me = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
    const created = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: {
        title: "Fönsterputs [klicka](http://evil.example) *fet*",
        contractNumber: "ÅSBY-MD-1",
        committeeId: van,
        sharedWithCommitteeIds: [],
        serviceArea: "Fönsterputs",
        provider: "Putsarna AB",
        providerOrgNumber: "",
        ownRegime: false,
        owner: me,
        valueClass: "låg",
        impactClass: "låg",
        strategicOverride: null,
        extensionOptions: "",
        status: "aktivt",
        followUpsPerYear: 1,
        description: "",
        publicFields: [],
        publicDescription: "",
        internalNotes: "",
      },
    });
    expect(created.status).toBe(201);
    const raw = JSON.stringify((await ask("anna", "avtal fönsterputs")).attachments?.[0]?.content);
    // Escaped, the brackets and stars stay literal: no link, no bold.
    expect(raw).toContain("Fönsterputs \\\\[klicka\\\\](http://evil.example) \\\\*fet\\\\*");
  });
});

test("every card the bot sent is a valid Adaptive Card 1.5 within Teams' size limit", () => {
  const cards = answers
    .flatMap((answer) => answer.attachments ?? [])
    .map((attachment) => attachment.content);
  expect(cards.length).toBeGreaterThan(8);
  for (const content of cards) {
    expect(adaptiveCardProblems(content), JSON.stringify(content).slice(0, 200)).toEqual([]);
    expect(content.version).toBe("1.5");
    expect(Buffer.byteLength(JSON.stringify(content))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  }
  expect(
    adaptiveCardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Bogus" }] }),
  ).not.toEqual([]);
});

test("a proactive post to a nämnd's channel @mentions the person", async () => {
  const bot = app.running.bot;
  const id = await bot.post(
    "19:van-allmant@thread.tacv2",
    { type: "AdaptiveCard", $schema: "x", version: "1.5", body: [] },
    { id: "0b8e", name: "Anna Lindqvist" },
  );
  expect(id).toBeTruthy();
  const posted = (await localAdmin(
    app.running.localGraph!,
    "GET",
    `/_local/connector/conversations/${encodeURIComponent("19:van-allmant@thread.tacv2")}/activities`,
  )) as { value: Array<{ activity: Activity }> };
  const items = posted.value;
  const last = items.at(-1)!.activity;
  expect(last.text).toContain("<at>Anna Lindqvist</at>");
  expect(last.entities).toContainEqual(
    expect.objectContaining({
      type: "mention",
      text: "<at>Anna Lindqvist</at>",
      mentioned: expect.objectContaining({ id: "0b8e" }),
    }),
  );
});
