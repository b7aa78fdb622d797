import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type {
  ContractRisk,
  ProviderPage,
  ProviderRegisterEntry,
  ProviderSummary,
} from "../../api/src/http/api-shapes.ts";
import type { HistoryEntry } from "../../api/src/presenters/history.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

/**
 * The kommun's providers and one provider's page, over the demo data: Trygga
 * Händer Hemtjänst AB gives hemtjänst to Vård- och äldrenämnden (LOV) and
 * boendestöd to Socialnämnden. Each nämnd sees its own contracts in full and
 * only counts for the other's; kommunledningskontoret sees both.
 */

let app: TestApp;
let van: string;
let sn: string;
const TRYGGA = "org:556910-3301";

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-24T10:00:00+01:00") });
  van = await app.committeeId("VAN");
  sn = await app.committeeId("SN");
});
afterAll(async () => {
  await app.stop();
});

const page = async (user: "anna" | "maria" | "karin", key = TRYGGA) =>
  app.call<ProviderPage>("GET", `/api/providers/${encodeURIComponent(key)}`, { user });

describe("the kommun's providers", () => {
  test("each provider once, by its organisationsnummer, with how many contracts and nämnder", async () => {
    const response = await app.call<{ items: ProviderSummary[] }>("GET", "/api/providers", {
      user: "anna",
    });
    expect(response.status).toBe(200);
    const trygga = response.body.items.filter((item) => item.name.startsWith("Trygga Händer"));
    expect(trygga).toEqual([
      {
        key: TRYGGA,
        name: "Trygga Händer Hemtjänst AB",
        orgNumber: "556910-3301",
        contracts: 2,
        committees: 2,
      },
    ]);
    const names = response.body.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "sv")));
    // A nämnd's own regime has no provider.
    expect(response.body.items.every((item) => item.name !== "")).toBe(true);
  });
});

describe("a provider's page", () => {
  test("Vård- och äldrenämnden: its hemtjänst in full with risk and deficiencies, Socialnämnden's only as counts", async () => {
    const response = await page("anna");
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.name).toBe("Trygga Händer Hemtjänst AB");
    expect(body.readable.map((row) => [row.title, row.committeeId])).toEqual([
      ["Hemtjänst enligt LOV", van],
    ]);
    const [hemtjanst] = body.readable;
    expect(hemtjanst?.riskLevel).toBe("hög");
    expect(hemtjanst?.riskReasons.length).toBeGreaterThan(0);
    // The LOV contract's deficiencies about this provider, not those about the others on it.
    const about = hemtjanst?.deficiencies.map((deficiency) => deficiency.description);
    expect(about).toEqual(
      expect.arrayContaining([
        "Låg andel tillsvidareanställd personal",
        "Svag ekonomisk ställning",
      ]),
    );
    expect(about).not.toContain("Bristande personalkontinuitet");
    expect(body.others).toEqual([
      {
        committeeId: sn,
        committeeName: "Socialnämnden",
        contracts: 1,
        openDeficiencies: expect.any(Number),
      },
    ]);
    expect(body.others[0]?.openDeficiencies).toBeGreaterThan(0);
    // Nothing of Socialnämnden's contract beyond the counts.
    expect(JSON.stringify(body)).not.toContain("Boendestöd i ordinärt boende");
  });

  test("Socialnämnden sees the mirror image; kommunledningskontoret sees both in full", async () => {
    const maria = (await page("maria")).body;
    expect(maria.readable.map((row) => row.title)).toEqual(["Boendestöd i ordinärt boende"]);
    expect(maria.others.map((other) => other.committeeId)).toEqual([van]);
    expect(JSON.stringify(maria)).not.toContain("Hemtjänst enligt LOV");
    const boendestod = maria.readable[0];
    expect(boendestod?.deficiencies.map((deficiency) => deficiency.description)).toContain(
      "Insatser uteblir när personal saknas",
    );
    // The missed visits nine days ago, with this provider.
    expect(boendestod?.deviationsLastYear).toBe(1);
    expect(boendestod?.seriousDeviationsLastYear).toBe(0);

    const karin = (await page("karin")).body;
    expect(karin.readable.map((row) => row.committeeId).sort()).toEqual([van, sn].sort());
    expect(karin.others).toEqual([]);
  });

  test("the flagged provider on Kommunövergripande links to the same page", async () => {
    const overview = await app.call("GET", "/api/overview", { user: "karin" });
    const flagged = overview.body.flaggedProviders.find((provider) =>
      provider.name.startsWith("Trygga Händer"),
    );
    expect(flagged?.key).toBe(TRYGGA);
  });

  test("an unknown provider is 404 and a malformed key 400, both with a Swedish message and a code", async () => {
    const unknown = await page("anna", "org:556000-0000");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "not-found" });
    const malformed = await app.call("GET", "/api/providers/nagot", { user: "anna" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: "validation" });
    expect(JSON.stringify(malformed.body)).toContain("Leverantören är ogiltig");
  });

  test("without signing in: 401", async () => {
    const response = await fetch(`${app.url}/api/providers`);
    expect(response.status).toBe(401);
  });
});

describe("the provider register (Leverantörer)", () => {
  const SOLGARDEN = "Omsorgshuset Solgården AB";
  let key = "";
  let path = "";
  const entryBody = {
    name: SOLGARDEN,
    financesNote: "Årsredovisningen visar förlust två år i rad.",
    authorityNote: "",
    contactName: "Per Holm",
    contactEmail: "per.holm@solgarden.se",
    contactPhone: "0123-100 00",
  };
  const put = (user: "anna" | "erik" | "karin" | "maria", body: unknown, etag?: string) =>
    app.call<ProviderRegisterEntry>("PUT", path, {
      user,
      body,
      ...(etag !== undefined ? { headers: { "If-Match": etag } } : {}),
    });

  beforeAll(async () => {
    const list = await app.call<{ items: ProviderSummary[] }>("GET", "/api/providers", {
      user: "anna",
    });
    key = list.body.items.find((item) => item.name === SOLGARDEN)?.key ?? "";
    path = `/api/providers/${encodeURIComponent(key)}/register`;
  });

  test("the demo notes Trygga Händer's weak finances, in plain Swedish, with the seed's wording", async () => {
    const { register } = (await page("maria")).body;
    expect(register.canEdit).toBe(true);
    expect(register.entry).toMatchObject({
      name: "Trygga Händer Hemtjänst AB",
      orgNumber: "556910-3301",
      weakFinances: true,
      ivoDecisionPending: false,
      flags: ["Svag ekonomi"],
      financesNote: expect.stringContaining("ekonomisk ställning"),
    });
    expect(register.entry?.etag).toMatch(/^".+"$/);
  });

  test("without an entry: a proposal from the contracts; a nämnd without contracts with it may not edit", async () => {
    const anna = (await page("anna", key)).body.register;
    expect(anna.entry).toBeNull();
    expect(anna.canEdit).toBe(true);
    expect(anna.proposal.name).toBe(SOLGARDEN);
    expect(anna.questions).toEqual([]);
    const erik = await app.call<ProviderPage>("GET", `/api/providers/${encodeURIComponent(key)}`, {
      user: "erik",
    });
    expect(erik.body.register.canEdit).toBe(false);
    const refused = await put("erik", entryBody);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
  });

  test("an invalid organisationsnummer is 400 with the check digit's message at the field", async () => {
    const response = await put("anna", { ...entryBody, orgNumber: "556910-3302" });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("validation");
    expect(response.body.errors).toEqual([
      {
        field: "orgNumber",
        message:
          "Organisationsnumret stämmer inte: kontrollsiffran (den sista siffran) är fel. Kontrollera numret.",
      },
    ]);
  });

  test("another provider's organisationsnummer is 409 duplicate-org-number", async () => {
    const response = await put("anna", { ...entryBody, orgNumber: "5569103301" });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("duplicate-org-number");
    expect(response.body.errors?.[0]?.field).toBe("orgNumber");
    expect(response.body.detail).toContain("Trygga Händer Hemtjänst AB");
  });

  test("created, then changed only at the version read: 428 without If-Match, 412 stale with the current entry", async () => {
    const created = await put("anna", entryBody);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...entryBody, weakFinances: false, flags: [] });
    const etag = created.headers.get("etag") ?? "";
    expect(etag).toBe(created.body.etag);
    expect((await page("anna", key)).body.register.entry).toEqual(created.body);

    const without = await put("anna", { ...entryBody, weakFinances: true });
    expect(without.status).toBe(428);
    expect(without.body.code).toBe("if-match-required");

    const updated = await put("karin", { ...entryBody, weakFinances: true }, etag);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ weakFinances: true, flags: ["Svag ekonomi"] });
    expect(updated.body.etag).not.toBe(etag);

    const stale = await put("anna", { ...entryBody, ivoDecisionPending: true }, etag);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("conflict");
    expect(stale.body.current).toEqual(updated.body);
  });

  test("the entry's history: who noted what, under the form's labels", async () => {
    const history = await app.call<{ items: HistoryEntry[] }>("GET", `${path}/history`, {
      user: "erik",
    });
    expect(history.status).toBe(200);
    const [changed, created] = history.body.items;
    expect(history.body.items).toHaveLength(2);
    expect(changed).toMatchObject({ action: "changed", by: { name: "Karin Berg" } });
    expect(changed?.changes).toEqual([
      { field: "weakFinances", label: "Svag ekonomi", from: "Nej", to: "Ja" },
    ]);
    expect(created).toMatchObject({ action: "created", by: { name: "Anna Lindqvist" } });
    expect(created?.changes.map((change) => change.label)).toEqual(
      expect.arrayContaining(["Namn", "Ekonomi", "Kontaktperson"]),
    );
  });

  test("noted weak finances show as a reason in the contract's risk suggestion", async () => {
    const contractId = await app.contractId("Särskilt boende Solgården");
    const risk = await app.call<ContractRisk>("GET", `/api/contracts/${contractId}/risk`, {
      user: "anna",
    });
    expect(risk.status).toBe(200);
    expect(risk.body.reasons).toContain(`Svag ekonomisk ställning noterad för ${SOLGARDEN}`);
    // Kommunledningskontoret's view of the provider carries the same reason.
    const row = (await page("karin", key)).body.readable[0];
    expect(row?.riskReasons).toContain(`Svag ekonomisk ställning noterad för ${SOLGARDEN}`);
  });
});

describe("free-text names to confirm (Samma leverantör?)", () => {
  let trygghetsringning = "";
  const answers = `/api/providers/${encodeURIComponent(TRYGGA)}/register/answers`;
  const answer = (user: "anna" | "erik", body: unknown, etag?: string, path = answers) =>
    app.call<ProviderRegisterEntry>("POST", path, {
      user,
      body,
      ...(etag !== undefined ? { headers: { "If-Match": etag } } : {}),
    });
  const reasonsOf = async (contractId: string) =>
    (
      await app.call<ContractRisk>("GET", `/api/contracts/${contractId}/risk`, { user: "anna" })
    ).body.reasons.join(" ");

  /** Anna's new contract in her nämnd with this provider, as written in free text. */
  const contractWith = async (title: string, provider: string, providerOrgNumber: string) => {
    const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
    const created = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: { ...contractBody(van, anna, title), provider, providerOrgNumber },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  test("the same name under another organisationsnummer is asked about, never given the register's notes", async () => {
    const createdId = await contractWith(
      "Trygghetsringning",
      "trygga händer hemtjänst",
      "556910-5504",
    );
    const { register } = (await page("anna")).body;
    expect(register.questions.map((question) => question.text)).toEqual([
      "Samma namn förekommer med olika organisationsnummer (556910-3301, 556910-5504).",
    ]);
    // The answer goes to Trygga Händer's entry, at the version the page read.
    expect(register.questions[0]).toMatchObject({
      keys: ["name:trygga händer hemtjänst", "org:556910-3301", "org:556910-5504"],
      entry: { name: "Trygga Händer Hemtjänst AB", etag: register.entry?.etag },
    });
    trygghetsringning = createdId;
    // The register's entry stays Trygga Händer's (by its number); the other company is not noted.
    expect(register.entry?.orgNumber).toBe("556910-3301");
    const risk = await app.call<ContractRisk>("GET", `/api/contracts/${createdId}/risk`, {
      user: "anna",
    });
    expect(risk.body.reasons.join(" ")).not.toContain("Svag ekonomisk ställning");
  });

  test("answering: only those who may edit, at the version read, to a question asked", async () => {
    const { register } = (await page("anna")).body;
    const [question] = register.questions;
    const etag = question?.entry?.etag ?? "";
    const body = { questionId: question?.id, same: true };

    const erik = await answer("erik", body, etag);
    expect(erik.status).toBe(403);
    expect(erik.body.code).toBe("forbidden");
    expect(erik.body.detail).toContain("samma leverantör");

    const without = await answer("anna", body);
    expect(without.status).toBe(428);
    expect(without.body.code).toBe("if-match-required");

    const stale = await answer("anna", body, '"{00000000-0000-4000-8000-000000000000},1"');
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("conflict");
    expect(stale.body.current).toEqual(register.entry);

    const unknown = await answer("anna", { questionId: "same:name:någon annan", same: true }, etag);
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe("question-not-asked");
    expect(unknown.body.detail).toContain("Frågan om samma leverantör ställs inte");

    const unclear = await answer("anna", { questionId: question?.id, same: "kanske" }, etag);
    expect(unclear.status).toBe(400);
    expect(unclear.body.code).toBe("validation");

    // Nothing was recorded by the refused answers.
    expect((await page("anna")).body.register.questions).toEqual(register.questions);
  });

  test("yes: the other number is also known as Trygga Händer, and its contract gets the weak finances", async () => {
    const { register } = (await page("anna")).body;
    const [question] = register.questions;
    const yes = await answer(
      "anna",
      { questionId: question?.id, same: true },
      question?.entry?.etag,
    );
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body.alsoKnownAs).toEqual(["organisationsnummer 556910-5504"]);
    expect(yes.headers.get("etag")).toBe(yes.body.etag);

    const after = (await page("anna")).body.register;
    expect(after.questions).toEqual([]);
    expect(after.entry?.alsoKnownAs).toEqual(["organisationsnummer 556910-5504"]);
    expect(await reasonsOf(trygghetsringning)).toContain(
      "Svag ekonomisk ställning noterad för trygga händer hemtjänst",
    );

    const history = await app.call<{ items: HistoryEntry[] }>(
      "GET",
      `/api/providers/${encodeURIComponent(TRYGGA)}/register/history`,
      { user: "anna" },
    );
    expect(history.body.items[0]).toMatchObject({
      action: "changed",
      by: { name: "Anna Lindqvist" },
      changes: [
        {
          field: "sameAs",
          label: "Även känd som",
          from: "–",
          to: "organisationsnummer 556910-5504",
        },
      ],
    });
    // Answered: asking again is refused.
    const again = await answer("anna", { questionId: question?.id, same: false }, yes.body.etag);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("question-not-asked");
  });

  test("a name a typo away from the register's is asked about on its own page; yes records it on that entry", async () => {
    const createdId = await contractWith("Matdistribution", "Trygga Hänter Hemtjänst AB", "");
    const summaries = await app.call<{ items: ProviderSummary[] }>("GET", "/api/providers", {
      user: "anna",
    });
    const near = summaries.body.items.find((item) => item.name === "Trygga Hänter Hemtjänst AB");
    if (!near) throw new Error("the new spelling is not listed as a provider of its own");
    expect(near.key).not.toBe(TRYGGA);
    // Not merged on a guess: the contract does not carry Trygga Händer's notes yet.
    expect(await reasonsOf(createdId)).not.toContain("Svag ekonomisk ställning");

    const { register } = (await page("anna", near.key)).body;
    expect(register.questions.map((question) => question.text)).toEqual([
      'Namnet liknar "Trygga Händer Hemtjänst AB". Bekräfta om det är samma leverantör.',
    ]);
    // Its answer goes to the register entry the question names, at the version read.
    const [question] = register.questions;
    expect(question?.entry).toMatchObject({ name: "Trygga Händer Hemtjänst AB" });
    const yes = await answer(
      "anna",
      { questionId: question?.id, same: true },
      question?.entry?.etag,
      `/api/providers/${encodeURIComponent(near.key)}/register/answers`,
    );
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body.name).toBe("Trygga Händer Hemtjänst AB");
    expect(yes.body.alsoKnownAs).toContain('namnet "trygga hänter hemtjänst"');
    expect((await page("anna", near.key)).body.register.questions).toEqual([]);
    expect(await reasonsOf(createdId)).toContain("Svag ekonomisk ställning");
  });

  test("no: the question goes and the other company gets none of the notes", async () => {
    const nord = "org:556910-1107";
    const createdId = await contractWith("Ledsagning", "hemtjänst nord i åsby", "556910-7708");
    const { register } = (await page("anna", nord)).body;
    const [question, ...more] = register.questions;
    expect(more).toEqual([]);
    const path = `/api/providers/${encodeURIComponent(nord)}/register/answers`;
    const no = await answer(
      "anna",
      { questionId: question?.id, same: false },
      question?.entry?.etag,
      path,
    );
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body).toMatchObject({
      alsoKnownAs: [],
      notSameAs: ["organisationsnummer 556910-7708"],
    });
    expect((await page("anna", nord)).body.register.questions).toEqual([]);
    expect(await reasonsOf(createdId)).not.toContain("Inväntar IVO:s beslut");
    const history = await app.call<{ items: HistoryEntry[] }>(
      "GET",
      `/api/providers/${encodeURIComponent(nord)}/register/history`,
      { user: "anna" },
    );
    expect(history.body.items[0]?.changes).toEqual([
      {
        field: "notSameAs",
        label: "Inte samma leverantör som",
        from: "–",
        to: "organisationsnummer 556910-7708",
      },
    ]);
  });
});
