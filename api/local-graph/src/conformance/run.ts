import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { compareHeaders, compareShape } from "./compare.ts";

/**
 * The conformance suite: Microsoft's documented request/response examples
 * (conformance/examples, each page with its source path and commit), replayed
 * against a Graph endpoint — the local service or a real tenant, through the
 * same code — and compared with the documented answer. A fixture made through
 * Graph itself (lists, items, a library with files, a grant) stands in for
 * the ids the examples name; it is removed afterwards.
 */

export interface ConformanceTarget {
  /** Base URL of Graph, ending in `/v1.0`. */
  graphUrl: string;
  token: () => Promise<string>;
  /** The site to work in: `root`, or a site id. */
  site: string;
}

interface DocumentedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

interface DocumentedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Example {
  name: string;
  request: DocumentedRequest;
  response: DocumentedResponse;
  /** How the example is replayed where its ids or paths cannot be used as written. */
  replay?: {
    url?: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** A pre-authenticated URL (download, upload session): sent without a token. */
    preauthenticated?: boolean;
    /** What the replay is held against, where the documented answer concerns other resources. */
    response?: DocumentedResponse;
    why: string;
  };
  /** A known, deliberate difference, with the source that says why. */
  deviation?: { why: string; source: string };
}

export interface ExamplePage {
  repository: string;
  source: string;
  commit: string;
  examples: Example[];
}

export interface ExampleResult {
  source: string;
  name: string;
  /** match; deviation (differs as documented in the example); mismatch; error (could not be replayed). */
  outcome: "match" | "deviation" | "mismatch" | "error";
  status: number | undefined;
  differences: string[];
  deviation?: { why: string; source: string };
}

export const EXAMPLES_DIRECTORY = path.resolve(import.meta.dirname, "../../conformance/examples");

export function loadExamples(directory = EXAMPLES_DIRECTORY): ExamplePage[] {
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(directory, file), "utf8")) as ExamplePage);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Graph over plain fetch: the one HTTP client of the suite, for the local service and a tenant alike. */
class GraphHttp {
  private readonly target: ConformanceTarget;
  constructor(target: ConformanceTarget) {
    this.target = target;
  }

  url(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.target.graphUrl}${pathOrUrl}`;
  }

  async send(
    method: string,
    pathOrUrl: string,
    options: { body?: unknown; headers?: Record<string, string>; token?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== false) headers.Authorization = `Bearer ${await this.target.token()}`;
    let body: BodyInit | undefined;
    if (typeof options.body === "string" || options.body instanceof Uint8Array) {
      body = options.body as BodyInit;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(this.url(pathOrUrl), {
      method,
      headers,
      redirect: "manual",
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") {
      parsed = JSON.parse(text);
    }
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : parsed,
    };
  }

  /** Sends and insists on success (fixture steps). */
  async must(method: string, pathOrUrl: string, body?: unknown, headers?: Record<string, string>) {
    const answer = await this.send(method, pathOrUrl, {
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
    if (answer.status >= 300) {
      throw new Error(
        `fixture: ${method} ${pathOrUrl} → ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as Record<string, unknown>;
  }

  relative(url: string): string {
    return url.startsWith(this.target.graphUrl) ? url.slice(this.target.graphUrl.length) : url;
  }
}

interface Fixture {
  values: Map<string, string>;
  /** A fresh upload session's URL. */
  uploadUrl(): Promise<string>;
  lists: string[];
  permissions: string[];
}

/** The resources the examples' ids stand for, made through Graph. */
async function buildFixture(
  http: GraphHttp,
  target: ConformanceTarget,
  run: string,
): Promise<Fixture> {
  const values = new Map<string, string>([["run", run]]);
  const lists: string[] = [];
  const permissions: string[] = [];
  const site = await http.must("GET", `/sites/${target.site}?$select=id,webUrl`);
  const siteId = String(site.id);
  values.set("site-id", siteId);
  values.set("hostname", siteId.split(",")[0]!);
  values.set("site-path", new URL(String(site.webUrl)).pathname.replace(/\/$/, "") || "/");
  const sitePath = `/sites/${siteId}`;

  const inventory = await http.must("POST", `${sitePath}/lists`, {
    displayName: `Inventory ${run}`,
    columns: [
      { name: "Name", text: {} },
      { name: "Color", text: {} },
      { name: "Quantity", number: {} },
      { name: "Weight", number: {} },
      { name: "Address", text: {} },
    ],
    list: { template: "genericList" },
  });
  const inventoryId = String(inventory.id);
  lists.push(inventoryId);
  values.set("inventory-list-id", inventoryId);
  values.set("inventory-list-title", String(inventory.displayName));
  const columns = (await http.must("GET", `${sitePath}/lists/${inventoryId}/columns`))
    .value as Array<{
    id: string;
    name: string;
  }>;
  values.set("title-column-id", columns.find((column) => column.name === "Title")!.id);
  values.set("address-column-id", columns.find((column) => column.name === "Address")!.id);
  const items = `${sitePath}/lists/${inventoryId}/items`;
  const created: string[] = [];
  for (const [name, color, quantity] of [
    ["Gadget", "Red", 503],
    ["Widget", "Blue", 2357],
    ["Gizmo", "Green", 92],
  ] as const) {
    const item = await http.must("POST", items, {
      fields: { Title: name, Name: name, Color: color, Quantity: quantity, Address: "Storgatan 1" },
    });
    created.push(String(item.id));
  }
  values.set("inventory-item-id", created[1]!);
  values.set(
    "inventory-delete-item-id",
    String((await http.must("POST", items, { fields: { Title: "Delete me" } })).id),
  );
  const versioned = String((await http.must("POST", items, { fields: { Title: "Version 1" } })).id);
  await http.must("PATCH", `${items}/${versioned}/fields`, { Title: "Version 2" });
  await http.must("PATCH", `${items}/${versioned}/fields`, { Title: "Version 3" });
  values.set("inventory-versioned-item-id", versioned);

  const library = await http.must("POST", `${sitePath}/lists`, {
    displayName: `Documents ${run}`,
    list: { template: "documentLibrary" },
  });
  const libraryId = String(library.id);
  lists.push(libraryId);
  values.set("library-list-id", libraryId);
  const drive = await http.must("GET", `${sitePath}/lists/${libraryId}/drive`);
  const driveId = String(drive.id);
  values.set("drive-id", driveId);
  values.set("root-id", String((await http.must("GET", `/drives/${driveId}/root`)).id));
  const put = async (name: string, content: string | Uint8Array) =>
    http.must("PUT", `/drives/${driveId}/root:/${name}:/content`, content, {
      "Content-Type": "application/octet-stream",
    });
  const testFolder = await http.must("POST", `/drives/${driveId}/root/children`, {
    name: "TestFolder",
    folder: {},
  });
  await put("TestItemA.txt", "A");
  const itemB = await put("TestItemB.txt", "B");
  const children = await http.must("POST", `/drives/${driveId}/root/children`, {
    name: "Children",
    folder: {},
  });
  values.set("folder-id", String(children.id));
  values.set("folder-path", "Children");
  await put("Children/myfile.jpg", new Uint8Array(2048));
  await put("Children/my sheet(1).xlsx", new Uint8Array(197));
  for (const name of ["Documents", "Photos"]) {
    await http.must("POST", `/drives/${driveId}/items/${String(children.id)}/children`, {
      name,
      folder: {},
    });
  }
  await put("Children/Documents/inside.txt", "x");
  values.set("file-id", String((await put("Replace.txt", "to be replaced")).id));
  const download = await put(
    "Download.bin",
    new Uint8Array(2048).map((_, index) => index % 256),
  );
  values.set("download-file-id", String(download.id));
  values.set("delete-file-id", String((await put("Delete me.txt", "x")).id));
  // The delta example's token: taken after the first round, before TestFolder changes and TestItemB.txt goes.
  let next: string | undefined = `${sitePath}/lists/${libraryId}/items/delta`;
  let deltaLink = "";
  while (next) {
    const page = await http.must("GET", http.relative(next));
    next = page["@odata.nextLink"] as string | undefined;
    deltaLink = (page["@odata.deltaLink"] as string | undefined) ?? deltaLink;
  }
  values.set("library-delta-after-changes", http.relative(deltaLink));
  await http.must("PATCH", `/drives/${driveId}/items/${String(testFolder.id)}/listItem/fields`, {
    Title: "Changed",
  });
  await http.must("DELETE", `/drives/${driveId}/items/${String(itemB.id)}`);
  const downloadUrl = (
    await http.must(
      "GET",
      `/drives/${driveId}/items/${String(download.id)}?$select=id,@microsoft.graph.downloadUrl`,
    )
  )["@microsoft.graph.downloadUrl"];
  values.set("download-url", String(downloadUrl));

  // Two grants: one for the delete example, one that stays to be listed. Making grants needs
  // Sites.FullControl.All in a tenant; without it the permission examples report what it answered.
  for (const purpose of ["deleted", "listed"]) {
    const grant = await http.send("POST", `${sitePath}/permissions`, {
      body: {
        roles: ["read"],
        grantedToIdentities: [
          { application: { id: randomUUID(), displayName: `Conformance ${run} (${purpose})` } },
        ],
      },
    });
    if (grant.status !== 201) continue;
    const id = String((grant.body as { id: string }).id);
    if (purpose === "deleted") values.set("permission-id", id);
    else permissions.push(id);
  }

  let uploads = 0;
  return {
    values,
    lists,
    permissions,
    async uploadUrl() {
      uploads += 1;
      const session = await http.must(
        "POST",
        `/drives/${driveId}/root:/upload-${uploads}.bin:/createUploadSession`,
        { item: { "@microsoft.graph.conflictBehavior": "rename" } },
      );
      return String(session.uploadUrl);
    },
  };
}

function substitute(text: string, values: Map<string, string>): string {
  return text.replace(/\{([a-z0-9-]+)\}/g, (_whole, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`no fixture value for {${key}}`);
    return value;
  });
}

function substituteDeep(value: unknown, values: Map<string, string>): unknown {
  if (typeof value === "string") return substitute(value, values);
  if (Array.isArray(value)) return value.map((entry) => substituteDeep(entry, values));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, substituteDeep(entry, values)]),
    );
  }
  return value;
}

async function replay(
  http: GraphHttp,
  fixture: Fixture,
  example: Example,
  source: string,
): Promise<ExampleResult> {
  const base = {
    source,
    name: example.name,
    ...(example.deviation ? { deviation: example.deviation } : {}),
  };
  try {
    const values = new Map(fixture.values);
    if (example.replay?.url?.includes("{upload-url}"))
      values.set("upload-url", await fixture.uploadUrl());
    const url = substitute(example.replay?.url ?? example.request.url, values);
    const rawBody = example.replay?.body ?? example.request.body;
    const body =
      rawBody === "{128-bytes}" ? new Uint8Array(128).fill(7) : substituteDeep(rawBody, values);
    const headers = Object.fromEntries(
      Object.entries({ ...example.request.headers, ...example.replay?.headers }).filter(
        ([name]) => name.toLowerCase() !== "content-length",
      ),
    );
    const answer = await http.send(
      example.request.method,
      url.replace(/^https:\/\/graph\.microsoft\.com\/v1\.0/, ""),
      {
        ...(body === undefined ? {} : { body }),
        headers,
        token: example.replay?.preauthenticated !== true,
      },
    );
    if (example.request.method === "POST" && /\/lists$/.test(url) && answer.status === 201) {
      fixture.lists.push(String((answer.body as { id: string }).id));
    }
    if (example.request.method === "POST" && /\/permissions$/.test(url) && answer.status === 201) {
      fixture.permissions.push(String((answer.body as { id: string }).id));
    }
    const expected = example.replay?.response ?? example.response;
    const differences: string[] = [];
    if (answer.status !== expected.status) {
      differences.push(`status: documented ${expected.status}, answered ${answer.status}`);
    } else {
      differences.push(...compareHeaders(expected.headers, answer.headers));
      if (expected.body !== undefined)
        differences.push(...compareShape(expected.body, answer.body));
      else if (expected.status === 204 && answer.body !== undefined) {
        differences.push("body: documented none, answered one");
      }
    }
    const outcome =
      differences.length === 0 ? "match" : example.deviation ? "deviation" : "mismatch";
    return { ...base, outcome, status: answer.status, differences };
  } catch (error) {
    return { ...base, outcome: "error", status: undefined, differences: [String(error)] };
  }
}

/** Replays every documented example against the target; removes what it made. */
export async function runConformance(
  target: ConformanceTarget,
  pages: ExamplePage[] = loadExamples(),
): Promise<ExampleResult[]> {
  const http = new GraphHttp(target);
  const run = randomUUID().slice(0, 8);
  const fixture = await buildFixture(http, target, run);
  const results: ExampleResult[] = [];
  try {
    for (const page of pages) {
      for (const example of page.examples) {
        results.push(await replay(http, fixture, example, page.source));
      }
    }
  } finally {
    const sitePath = `/sites/${fixture.values.get("site-id")}`;
    for (const id of fixture.permissions)
      await http.send("DELETE", `${sitePath}/permissions/${id}`);
    for (const id of fixture.lists) await http.send("DELETE", `${sitePath}/lists/${id}`);
  }
  return results;
}

/** One line per example, then the totals. */
export function formatResults(results: ExampleResult[]): string {
  const lines = results.map((result) => {
    const mark = { match: "ok  ", deviation: "dev ", mismatch: "FAIL", error: "ERR " }[
      result.outcome
    ];
    const detail =
      result.differences.length > 0 ? `\n      ${result.differences.join("\n      ")}` : "";
    return `${mark} ${result.source.replace(/^.*\//, "")} ${result.name} (${result.status ?? "–"})${detail}`;
  });
  const count = (outcome: ExampleResult["outcome"]) =>
    results.filter((result) => result.outcome === outcome).length;
  lines.push(
    `${results.length} documented examples replayed: ${count("match")} match, ${count("deviation")} documented deviations, ${count("mismatch")} mismatches, ${count("error")} errors`,
  );
  return lines.join("\n");
}
