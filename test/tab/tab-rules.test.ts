import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { chooseCommittee } from "../../teams-app/src/committee-choice.ts";
import {
  type FieldSpec,
  missingFields,
  valuesToSend,
} from "../../teams-app/src/components/record-form/fields.ts";
import { mandateLabel } from "../../teams-app/src/format.ts";
import { HostProblem, localHostOrigins, PROBLEMS, withTimeout } from "../../teams-app/src/host.ts";
import { parseRoute, routePath } from "../../teams-app/src/routes.ts";
import {
  formErrors,
  parseProviderLines,
  shownProviders,
  toBody,
  toForm,
} from "../../teams-app/src/screens/contract-detail/contract-form.ts";
import {
  readListQuery,
  writeListQuery,
} from "../../teams-app/src/screens/record-screen/list-query.ts";
import { DEVIATIONS, FOLLOW_UPS } from "../../teams-app/src/screens/record-screen/record-kinds.ts";
import { TAB_NAME_MAX, tabName } from "../../teams-app/src/tab-name.ts";
import type { Contract, FollowUp, Me, MyCommittee } from "../../teams-app/src/types.ts";

const committee = (id: string, name: string, groupId: string, canWrite = false): MyCommittee => ({
  id,
  name,
  code: id.toUpperCase(),
  isKs: false,
  periodKind: "july-june",
  periodLabel: "juli–juni",
  registryEmail: "",
  groupId,
  canWrite,
  canDecide: false,
});

const me = (committees: MyCommittee[]): Me => ({
  user: { id: "u", name: "Anna", email: "anna@asby.se" },
  roles: { klk: false, member: [], secretary: [] },
  municipality: "Åsby kommun",
  mode: "local",
  committees,
});

describe("which nämnd the tab shows", () => {
  const van = committee("van", "Vård- och äldrenämnden", "g-van", true);
  const tn = committee("tn", "Tekniska nämnden", "g-tn");
  const person = me([van, tn]);
  const base = {
    me: person,
    teamCommittee: undefined,
    fromAddress: undefined,
    remembered: undefined,
  };

  test("in a nämnd's team, the team decides, over ?namnd and the last choice", () => {
    expect(
      chooseCommittee({ ...base, teamGroupId: "g-tn", fromAddress: "van", remembered: "van" }),
    ).toEqual({ committeeId: "tn" });
  });

  test("a team whose nämnd the person may not read: no nämnd, and it says why", () => {
    expect(
      chooseCommittee({
        ...base,
        teamGroupId: "g-sn",
        teamCommittee: { id: "sn", groupId: "g-sn" },
      }),
    ).toEqual({ committeeId: undefined, unreadableTeam: true });
  });

  test("elsewhere: the configured ?namnd, the last chosen, the first writable", () => {
    expect(
      chooseCommittee({ ...base, teamGroupId: "g-other", fromAddress: "tn" }).committeeId,
    ).toBe("tn");
    expect(chooseCommittee({ ...base, teamGroupId: undefined, remembered: "tn" }).committeeId).toBe(
      "tn",
    );
    expect(chooseCommittee({ ...base, teamGroupId: undefined }).committeeId).toBe("van");
    expect(
      chooseCommittee({ ...base, teamGroupId: undefined, fromAddress: "ks" }).committeeId,
    ).toBe("van");
  });
});

describe("addresses", () => {
  test("deep links and lists with their filters read back as they were written", () => {
    for (const path of [
      "avtal/12",
      "avtal/nytt",
      "importera",
      "avtal?q=sn%C3%B6&status=aktivt",
      "uppfoljning/ny?avtal=12&period=2025%E2%80%932026",
      "brister/56",
      "avvikelser?status=%C3%B6ppen&sort=datum&ordning=fallande",
      "kommun",
      "leverantorer",
      "leverantorer/org%3A556910-3301",
    ])
      expect(routePath(parseRoute(path))).toBe(path);
    expect(parseRoute("#/avvikelser?status=öppen")).toEqual({
      screen: "avvikelser",
      query: "status=öppen",
    });
    expect(parseRoute("okänd")).toEqual({ screen: "oversikt" });
  });

  test("a list's search, filters and sorting as parameters", () => {
    const query = {
      q: "snö",
      status: "öppen",
      contract: "12",
      period: "2026",
      owner: "u1",
      sort: { key: "datum", direction: "descending" as const },
    };
    expect(readListQuery(new URLSearchParams(writeListQuery(query)))).toEqual(query);
    expect(
      readListQuery(new URLSearchParams(""), { key: "avtal", direction: "ascending" }).sort,
    ).toEqual({ key: "avtal", direction: "ascending" });
  });
});

describe("the tab in Teams", () => {
  test("listens to the local Teams host only when it is served as http://localhost", () => {
    expect(localHostOrigins({ protocol: "http:", hostname: "localhost", port: "3978" })).toEqual([
      "http://127.0.0.1:3978",
    ]);
    expect(localHostOrigins({ protocol: "https:", hostname: "avtal.asby.se", port: "" })).toEqual(
      [],
    );
    expect(localHostOrigins({ protocol: "http:", hostname: "127.0.0.1", port: "3978" })).toEqual(
      [],
    );
  });

  test("every call to Teams has a time limit that ends in a Swedish message", async () => {
    const never = new Promise<string>(() => undefined);
    const failure = await withTimeout(never, 10, PROBLEMS.token).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HostProblem);
    expect((failure as HostProblem).problem.detail).toMatch(/Teams gav ingen inloggning i tid/);
    expect(await withTimeout(Promise.resolve("ok"), 10, PROBLEMS.token)).toBe("ok");
  });

  test("suggested tab names are whole words within Teams' length", () => {
    expect(tabName({ name: "Vård- och äldrenämnden", code: "VAN" })).toBe(
      "Avtal – Vård- och äldrenämnden",
    );
    expect(tabName({ name: "Kultur- och fritidsnämnden", code: "KFN" })).toBe(
      "Kultur- och fritidsnämnden",
    );
    expect(tabName({ name: "Individ- och familjeomsorgsnämnden", code: "IFN" })).toBe(
      "Avtal – IFN",
    );
    for (const name of ["Socialnämnden", "Individ- och familjeomsorgsnämnden och mer"])
      expect(tabName({ name, code: "X" }).length).toBeLessThanOrEqual(TAB_NAME_MAX);
  });

  test("mandate periods as Swedes write them", () => {
    expect(mandateLabel("2022–2026")).toBe("2023–2026");
    expect(mandateLabel("2026-2030")).toBe("2027–2030");
  });
});

describe("forms", () => {
  interface FollowUpDraft {
    meetsRequirements: string;
    deficienciesSummary: string;
    controlSufficient: boolean;
    feedbackToProviderOn: string;
    notes: string;
  }
  const fields: FieldSpec<FollowUpDraft>[] = [
    { name: "meetsRequirements", label: "Uppfyller kraven", kind: "select", required: true },
    {
      name: "deficienciesSummary",
      label: "Brister",
      kind: "textarea",
      visible: (values) => values.meetsRequirements !== "ja",
      requiredWhen: (values) => values.meetsRequirements === "nej",
    },
    { name: "controlSufficient", label: "Kontroll tillräcklig", kind: "yesno", required: true },
    { name: "feedbackToProviderOn", label: "Återkopplat", kind: "date" },
    { name: "notes", label: "Anteckningar", kind: "textarea" },
  ];

  test("unanswered required questions are refused before saving, with Swedish words", () => {
    expect(missingFields(fields, {}).map((error) => error.message)).toEqual([
      "Välj uppfyller kraven",
      "Svara ja eller nej: Kontroll tillräcklig",
    ]);
    expect(missingFields(fields, { meetsRequirements: "nej", controlSufficient: false })).toEqual([
      { field: "deficienciesSummary", message: "Fyll i brister" },
    ]);
    expect(missingFields(fields, { meetsRequirements: "ja", controlSufficient: false })).toEqual(
      [],
    );
  });

  test("what is sent leaves out hidden fields and empty dates, keeps cleared text", () => {
    expect(
      valuesToSend(fields, {
        meetsRequirements: "ja",
        deficienciesSummary: "gammalt",
        controlSufficient: true,
        feedbackToProviderOn: "",
        notes: "",
      }),
    ).toEqual({
      meetsRequirements: "ja",
      deficienciesSummary: undefined,
      controlSufficient: true,
      feedbackToProviderOn: undefined,
      notes: "",
    });
  });

  test("a field that says so is sent as an empty text when empty or hidden, so a change clears it", () => {
    interface Link {
      contractId: string;
      provider: string;
      followUpId: string;
    }
    const linkFields: FieldSpec<Link>[] = [
      { name: "contractId", label: "Avtal", kind: "select", required: true },
      {
        name: "provider",
        label: "Utförare",
        kind: "select",
        sendEmpty: true,
        visible: (values) => values.contractId === "lov",
      },
      { name: "followUpId", label: "Uppföljning", kind: "select", sendEmpty: true },
    ];
    expect(valuesToSend(linkFields, { contractId: "lov", provider: "A" })).toEqual({
      contractId: "lov",
      provider: "A",
      followUpId: "",
    });
    expect(
      valuesToSend(linkFields, { contractId: "annat", provider: "A", followUpId: "7" }),
    ).toEqual({ contractId: "annat", provider: "", followUpId: "7" });
  });
});

describe("a contract's providers in the form", () => {
  const lov: Contract = {
    id: "1",
    etag: '"1,3"',
    title: "Hemtjänst enligt LOV",
    contractNumber: "VAN-2024-01",
    committeeId: "2",
    sharedWithCommitteeIds: [],
    serviceArea: "hemtjänst",
    providers: [
      { name: "Omsorgshjälpen Väst AB", orgNumber: "556677-8899", email: "info@omsorgshjalpen.se" },
      { name: "Trygg Hemtjänst AB", orgNumber: "", email: "" },
      { name: "Hemma Bäst AB", orgNumber: "559900-1122", email: "" },
    ],
    provider: "Omsorgshjälpen Väst AB, Trygg Hemtjänst AB och Hemma Bäst AB",
    providerOrgNumber: "556677-8899",
    ownRegime: false,
    owner: { id: "u", name: "Anna", email: "anna@asby.se" },
    valueClass: "hög",
    impactClass: "hög",
    classified: true,
    strategic: true,
    overrideReason: "",
    extensionOptions: "",
    status: "aktivt",
    followUpsPerYear: 2,
    description: "",
    publicFields: [],
    publicDescription: "",
    internalNotes: "",
  };

  test("the first provider has fields of its own, the others one per line, and all are sent", () => {
    const form = toForm(lov);
    expect(form).toMatchObject({
      provider: "Omsorgshjälpen Väst AB",
      providerOrgNumber: "556677-8899",
      providerEmail: "info@omsorgshjalpen.se",
      otherProviders: "Trygg Hemtjänst AB\nHemma Bäst AB; 559900-1122",
    });
    expect(toBody(form).providers).toEqual(lov.providers);
    // Blank lines are skipped; a line without a name is sent, so the server can say which.
    expect(
      parseProviderLines("\n  Städbolaget AB ; 556000-0001 ; kontakt@stad.se \n\n; 556000-0002"),
    ).toEqual([
      { name: "Städbolaget AB", orgNumber: "556000-0001", email: "kontakt@stad.se" },
      { name: "", orgNumber: "556000-0002", email: "" },
    ]);
  });

  test("the server's messages about the providers' list land at the form's fields, with the line", () => {
    const values = { otherProviders: "Trygg Hemtjänst AB\n\nHemma Bäst AB; ; hemma@" };
    expect(
      formErrors(
        [
          { field: "providers.0.email", message: "Ogiltig e-postadress" },
          { field: "providers.2.email", message: "Ogiltig e-postadress" },
          { field: "providers", message: "Samma utförare står med två gånger" },
          { field: "title", message: "Fyll i avtalets namn" },
        ],
        values,
      ),
    ).toEqual([
      { field: "providerEmail", message: "Ogiltig e-postadress" },
      { field: "otherProviders", message: "Rad 3: Ogiltig e-postadress" },
      { field: "otherProviders", message: "Samma utförare står med två gånger" },
      { field: "title", message: "Fyll i avtalets namn" },
    ]);
  });

  test("the history shows the stored providers in the form's words", () => {
    expect(shownProviders(JSON.stringify(lov.providers.slice(0, 2)))).toBe(
      "Omsorgshjälpen Väst AB; 556677-8899; info@omsorgshjalpen.se / Trygg Hemtjänst AB",
    );
    expect(shownProviders("Städbolaget AB")).toBeUndefined();
  });

  test("a deviation names its provider only for a contract with several; a follow-up offers a letter to each", () => {
    const single: Contract = { ...lov, id: "9", providers: [lov.providers[0]!] };
    const provider = DEVIATIONS.fields({ contracts: [lov, single], people: [] }).find(
      (field) => field.name === "provider",
    );
    expect(provider?.options?.map((option) => option.value)).toEqual([
      "Hemma Bäst AB",
      "Omsorgshjälpen Väst AB",
      "Trygg Hemtjänst AB",
    ]);
    expect(provider?.visible?.({ contractId: "1" })).toBe(true);
    expect(provider?.visible?.({ contractId: "9" })).toBe(false);
    const followUp: FollowUp = {
      id: "5",
      etag: '"5,1"',
      contractId: "1",
      committeeId: "2",
      period: "2025–2026",
      followUpDate: "2026-05-12",
      form: "avtalsuppföljning",
      meetsRequirements: "delvis",
      deficienciesSummary: "Genomförandeplaner saknas",
      goalImpact: "",
      actionPlanSummary: "",
      goalFulfilment: "",
      serviceEvaluation: "",
      controlSufficient: true,
      providerFeedback: "",
      publicSummary: "",
      status: "klar",
    };
    const letters = (contract: Contract) =>
      FOLLOW_UPS.drafts?.(followUp, contract).map((draft) => draft.label);
    expect(letters(lov)).toEqual([
      "Återkoppling till Omsorgshjälpen Väst AB (Word)",
      "Återkoppling till Trygg Hemtjänst AB (Word)",
      "Återkoppling till Hemma Bäst AB (Word)",
    ]);
    expect(letters(single)).toEqual(["Återkoppling till utföraren (Word)"]);
  });
});

test("no browser dialogs anywhere in the tab or the host: Teams does not allow them", () => {
  const files = (directory: string): string[] =>
    fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? files(full) : /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
    });
  const calls = files(path.resolve("teams-app")).flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .filter((line) => /\b(alert|confirm|prompt)\s*\(/.test(line))
      .map((line) => `${path.relative(".", file)}: ${line.trim()}`),
  );
  expect(calls).toEqual([]);
});
