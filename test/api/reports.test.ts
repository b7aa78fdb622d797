import { ResponseType } from "@microsoft/microsoft-graph-client";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ReportService } from "../../api/src/documents/report-service.ts";
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
    expect(text).toContain("Antalet strategiska avtal år 2026 uppgick till 13 stycken.");
    // One order, the same as the documents test's: the contracts by title, whatever order the nämnder are read in.
    expect(text).toContain(
      "Två avtal innehåller brister: hemtjänst enligt LOV och skolskjuts med bil för elever med särskilda behov.",
    );
    // Uppsiktsplikt: the provider failing in two nämnder, found in the shared read model.
    expect(text).toContain("Leverantörer i flera nämnder");
    expect(text).toMatch(
      /Trygga Händer Hemtjänst AB har öppna brister i .*Kommunstyrelsen bör i sin uppsiktsplikt följa hur de två nämnderna samordnar uppföljningen av utföraren\./,
    );
    // What the provider register notes (seed 000: weak finances) reaches KS with the flag.
    expect(text).toContain(
      "Trygga Händer Hemtjänst AB har öppna brister i Socialnämnden samt Vård- och äldrenämnden och bedöms ha hög risk i Socialnämnden samt Vård- och äldrenämnden. Enligt leverantörsregistret har utföraren svag ekonomi.",
    );
    // The handläggare is the person generating it, as the directory knows her.
    expect(text).toContain("Handläggare: Karin Berg, Controller, karin.berg@asby.se");
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
    expect(rows.body.items[0]!.driveItemId).toBe(third.body.report.driveItemId);
  });

  test("regenerating the app's own draft writes the file, its metadata and its row in one batch: two round trips; a draft replaced meanwhile is read again, written once", async () => {
    const graph = app.running.graph;
    const ks = await app.committeeId("KS");
    const drive = await driveOf("KS");
    const path = "Rapporter/2026/Kommunstyrelsens sammanställning 2026.docx";
    const made = await app.call("POST", "/api/reports", {
      user: "karin",
      body: { type: "ks", year: 2026 },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const fileId: string = made.body.report.driveItemId;
    const fieldsUrl = `/drives/${drive}/items/${fileId}/listItem/fields`;
    const lists = (await graph.client.api("/sites/root/lists?$select=id,displayName").get()) as {
      value: Array<{ id: string; displayName: string }>;
    };
    const reportsList = lists.value.find((list) => list.displayName === "Rapporter")!.id;
    const rowVersions = async () =>
      (
        (await graph.client
          .api(`/sites/root/lists/${reportsList}/items/${made.body.report.id}/versions`)
          .get()) as { value: unknown[] }
      ).value.length;

    // Someone set the library's column by hand; a new draft sets it back.
    await graph.client.api(fieldsUrl).patch({ period: "fel" });
    const versionsBefore = await rowVersions();
    graph.counter.reset();
    const again = await app.call("POST", "/api/reports", {
      user: "karin",
      body: { type: "ks", year: 2026 },
    });
    const cost = graph.counter.snapshot();
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ outcome: "new-version", path });
    expect(again.body.report.driveItemId).toBe(fileId);
    // The kommun copy by delta beside the library and the directory; then the file, its
    // metadata and the row together.
    expect(cost.roundTrips).toBe(2);
    expect((await graph.client.api(fieldsUrl).get()).period).toBe("2026");
    expect(await rowVersions()).toBe(versionsBefore + 1);
    const text = flat((await renderToText(await download(again.body.report.id), "ks")).text);
    expect(text).toContain("Antalet strategiska avtal år 2026 uppgick till");

    // Another generation replaces the draft after this one read the library: the batch's
    // upload is refused (412), so neither the metadata nor the row is written by it; the
    // draft is read again and replaced, and the row is written once.
    const store = app.running.store;
    const racing: typeof store = Object.create(store);
    racing.reportRowRequest = async (...args) => {
      await graph.client
        .api(`/drives/${drive}/items/${fileId}/content`)
        .header("Content-Type", "application/octet-stream")
        .put(Buffer.from("en annan generering"));
      await graph.client.api(fieldsUrl).patch({ period: "fel" });
      return store.reportRowRequest(...args);
    };
    const before = await rowVersions();
    const raced = await new ReportService(racing, () => TODAY).generate(
      { type: "ks", year: 2026 },
      "Karin Lund",
    );
    expect(raced).toMatchObject({ outcome: "new-version", path });
    expect(raced.record.driveItemId).toBe(fileId);
    expect(await rowVersions()).toBe(before + 1);
    expect((await graph.client.api(fieldsUrl).get()).period).toBe("2026");
    expect(flat((await renderToText(await download(raced.record.id), "ks")).text)).toContain(
      "Antalet strategiska avtal år 2026 uppgick till",
    );
    expect(
      (await app.call("GET", `/api/reports?committeeId=${ks}`, { user: "karin" })).body.items,
    ).toHaveLength(1);
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
      body: { type: "uppstart", kickoffId: kickoffs.body.items[0]!.id },
    });
    expect(minutes.status).toBe(201);
    const followUps = await app.call("GET", `/api/follow-ups?committeeId=${kfn}`, { user: "sara" });
    const letter = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "aterkoppling", followUpId: followUps.body.items[0]!.id },
    });
    expect(letter.status).toBe(201);
    expect(letter.body.path).toMatch(/^Återkoppling\/2026\/Återkoppling ÅSBY-/);
    const minutesText = flat(
      (await renderToText(await download(minutes.body.report.id), "protokoll")).text,
    );
    expect(minutesText).toContain("Diarienummer: KFN 2023/0112");
    expect(minutesText).toContain("Handläggare: Sara Holm, Avtalsansvarig");
    const noPlan = await app.call("POST", "/api/reports", {
      user: "sara",
      body: { type: "plan", committeeId: kfn },
    });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.detail).toContain("ingen uppföljningsplan för 2026–2030");
  });

  test("a contract with several providers gets one feedback letter per provider, each named after it", async () => {
    const followUps = await app.call("GET", `/api/follow-ups?committeeId=${van}`, {
      user: "anna",
    });
    const hemtjanst = await app.contractId("Hemtjänst enligt LOV");
    const followUp = followUps.body.items.find(
      (item: { contractId: string; period: string }) =>
        item.contractId === hemtjanst && item.period === "2025–2026",
    )!;
    const unnamed = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "aterkoppling", followUpId: followUp.id },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.detail).toContain("en utförare i taget");
    expect(unnamed.body.detail).toContain("Omsorgshjälpen Väst AB");
    const stranger = await app.call("POST", "/api/reports", {
      user: "anna",
      body: { type: "aterkoppling", followUpId: followUp.id, provider: "Okänd Omsorg AB" },
    });
    expect(stranger.status).toBe(400);
    const contract = await app.call("GET", `/api/contracts/${hemtjanst}`, { user: "anna" });
    const paths: string[] = [];
    for (const provider of contract.body.providers as Array<{ name: string }>) {
      const letter = await app.call("POST", "/api/reports", {
        user: "anna",
        body: { type: "aterkoppling", followUpId: followUp.id, provider: provider.name },
      });
      expect(letter.status, JSON.stringify(letter.body)).toBe(201);
      paths.push(letter.body.path);
    }
    expect(paths).toHaveLength(4);
    expect(new Set(paths).size).toBe(4);
    expect(paths[1]).toBe(
      "Återkoppling/2026/Återkoppling ÅSBY-HEMTJANST 2025–2026 Omsorgshjälpen Väst AB.docx",
    );
  });

  test("a report's life: ready for the nämnd, decided by its secretary with date, § and dnr; Översikt and KS follow", async () => {
    const sn = await app.committeeId("SN");
    // The template test left a refused template in SN's library: put a working one back.
    await app.running.graph.client
      .api(`/drives/${await driveOf("SN")}/root:/Mallar/namnd.docx:/content`)
      .header("Content-Type", "application/octet-stream")
      .put(
        await Packer.toBuffer(
          new Document({ sections: [{ children: [new Paragraph("{titel} {status}")] }] }),
        ),
      );
    const generated = await app.call("POST", "/api/reports", {
      user: "maria",
      body: { type: "namnd", committeeId: sn },
    });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    const rows = await app.call("GET", `/api/reports?committeeId=${sn}`, { user: "maria" });
    const report = rows.body.items.find(
      (item: { reportType: string }) => item.reportType === "namnd",
    )!;
    const patch = (user: "lars" | "maria" | "karin", etag: string, body: unknown) =>
      app.call("PATCH", `/api/reports/${report.id}`, { user, headers: { "If-Match": etag }, body });

    // A member puts it on the agenda; the obligation is still open.
    const readyResponse = await patch("lars", report.etag, { status: "klar för nämnd" });
    expect(readyResponse.status, JSON.stringify(readyResponse.body)).toBe(200);
    expect(readyResponse.body.status).toBe("klar för nämnd");
    const lateBefore = await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" });
    expect(
      lateBefore.body.obligations.some(
        (item: { rule: string }) => item.rule === "committee-report",
      ),
    ).toBe(true);

    // Only the secretary records the decision, and a decision needs date, § and dnr.
    const byMember = await patch("lars", readyResponse.body.etag, {
      status: "beslutad",
      decisionDate: "2026-05-20",
      paragraph: "§ 42",
      registryNumber: "SN 2026/0077",
    });
    expect(byMember.status).toBe(403);
    const incomplete = await patch("maria", readyResponse.body.etag, { status: "beslutad" });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors?.map((error: { field: string }) => error.field).sort()).toEqual([
      "decisionDate",
      "paragraph",
      "registryNumber",
    ]);
    const future = await patch("maria", readyResponse.body.etag, {
      status: "beslutad",
      decisionDate: "2027-01-10",
      paragraph: "42",
      registryNumber: "SN 2026/0077",
    });
    expect(future.status).toBe(400);
    const decided = await patch("maria", readyResponse.body.etag, {
      status: "beslutad",
      decisionDate: "2026-05-20",
      paragraph: "§ 42",
      registryNumber: "SN 2026/0077",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      status: "beslutad",
      decisionDate: "2026-05-20",
      paragraph: "42",
      registryNumber: "SN 2026/0077",
    });
    // A stale version is refused with what is stored now.
    const stale = await patch("maria", report.etag, { status: "utkast" });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ status: "beslutad" });

    // The file's metadata in the library says the same.
    const drive = await driveOf("SN");
    const metadata = (await app.running.graph.client
      .api(`/drives/${drive}/items/${report.driveItemId}/listItem?expand=fields`)
      .get()) as { fields: Record<string, unknown> };
    expect(metadata.fields).toMatchObject({
      reportStatus: "beslutad",
      paragraph: "42",
      registryNumber: "SN 2026/0077",
    });
    expect(String(metadata.fields.decisionDate)).toMatch(/^2026-05-20/);

    // Översikt: the nämnd's report obligation is met; the KS overview shows the decision.
    const dashboard = await app.call("GET", `/api/committees/${sn}/dashboard`, { user: "maria" });
    expect(
      dashboard.body.obligations.some((item: { rule: string }) => item.rule === "committee-report"),
    ).toBe(false);
    const overview = await app.call("GET", "/api/overview", { user: "karin" });
    const snRow = overview.body.committees.find(
      (row: { committee: { code: string } }) => row.committee.code === "SN",
    )!;
    expect(snRow.reportStatus).toBe("beslutad");
    expect(snRow.reportDecision).toEqual({ date: "2026-05-20", paragraph: "42" });

    // A decided report is not replaced by a new draft.
    const again = await app.call("POST", "/api/reports", {
      user: "maria",
      body: { type: "namnd", committeeId: sn },
    });
    expect(again.status).toBe(400);
    expect(again.body.detail).toContain("är beslutad (2026-05-20 § 42)");

    // The KS compilation cites it with date and §.
    const ks = await app.call("POST", "/api/reports", {
      user: "karin",
      body: { type: "ks", year: 2026 },
    });
    expect(ks.status).toBe(201);
    const text = flat((await renderToText(await download(ks.body.report.id), "ks-beslut")).text);
    expect(text).toMatch(
      /Socialnämndens redovisning av strategiska avtal 2025–\s?2026, 2026-05-20 § 42/,
    );
    expect(text).toContain("(ej beslutad, utkast)");
  });

  test("a deficiency names its provider and the follow-up or deviation that found it, all of its own contract", async () => {
    const hemtjanst = await app.contractId("Hemtjänst enligt LOV");
    const solgarden = await app.contractId("Särskilt boende Solgården");
    const followUps = await app.call("GET", `/api/follow-ups?contractId=${solgarden}`, {
      user: "anna",
    });
    const deviations = await app.call("GET", `/api/deviations?contractId=${hemtjanst}`, {
      user: "anna",
    });
    const body = {
      contractId: hemtjanst,
      committeeId: van,
      description: "Genomförandeplaner saknas",
      goalImpact: "",
      measures: "",
      checkUpResult: "",
      sanctionNote: "",
      status: "öppen",
    };
    const otherContract = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: { ...body, followUpId: followUps.body.items[0]!.id },
    });
    expect(otherContract.status).toBe(400);
    expect(otherContract.body.errors?.[0]).toMatchObject({ field: "followUpId" });
    const unknownProvider = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: { ...body, provider: "Okänd Omsorg AB" },
    });
    expect(unknownProvider.status).toBe(400);
    expect(unknownProvider.body.errors?.[0]?.field).toBe("provider");
    const created = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: {
        ...body,
        provider: "Omsorgshjälpen Väst AB",
        deviationId: deviations.body.items[0]!.id,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      provider: "Omsorgshjälpen Väst AB",
      deviationId: deviations.body.items[0]!.id,
    });
    expect(created.body.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("the KS compilation takes a deviation recorded after the kommun copy was read from the copy: the deficiency it found counts in its period", async () => {
    await app.running.store.currentCycleData();
    const register = await app.call("GET", `/api/contracts?committeeId=${van}`, { user: "anna" });
    const contract = (
      register.body.items as Array<{ id: string; title: string; strategic: boolean }>
    ).find((item) => item.strategic && item.title !== "Hemtjänst enligt LOV");
    if (!contract) throw new Error("no other strategic contract in VAN");
    const deviation = await app.call("POST", "/api/deviations", {
      user: "anna",
      body: {
        contractId: contract.id,
        committeeId: van,
        occurredOn: "2026-03-10",
        description: "Larm besvarades inte inom avtalad tid",
        severity: "hög",
        handling: "",
        status: "öppen",
      },
    });
    expect(deviation.status, JSON.stringify(deviation.body)).toBe(201);
    // Recorded in the next period, but found from the deviation: it belongs to 2025–2026.
    const deficiency = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: {
        contractId: contract.id,
        committeeId: van,
        deviationId: deviation.body.id,
        description: "Larmrutinen följs inte",
        goalImpact: "",
        measures: "",
        checkUpResult: "",
        sanctionNote: "",
        status: "öppen",
      },
    });
    expect(deficiency.status, JSON.stringify(deficiency.body)).toBe(201);

    const ks = await app.call("POST", "/api/reports", {
      user: "karin",
      body: { type: "ks", year: 2026 },
    });
    expect(ks.status, JSON.stringify(ks.body)).toBe(201);
    const text = flat((await renderToText(await download(ks.body.report.id), "ks-avvikelse")).text);
    const withDeficiencies = /avtal innehåller brister: ([^.]*)\./.exec(text)?.[1] ?? "";
    expect(withDeficiencies.toLocaleLowerCase("sv")).toContain(
      contract.title.toLocaleLowerCase("sv"),
    );
  });
});
