import { describe, expect, test } from "vitest";
import type {
  Committee,
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  ReportRecord,
} from "../domain/model.ts";
import { type ListItem, listItemOf, type RawFields } from "./list-client.ts";
import {
  decodeCommittee,
  decodeContract,
  decodeDeficiency,
  decodeDeviation,
  decodeFollowUp,
  decodeKickoff,
  decodePlan,
  decodeProviderEntry,
  decodeReport,
  encodeCommittee,
  encodeContract,
  encodeDeficiency,
  encodeDeviation,
  encodeFollowUp,
  encodeKickoff,
  encodePlan,
  encodeProviderEntry,
  encodeReportDecision,
  encodeRisk,
} from "./mappers.ts";
import { type ListKey, SCHEMA } from "./schema.ts";

/**
 * The mappers between list items and domain objects. Written fields are read
 * back the way Graph answers them (GRAPH-FACTS §1–2): empty columns left out,
 * lookup ids as strings, dates as the ISO date-time that was written.
 */

const CREATED = "2026-02-03T09:15:00Z";

/** A list item as Graph would return it after `fields` were written (null = an emptied column). */
function readBack<K extends ListKey>(key: K, fields: RawFields, id = "41"): ListItem<K> {
  const lookups = new Set(
    SCHEMA[key].columns
      .filter((column) => column.type.kind === "lookup")
      .map((column) => `${column.name}LookupId`),
  );
  const stored: RawFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === "") continue;
    stored[name] = lookups.has(name) ? String(value) : value;
  }
  return fromGraph(key, { id, eTag: '"{6C0DE1A4-0000-4000-8000-000000000001},3"', fields: stored });
}

/** A list item from Graph's raw JSON, through the same reader the store uses. */
function fromGraph<K extends ListKey>(key: K, raw: Record<string, unknown>): ListItem<K> {
  const item = listItemOf(key, { createdDateTime: CREATED, ...raw });
  if (!item) throw new Error("not a list item");
  return item;
}

/** An item with no fields at all (and no creation time). */
const empty = <K extends ListKey>(key: K) =>
  fromGraph(key, { id: "7", eTag: '"e"', createdDateTime: "", fields: {} });

/** Every field name a create or update of list K may send: Title and the schema's columns. */
function schemaFieldNames(key: ListKey): Set<string> {
  return new Set([
    "Title",
    ...SCHEMA[key].columns.map((column) =>
      column.type.kind === "lookup" ? `${column.name}LookupId` : column.name,
    ),
  ]);
}

/** Each written field is a column of the list, with a value of the column's type and choices. */
function expectSchemaFields(key: ListKey, fields: object): void {
  const allowed = schemaFieldNames(key);
  for (const [name, value] of Object.entries(fields)) {
    expect(allowed.has(name), `${key}: ${name} is not a column`).toBe(true);
    if (value === null) continue;
    const column = SCHEMA[key].columns.find(
      (candidate) =>
        (candidate.type.kind === "lookup" ? `${candidate.name}LookupId` : candidate.name) === name,
    );
    const kind = column?.type.kind ?? "text";
    const json =
      kind === "number" || kind === "lookup" ? "number" : kind === "boolean" ? "boolean" : "string";
    expect(typeof value, `${key}: ${name}`).toBe(json);
    if (column?.type.kind === "choice") expect(column.type.choices).toContain(value);
    if (column?.type.kind === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T12:00:00Z$/);
  }
}

/** A fixture is only a round-trip witness if no field holds what decoding nothing gives. */
function expectNoDefaults(fixture: object, defaults: object): void {
  for (const [name, value] of Object.entries(fixture)) {
    if (name === "id" || name === "etag") continue;
    expect(Reflect.get(defaults, name), `${name} holds its default`).not.toEqual(value);
  }
}

const ITEM = { id: "41", etag: '"{6C0DE1A4-0000-4000-8000-000000000001},3"' };

const committee: Committee = {
  ...ITEM,
  name: "Socialnämnden",
  code: "SN",
  periodKind: "may-april",
  reportMonth: 9,
  registryEmail: "sn.diarium@asby.se",
  groupId: "9f0c2d1e-1111-4222-8333-444455556666",
  secretaryIds: ["aa11", "bb22"],
  isKs: true,
  teamId: "team-1",
  channelId: "19:sn@thread.tacv2",
  driveId: "b!drive",
};

const contract: Omit<Contract, "sharedWithCommitteeIds"> = {
  ...ITEM,
  title: "Hemtjänst i valfrihetssystem",
  contractNumber: "SN-2026-004",
  committeeId: "3",
  serviceArea: "Hemtjänst",
  providers: [
    { name: "Omsorg Nord AB", orgNumber: "556677-8899", email: "info@omsorgnord.se" },
    { name: "Hemtjänst Väst AB", orgNumber: "556000-1111", email: "" },
    { name: "Vård i Åsby AB", orgNumber: "", email: "kontakt@vardiasby.se" },
  ],
  provider: "Omsorg Nord AB, Hemtjänst Väst AB och Vård i Åsby AB",
  providerOrgNumber: "556677-8899",
  ownRegime: true,
  owner: { id: "owner-1", name: "Anna Lindqvist", email: "anna.lindqvist@asby.se" },
  valueClass: "hög",
  impactClass: "hög",
  classified: true,
  strategic: true,
  overrideReason: "Stor påverkan på brukarna",
  annualValue: 12_500_000,
  startDate: "2025-01-01",
  endDate: "2028-12-31",
  extensionOptions: "1 + 1 år",
  extensionDecisionDate: "2028-06-30",
  status: "avslutat",
  followUpsPerYear: 4,
  description: "Hemtjänst enligt LOV",
  publicFields: ["provider", "period", "actionPlans"],
  publicDescription: "Kvalitet och bemanning följs upp",
  internalNotes: "Vitesstrappa diskuterad",
};

const plan: FollowUpPlan = {
  ...ITEM,
  committeeId: "3",
  mandatePeriod: "2027–2030",
  scope: "Alla strategiska avtal",
  forms: ["tillsyn", "verksamhetsuppföljning"],
  formsDescription: "Stickprov och intervjuer",
  responsibility: "Avtalsansvarig",
  timetable: "Varje höst",
  feedback: "Till nämnden i december",
  status: "beslutad",
  decisionDate: "2027-11-20",
  registryNumber: "SN 2027/112",
};

const kickoff: KickoffMeeting = {
  ...ITEM,
  contractId: "12",
  committeeId: "3",
  reason: "förlängning",
  contractStart: "2027-01-01",
  meetingDate: "2026-11-15",
  attendees: "Anna, Erik",
  continuousReporting: "Avvikelser inom en vecka",
  yearlyReporting: "Årsrapport i februari",
  minutesRegistryNumber: "SN 2026/55",
  notes: "Inga frågor",
};

const deviation: Deviation = {
  ...ITEM,
  contractId: "12",
  committeeId: "3",
  occurredOn: "2026-10-02",
  provider: "Hemtjänst Väst AB",
  description: "Missat besök",
  severity: "hög",
  handling: "Samtal med utföraren",
  status: "hanterad",
};

const followUp: FollowUp = {
  ...ITEM,
  contractId: "12",
  committeeId: "3",
  period: "2026",
  followUpDate: "2026-09-30",
  form: "tillsyn",
  meetsRequirements: "delvis",
  deficienciesSummary: "Dokumentationen brister",
  goalImpact: "Liten",
  actionPlanSummary: "Utbildning",
  goalFulfilment: "God",
  serviceEvaluation: "Brukarna nöjda",
  controlSufficient: true,
  feedbackToProviderOn: "2026-10-15",
  providerFeedback: "Tack för samarbetet",
  publicSummary: "Uppföljd hösten 2026",
  status: "klar",
};

const deficiency: Deficiency = {
  ...ITEM,
  contractId: "12",
  committeeId: "3",
  followUpId: "20",
  deviationId: "21",
  provider: "Omsorg Nord AB",
  recordedOn: "2026-02-03",
  description: "Genomförandeplaner saknas",
  goalImpact: "Måttlig",
  actionOwner: { id: "owner-2", name: "Erik Johansson", email: "erik.johansson@asby.se" },
  measures: "Upprätta planer",
  deadline: "2026-12-31",
  checkUpDate: "2027-01-15",
  checkUpResult: "Åtgärdat",
  sanctionNote: "Vite enligt 12.3",
  status: "eskalerad",
};

const withoutItem = <T extends { id: string; etag: string }>({
  id: _id,
  etag: _etag,
  ...rest
}: T) => rest;

describe("round trips: decode(encode(x)) gives x back, every field", () => {
  test("nämnd", () => {
    expectNoDefaults(committee, decodeCommittee(empty("committees")));
    const written = encodeCommittee(withoutItem(committee));
    expect(decodeCommittee(readBack("committees", written))).toEqual(committee);
  });

  test("nämnd without its own period or report month", () => {
    const plain = { ...committee, periodKind: undefined, reportMonth: undefined, secretaryIds: [] };
    const written = encodeCommittee(withoutItem(plain));
    // null empties the column, so taking an override away sticks.
    expect(written).toMatchObject({ periodKind: null, reportMonth: null });
    expect(decodeCommittee(readBack("committees", written))).toEqual(plain);
  });

  test("avtal with several providers, links, dates and choices", () => {
    const defaults = decodeContract(empty("contracts"));
    expectNoDefaults(contract, defaults);
    const written = encodeContract(withoutItem(contract));
    expect(decodeContract(readBack("contracts", written), ["5", "6"])).toEqual({
      ...contract,
      sharedWithCommitteeIds: ["5", "6"],
    });
  });

  test("avtal: the text columns follow the providers list", () => {
    const written = encodeContract({
      ...withoutItem(contract),
      provider: "stale",
      providerOrgNumber: "stale",
    });
    expect(written.provider).toBe("Omsorg Nord AB, Hemtjänst Väst AB och Vård i Åsby AB");
    expect(written.providerOrgNumber).toBe("556677-8899");
    expect(JSON.parse(written.providers ?? "")).toEqual(contract.providers);
  });

  test("avtal: a partial update writes only what it was given; a date given as undefined is emptied", () => {
    expect(encodeContract({ title: "Nytt namn" })).toEqual({ Title: "Nytt namn" });
    expect(encodeContract({ endDate: undefined, annualValue: undefined })).toEqual({
      endDate: null,
      annualValue: null,
    });
    expect(encodeContract({ committeeId: "9", status: "planerat" })).toEqual({
      committeeLookupId: 9,
      status: "planerat",
    });
  });

  test("avtal: a person's risk assessment, written apart; undefined empties it", () => {
    const risk = {
      likelihood: 3,
      consequence: 4,
      reason: "Utföraren byter ledning",
      confirmedBy: { id: "a-1", name: "Anna Lindqvist", email: "" },
      confirmedOn: "2026-11-24",
      suggestedLevel: "medel",
      raisedFrom: { level: "medel", on: "2026-11-24" },
    } as const;
    const written = { ...encodeContract(withoutItem(contract)), ...encodeRisk(risk, "hög") };
    expect(written).toMatchObject({ riskLevel: "hög", riskLikelihood: 3 });
    expect(decodeContract(readBack("contracts", written)).risk).toEqual(risk);
    const emptied = encodeRisk(undefined, undefined);
    expect(Object.values(emptied).every((value) => value === null)).toBe(true);
    expect(decodeContract(readBack("contracts", { ...written, ...emptied })).risk).toBeUndefined();
    // A cell off the 1–4 scales is no assessment.
    expect(
      decodeContract(readBack("contracts", { ...written, riskLikelihood: 7 })).risk,
    ).toBeUndefined();
    expectSchemaFields("contracts", encodeRisk(risk, "hög"));
    expectSchemaFields("contracts", emptied);
  });

  test("uppföljningsplan", () => {
    expectNoDefaults(plan, decodePlan(empty("plans")));
    const written = encodePlan(withoutItem(plan));
    expect(written.planKey).toBe("3|2027–2030");
    expect(decodePlan(readBack("plans", written))).toEqual(plan);
  });

  test("uppstartsmöte", () => {
    expectNoDefaults(kickoff, decodeKickoff(empty("kickoffs")));
    expect(decodeKickoff(readBack("kickoffs", encodeKickoff(withoutItem(kickoff))))).toEqual(
      kickoff,
    );
  });

  test("avvikelse", () => {
    expectNoDefaults(deviation, decodeDeviation(empty("deviations")));
    expect(
      decodeDeviation(readBack("deviations", encodeDeviation(withoutItem(deviation)))),
    ).toEqual(deviation);
  });

  test("leverantör: the name key follows the name; no organisationsnummer is stored as no value", () => {
    const entry = {
      name: "Trygga Händer Hemtjänst AB",
      orgNumber: "556910-3301",
      weakFinances: true,
      ivoDecisionPending: true,
      financesNote: "Svag ekonomisk ställning.",
      authorityNote: "Inväntar besked från IVO.",
      contactName: "Lena Ström",
      contactEmail: "lena@trygga.se",
      contactPhone: "0123-456 78",
      sameAs: ["name:trygga händer", "org:556910-5504"],
      notSameAs: ["org:556910-2204"],
    };
    const fields = encodeProviderEntry(entry);
    expect(fields.nameKey).toBe("trygga händer hemtjänst");
    // The answers to "Samma leverantör?" are kept one key a line.
    expect(fields.sameAs).toBe("name:trygga händer\norg:556910-5504");
    expect(decodeProviderEntry(readBack("providers", fields))).toEqual({
      ...entry,
      id: "41",
      etag: '"{6C0DE1A4-0000-4000-8000-000000000001},3"',
      nameKey: "trygga händer hemtjänst",
    });
    expect(encodeProviderEntry({ ...entry, orgNumber: "" }).orgNumber).toBeNull();
    expect(decodeProviderEntry(empty("providers"))).toMatchObject({
      name: "",
      orgNumber: "",
      weakFinances: false,
      ivoDecisionPending: false,
      sameAs: [],
      notSameAs: [],
    });
  });

  test("uppföljning", () => {
    expectNoDefaults(followUp, decodeFollowUp(empty("followUps")));
    expect(decodeFollowUp(readBack("followUps", encodeFollowUp(withoutItem(followUp))))).toEqual(
      followUp,
    );
  });

  test("brist with its links, action owner and plan dates", () => {
    expectNoDefaults(deficiency, decodeDeficiency(empty("deficiencies")));
    const written = encodeDeficiency(withoutItem(deficiency));
    expect(decodeDeficiency(readBack("deficiencies", written))).toEqual(deficiency);
  });

  test("brist linked to nothing and owned by no one: the links are emptied, not left", () => {
    const loose = {
      ...deficiency,
      followUpId: undefined,
      deviationId: undefined,
      actionOwner: undefined,
    };
    const written = encodeDeficiency(withoutItem(loose));
    expect(written).toMatchObject({ followUpLookupId: null, deviationLookupId: null });
    expect(decodeDeficiency(readBack("deficiencies", written))).toEqual(loose);
  });

  test("records written before a field existed leave it empty", () => {
    const { provider: _p, ...oldDeviation } = withoutItem(deviation);
    expect(encodeDeviation(oldDeviation).provider).toBe("");
    const { providerFeedback: _f, ...oldFollowUp } = withoutItem(followUp);
    expect(encodeFollowUp(oldFollowUp).providerFeedback).toBe("");
  });

  test("rapport: the decision round-trips; every stored field is read", () => {
    const report: ReportRecord = {
      ...ITEM,
      reportKey: "namnd|3|2026",
      committeeId: "3",
      reportType: "ks",
      period: "2026",
      status: "beslutad",
      title: "Rapport 2026",
      webUrl: "https://asby.sharepoint.com/r.docx",
      driveItemId: "01ABC",
      generatedAt: "2026-11-24T08:00:00Z",
      decisionDate: "2026-12-10",
      paragraph: "§ 112",
      registryNumber: "SN 2026/200",
    };
    expectNoDefaults(report, decodeReport(empty("reports")));
    const stored = readBack("reports", {
      Title: report.title,
      reportKey: report.reportKey,
      committeeLookupId: 3,
      reportType: report.reportType,
      period: report.period,
      webUrl: report.webUrl,
      driveItemId: report.driveItemId,
      generatedAt: report.generatedAt,
      ...encodeReportDecision(report),
    });
    expect(decodeReport(stored)).toEqual(report);
    const undecided = encodeReportDecision({
      ...report,
      decisionDate: undefined,
      status: "utkast",
    });
    expect(undecided.decisionDate).toBeNull();
  });
});

describe("reading what the app did not write", () => {
  test("an empty item (SharePoint leaves empty columns out) decodes to empty defaults", () => {
    const none = { id: "7", etag: '"e"' };
    expect(decodeCommittee(empty("committees"))).toEqual({
      ...none,
      name: "",
      code: "",
      periodKind: undefined,
      reportMonth: undefined,
      registryEmail: "",
      groupId: "",
      secretaryIds: [],
      isKs: false,
      teamId: "",
      channelId: "",
      driveId: "",
    });
    expect(decodeContract(empty("contracts"))).toEqual({
      ...none,
      title: "",
      contractNumber: "",
      committeeId: "",
      sharedWithCommitteeIds: [],
      serviceArea: "",
      providers: [],
      provider: "",
      providerOrgNumber: "",
      ownRegime: false,
      owner: { id: "", name: "", email: "" },
      valueClass: "låg",
      impactClass: "låg",
      classified: false,
      strategic: false,
      overrideReason: "",
      annualValue: undefined,
      startDate: undefined,
      endDate: undefined,
      extensionOptions: "",
      extensionDecisionDate: undefined,
      status: "aktivt",
      followUpsPerYear: 1,
      description: "",
      publicFields: [],
      publicDescription: "",
      internalNotes: "",
    });
    expect(decodePlan(empty("plans"))).toMatchObject({ forms: [], status: "utkast" });
    expect(decodeKickoff(empty("kickoffs"))).toMatchObject({
      reason: "nytt avtal",
      contractStart: "",
      meetingDate: "",
    });
    expect(decodeDeviation(empty("deviations"))).toMatchObject({
      occurredOn: "",
      severity: "låg",
      status: "öppen",
      provider: "",
    });
    expect(decodeFollowUp(empty("followUps"))).toMatchObject({
      followUpDate: "",
      form: "avtalsuppföljning",
      meetsRequirements: "ja",
      controlSufficient: false,
      feedbackToProviderOn: undefined,
      status: "utkast",
    });
    expect(decodeDeficiency(empty("deficiencies"))).toMatchObject({
      followUpId: undefined,
      deviationId: undefined,
      actionOwner: undefined,
      deadline: undefined,
      checkUpDate: undefined,
      recordedOn: undefined,
      status: "öppen",
    });
    expect(decodeReport(empty("reports"))).toMatchObject({ reportType: "namnd", status: "utkast" });
  });

  test("a choice SharePoint holds that the app does not know becomes the default", () => {
    const odd = (key: ListKey, fields: RawFields) =>
      fromGraph(key, { id: "1", eTag: '"e"', fields });
    expect(decodeCommittee(odd("committees", { periodKind: "fiscal" })).periodKind).toBeUndefined();
    expect(
      decodeContract(
        odd("contracts", { valueClass: "medel", impactClass: "HÖG", status: "pausat" }),
      ),
    ).toMatchObject({ valueClass: "låg", impactClass: "låg", status: "aktivt" });
    expect(decodePlan(odd("plans", { status: "antagen" })).status).toBe("utkast");
    expect(decodeKickoff(odd("kickoffs", { reason: "omförhandling" })).reason).toBe("nytt avtal");
    expect(
      decodeDeviation(odd("deviations", { severity: "kritisk", status: "stängd" })),
    ).toMatchObject({ severity: "låg", status: "öppen" });
    expect(
      decodeFollowUp(odd("followUps", { form: "enkät", meetsRequirements: "kanske", status: "x" })),
    ).toMatchObject({ form: "avtalsuppföljning", meetsRequirements: "ja", status: "utkast" });
    expect(decodeDeficiency(odd("deficiencies", { status: "stängd" })).status).toBe("öppen");
    expect(
      decodeReport(odd("reports", { reportType: "årsrapport", status: "arkiverad" })),
    ).toMatchObject({ reportType: "namnd", status: "utkast" });
  });

  test("multi-valued text columns keep only the choices the app knows", () => {
    expect(
      decodeContract(
        fromGraph("contracts", {
          id: "1",
          eTag: '"e"',
          fields: { publicFields: "provider, secret ,period,,internalNotes" },
        }),
      ).publicFields,
    ).toEqual(["provider", "period"]);
    expect(
      decodePlan(
        fromGraph("plans", {
          id: "1",
          eTag: '"e"',
          fields: { forms: "tillsyn; enkät ;;avtalsuppföljning" },
        }),
      ).forms,
    ).toEqual(["tillsyn", "avtalsuppföljning"]);
  });

  test("reports stored under the earlier status names are read with the present ones", () => {
    const status = (value: string) =>
      decodeReport(fromGraph("reports", { id: "1", eTag: '"e"', fields: { status: value } }))
        .status;
    expect(status("färdig")).toBe("klar för nämnd");
    expect(status("diarieförd")).toBe("beslutad");
    expect(status("klar för nämnd")).toBe("klar för nämnd");
  });

  test("null values, wrong JSON types and short dates are read as missing", () => {
    const item = fromGraph("contracts", {
      id: "1",
      eTag: '"e"',
      fields: {
        Title: null,
        endDate: null,
        startDate: "2026",
        extensionDecisionDate: 20_260_101,
        annualValue: "1200000",
        followUpsPerYear: "4",
        ownRegime: "true",
        strategic: 1,
        status: null,
      },
    });
    expect(decodeContract(item)).toMatchObject({
      title: "",
      endDate: undefined,
      startDate: undefined,
      extensionDecisionDate: undefined,
      annualValue: undefined,
      followUpsPerYear: 1,
      ownRegime: false,
      strategic: false,
      status: "aktivt",
    });
    const committeeItem = fromGraph("committees", {
      id: "1",
      eTag: '"e"',
      fields: { reportMonth: "5", isKs: "yes", secretaryIds: " a ; ;b " },
    });
    expect(decodeCommittee(committeeItem)).toMatchObject({
      reportMonth: undefined,
      isKs: false,
      secretaryIds: ["a", "b"],
    });
  });

  test("lookup ids: Graph's strings are kept, a number is read as the same id", () => {
    const asString = fromGraph("deviations", {
      id: "1",
      eTag: '"e"',
      fields: { contractLookupId: "13", committeeLookupId: "3" },
    });
    const asNumber = fromGraph("deviations", {
      id: "1",
      eTag: '"e"',
      fields: { contractLookupId: 13, committeeLookupId: 3 },
    });
    expect(decodeDeviation(asString)).toMatchObject({ contractId: "13", committeeId: "3" });
    expect(decodeDeviation(asNumber)).toMatchObject({ contractId: "13", committeeId: "3" });
    // And written back as the number SharePoint expects (GRAPH-FACTS §2: "CustomerLookupId": 7).
    expect(encodeDeviation(withoutItem(decodeDeviation(asString)))).toMatchObject({
      contractLookupId: 13,
      committeeLookupId: 3,
    });
  });

  test("a lookup id that is not a number is written as no link", () => {
    expect(
      encodeKickoff({ ...withoutItem(kickoff), contractId: "", committeeId: "x1" }),
    ).toMatchObject({ contractLookupId: null, committeeLookupId: null });
  });

  test("a date-time answer is read as its date", () => {
    const item = fromGraph("deficiencies", {
      id: "1",
      eTag: '"e"',
      fields: { deadline: "2026-12-31T12:00:00Z", checkUpDate: "2027-01-15" },
    });
    expect(decodeDeficiency(item)).toMatchObject({
      deadline: "2026-12-31",
      checkUpDate: "2027-01-15",
    });
  });

  test("providers: a contract from before the column is read as one provider", () => {
    const old = fromGraph("contracts", {
      id: "1",
      eTag: '"e"',
      fields: { provider: "Gamla AB", providerOrgNumber: "556111-2222" },
    });
    expect(decodeContract(old).providers).toEqual([
      { name: "Gamla AB", orgNumber: "556111-2222", email: "" },
    ]);
  });

  test("providers edited by hand: not JSON, not a list, or nameless entries fall back or are left out", () => {
    const withProviders = (providers: string) =>
      decodeContract(
        fromGraph("contracts", {
          id: "1",
          eTag: '"e"',
          fields: { providers, provider: "Reserv AB", providerOrgNumber: "1" },
        }),
      ).providers;
    const fallback = [{ name: "Reserv AB", orgNumber: "1", email: "" }];
    expect(withProviders("Omsorg AB; Vård AB")).toEqual(fallback);
    expect(withProviders('{"name":"Omsorg AB"}')).toEqual(fallback);
    expect(withProviders("[]")).toEqual(fallback);
    expect(withProviders('[{"name":"  "},{"orgNumber":"2"}]')).toEqual(fallback);
    expect(withProviders('[{"name":"Omsorg AB","orgNumber":5,"email":null},{"name":""}]')).toEqual([
      { name: "Omsorg AB", orgNumber: "", email: "" },
    ]);
  });
});

describe("encoding writes only the schema's columns, with their types", () => {
  test("every encoder, full and emptied", () => {
    expectSchemaFields("committees", encodeCommittee(withoutItem(committee)));
    expectSchemaFields(
      "committees",
      encodeCommittee({ ...withoutItem(committee), periodKind: undefined, reportMonth: undefined }),
    );
    expectSchemaFields("contracts", encodeContract(withoutItem(contract)));
    expectSchemaFields(
      "contracts",
      encodeContract({ endDate: undefined, startDate: undefined, annualValue: undefined }),
    );
    expectSchemaFields("plans", encodePlan(withoutItem(plan)));
    expectSchemaFields("plans", encodePlan({ ...withoutItem(plan), decisionDate: undefined }));
    expectSchemaFields("kickoffs", encodeKickoff(withoutItem(kickoff)));
    expectSchemaFields("deviations", encodeDeviation(withoutItem(deviation)));
    expectSchemaFields("followUps", encodeFollowUp(withoutItem(followUp)));
    expectSchemaFields("deficiencies", encodeDeficiency(withoutItem(deficiency)));
    expectSchemaFields(
      "deficiencies",
      encodeDeficiency({
        ...withoutItem(deficiency),
        followUpId: undefined,
        actionOwner: undefined,
      }),
    );
    expectSchemaFields(
      "reports",
      encodeReportDecision({
        status: "beslutad",
        decisionDate: "2026-12-10",
        paragraph: "§ 1",
        registryNumber: "1",
      }),
    );
  });

  test("the check itself refuses a column the schema lacks", () => {
    expect(() =>
      expectSchemaFields("deviations", { ...encodeDeviation(withoutItem(deviation)), notes: "x" }),
    ).toThrow(/notes is not a column/);
  });
});
