import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  appToken,
  createTestList,
  graphError,
  type ListHandle,
  readAll,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

/**
 * Forms Graph documents that the service once refused or answered partly:
 * lists filtered by displayName, expand=columns, $select on lists, items and
 * driveItems, $expand=listItem, the upload path forms, GET …/fields, the
 * system fields and columns, identities with e-mail, @odata.context, and the
 * listItem dates Graph cannot filter on.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected freely here.
type Json = any;

let graph: TestGraph;
let list: ListHandle;
let driveId: string;

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`${graph.server.graphUrl}${path}`, {
    method,
    redirect: "manual",
    headers: {
      Authorization: `Bearer ${options.token ?? (await appToken(graph.server))}`,
      ...(options.body !== undefined && typeof options.body !== "string"
        ? { "Content-Type": "application/json" }
        : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

beforeAll(async () => {
  graph = await startTestGraph();
  list = await createTestList(graph.access, "Böcker", [
    { name: "pages", displayName: "Sidor", number: {} },
    { name: "secret", displayName: "Hemlig", text: {}, hidden: true },
  ]);
  await graph.access.client
    .api(`${list.url}/items`)
    .post({ fields: { Title: "Röda rummet", pages: 400, secret: "x" } });
  driveId = ((await graph.access.client.api("/sites/root/drive").get()) as { id: string }).id;
});

afterAll(async () => {
  await graph.stop();
});

describe("lists", () => {
  test("$filter=displayName eq '…' filters the lists; another property is refused", async () => {
    const found = await call("GET", "/sites/root/lists?$filter=displayName eq 'böcker'");
    expect(found.body.value.map((entry: Json) => entry.id)).toEqual([list.id]);
    const none = await call("GET", "/sites/root/lists?$filter=displayName eq 'Finns inte'");
    expect(none.body.value).toEqual([]);
    const other = await call("GET", "/sites/root/lists?$filter=name eq 'Böcker'");
    expect(other.status).toBe(400);
  });

  test("$select and expand=columns(select=…) on a list; hidden columns only when 'hidden' is selected", async () => {
    const answer = await call(
      "GET",
      `${list.url}?select=id,displayName&expand=columns(select=name,readOnly)`,
    );
    expect(Object.keys(answer.body).sort()).toEqual([
      "@odata.context",
      "columns",
      "displayName",
      "id",
    ]);
    const names = answer.body.columns.map((column: Json) => column.name);
    expect(names).toEqual(
      expect.arrayContaining(["Title", "pages", "Created", "Author", "Editor"]),
    );
    expect(names).not.toContain("secret");
    expect(Object.keys(answer.body.columns[0]).sort()).toEqual(["name", "readOnly"]);
    const withHidden = await call("GET", `${list.url}/columns?$select=name,hidden`);
    expect(withHidden.body.value.map((column: Json) => column.name)).toContain("secret");
  });

  test("expand=items(expand=fields(select=…)) on a list", async () => {
    const answer = await call("GET", `${list.url}?expand=items(expand=fields(select=Title))`);
    expect(answer.body.items).toHaveLength(1);
    expect(answer.body.items[0].fields).toEqual({
      "@odata.etag": answer.body.items[0].eTag,
      Title: "Röda rummet",
    });
  });

  test("the system columns: Title required in a generic list, not in a library; SharePoint's own columns read-only", async () => {
    const columns = (await call("GET", `${list.url}/columns`)).body.value as Json[];
    const byName = new Map(columns.map((column) => [column.name, column]));
    expect(byName.get("Title")).toMatchObject({ required: true, readOnly: false });
    for (const name of [
      "ID",
      "Created",
      "Modified",
      "Author",
      "Editor",
      "ContentType",
      "LinkTitle",
    ]) {
      expect(byName.get(name), name).toMatchObject({ readOnly: true });
    }
    expect(byName.get("Author")).toMatchObject({ displayName: "Created By", personOrGroup: {} });
    const library = (await call("GET", "/sites/root/lists/Dokument/columns")).body.value as Json[];
    const libraryNames = new Map(library.map((column) => [column.name, column]));
    expect(libraryNames.get("Title")).toMatchObject({ required: false });
    expect(libraryNames.get("FileLeafRef")).toMatchObject({ displayName: "Name", required: true });
    expect([...libraryNames.keys()]).toEqual(
      expect.arrayContaining(["LinkFilename", "DocIcon", "FileSizeDisplay"]),
    );
  });

  test("Microsoft's 'Books' example: a column named like a system field gets a free internal name", async () => {
    const books = await call("POST", "/sites/root/lists", {
      body: {
        displayName: "Books",
        columns: [
          { name: "Author", text: {} },
          { name: "PageCount", number: {} },
        ],
        list: { template: "genericList" },
      },
    });
    expect(books.status).toBe(201);
    const columns = (await call("GET", `/sites/root/lists/${books.body.id}/columns`)).body
      .value as Json[];
    expect(columns.find((column) => column.displayName === "Author")?.name).toBe("Author0");
    expect(columns.find((column) => column.name === "Author")?.displayName).toBe("Created By");
  });
});

describe("items", () => {
  test("$select on items; GET …/items/{id}/fields; the system fields of a generic item", async () => {
    const selected = await call("GET", `${list.url}/items?$select=id,webUrl`);
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(["@odata.etag", "id", "webUrl"]);
    const fields = await call("GET", `${list.url}/items/1/fields`);
    expect(fields.status).toBe(200);
    expect(fields.body).toMatchObject({
      Title: "Röda rummet",
      pages: 400,
      id: "1",
      ContentType: "Item",
      AuthorLookupId: expect.stringMatching(/^\d+$/),
      EditorLookupId: expect.stringMatching(/^\d+$/),
      _UIVersionString: "1.0",
      Attachments: false,
      LinkTitle: "Röda rummet",
      LinkTitleNoMenu: "Röda rummet",
    });
    expect(fields.body.secret).toBeUndefined();
    const hidden = await call("GET", `${list.url}/items/1/fields?$select=secret,Author`);
    expect(hidden.body).toMatchObject({ secret: "x", Author: "SharePoint App" });
    const unknown = await call("GET", `${list.url}/items/1/fields?$select=nosuchcolumn`);
    expect(unknown.status).toBe(400);
  });

  test("createdBy/lastModifiedBy: a person with e-mail, an app-only write as the application", async () => {
    const person = await appToken(graph.server, {
      id: "5d7c2b1e-0000-4000-8000-000000000001",
      displayName: "Anna Lindqvist",
      email: "anna@asby.se",
    });
    const created = await call("POST", `${list.url}/items`, {
      body: { fields: { Title: "Hemsöborna" } },
      token: person,
    });
    expect(created.body.createdBy).toEqual({
      user: {
        email: "anna@asby.se",
        id: "5d7c2b1e-0000-4000-8000-000000000001",
        displayName: "Anna Lindqvist",
      },
    });
    const byApp = await call("GET", `${list.url}/items/1`);
    expect(byApp.body.createdBy.application).toMatchObject({ id: "local-app" });
    expect(byApp.body.createdBy.user).toBeUndefined();
    const fields = await call(
      "GET",
      `${list.url}/items/${created.body.id}/fields?$select=Author,AuthorLookupId`,
    );
    expect(fields.body.Author).toBe("Anna Lindqvist");
    expect(fields.body.AuthorLookupId).not.toBe("1073741822");
  });

  test("createdDateTime and lastModifiedDateTime are refused in $filter and $orderby; fields/Created works", async () => {
    for (const query of [
      "$filter=createdDateTime ge '2020-01-01T00:00:00Z'",
      "$orderby=lastModifiedDateTime desc",
    ]) {
      const refused = await call("GET", `${list.url}/items?${query}`, {
        headers: { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" },
      });
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.message).toMatch(/fields\/(Created|Modified)/);
    }
    const created = await call(
      "GET",
      `${list.url}/items?$filter=fields/Created ge '2020-01-01T00:00:00Z'`,
      {
        headers: { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" },
      },
    );
    expect(created.status).toBe(200);
    expect(created.body.value.length).toBeGreaterThan(0);
  });

  test("@odata.context names what the answer is", async () => {
    const collection = await call("GET", `${list.url}/items`);
    expect(collection.body["@odata.context"]).toMatch(
      /\/v1\.0\/\$metadata#sites\('.+'\)\/lists\('.+'\)\/items$/,
    );
    const one = await call("GET", `${list.url}/items/1?$select=id`);
    expect(one.body["@odata.context"]).toMatch(/\/items\(id\)\/\$entity$/);
  });
});

describe("drive items", () => {
  test("the documented upload paths: by parent id and name, under root, through a site's or a list's drive", async () => {
    const root = await call("GET", "/sites/root/drive/root");
    const folder = await call("POST", "/sites/root/drive/root/children", {
      body: { name: "Uppladdat", folder: {} },
    });
    expect(folder.status).toBe(201);
    const forms = [
      `/sites/root/drive/items/${folder.body.id}:/a.txt:/content`,
      "/sites/root/drive/root:/b.txt:/content",
      `/sites/root/lists/Dokument/drive/root:/Uppladdat/c.txt:/content`,
      `/drives/${driveId}/items/${root.body.id}:/Uppladdat/d.txt:/content`,
    ];
    for (const path of forms) {
      const put = await call("PUT", path, {
        body: "innehåll",
        headers: { "Content-Type": "text/plain" },
      });
      expect(put.status, path).toBe(201);
      expect(put.body.file, path).toBeDefined();
    }
    const children = await readAll<{ name: string }>(
      graph.access,
      `/drives/${driveId}/items/${folder.body.id}/children`,
    );
    expect(children.map((child) => child.name).sort()).toEqual(["a.txt", "c.txt", "d.txt"]);
  });

  test("POST …/children with a file facet creates an empty file", async () => {
    const created = await call("POST", `/drives/${driveId}/root/children`, {
      body: { name: "tom.txt", file: {}, "@microsoft.graph.conflictBehavior": "rename" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "tom.txt",
      size: 0,
      file: { mimeType: "text/plain" },
    });
  });

  test("$select and $expand=listItem(…) on drive items; a library file's system fields", async () => {
    await call("PUT", `/drives/${driveId}/root:/rapport.docx:/content`, { body: "x".repeat(1234) });
    const answer = await call(
      "GET",
      `/drives/${driveId}/root:/rapport.docx?$select=id,name&$expand=listItem($select=id,contentType;$expand=fields($select=FileLeafRef,DocIcon,FileSizeDisplay,ContentType,LinkFilename))`,
    );
    expect(
      Object.keys(answer.body)
        .filter((key) => !key.startsWith("@"))
        .sort(),
    ).toEqual(["id", "listItem", "name"]);
    expect(answer.body.listItem.contentType.name).toBe("Document");
    expect(answer.body.listItem.contentType.id).toMatch(/^0x0101/);
    expect(answer.body.listItem.fields).toMatchObject({
      FileLeafRef: "rapport.docx",
      LinkFilename: "rapport.docx",
      DocIcon: "docx",
      FileSizeDisplay: "1234",
      ContentType: "Document",
    });
    const folder = await call("GET", `/drives/${driveId}/root:/Uppladdat:/listItem/fields`);
    expect(folder.body).toMatchObject({
      ContentType: "Folder",
      ItemChildCount: "3",
      FolderChildCount: "0",
    });
  });

  test("If-None-Match with the current eTag: 304 Not Modified", async () => {
    const item = await call("GET", `/drives/${driveId}/root:/rapport.docx`);
    const again = await call("GET", `/drives/${driveId}/items/${item.body.id}`, {
      headers: { "If-None-Match": item.body.eTag },
    });
    expect(again.status).toBe(304);
    const changed = await call("GET", `/drives/${driveId}/items/${item.body.id}`, {
      headers: { "If-None-Match": '"{00000000-0000-0000-0000-000000000000},1"' },
    });
    expect(changed.status).toBe(200);
  });

  test("an upload session's documented default is fail; deferCommit is refused, not ignored", async () => {
    const failing = await graphError(
      graph.access.client
        .api(`/drives/${driveId}/root:/rapport.docx:/createUploadSession`)
        .post({}),
    );
    expect(failing.statusCode).toBe(409);
    const deferred = await graphError(
      graph.access.client
        .api(`/drives/${driveId}/root:/ny.bin:/createUploadSession`)
        .post({ deferCommit: true }),
    );
    expect(deferred.statusCode).toBe(501);
  });
});
