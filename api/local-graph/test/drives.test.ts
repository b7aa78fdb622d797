import { ResponseType } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { graphError, startTestGraph, type TestGraph } from "./support.ts";

interface DriveItem {
  id: string;
  name: string;
  size: number;
  webUrl: string;
  eTag: string;
  file?: { mimeType: string };
  folder?: { childCount: number };
  parentReference: { path?: string };
}

let graph: TestGraph;
let driveId: string;
let libraryId: string;

beforeAll(async () => {
  graph = await startTestGraph();
  const library = (await graph.access.client.api("/sites/root/lists").post({
    displayName: "Socialnämndens dokument",
    list: { template: "documentLibrary" },
    columns: [
      {
        name: "documentType",
        displayName: "Dokumenttyp",
        choice: { choices: ["Redovisning", "Plan"] },
      },
      { name: "period", displayName: "Period", text: {}, indexed: true },
    ],
  })) as { id: string };
  libraryId = library.id;
  const drive = (await graph.access.client.api(`/sites/root/lists/${library.id}/drive`).get()) as {
    id: string;
  };
  driveId = drive.id;
});

afterAll(async () => {
  await graph.stop();
});

/** Uploads through an upload session in fragments of 3.2 MiB (ten 320 KiB units). */
async function uploadInSession(path: string, content: Uint8Array, conflict: string) {
  const session = (await graph.access.client
    .api(`/drives/${driveId}/root:/${path}:/createUploadSession`)
    .post({ item: { "@microsoft.graph.conflictBehavior": conflict } })) as { uploadUrl: string };
  const fragment = 10 * 320 * 1024;
  let answer: Response | undefined;
  for (let start = 0; start < content.byteLength; start += fragment) {
    const end = Math.min(start + fragment, content.byteLength);
    answer = await fetch(session.uploadUrl, {
      method: "PUT",
      headers: { "Content-Range": `bytes ${start}-${end - 1}/${content.byteLength}` },
      body: content.slice(start, end),
    });
    expect(answer.status).toBe(end === content.byteLength ? 201 : 202);
  }
  return (await answer!.json()) as DriveItem;
}

const put = (path: string, content: string, conflict?: string) =>
  graph.access.client
    .api(
      `/drives/${driveId}/root:/${path}:/content${conflict ? `?@microsoft.graph.conflictBehavior=${conflict}` : ""}`,
    )
    .put(Buffer.from(content)) as Promise<DriveItem>;

describe("drives and files", () => {
  test("a new document library is a drive of the site", async () => {
    const drives = (await graph.access.client.api("/sites/root/drives").get()) as {
      value: Array<{ id: string; name: string; driveType: string }>;
    };
    expect(drives.value.map((drive) => drive.name)).toContain("Socialnämndens dokument");
    expect(drives.value.every((drive) => drive.driveType === "documentLibrary")).toBe(true);
  });

  test("PUT by path creates the folders, returns 201 and a webUrl under the library", async () => {
    const item = await put("Rapporter/2022/Redovisning strategiska avtal 2021–2022.docx", "första");
    expect(item.name).toBe("Redovisning strategiska avtal 2021–2022.docx");
    expect(item.size).toBe(Buffer.byteLength("första"));
    expect(item.file?.mimeType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(item.parentReference.path).toBe(`/drives/${driveId}/root:/Rapporter/2022`);
    const webUrl = new URL(item.webUrl);
    expect(decodeURIComponent(webUrl.pathname)).toMatch(
      /\/Socialnämndens dokument\/Rapporter\/2022\/Redovisning strategiska avtal 2021–2022\.docx$/,
    );
    // The link opens the file; it is signed, so the path alone does not.
    expect(await (await fetch(webUrl)).text()).toBe("första");
    webUrl.search = "";
    expect((await fetch(webUrl)).status).toBe(404);
    const folder = (await graph.access.client
      .api(`/drives/${driveId}/root:/Rapporter/2022`)
      .get()) as DriveItem;
    expect(folder.folder?.childCount).toBe(1);
  });

  test("conflictBehavior: fail → 409 nameAlreadyExists, replace → new version, rename → new name", async () => {
    const first = await put("Rapporter/plan.docx", "v1");
    const failed = await graphError(put("Rapporter/plan.docx", "v2", "fail"));
    expect(failed.statusCode).toBe(409);
    expect(failed.code).toBe("nameAlreadyExists");
    const replaced = await put("Rapporter/plan.docx", "v2", "replace");
    expect(replaced.id).toBe(first.id);
    expect(replaced.eTag).not.toBe(first.eTag);
    const renamed = await put("Rapporter/plan.docx", "v3", "rename");
    expect(renamed.name).toBe("plan 1.docx");
    const content = (await graph.access.client
      .api(`/drives/${driveId}/items/${first.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(content).toString()).toBe("v2");
  });

  test("replacing a file with a stale If-Match is refused with 412", async () => {
    const item = await put("Rapporter/etag.docx", "a");
    await put("Rapporter/etag.docx", "b");
    const stale = await graphError(
      graph.access.client
        .api(`/drives/${driveId}/root:/Rapporter/etag.docx:/content`)
        .header("If-Match", item.eTag)
        .put(Buffer.from("c")),
    );
    expect(stale.statusCode).toBe(412);
  });

  test("invalid names and path traversal are refused", async () => {
    for (const name of ["a:b.docx", "../x.docx", "CON", "x?.docx", "trailing."]) {
      const error = await graphError(put(`Rapporter/${encodeURIComponent(name)}`, "x"));
      expect(error.statusCode, name).toBe(400);
    }
  });

  test("library metadata is set and read through the driveItem's listItem", async () => {
    const item = await put("Rapporter/meta.docx", "x");
    const fields = await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/listItem/fields`)
      .patch({ documentType: "Redovisning", period: "2021–2022" });
    expect(fields.documentType).toBe("Redovisning");
    const listItem = (await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/listItem?expand=fields`)
      .get()) as {
      fields: Record<string, unknown>;
    };
    expect(listItem.fields).toMatchObject({ FileLeafRef: "meta.docx", period: "2021–2022" });
    const byPeriod = (await graph.access.client
      .api(
        `/sites/root/lists/${libraryId}/items?$filter=fields/period eq '2021–2022'&expand=fields`,
      )
      .get()) as { value: unknown[] };
    expect(byPeriod.value).toHaveLength(1);
  });

  test("file content inside a $batch: the body base64 and so the answer; a stale If-Match fails its dependents with 424", async () => {
    const item = await put("Rapporter/batch.docx", "första");
    const batch = async (eTag: string, text: string, period: string) =>
      (await graph.access.client.api("/$batch").post({
        requests: [
          {
            id: "file",
            method: "PUT",
            url: `/drives/${driveId}/items/${item.id}/content`,
            headers: { "Content-Type": "application/octet-stream", "If-Match": eTag },
            body: Buffer.from(text).toString("base64"),
          },
          {
            id: "metadata",
            method: "PATCH",
            url: `/drives/${driveId}/items/${item.id}/listItem/fields`,
            headers: { "Content-Type": "application/json" },
            body: { period },
            dependsOn: ["file"],
          },
        ],
      })) as { responses: Array<{ id: string; status: number; body: unknown }> };
    const answer = (reply: Awaited<ReturnType<typeof batch>>, id: string) =>
      reply.responses.find((response) => response.id === id)!;

    const written = await batch(item.eTag, "andra", "2023–2024");
    const file = answer(written, "file");
    expect(file.status).toBe(200);
    // Graph answers a part sent as base64 in base64, JSON included (by design).
    expect(typeof file.body).toBe("string");
    const replaced = JSON.parse(Buffer.from(file.body as string, "base64").toString()) as DriveItem;
    expect(replaced).toMatchObject({ id: item.id, name: "batch.docx", size: 5 });
    expect(replaced.eTag).not.toBe(item.eTag);
    expect(answer(written, "metadata")).toMatchObject({
      status: 200,
      body: { period: "2023–2024" },
    });
    const content = (await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(content).toString()).toBe("andra");

    // The version read first is stale now: the upload is refused and nothing depending on it is written.
    const stale = await batch(item.eTag, "tredje", "2025–2026");
    expect(answer(stale, "file").status).toBe(412);
    expect(answer(stale, "metadata").status).toBe(424);
    const fields = await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/listItem/fields`)
      .get();
    expect(fields.period).toBe("2023–2024");

    // A body that is not JSON must be a base64 string.
    const notBase64 = (await graph.access.client.api("/$batch").post({
      requests: [
        {
          id: "1",
          method: "PUT",
          url: `/drives/${driveId}/items/${item.id}/content`,
          headers: { "Content-Type": "application/octet-stream" },
          body: { text: "x" },
        },
      ],
    })) as { responses: Array<{ status: number }> };
    expect(notBase64.responses[0]!.status).toBe(400);
  });

  test("children are paged", async () => {
    for (let index = 0; index < 5; index += 1) await put(`Paging/f${index}.txt`, String(index));
    const first = (await graph.access.client
      .api(`/drives/${driveId}/root:/Paging:/children?$top=2`)
      .get()) as {
      value: DriveItem[];
      "@odata.nextLink"?: string;
    };
    expect(first.value.map((child) => child.name)).toEqual(["f0.txt", "f1.txt"]);
    expect(first["@odata.nextLink"]).toBeDefined();
  });

  test("an upload session takes a large file in 320 KiB multiples and refuses a bearer token", async () => {
    const content = new Uint8Array(3 * 1024 * 1024 + 12345).map((_, index) => index % 251);
    const item = await uploadInSession("Stora/stor.bin", content, "fail");
    expect(item.size).toBe(content.byteLength);
    const downloaded = (await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(downloaded).equals(Buffer.from(content))).toBe(true);

    const session = (await graph.access.client
      .api(`/drives/${driveId}/root:/Stora/annan.bin:/createUploadSession`)
      .post({ item: { "@microsoft.graph.conflictBehavior": "replace" } })) as { uploadUrl: string };
    const withToken = await fetch(session.uploadUrl, {
      method: "PUT",
      headers: { Authorization: "Bearer x", "Content-Range": "bytes 0-9/10" },
      body: new Uint8Array(10),
    });
    expect(withToken.status).toBe(401);
    const oddFragment = await fetch(session.uploadUrl, {
      method: "PUT",
      headers: { "Content-Range": "bytes 0-99/1000" },
      body: new Uint8Array(100),
    });
    expect(oddFragment.status).toBe(400);
    const failing = await graphError(uploadInSession("Stora/stor.bin", content, "fail"));
    expect(failing.statusCode).toBe(409);
  });

  test("GET on the upload URL says where to resume; a fragment it already has gets 416, whose answer does not say", async () => {
    const unit = 320 * 1024;
    const content = new Uint8Array(2 * unit + 777).map((_, index) => (index * 7) % 253);
    const session = (await graph.access.client
      .api(`/drives/${driveId}/root:/Stora/återupptagen.bin:/createUploadSession`)
      .post({ item: { "@microsoft.graph.conflictBehavior": "fail" } })) as { uploadUrl: string };
    const fragment = (start: number, end: number) =>
      fetch(session.uploadUrl, {
        method: "PUT",
        headers: { "Content-Range": `bytes ${start}-${end - 1}/${content.byteLength}` },
        body: content.slice(start, end),
      });
    const status = async () => {
      const answer = await fetch(session.uploadUrl);
      expect(answer.status).toBe(200);
      return (await answer.json()) as { expirationDateTime: string; nextExpectedRanges: string[] };
    };
    const fresh = await status();
    expect(fresh.nextExpectedRanges).toEqual(["0-"]);
    expect(Date.parse(fresh.expirationDateTime)).toBeGreaterThan(Date.now());

    // The first fragment is stored, but its answer is lost on the way back.
    await graph.setFaults({ loseUploadAnswers: 1 });
    await expect(fragment(0, unit)).rejects.toThrow();
    expect((await status()).nextExpectedRanges).toEqual([`${unit}-`]);

    // Sent again (as after a lost answer): 416, and the body does not say where to go on.
    const again = await fragment(0, unit);
    expect(again.status).toBe(416);
    const refused = (await again.json()) as {
      error: { code: string; innerError: { code?: string } };
      nextExpectedRanges?: unknown;
    };
    expect(refused.error.code).toBe("invalidRange");
    expect(refused.error.innerError.code).toBe("fragmentOverlap");
    expect(refused.nextExpectedRanges).toBeUndefined();
    const ahead = await fragment(2 * unit, content.byteLength);
    expect(ahead.status).toBe(416);
    expect((await status()).nextExpectedRanges).toEqual([`${unit}-`]);

    // Going on from where the status said completes the file with every byte once.
    expect((await fragment(unit, 2 * unit)).status).toBe(202);
    const done = await fragment(2 * unit, content.byteLength);
    expect(done.status).toBe(201);
    const item = (await done.json()) as DriveItem;
    const downloaded = (await graph.access.client
      .api(`/drives/${driveId}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(downloaded).equals(Buffer.from(content))).toBe(true);
    // A finished session is gone.
    expect((await fetch(session.uploadUrl)).status).toBe(404);
  });
});
