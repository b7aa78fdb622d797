import { ResponseType } from "@microsoft/microsoft-graph-client";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { renderToText } from "../support/libreoffice.ts";
import { localAdmin } from "../support/local-graph.ts";

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;
let van: string;

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  van = await app.committeeId("VAN");
});
afterAll(async () => {
  await app.stop();
});

const flat = (text: string) => text.replace(/\s+/g, " ");

async function download(reportId: string, user: "anna" | "karin" = "karin"): Promise<Buffer> {
  const response = await fetch(`${app.url}/api/reports/${reportId}/content`, {
    headers: { Authorization: `Bearer ${await app.tokenFor(user)}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function driveOf(code: string): Promise<string> {
  const graph = app.running.graph;
  const lists = (await graph.client.api("/sites/root/lists?$select=id,displayName").get()) as {
    value: Array<{ id: string; displayName: string }>;
  };
  const library = lists.value.find((list) => list.displayName === `Avtalsuppföljning ${code}`)!;
  return ((await graph.client.api(`/sites/root/lists/${library.id}/drive`).get()) as { id: string })
    .id;
}

describe("report drafts in the nämnd's library", () => {
  test("kommunledningskontoret makes the KS compilation: 13 strategic contracts, deficiencies in hemtjänst and skolskjuts", async () => {
    const response = await app.call("POST", "/api/reports", {
      user: "karin",
      body: { type: "ks", year: 2026 },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      outcome: "created",
      path: "Rapporter/2026/Kommunstyrelsens sammanställning 2026.docx",
      template: "standardmall",
    });
    const text = flat((await renderToText(await download(response.body.report.id), "ks")).text);
    expect(text).toContain("Antalet strategiska avtal uppgick till 13 stycken.");
    // Nämnder in order (KS first, then by name): Tekniska nämnden's skolskjuts before VAN's hemtjänst.
    expect(text).toMatch(/Två avtal innehåller brister: skolskjuts .* och hemtjänst enligt LOV/);
    // The file carries its metadata, and its webUrl opens it.
    const graph = app.running.graph;
    const drive = await driveOf("KS");
    const listItem = (await graph.client
      .api(`/drives/${drive}/root:/${encodeURI(response.body.path)}:/listItem?expand=fields`)
      .get()) as { fields: Record<string, unknown> };
    expect(listItem.fields).toMatchObject({
      documentType: "ks",
      period: "2026",
      reportStatus: "utkast",
      committeeCode: "KS",
    });
    const opened = await fetch(response.body.report.webUrl);
    expect(opened.status).toBe(200);
    const rows = await app.call("GET", `/api/reports?committeeId=${await app.committeeId("KS")}`, {
      user: "karin",
    });
    expect(rows.body.items.map((row: { reportType: string }) => row.reportType)).toEqual(["ks"]);
  });

  test("only kommunledningskontoret makes the KS compilation; a nämnd only its own reports", async () => {
    expect(
      (await app.call("POST", "/api/reports", { user: "anna", body: { type: "ks" } })).status,
    ).toBe(403);
    const tn = await app.committeeId("TN");
    expect(
      (
        await app.call("POST", "/api/reports", {
          user: "anna",
          body: { type: "namnd", committeeId: tn },
        })
      ).status,
    ).toBe(403);
    const badPeriod = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: van, period: "2026–2027" },
    });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.detail).toContain("inte avslutad");
  });

  test("regenerating makes a new version; once a person has edited the draft it is left alone and the new one gets its own name", async () => {
    const first = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: van },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.path).toBe("Rapporter/2026/Redovisning strategiska avtal 2025–2026.docx");
    const second = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: van },
    });
    expect(second.body.outcome).toBe("new-version");
    expect(second.body.report.driveItemId).toBe(first.body.report.driveItemId);

    // The secretary edits the draft in Word (a person's upload).
    const drive = await driveOf("VAN");
    // A person's token from the local service (the stand-in for Entra ID).
    const { access_token: personToken } = (await localAdmin(
      app.running.localGraph!,
      "POST",
      "/_local/token",
      { user: { id: "sekreterare-1", displayName: "Maria Nilsson" } },
    )) as { access_token: string };
    const edited = Buffer.from("redigerat av en person");
    const put = await fetch(
      `${app.running.graphUrl}/drives/${drive}/root:/${encodeURI(first.body.path)}:/content`,
      {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${personToken}`,
          "Content-Type": "application/octet-stream",
        },
        body: edited,
      },
    );
    expect(put.status).toBe(200);

    const third = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "namnd", committeeId: van },
    });
    expect(third.body.outcome).toBe("new-name");
    expect(third.body.message).toContain("redigerats av en person");
    expect(third.body.path).toBe("Rapporter/2026/Redovisning strategiska avtal 2025–2026 1.docx");
    const kept = (await app.running.graph.client
      .api(`/drives/${drive}/items/${first.body.report.driveItemId}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(kept).toString()).toBe("redigerat av en person");
    const rows = await app.call("GET", `/api/reports?committeeId=${van}`, { user: "anna" });
    expect(rows.body.items).toHaveLength(1);
    expect(rows.body.items[0].driveItemId).toBe(third.body.report.driveItemId);
  });

  test("a kommun's own template in Mallar is used; an unknown placeholder is refused by name", async () => {
    const sn = await app.committeeId("SN");
    const drive = await driveOf("SN");
    const template = async (lines: string[]) =>
      Packer.toBuffer(
        new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] }),
      );
    const upload = async (content: Buffer) =>
      app.running.graph.client
        .api(`/drives/${drive}/root:/Mallar/namnd.docx:/content`)
        .header("Content-Type", "application/octet-stream")
        .put(content);

    await upload(
      await template([
        "ÅSBY MALL {titel}",
        "{kommun} – {namnd}",
        "{#avtal}",
        "AVTAL: {namn} uppfyller kraven: {uppfyllerKrav}",
        "{/avtal}",
      ]),
    );
    const generated = await app.call("POST", "/api/reports", {
      user: "maria",
      body: { type: "namnd", committeeId: sn },
    });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    expect(generated.body.template).toBe("egen mall");
    const text = flat(
      (await renderToText(await download(generated.body.report.id, "karin"), "mall")).text,
    );
    expect(text).toContain("ÅSBY MALL Redovisning av strategiska avtal 2025–2026");
    expect(text).toContain("Åsby kommun – Socialnämnden");
    expect(text).toContain("AVTAL: Personlig assistans uppfyller kraven: Ja");

    await upload(await template(["{titel}", "{okandFalt}", "{#avtal}{namn} {farg}{/avtal}"]));
    const refused = await app.call("POST", "/api/reports", {
      user: "maria",
      body: { type: "namnd", committeeId: sn },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("{okandFalt}");
    expect(refused.body.detail).toContain("{avtal.farg}");
  });

  test("the plan, the kickoff minutes and the feedback letter", async () => {
    const kfn = await app.committeeId("KFN");
    const plan = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "plan", committeeId: kfn, mandatePeriod: "2022–2026" },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(plan.body.path).toBe("Planer/Uppföljningsplan 2022–2026.docx");
    const kickoffs = await app.call("GET", `/api/kickoffs?committeeId=${kfn}`, { user: "sara" });
    const minutes = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "uppstart", kickoffId: kickoffs.body.items[0].id },
    });
    expect(minutes.status).toBe(201);
    const followUps = await app.call("GET", `/api/follow-ups?committeeId=${kfn}`, { user: "sara" });
    const letter = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "aterkoppling", followUpId: followUps.body.items[0].id },
    });
    expect(letter.status).toBe(201);
    expect(letter.body.path).toMatch(/^Återkoppling\/2026\/Återkoppling ÅSBY-/);
    const noPlan = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "plan", committeeId: kfn },
    });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.detail).toContain("ingen uppföljningsplan för 2026–2030");
  });
});
