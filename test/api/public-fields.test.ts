import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { swedishLongDate } from "../../api/src/domain/dates.ts";
import { PUBLIC_FIELD_CHOICES, type PublicField } from "../../api/src/domain/model.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { contractBody, recordBody } from "../support/bodies.ts";

/**
 * Each public-able field, hidden in turn: one contract per hidden field (and
 * one with everything public), each with values of its own. What a hidden
 * field governs must be absent from every public output — the /insyn page,
 * the embeddable fragment, JSON and CSV — and present when it is public.
 */

const TODAY = new Date("2026-11-24T10:00:00+01:00");
const CASES = [...PUBLIC_FIELD_CHOICES, "inget"] as const;
type Case = (typeof CASES)[number];

let app: TestApp;

/** The values of one case's contract; each is unique to it. */
function valuesOf(hidden: Case) {
  const day = 10 + CASES.indexOf(hidden);
  return {
    title: `Insynsprov ${hidden}`,
    contractNumber: `INSYN-${hidden.toUpperCase()}`,
    provider: `Leverantören ${hidden} AB`,
    serviceArea: `Område ${hidden}`,
    startDate: `2025-03-${day}`,
    endDate: `2031-09-${day}`,
    publicDescription: `Det här följs upp för ${hidden}.`,
    publicSummary: `Resultatet för ${hidden} var gott.`,
  };
}

/** The texts a field puts into public outputs (in every form they take). */
function textsOf(field: PublicField, hidden: Case): string[] {
  const values = valuesOf(hidden);
  switch (field) {
    case "provider":
      return [values.provider];
    case "serviceArea":
      return [values.serviceArea];
    case "period":
      return [
        values.startDate,
        values.endDate,
        swedishLongDate(values.startDate),
        swedishLongDate(values.endDate),
      ];
    case "followedUp":
      return [values.publicDescription];
    case "latestResult":
      return [values.publicSummary];
    case "actionPlans":
      return [];
  }
}

beforeAll(async () => {
  app = await startTestApp({ now: TODAY });
  const van = await app.committeeId("VAN");
  const anna = (await app.call("GET", "/api/me", { user: "anna" })).body.user;
  // All written before the first public request, which caches the public data for a minute.
  for (const hidden of CASES) {
    const values = valuesOf(hidden);
    const created = await app.call("POST", "/api/contracts", {
      user: "anna",
      body: {
        ...contractBody(van, anna, values.title),
        ...values,
        publicSummary: undefined,
        contractNumber: values.contractNumber,
        status: "aktivt",
        ownRegime: true,
        extensionDecisionDate: undefined,
        publicFields: PUBLIC_FIELD_CHOICES.filter((field) => field !== hidden),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const followUp = await app.call("POST", "/api/follow-ups", {
      user: "anna",
      body: {
        ...recordBody("follow-ups", van, created.body.id, "insyn"),
        period: "2025–2026",
        followUpDate: "2026-05-20",
        publicSummary: values.publicSummary,
        status: "klar",
      },
    });
    expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);
    const deficiency = await app.call("POST", "/api/deficiencies", {
      user: "anna",
      body: {
        ...recordBody("deficiencies", van, created.body.id, "insyn"),
        measures: "Åtgärder pågår enligt plan.",
        actionOwner: { ...anna, email: anna.email ?? "" },
        deadline: "2027-06-30",
      },
    });
    expect(deficiency.status, JSON.stringify(deficiency.body)).toBe(201);
  }
});
afterAll(async () => {
  await app.stop();
});

const text = async (path: string) => (await fetch(`${app.url}${path}`)).text();

/** One contract's part of each public output. */
async function outputsFor(hidden: Case) {
  const { title, contractNumber } = valuesOf(hidden);
  const article = (html: string) =>
    html.split('<article class="avtal">').find((part) => part.includes(`<h3>${title}</h3>`)) ?? "";
  const json = JSON.parse(await text("/insyn/avtal.json?namnd=van")) as {
    contracts: Array<Record<string, unknown>>;
  };
  const csv = Papa.parse<Record<string, string>>(
    (await text("/insyn/avtal.csv?namnd=van")).trim(),
    {
      header: true,
      delimiter: ";",
    },
  ).data;
  return {
    page: article(await text("/insyn/van")),
    fragment: article(await text("/insyn/fragment?namnd=van")),
    json: json.contracts.find((contract) => contract.contractNumber === contractNumber) ?? {},
    csv: csv.find((row) => row.Avtalsnummer?.replace(/^'/, "") === contractNumber) ?? {},
  };
}

describe("every public-able field, hidden in turn", () => {
  test("with everything public, every value is out, in every output", async () => {
    const outputs = await outputsFor("inget");
    const shown = {
      page: outputs.page,
      fragment: outputs.fragment,
      json: JSON.stringify(outputs.json),
      csv: Object.values(outputs.csv).join("|"),
    };
    for (const field of PUBLIC_FIELD_CHOICES) {
      const values = textsOf(field, "inget");
      for (const [output, content] of Object.entries(shown)) {
        // Dates appear as ISO dates in JSON and in words elsewhere: one form is enough.
        if (values.length > 0)
          expect(
            values.some((value) => content.includes(value)),
            `${field} in ${output}`,
          ).toBe(true);
      }
    }
    expect(outputs.json).toMatchObject({ ownRegime: true, actionPlansInProgress: true });
    expect(outputs.page).toContain("(egen regi)");
    expect(outputs.page).toContain("Handlingsplaner pågår");
  });

  test.each(PUBLIC_FIELD_CHOICES)(
    "%s hidden: absent from the page, the fragment, JSON and CSV",
    async (hidden) => {
      const outputs = await outputsFor(hidden);
      expect(outputs.page, "the contract is on the page").toContain(valuesOf(hidden).title);
      for (const value of textsOf(hidden, hidden)) {
        expect(outputs.page).not.toContain(value);
        expect(outputs.fragment).not.toContain(value);
        expect(JSON.stringify(outputs.json)).not.toContain(value);
        expect(Object.values(outputs.csv).join("|")).not.toContain(value);
      }
      const hiddenKeys: Record<PublicField, string[]> = {
        provider: ["provider", "ownRegime", "providerOrgNumber"],
        serviceArea: ["serviceArea"],
        period: ["startDate", "endDate"],
        followedUp: ["followedUp"],
        latestResult: ["latestFollowUpPeriod", "latestResult"],
        actionPlans: ["actionPlansInProgress"],
      };
      for (const key of hiddenKeys[hidden]) expect(outputs.json[key], `JSON ${key}`).toBeNull();
      if (hidden === "provider") {
        expect(outputs.page).not.toContain("egen regi");
        expect(outputs.csv["Egen regi"]).toBe("");
      }
      if (hidden === "actionPlans") {
        expect(outputs.page).not.toContain("Handlingsplaner pågår");
        expect(outputs.csv["Handlingsplaner pågår"]).toBe("");
      }
      // The other fields stay out.
      for (const field of PUBLIC_FIELD_CHOICES.filter((candidate) => candidate !== hidden))
        for (const value of textsOf(field, hidden).filter((item) => !/^\d{4}-/.test(item)))
          expect(outputs.page, `${field} shown while ${hidden} is hidden`).toContain(value);
    },
  );
});
