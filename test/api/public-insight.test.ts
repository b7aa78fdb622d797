import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoDataset } from "../../api/src/demo/demo-data.ts";
import { DEMO_USERS } from "../../api/src/demo/demo-people.ts";
import { flaggedProviders } from "../../api/src/domain/provider-signals.ts";
import { buildRiskIndex, suggestRisks } from "../../api/src/domain/risk.ts";
import { PUBLIC_COLUMNS } from "../../api/src/presenters/public-contract.ts";
import { startTestApp, type TestApp } from "../support/app.ts";

const TODAY = new Date("2026-11-24T10:00:00+01:00");
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  // Created before the first public request, which caches the public data for a minute.
  const me = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  const created = await app.call("POST", "/api/contracts", {
    user: "anna",
    body: {
      title: "Hemliga Tjänster <script>alert(1)</script>",
      contractNumber: "ÅSBY-PUBLIK-1",
      committeeId: await app.committeeId("VAN"),
      sharedWithCommitteeIds: [],
      serviceArea: "Specialområde",
      provider: "Dold Leverantör AB",
      providerOrgNumber: "",
      ownRegime: false,
      owner: me,
      valueClass: "låg",
      impactClass: "låg",
      strategicOverride: null,
      startDate: "2026-01-01",
      extensionOptions: "",
      status: "aktivt",
      followUpsPerYear: 1,
      description: "",
      publicFields: ["serviceArea"],
      publicDescription: "",
      internalNotes: "Mycket intern anteckning om leverantören",
    },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
});
afterAll(async () => {
  await app.stop();
});

const get = async (path: string) => {
  const response = await fetch(`${app.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** Everything in the demo that must never leave: people, internal notes, deficiency details, sanctions. */
function secrets(): string[] {
  const data = demoDataset("2026-11-24");
  const people = Object.values(DEMO_USERS).flatMap((user) => [user.name, user.email]);
  const internal = data.contracts.map((contract) => contract.internalNotes);
  const deficiencies = data.deficiencies.flatMap((deficiency) => [
    deficiency.description,
    deficiency.measures,
    deficiency.sanctionNote,
    deficiency.checkUpResult,
  ]);
  const followUps = data.followUps.flatMap((followUp) => [
    followUp.deficienciesSummary,
    followUp.goalImpact,
    followUp.actionPlanSummary,
  ]);
  return [...people, ...internal, ...deficiencies, ...followUps].filter(
    (text) => text.trim().length > 8,
  );
}

describe("public insight", () => {
  test("open data as JSON: the documented schema, public fields only", async () => {
    const response = await get("/insyn/avtal.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const body = JSON.parse(response.text);
    expect(body.schemaVersion).toBe(1);
    expect(body.municipality).toBe("Åsby kommun");
    expect(Object.keys(body.contracts[0]).sort()).toEqual(
      PUBLIC_COLUMNS.map((column) => column.key).sort(),
    );
    const hemtjanst = body.contracts.find(
      (contract: { title: string }) => contract.title === "Hemtjänst enligt LOV",
    );
    // The valfrihetssystem's providers by name: citizens choose among them.
    expect(hemtjanst).toMatchObject({
      provider:
        "Hemtjänst Nord i Åsby AB, Omsorgshjälpen Väst AB, Trygga Händer Hemtjänst AB och Åsby Seniorservice AB",
      serviceArea: "Hemtjänst",
      actionPlansInProgress: true,
      latestFollowUpPeriod: "2026–2027",
      latestResult: "Hemtjänst enligt LOV: utföraren uppfyller avtalets väsentliga kvalitetskrav.",
      providerOrgNumber: "556910-1107, 556910-2204, 556910-3301, 556910-4408",
    });
  });

  test("no non-public field appears in any public output", async () => {
    const outputs = [
      await get("/insyn"),
      ...(await Promise.all(
        ["ks", "sn", "van", "ifn", "tn", "kfn"].map((code) => get(`/insyn/${code}`)),
      )),
      await get("/insyn/fragment"),
      await get("/insyn/avtal.json"),
      await get("/insyn/avtal.csv"),
    ];
    const leaks = secrets().flatMap((secret) =>
      outputs
        .filter(
          (output) =>
            output.text.includes(secret) ||
            output.text.includes(JSON.stringify(secret).slice(1, -1)),
        )
        .map(() => secret),
    );
    expect(leaks).toEqual([]);
    expect(outputs.every((output) => output.status === 200)).toBe(true);
  });

  test("never the risk assessment: no level, no reason, no provider signal to KS", async () => {
    const data = demoDataset("2026-11-24");
    const input = { ...data, today: "2026-11-24" };
    const suggestions = suggestRisks(input);
    const reasons = [
      ...new Set([...suggestions.values()].flatMap((suggestion) => suggestion.reasons)),
    ].filter((reason) => reason.length > 8);
    const signals = flaggedProviders(
      data.contracts,
      buildRiskIndex(input),
      suggestions,
      data.committees,
    ).map((provider) => provider.sentence);
    // The demo's risk is real: hemtjänst is hög with reasons, and one provider is flagged.
    expect(suggestions.get("hemtjanst")?.cell.level).toBe("hög");
    expect(reasons.length).toBeGreaterThan(5);
    expect(signals).toHaveLength(1);
    const outputs = [
      await get("/insyn"),
      ...(await Promise.all(
        ["ks", "sn", "van", "ifn", "tn", "kfn"].map((code) => get(`/insyn/${code}`)),
      )),
      await get("/insyn/fragment"),
      await get("/insyn/avtal.json"),
      await get("/insyn/avtal.csv"),
    ];
    for (const output of outputs) {
      expect(output.status).toBe(200);
      for (const text of [...reasons, ...signals]) expect(output.text).not.toContain(text);
      expect(output.text).not.toMatch(
        /hög risk|medelhög risk|låg risk|riskbedömning|sannolikhet|uppsiktsplikt/i,
      );
    }
    const json = JSON.parse((await get("/insyn/avtal.json")).text);
    const keys = json.contracts.flatMap((contract: object) => Object.keys(contract));
    expect(keys.filter((key: string) => /risk|likelihood|consequence/i.test(key))).toEqual([]);
    expect((await get("/insyn/avtal.csv")).text.split("\n")[0]).not.toMatch(/risk/i);
  });

  test("egen regi is said once, also where the provider's name says it", async () => {
    const page = (await get("/insyn")).text;
    expect(page).toContain("Åsby kommun (egen regi)");
    expect(page).not.toContain("(egen regi) (egen regi)");
  });

  test("a contract shows only what the nämnd marked public; its text is escaped", async () => {
    const json = JSON.parse((await get("/insyn/avtal.json?namnd=van")).text) as {
      contracts: Array<Record<string, unknown>>;
    };
    const hidden = json.contracts.find((contract) => contract.contractNumber === "ÅSBY-PUBLIK-1");
    expect(hidden).toMatchObject({
      serviceArea: "Specialområde",
      provider: null,
      startDate: null,
      followedUp: null,
      latestResult: null,
      actionPlansInProgress: null,
    });
    const page = await get("/insyn/van");
    expect(page.text).toContain("Hemliga Tjänster &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>");
    expect(page.text).not.toContain("Dold Leverantör AB");
    expect(page.text).not.toContain("Mycket intern anteckning");
  });

  test("CSV for Swedish Excel: BOM, semicolons, parsed back it matches the JSON", async () => {
    const csv = await get("/insyn/avtal.csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await (await fetch(`${app.url}/insyn/avtal.csv`)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.subarray(3).toString("utf8"), { delimiter: ";" });
    const [header, ...rows] = parsed.data.filter((row) => row.length > 1);
    expect(header).toEqual(PUBLIC_COLUMNS.map((column) => column.label));
    const json = JSON.parse((await get("/insyn/avtal.json")).text) as {
      contracts: Array<Record<string, unknown>>;
    };
    expect(rows).toHaveLength(json.contracts.length);
    const hemtjanst = rows.find((row) => row[1] === "Hemtjänst enligt LOV");
    expect(hemtjanst?.[5]).toBe(
      "Hemtjänst Nord i Åsby AB, Omsorgshjälpen Väst AB, Trygga Händer Hemtjänst AB och Åsby Seniorservice AB",
    );
    expect(hemtjanst?.[12]).toBe("Ja");
  });

  test("per nämnd, escaped, and a clear 404", async () => {
    const page = await get("/insyn/tn");
    expect(page.text).toContain('<h2 id="namnd-TN">Tekniska nämnden</h2>');
    expect(page.text).toContain("Skolskjuts med bil för elever med särskilda behov");
    expect(page.text).not.toContain("Hemtjänst enligt LOV");
    const missing = await get("/insyn/finns-inte");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("Det finns ingen nämnd med den adressen");
  });
});
