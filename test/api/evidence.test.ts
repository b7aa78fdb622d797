import { randomBytes } from "node:crypto";
import http from "node:http";
import PizZip from "pizzip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvidenceItem, Items } from "../../api/src/http/api-shapes.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { recordBody } from "../support/bodies.ts";
import { renderToText } from "../support/libreoffice.ts";
import { setFaults } from "../support/local-graph.ts";

/**
 * Evidence (underlag) over HTTP: files attached to a contract and its
 * records go to the nämnd's library with metadata linking them to the
 * record; listed, downloaded, removed (in the history), with type and size
 * limits in Swedish and 403 for other nämnder.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;
let van: string;
let contract: string;
let followUp: string;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function upload(
  path: string,
  name: string,
  content: Buffer,
  user: "anna" | "erik" | "karin" = "anna",
) {
  const response = await fetch(`${app.url}${path}?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${await app.tokenFor(user)}`,
      "Content-Type": "application/octet-stream",
    },
    body: new Uint8Array(content),
  });
  const body = (await response.json()) as EvidenceItem & { code?: string; detail?: string };
  return { status: response.status, body };
}

async function download(path: string, user: "anna" | "erik" | "karin" = "anna") {
  return fetch(`${app.url}${path}`, {
    headers: { Authorization: `Bearer ${await app.tokenFor(user)}` },
  });
}

async function libraryItem(fileId: string) {
  const committee = (await app.call("GET", "/api/committees", { user: "karin" })).body.items.find(
    (item) => item.code === "VAN",
  );
  const lists = (await app.running.graph.client
    .api("/sites/root/lists?$select=id,displayName")
    .get()) as { value: Array<{ id: string; displayName: string }> };
  const library = lists.value.find((list) => list.displayName === "Avtalsuppföljning VAN");
  const drive = (await app.running.graph.client
    .api(`/sites/root/lists/${library?.id}/drive`)
    .get()) as { id: string };
  expect(committee).toBeDefined();
  return (await app.running.graph.client
    .api(`/drives/${drive.id}/items/${fileId}?$expand=listItem($expand=fields)`)
    .get()) as {
    name: string;
    parentReference: { path: string };
    listItem: { fields: Record<string, unknown> };
  };
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  van = await app.committeeId("VAN");
  contract = await app.contractId("Hemtjänst enligt LOV");
  const created = await app.call("POST", "/api/follow-ups", {
    user: "anna",
    body: recordBody("follow-ups", van, contract, "underlag"),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  followUp = created.body.id;
});
afterAll(async () => {
  await app.stop();
});

describe("evidence on a follow-up", () => {
  test("a PDF is stored in the contract's folder with metadata, listed with who and when, and downloaded intact", async () => {
    const name = "Protokoll från uppföljningsmöte – Åsa & Öberg.pdf";
    const uploaded = await upload(`/api/follow-ups/${followUp}/evidence`, name, PDF);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({
      name,
      size: PDF.byteLength,
      sizeText: `${PDF.byteLength} byte`,
      uploadedBy: { name: "Anna Lindqvist" },
    });
    expect(uploaded.body.period).toMatch(/^\d{4}/);
    expect(uploaded.body.uploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const listed = await app.call("GET", `/api/follow-ups/${followUp}/evidence`, { user: "anna" });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.name)).toEqual([name]);

    const file = await download(`/api/follow-ups/${followUp}/evidence/${uploaded.body.id}/content`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="Protokoll fr_n uppf_ljningsm_te _ _sa & _berg.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    // In the library: a folder per contract, and the record it belongs to in the metadata.
    const item = await libraryItem(uploaded.body.id);
    const number = (await app.call("GET", `/api/contracts/${contract}`, { user: "anna" })).body
      .contractNumber;
    expect(item.parentReference.path).toMatch(new RegExp(`/root:/Underlag/${number}$`));
    expect(item.listItem.fields).toMatchObject({
      documentType: "underlag",
      committeeCode: "VAN",
      evidenceKey: `followUps:${followUp}`,
      recordKind: "uppföljning",
      recordId: followUp,
      contractId: contract,
      period: uploaded.body.period,
      uploadedByName: "Anna Lindqvist",
      fileSize: PDF.byteLength,
    });
    // The library's own link opens it.
    expect((await fetch(uploaded.body.webUrl)).status).toBe(200);
  });

  test("the same name twice keeps both files; a file above 4 MB goes through an upload session intact", async () => {
    const first = await upload(`/api/follow-ups/${followUp}/evidence`, "Bilaga.pdf", PDF);
    const second = await upload(`/api/follow-ups/${followUp}/evidence`, "Bilaga.pdf", PDF);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.name).toBe("Bilaga 1.pdf");

    const large = Buffer.concat([PNG_SIGNATURE, randomBytes(5 * 1024 * 1024 + 12_345)]);
    const before = app.running.graph.counter.requests;
    const uploaded = await upload(
      `/api/contracts/${contract}/evidence`,
      "Foto från besök.png",
      large,
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.size).toBe(large.byteLength);
    expect(uploaded.body.sizeText).toBe("5 MB");
    // Session, two fragments of 3.2 MB at most, metadata, read back: more than one PUT's worth.
    expect(app.running.graph.counter.requests - before).toBeGreaterThanOrEqual(5);
    const file = await download(`/api/contracts/${contract}/evidence/${uploaded.body.id}/content`);
    expect(Buffer.from(await file.arrayBuffer()).equals(large)).toBe(true);
    // The contract's files are its own: the follow-up's are not among them.
    const listed = await app.call("GET", `/api/contracts/${contract}/evidence`, { user: "anna" });
    expect(listed.body.items.map((item) => item.name)).toEqual(["Foto från besök.png"]);
  });

  test("a large file whose fragment reached SharePoint but whose answer was lost is stored once, intact", async () => {
    const graph = app.running.localGraph;
    if (!graph) throw new Error("The test app runs its own local Graph service");
    const large = Buffer.concat([PNG_SIGNATURE, randomBytes(7 * 1024 * 1024)]);
    await setFaults(graph, { loseUploadAnswers: 1 });
    const uploaded = await upload(`/api/follow-ups/${followUp}/evidence`, "Ritning.png", large);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect((await setFaults(graph, {})).loseUploadAnswers).toBe(0);
    expect(uploaded.body.name).toBe("Ritning.png");
    const file = await download(`/api/follow-ups/${followUp}/evidence/${uploaded.body.id}/content`);
    expect(Buffer.from(await file.arrayBuffer()).equals(large)).toBe(true);
  });

  test("an upload SharePoint cannot resume is told in Swedish as SharePoint's failure (502), not as a bad request", async () => {
    const graph = app.running.localGraph;
    if (!graph) throw new Error("The test app runs its own local Graph service");
    // Both fragments' answers lost: the session is finished by the second, so its status is gone.
    const large = Buffer.concat([PNG_SIGNATURE, randomBytes(5 * 1024 * 1024)]);
    await setFaults(graph, { loseUploadAnswers: 2 });
    const uploaded = await upload(`/api/follow-ups/${followUp}/evidence`, "Karta.png", large);
    await setFaults(graph, {});
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(502);
    expect(uploaded.body).toMatchObject({
      code: "upload-failed",
      title: "Uppladdningen misslyckades",
      detail:
        "Uppladdningen kunde inte återupptas: SharePoint har inte kvar uppladdningen. Ladda upp filen igen.",
    });
  });

  test("deviations and deficiencies take evidence too, with their period", async () => {
    const deviation = await app.call("POST", "/api/deviations", {
      user: "anna",
      body: recordBody("deviations", van, contract, "underlag"),
    });
    const deficiency = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: { ...recordBody("deficiencies", van, contract, "underlag"), followUpId: followUp },
    });
    expect([deviation.status, deficiency.status]).toEqual([201, 201]);
    const text = Buffer.from("Handlingsplanen följdes upp i mars.\r\n", "utf8");
    const onDeviation = await upload(
      `/api/deviations/${deviation.body.id}/evidence`,
      "Anteckning.txt",
      text,
    );
    const onPlan = await upload(
      `/api/deficiencies/${deficiency.body.id}/evidence`,
      "Handlingsplan.txt",
      text,
    );
    expect([onDeviation.status, onPlan.status]).toEqual([201, 201]);
    expect(onDeviation.body.period).toMatch(/^\d{4}/);
    const followUpPeriod = (await app.call("GET", `/api/follow-ups/${followUp}`, { user: "anna" }))
      .body.period;
    expect(onPlan.body.period).toBe(followUpPeriod);
    const file = await download(
      `/api/deficiencies/${deficiency.body.id}/evidence/${onPlan.body.id}/content`,
    );
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await file.text()).toBe(text.toString("utf8"));
  });
});

describe("limits, in Swedish", () => {
  test("a type outside the allow-list, content that is not what its name says, an empty file and a missing name are refused", async () => {
    const path = `/api/follow-ups/${followUp}/evidence`;
    const exe = await upload(path, "program.exe", Buffer.from("MZ\x90\x00"));
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe("file-type");
    expect(exe.body.detail).toContain("Filtypen .exe kan inte bifogas som underlag");
    expect(exe.body.detail).toContain("PDF, Word (.docx)");

    const disguised = await upload(path, "faktura.pdf", Buffer.from("MZ\x90\x00\x03\x00\x00\x00"));
    expect(disguised.status).toBe(415);
    expect(disguised.body.code).toBe("file-content");
    expect(disguised.body.detail).toContain("inte en .pdf-fil");

    const empty = await upload(path, "tom.pdf", Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe("file-empty");
    expect(empty.body.detail).toBe("Filen är tom.");

    const nameless = await upload(path, "", PDF);
    expect(nameless.status).toBe(400);
    expect(nameless.body.code).toBe("file-name");

    // Nothing of the refused files reached the library.
    const listed = await app.call<Items<EvidenceItem>>("GET", path, { user: "anna" });
    expect(listed.body.items.map((item) => item.name)).not.toContain("program.exe");
    expect(listed.body.items.map((item) => item.name)).not.toContain("faktura.pdf");
  });

  test("a file above 50 MB is refused from its declared size, before its body is read", async () => {
    const token = await app.tokenFor("anna");
    const url = new URL(`${app.url}/api/follow-ups/${followUp}/evidence?name=stor.pdf`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/pdf",
            "Content-Length": String(60 * 1024 * 1024),
          },
        },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      // Only the first bytes are sent: the answer must come without the rest.
      request.write(PDF);
    });
    expect(answer.status).toBe(413);
    const problem = JSON.parse(answer.body) as { code: string; detail: string };
    expect(problem.code).toBe("file-too-large");
    expect(problem.detail).toBe(
      "Filen är 60 MB. Underlag får vara högst 50 MB; dela upp filen eller spara den i mindre format.",
    );
  });
});

describe("access", () => {
  test("another nämnd's member gets 403 for listing, downloading, uploading and removing; kommunledningskontoret reads but does not write", async () => {
    const uploaded = await upload(`/api/follow-ups/${followUp}/evidence`, "Intern.pdf", PDF);
    expect(uploaded.status).toBe(201);
    const base = `/api/follow-ups/${followUp}/evidence`;
    const list = await app.call("GET", base, { user: "erik" });
    expect(list.status).toBe(403);
    expect(list.body.code).toBe("forbidden");
    const file = await download(`${base}/${uploaded.body.id}/content`, "erik");
    expect(file.status).toBe(403);
    expect(((await file.json()) as { code: string }).code).toBe("forbidden");
    const erikUpload = await upload(base, "Annan.pdf", PDF, "erik");
    expect(erikUpload.status).toBe(403);
    expect(erikUpload.body.code).toBe("forbidden");
    const erikRemove = await app.call("POST", `${base}/${uploaded.body.id}/remove`, {
      user: "erik",
      headers: { "If-Match": uploaded.body.etag },
      body: { reason: "Inte min" },
    });
    expect(erikRemove.status).toBe(403);

    expect((await app.call("GET", base, { user: "karin" })).status).toBe(200);
    expect((await download(`${base}/${uploaded.body.id}/content`, "karin")).status).toBe(200);
    const karinUpload = await upload(base, "KLK.pdf", PDF, "karin");
    expect(karinUpload.status).toBe(403);
    expect(karinUpload.body.detail).toContain("inte lägga till eller ta bort underlag");

    // A file reached through another record answers as a missing one.
    const other = await app.call(
      "GET",
      `/api/contracts/${contract}/evidence/${uploaded.body.id}/content`,
      {
        user: "anna",
      },
    );
    expect(other.status).toBe(404);
  });
});

describe("removing", () => {
  test("a removed file leaves the list; the record's history says who removed it, when and why", async () => {
    const uploaded = await upload(`/api/follow-ups/${followUp}/evidence`, "Fel fil.pdf", PDF);
    const path = `/api/follow-ups/${followUp}/evidence/${uploaded.body.id}/remove`;
    const noVersion = await app.call("POST", path, {
      user: "anna",
      body: { reason: "Fel fil" },
    });
    expect(noVersion.status).toBe(428);
    const noReason = await app.call("POST", path, {
      user: "anna",
      headers: { "If-Match": uploaded.body.etag },
      body: { reason: "" },
    });
    expect(noReason.status).toBe(400);
    const removed = await app.call("POST", path, {
      user: "anna",
      headers: { "If-Match": uploaded.body.etag },
      body: { reason: "Fel fil, gällde ett annat avtal" },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).toEqual({ id: uploaded.body.id, removed: true });
    const again = await app.call("POST", path, {
      user: "anna",
      headers: { "If-Match": uploaded.body.etag },
      body: { reason: "Igen" },
    });
    expect(again.status).toBe(404);

    const listed = await app.call("GET", `/api/follow-ups/${followUp}/evidence`, { user: "anna" });
    expect(listed.body.items.map((item) => item.id)).not.toContain(uploaded.body.id);
    const content = await download(
      `/api/follow-ups/${followUp}/evidence/${uploaded.body.id}/content`,
    );
    expect(content.status).toBe(404);

    const history = await app.call("GET", `/api/follow-ups/${followUp}/history`, { user: "anna" });
    const summaries = history.body.items.map((entry) => `${entry.summary} (${entry.modifiedBy})`);
    expect(summaries).toContain(
      "Underlag borttaget: Fel fil.pdf. Anledning: Fel fil, gällde ett annat avtal (Anna Lindqvist)",
    );
    expect(summaries).toContain("Underlag tillagt: Fel fil.pdf (Anna Lindqvist)");
    expect(history.body.items.at(-1)?.action).toBe("created");
  });
});

describe("the nämnd's report", () => {
  test("lists the evidence behind each follow-up under Beslutsunderlag when the nämnd chooses, and remembers the choice", async () => {
    const followUps = await app.call("GET", `/api/follow-ups?contractId=${contract}`, {
      user: "anna",
    });
    const reported = followUps.body.items.find(
      (item) => item.committeeId === van && item.period === "2025–2026",
    );
    expect(reported, "a VAN follow-up of hemtjänst in 2025–2026 in the demo data").toBeDefined();
    const uploaded = await upload(
      `/api/follow-ups/${reported?.id}/evidence`,
      "Protokoll uppföljningsmöte mars.pdf",
      PDF,
    );
    expect(uploaded.status).toBe(201);

    const draft = async (choice: boolean | undefined): Promise<Buffer> => {
      const made = await app.call("POST", "/api/reports", {
        user: "anna",
        body: {
          type: "namnd",
          committeeId: van,
          ...(choice === undefined ? {} : { evidence: choice }),
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const file = await download(`/api/reports/${made.body.report.id}/content`);
      return Buffer.from(await file.arrayBuffer());
    };
    const line =
      "Underlag till uppföljningen av hemtjänst enligt LOV: Protokoll uppföljningsmöte mars.pdf";
    // As a reader sees it: rendered by LibreOffice, under the heading Beslutsunderlag.
    const text = (await renderToText(await draft(true), "underlag")).text.replace(/\s+/g, " ");
    const basis = text.slice(text.indexOf("Beslutsunderlag"), text.indexOf("Beslutet expedieras"));
    expect(basis).toContain("Tjänsteskrivelse");
    expect(basis).toContain(line);
    // Remembered for the nämnd: the next draft lists them without being asked, until it says no.
    const body = (docx: Buffer) => new PizZip(docx).file("word/document.xml")?.asText() ?? "";
    const chosen = async () =>
      (await app.call("GET", "/api/me", { user: "anna" })).body.committees.find(
        (committee) => committee.id === van,
      )?.listsEvidence;
    expect(await chosen()).toBe(true);
    expect(body(await draft(undefined))).toContain(line);
    expect(body(await draft(false))).not.toContain("Underlag till uppföljningen");
    expect(await chosen()).toBe(false);
  });
});
