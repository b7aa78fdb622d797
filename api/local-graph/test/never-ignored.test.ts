import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  appToken,
  createItemsInBatches,
  createTestList,
  startTestGraph,
  type TestGraph,
} from "./support.ts";

/**
 * "Implemented or refused, never ignored": every readable resource is asked
 * with every OData system option (and an unknown parameter). Each answer is
 * either refused with Graph's error shape and a message naming the option, or
 * it shows the option's effect — a `$select` that selected, a `$top` that
 * limited, a `$filter` that filtered, an `$orderby` that ordered, an
 * `$expand` that expanded. A 200 that merely ignored the option fails here.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected freely here.
type Json = any;

let graph: TestGraph;
let token: string;
interface Resource {
  name: string;
  path: string;
  collection: boolean;
  filter?: string;
  /** An ordering the resource implements, and the order it must give. */
  orderby?: { value: string; key: "id" | "name"; expected: string[] };
}
const resources: Resource[] = [];

beforeAll(async () => {
  graph = await startTestGraph();
  token = await appToken(graph.server);
  const list = await createTestList(graph.access, "Promenad", [
    { name: "code", text: {}, indexed: true },
    { name: "n", number: {}, indexed: true },
  ]);
  await createItemsInBatches(graph.access, list, [
    { Title: "Ett", code: "A", n: 1 },
    { Title: "Två", code: "B", n: 2 },
    { Title: "Tre", code: "C", n: 3 },
  ]);
  await graph.access.client.api(`${list.url}/items/1/fields`).patch({ n: 10 });
  const drive = (await graph.access.client.api("/sites/root/drive").get()) as { id: string };
  const put = (name: string) =>
    graph.access.client
      .api(`/drives/${drive.id}/root:/${name}:/content`)
      .put(Buffer.from(name)) as Promise<{ id: string }>;
  const file = await put("a.txt");
  await put("b.txt");
  await put("Mapp/c.txt");
  await graph.access.client.api("/users").post({
    accountEnabled: true,
    displayName: "Anna Lindqvist",
    mailNickname: "anna",
    userPrincipalName: "anna@asby.se",
    passwordProfile: { password: "Demo-lösen-1!" },
  });
  await graph.access.client.api("/users").post({
    accountEnabled: true,
    displayName: "Erik Johansson",
    mailNickname: "erik",
    userPrincipalName: "erik@asby.se",
    passwordProfile: { password: "Demo-lösen-1!" },
  });
  const items = `${list.url}/items`;
  resources.push(
    { name: "site", path: "/sites/root", collection: false },
    {
      name: "lists",
      path: "/sites/root/lists",
      collection: true,
      filter: "displayName eq 'Promenad'",
    },
    { name: "list", path: list.url, collection: false },
    { name: "columns", path: `${list.url}/columns`, collection: true },
    { name: "column", path: `${list.url}/columns/code`, collection: false },
    {
      name: "items",
      path: items,
      collection: true,
      filter: "fields/code eq 'B'",
      // n is 10, 2, 3 for items 1, 2, 3.
      orderby: { value: "fields/n desc", key: "id", expected: ["1", "3", "2"] },
    },
    { name: "item", path: `${items}/1`, collection: false },
    { name: "item fields", path: `${items}/1/fields`, collection: false },
    { name: "versions", path: `${items}/1/versions`, collection: true },
    { name: "version", path: `${items}/1/versions/1.0`, collection: false },
    { name: "delta", path: `${items}/delta`, collection: true },
    { name: "drives", path: "/sites/root/drives", collection: true },
    { name: "drive", path: `/drives/${drive.id}`, collection: false },
    { name: "root", path: `/drives/${drive.id}/root`, collection: false },
    {
      name: "children",
      path: `/drives/${drive.id}/root/children`,
      collection: true,
      orderby: { value: "name", key: "name", expected: ["a.txt", "b.txt", "Mapp"] },
    },
    { name: "driveItem", path: `/drives/${drive.id}/items/${file.id}`, collection: false },
    { name: "driveItem by path", path: `/drives/${drive.id}/root:/a.txt`, collection: false },
    {
      name: "listItem of a file",
      path: `/drives/${drive.id}/items/${file.id}/listItem`,
      collection: false,
    },
    {
      name: "fields of a file",
      path: `/drives/${drive.id}/items/${file.id}/listItem/fields`,
      collection: false,
    },
    { name: "site permissions", path: "/sites/root/permissions", collection: true },
    {
      name: "users",
      path: "/users",
      collection: true,
      filter: "userPrincipalName eq 'erik@asby.se'",
    },
  );
});

afterAll(async () => {
  await graph.stop();
});

async function get(path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${graph.server.graphUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const elements = (body: Json, collection: boolean): Json[] =>
  collection ? (body.value as Json[]) : [body];

const dataKeys = (object: Json) => Object.keys(object).filter((key) => !key.startsWith("@"));

interface Probe {
  option: string;
  value: (resource: Resource) => string;
  /** What a 2xx answer must show; undefined: a 2xx is itself the failure (the option must be refused). */
  effect?: (body: Json, resource: Resource, plain: Json) => void;
}

const PROBES: Probe[] = [
  {
    option: "select",
    value: () => "id",
    effect: (body, resource) => {
      for (const element of elements(body, resource.collection)) {
        expect(dataKeys(element), `${resource.name}: only id selected`).toEqual(["id"]);
      }
    },
  },
  {
    option: "expand",
    value: () => "fields",
    effect: (body, resource) => {
      for (const element of elements(body, resource.collection)) {
        expect(typeof element.fields, `${resource.name}: fields expanded`).toBe("object");
      }
    },
  },
  { option: "expand", value: () => "doesNotExist" },
  {
    option: "filter",
    value: (resource) => resource.filter ?? "id eq '1'",
    effect: (body, resource, plain) => {
      expect(resource.collection, `${resource.name}: a single resource cannot filter`).toBe(true);
      expect(body.value.length, `${resource.name}: the filter matches one`).toBe(1);
      expect(plain.value.length, `${resource.name}: and there were more`).toBeGreaterThan(1);
    },
  },
  {
    option: "orderby",
    value: (resource) => resource.orderby?.value ?? "id desc",
    effect: (body, resource) => {
      expect(
        resource.orderby,
        `${resource.name}: ordered without an ordering to check`,
      ).toBeDefined();
      const { key, expected } = resource.orderby!;
      expect(
        (body.value as Json[]).map((element) => element[key]),
        resource.name,
      ).toEqual(expected);
    },
  },
  {
    option: "top",
    value: () => "1",
    effect: (body, resource, plain) => {
      expect(resource.collection, `${resource.name}: $top on a single resource`).toBe(true);
      expect(body.value.length, `${resource.name}: $top=1`).toBe(1);
      expect(plain.value.length, `${resource.name}: and there were more`).toBeGreaterThan(1);
      expect(body["@odata.nextLink"], `${resource.name}: the rest is a page away`).toBeTypeOf(
        "string",
      );
    },
  },
  { option: "skiptoken", value: () => "not-a-token" },
  { option: "skip", value: () => "1" },
  { option: "count", value: () => "true" },
  { option: "search", value: () => "Ett" },
  { option: "format", value: () => "json" },
  { option: "compute", value: () => "n mul 2 as m" },
  { option: "apply", value: () => "groupby((code))" },
  { option: "levels", value: () => "1" },
  { option: "deltatoken", value: () => "x" },
  { option: "index", value: () => "1" },
  { option: "id", value: () => "x" },
];

describe("every resource × every OData option: implemented or refused, never ignored", () => {
  for (const prefix of ["$", ""]) {
    test(`options written ${prefix ? "with" : "without"} '$'`, async () => {
      let implemented = 0;
      let refused = 0;
      for (const resource of resources) {
        const plain = await get(resource.path);
        expect(plain.status, `${resource.name} without options`).toBe(200);
        for (const probe of PROBES) {
          const key = `${prefix}${probe.option}`;
          const value = probe.value(resource);
          const answer = await get(
            `${resource.path}${resource.path.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`,
          );
          const label = `${resource.name} ?${key}=${value}`;
          if (answer.status >= 400) {
            refused += 1;
            expect(answer.body.error.code, label).toMatch(
              /^(invalidRequest|notSupported|BadRequest)$/,
            );
            expect(answer.body.error.innerError["request-id"], label).toBeTypeOf("string");
            // The message names what was refused: the option, or the expanded property.
            const message = answer.body.error.message.toLowerCase() as string;
            expect(
              message.includes(probe.option) || message.includes(value.toLowerCase()),
              `${label}: ${message}`,
            ).toBe(true);
          } else {
            expect(answer.status, label).toBe(200);
            expect(probe.effect, `${label} answered 200 but must be refused`).toBeDefined();
            probe.effect!(answer.body, resource, plain.body);
            implemented += 1;
          }
        }
        const unknown = await get(`${resource.path}?${prefix}noSuchOption=1`);
        expect(unknown.status, `${resource.name} ?noSuchOption`).toBe(400);
        expect(unknown.body.error.message).toContain("noSuchOption");
      }
      // Both outcomes occur: the walk is not vacuous.
      expect(implemented).toBeGreaterThan(30);
      expect(refused).toBeGreaterThan(200);
    });
  }
});

describe("headers and bodies: implemented or refused", () => {
  test("a header with meaning the operation does not implement is refused, naming it", async () => {
    for (const [name, value] of [
      ["If-None-Match", '"x"'],
      ["If-Modified-Since", new Date().toUTCString()],
      ["Range", "bytes=0-1"],
      ["ConsistencyLevel", "eventual"],
      ["Prefer", "return=minimal"],
    ] as const) {
      const response = await fetch(`${graph.server.graphUrl}/sites/root`, {
        headers: { Authorization: `Bearer ${token}`, [name]: value },
      });
      expect(response.status, name).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error.message.toLowerCase(), name).toContain(name.toLowerCase());
    }
    // Where Prefer is implemented, an unknown preference is refused by name.
    const items = resources.find((resource) => resource.name === "items")!;
    const preference = await fetch(`${graph.server.graphUrl}${items.path}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly, return=minimal",
      },
    });
    expect(preference.status).toBe(400);
    expect(((await preference.json()) as Json).error.message).toContain("'return'");
  });

  test("an unknown body property is refused (400); a documented, unemulated one is 501", async () => {
    const post = (body: unknown) =>
      fetch(`${graph.server.graphUrl}/sites/root/lists`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const unknown = await post({ displayName: "X1", colour: "blue" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Json).error.message).toContain("'colour'");
    const unsupported = await post({ displayName: "X2", contentTypes: [] });
    expect(unsupported.status).toBe(501);
    expect(((await unsupported.json()) as Json).error.code).toBe("notSupported");
    const column = await post({
      displayName: "X3",
      columns: [{ name: "belopp", currency: { locale: "sv-SE" } }],
    });
    expect(column.status).toBe(501);
    const facet = await post({
      displayName: "X4",
      columns: [{ name: "t", text: { maxLenght: 10 } }],
    });
    expect(facet.status).toBe(400);
    expect(((await facet.json()) as Json).error.message).toContain("'maxLenght'");
    const template = await post({ displayName: "X5", list: { template: "survey" } });
    expect(template.status).toBe(501);
  });

  test("a JSON operation with a body that is not JSON is refused (415), not read as nothing", async () => {
    const response = await fetch(`${graph.server.graphUrl}/sites/root/lists`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: JSON.stringify({ displayName: "Text" }),
    });
    expect(response.status).toBe(415);
  });

  test("a documented operation that is not emulated is 501, an unknown segment 400", async () => {
    const copy = await get("/sites/root/drive/root/thumbnails");
    expect(copy.status).toBe(501);
    expect(copy.body.error.message).toContain("thumbnails");
    const contentTypes = await get("/sites/root/contentTypes");
    expect(contentTypes.status).toBe(501);
    const nonsense = await get("/sites/root/whatever");
    expect(nonsense.status).toBe(400);
    expect(nonsense.body.error.message).toBe("Resource not found for the segment 'whatever'.");
  });
});
