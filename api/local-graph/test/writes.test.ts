import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  appToken,
  createTestList,
  graphError,
  type ListHandle,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

interface Item {
  id: string;
  eTag: string;
  "@odata.etag": string;
  fields: Record<string, unknown>;
}

let graph: TestGraph;
let committees: ListHandle;
let contracts: ListHandle;

beforeAll(async () => {
  graph = await startTestGraph();
  committees = await createTestList(graph.access, "Nämnder", [
    { name: "code", displayName: "Kod", text: {}, indexed: true, enforceUniqueValues: true },
  ]);
  contracts = await createTestList(graph.access, "Avtal", [
    {
      name: "contractNumber",
      displayName: "Avtalsnummer",
      text: { maxLength: 20 },
      indexed: true,
      enforceUniqueValues: true,
    },
    {
      name: "committee",
      displayName: "Nämnd",
      lookup: { listId: committees.id, columnName: "Title" },
      indexed: true,
    },
    { name: "valueClass", displayName: "Värde", choice: { choices: ["låg", "hög"] } },
    { name: "annualValue", displayName: "Årsvärde", number: { minimum: 0 } },
    { name: "isShared", displayName: "Delat", boolean: {} },
    { name: "startDate", displayName: "Startdatum", dateTime: { format: "dateOnly" } },
    { name: "summary", displayName: "Sammanfattning", text: { allowMultipleLines: true } },
  ]);
});

afterAll(async () => {
  await graph.stop();
});

const create = (list: ListHandle, fields: Record<string, unknown>) =>
  graph.access.client.api(`${list.url}/items`).post({ fields }) as Promise<Item>;

describe("columns", () => {
  test("Swedish display names, ASCII internal names; non-ASCII names are _xHHHH_-encoded and cut to 32", async () => {
    const list = await createTestList(graph.access, "Kolumntest", [
      { name: "owner", displayName: "Avtalsansvarig", text: {} },
      { name: "Nämnd", text: {} },
      { name: "Åtgärd för förbättring av kvalitén", text: {} },
    ]);
    const columns = (await graph.access.client.api(`${list.url}/columns`).get()) as {
      value: Array<{ name: string; displayName: string }>;
    };
    const byDisplay = new Map(columns.value.map((column) => [column.displayName, column.name]));
    expect(byDisplay.get("Avtalsansvarig")).toBe("owner");
    expect(byDisplay.get("Nämnd")).toBe("N_x00e4_mnd");
    const long = byDisplay.get("Åtgärd för förbättring av kvalitén");
    expect(long).toHaveLength(32);
    expect(long?.startsWith("_x00c5_tg_x00e4_rd_x0020_f")).toBe(true);
  });

  test("a unique column must be indexed; a duplicate display name is refused; a taken internal name gets 0", async () => {
    const notIndexed = await graphError(
      graph.access.client
        .api(`${contracts.url}/columns`)
        .post({ name: "x", text: {}, enforceUniqueValues: true }),
    );
    expect(notIndexed.statusCode).toBe(400);
    const duplicate = await graphError(
      graph.access.client
        .api(`${contracts.url}/columns`)
        .post({ name: "other", displayName: "värde", text: {} }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.message).toBe('A duplicate field name "värde" was found.');
    const taken = (await graph.access.client
      .api(`${contracts.url}/columns`)
      .post({ name: "valueClass", displayName: "Värdeklass 2", text: {} })) as { name: string };
    expect(taken.name).toBe("valueClass0");
  });

  test("indexing an existing column is a PATCH; at most 20 indexes per list", async () => {
    const list = await createTestList(
      graph.access,
      "Indextest",
      Array.from({ length: 21 }, (_, index) => ({ name: `c${index}`, text: {} })),
    );
    for (let index = 0; index < 20; index += 1) {
      const column = (await graph.access.client
        .api(`${list.url}/columns/c${index}`)
        .patch({ indexed: true })) as { indexed: boolean };
      expect(column.indexed).toBe(true);
    }
    const tooMany = await graphError(
      graph.access.client.api(`${list.url}/columns/c20`).patch({ indexed: true }),
    );
    expect(tooMany.statusCode).toBe(400);
  });
});

describe("creating and updating items", () => {
  test("create → 201 with fields; lookup ids are strings; dateTime kept to the second in UTC", async () => {
    const committee = await create(committees, { Title: "Socialnämnden", code: "SN" });
    const item = await create(contracts, {
      Title: "Hemtjänst",
      contractNumber: "AVT-1",
      committeeLookupId: Number(committee.id),
      valueClass: "hög",
      annualValue: 12_500_000,
      isShared: false,
      startDate: "2024-07-01T12:34:56.789+02:00",
      summary: "Hemtjänst i hela kommunen",
    });
    expect(item.id).toMatch(/^\d+$/);
    expect(item.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
    expect(item.fields.committeeLookupId).toBe(committee.id);
    expect(item.fields.startDate).toBe("2024-07-01T10:34:56Z");
    const selected = (await graph.access.client
      .api(`${contracts.url}/items/${item.id}?expand=fields(select=committee,committeeLookupId)`)
      .get()) as Item;
    expect(selected.fields.committee).toBe("Socialnämnden");
  });

  test("values of the wrong type, unknown choices, unknown fields and missing lookup targets are refused", async () => {
    const cases: Array<Record<string, unknown>> = [
      { annualValue: "mycket" },
      { annualValue: -1 },
      { valueClass: "medel" },
      { isShared: "ja" },
      { startDate: "2023-02-30" },
      { contractNumber: "x".repeat(21) },
      { nonexistent: "x" },
      { committeeLookupId: 9999 },
      { committee: "Socialnämnden" },
    ];
    for (const fields of cases) {
      const error = await graphError(create(contracts, fields));
      expect(error.statusCode, JSON.stringify(fields)).toBe(400);
    }
  });

  test("system fields are read-only", async () => {
    for (const field of ["id", "Created", "Modified", "Author", "Editor", "AuthorLookupId"]) {
      const error = await graphError(create(contracts, { [field]: "2020-01-01T00:00:00Z" }));
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe(`Field '${field}' is read-only.`);
    }
  });

  test("a unique column refuses a duplicate (case-insensitively) on create and on update", async () => {
    await create(contracts, { contractNumber: "AVT-UNIK" });
    const duplicate = await graphError(create(contracts, { contractNumber: "avt-unik" }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.code).toBe("nameAlreadyExists");
    const other = await create(contracts, { contractNumber: "AVT-ANNAN" });
    const update = await graphError(
      graph.access.client
        .api(`${contracts.url}/items/${other.id}/fields`)
        .patch({ contractNumber: "AVT-UNIK" }),
    );
    expect(update.statusCode).toBe(409);
  });

  test("PATCH with a stale If-Match → 412 and nothing written; the current ETag → 200 and a new version", async () => {
    const item = await create(contracts, { Title: "Snöröjning", annualValue: 100 });
    const first = await graph.access.client
      .api(`${contracts.url}/items/${item.id}/fields`)
      .header("If-Match", item.eTag)
      .patch({ annualValue: 200 });
    expect(first.annualValue).toBe(200);
    const stale = await graphError(
      graph.access.client
        .api(`${contracts.url}/items/${item.id}/fields`)
        .header("If-Match", item.eTag)
        .patch({ annualValue: 300 }),
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe("resourceModified");
    const unquoted = await graphError(
      graph.access.client
        .api(`${contracts.url}/items/${item.id}/fields`)
        .header("If-Match", "abc")
        .patch({ annualValue: 300 }),
    );
    expect(unquoted.statusCode).toBe(400);
    const current = (await graph.access.client
      .api(`${contracts.url}/items/${item.id}?expand=fields`)
      .get()) as Item;
    expect(current.fields.annualValue).toBe(200);
    expect(current.eTag).toMatch(/,2"$/);
  });

  test("versions record every write, newest first", async () => {
    const item = await create(contracts, { Title: "Simhall", annualValue: 1 });
    await graph.access.client
      .api(`${contracts.url}/items/${item.id}/fields`)
      .patch({ annualValue: 2 });
    await graph.access.client
      .api(`${contracts.url}/items/${item.id}/fields`)
      .patch({ Title: "Simhall Nord" });
    const versions = (await graph.access.client
      .api(`${contracts.url}/items/${item.id}/versions?expand=fields`)
      .get()) as {
      value: Array<{ id: string; fields: Record<string, unknown> }>;
    };
    expect(versions.value.map((version) => version.id)).toEqual(["3.0", "2.0", "1.0"]);
    expect(versions.value.map((version) => version.fields.annualValue)).toEqual([2, 2, 1]);
    expect(versions.value[0]?.fields.Title).toBe("Simhall Nord");
  });

  test("DELETE → 204, then 404; a stale If-Match on delete → 412", async () => {
    const item = await create(contracts, { Title: "Städning" });
    await graph.access.client
      .api(`${contracts.url}/items/${item.id}/fields`)
      .patch({ Title: "Städning 2" });
    const stale = await graphError(
      graph.access.client
        .api(`${contracts.url}/items/${item.id}`)
        .header("If-Match", item.eTag)
        .delete(),
    );
    expect(stale.statusCode).toBe(412);
    await graph.access.client.api(`${contracts.url}/items/${item.id}`).delete();
    const gone = await graphError(
      graph.access.client.api(`${contracts.url}/items/${item.id}`).get(),
    );
    expect(gone.statusCode).toBe(404);
    expect(gone.code).toBe("itemNotFound");
  });

  test("errors have Graph's body shape and echo client-request-id", async () => {
    const response = await fetch(`${graph.server.graphUrl}/sites/root/lists/finnsinte`, {
      headers: {
        Authorization: `Bearer ${await appToken(graph.server)}`,
        "client-request-id": "abc-123",
      },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("client-request-id")).toBe("abc-123");
    const body = (await response.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe("itemNotFound");
    expect(body.error.innerError["client-request-id"]).toBe("abc-123");
    expect(body.error.innerError["request-id"]).toBe(response.headers.get("request-id"));
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
