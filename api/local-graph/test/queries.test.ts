import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createItemsInBatches,
  createTestList,
  graphError,
  type ListHandle,
  readAll,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

interface Item {
  id: string;
  fields: Record<string, unknown>;
}

let graph: TestGraph;
let list: ListHandle;

beforeAll(async () => {
  // The setup and the queries spend more than a minute's resource units; this suite is about queries.
  graph = await startTestGraph({ budget: { enforced: false } });
  list = await createTestList(graph.access, "Avtal", [
    { name: "committee", displayName: "Nämnd", text: {}, indexed: true },
    { name: "amount", displayName: "Värde", number: {}, indexed: true },
    { name: "note", displayName: "Anteckning", text: {} },
    { name: "endDate", displayName: "Slutdatum", dateTime: {}, indexed: true },
    { name: "strategic", displayName: "Strategiskt", boolean: {}, indexed: true },
  ]);
  const committees = ["Socialnämnden", "Tekniska nämnden", "Kultur- och fritidsnämnden"];
  await createItemsInBatches(
    graph.access,
    list,
    Array.from({ length: 450 }, (_, index) => ({
      Title: `Avtal ${String(index + 1).padStart(3, "0")}`,
      committee: committees[index % 3],
      amount: index * 1000,
      note: index % 2 === 0 ? "jämn" : "udda",
      endDate: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
      strategic: index % 10 === 0,
    })),
  );
});

afterAll(async () => {
  await graph.stop();
});

const items = (query: string, headers: Record<string, string> = {}) =>
  readAll<Item>(graph.access, `${list.url}/items?${query}`, headers);

describe("$filter", () => {
  test("eq on an indexed text column is case-insensitive like SharePoint", async () => {
    const found = await items("$filter=fields/committee eq 'socialnämnden'&expand=fields");
    expect(found).toHaveLength(150);
    expect(new Set(found.map((item) => item.fields.committee))).toEqual(new Set(["Socialnämnden"]));
  });

  test("comparison operators, and/or and startswith on indexed columns", async () => {
    expect(await items("$filter=fields/amount ge 440000")).toHaveLength(10);
    expect(await items("$filter=fields/amount lt 1000")).toHaveLength(1);
    expect(await items("$filter=fields/amount le 1000 or fields/amount gt 448000")).toHaveLength(3);
    expect(await items("$filter=fields/amount gt 0 and fields/amount le 5000")).toHaveLength(5);
    expect(await items("$filter=fields/committee ne 'Socialnämnden'")).toHaveLength(300);
    expect(await items("$filter=startswith(fields/committee, 'Tek')")).toHaveLength(150);
    expect(await items("$filter=fields/strategic eq true")).toHaveLength(45);
    expect(await items("$filter=fields/endDate lt '2026-01-11T00:00:00Z'")).toHaveLength(10);
  });

  test("a quote in a value is escaped by doubling, never breaking out of the literal", async () => {
    expect(await items("$filter=fields/committee eq 'x'' or 1 eq 1 or ''a'")).toHaveLength(0);
  });

  test("a non-indexed column is refused with SharePoint's message unless the Prefer header is sent", async () => {
    const error = await graphError(
      graph.access.client.api(`${list.url}/items?$filter=fields/note eq 'udda'`).get(),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("invalidRequest");
    expect(error.message).toBe(
      "Field 'note' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    );
    const allowed = await items("$filter=fields/note eq 'udda'", {
      Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly",
    });
    expect(allowed).toHaveLength(225);
  });

  test("orderby on a non-indexed column is refused the same way", async () => {
    const error = await graphError(
      graph.access.client.api(`${list.url}/items?$orderby=fields/note`).get(),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Field 'note' cannot be referenced in filter or orderby");
  });

  test("a wrong value type and an unknown field are refused", async () => {
    const wrongType = await graphError(
      graph.access.client.api(`${list.url}/items?$filter=fields/amount eq 'many'`).get(),
    );
    expect(wrongType.statusCode).toBe(400);
    const unknown = await graphError(
      graph.access.client.api(`${list.url}/items?$filter=fields/nope eq 'x'`).get(),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toContain("nope");
  });
});

describe("paging and $top", () => {
  test("server-driven paging follows @odata.nextLink to every item exactly once", async () => {
    const first = (await graph.access.client.api(`${list.url}/items`).get()) as {
      value: Item[];
      "@odata.nextLink"?: string;
    };
    expect(first.value).toHaveLength(200);
    expect(first["@odata.nextLink"]).toContain("$skiptoken=");
    const all = await items("$top=100&$orderby=fields/amount desc&expand=fields(select=amount)");
    expect(all).toHaveLength(450);
    expect(new Set(all.map((item) => item.id)).size).toBe(450);
    const amounts = all.map((item) => item.fields.amount as number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  test("$top must be 1–5000", async () => {
    for (const top of ["0", "5001", "abc"]) {
      const error = await graphError(
        graph.access.client.api(`${list.url}/items?$top=${top}`).get(),
      );
      expect(error.statusCode).toBe(400);
    }
  });

  test("$skip, $count and $search are refused, not ignored", async () => {
    for (const option of ["$skip=10", "$count=true", "$search=avtal"]) {
      const error = await graphError(graph.access.client.api(`${list.url}/items?${option}`).get());
      expect(error.statusCode).toBe(400);
    }
  });

  test("a skip token cannot be replayed against another query", async () => {
    const first = (await graph.access.client.api(`${list.url}/items?$top=5`).get()) as {
      "@odata.nextLink": string;
    };
    const token = new URL(first["@odata.nextLink"]).searchParams.get("$skiptoken");
    const error = await graphError(
      graph.access.client
        .api(`${list.url}/items?$top=5&$filter=fields/amount gt 0&$skiptoken=${token}`)
        .get(),
    );
    expect(error.statusCode).toBe(400);
  });

  test("expand=fields(select=…) returns only the selected fields; both $expand and expand work", async () => {
    const [withDollar] = await items("$top=1&$expand=fields($select=Title,committee)");
    const [without] = await items("$top=1&expand=fields(select=Title,committee)");
    for (const item of [withDollar, without]) {
      expect(Object.keys(item!.fields).sort()).toEqual(["@odata.etag", "Title", "committee"]);
    }
  });
});
