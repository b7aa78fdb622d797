import { describe, expect, test } from "vitest";
import { ANNA, contract, PEOPLE, TN, VAN } from "../../../test/support/import-fixtures.ts";
import type { Deficiency, FollowUp } from "../domain/model.ts";
import {
  analyse,
  MappingError,
  personReferences,
  planImport,
  type RegisterState,
  rememberedFrom,
} from "./import-plan.ts";
import type { CellValue, ReadFile } from "./sheet.ts";

const file = (sheets: Record<string, CellValue[][]>): ReadFile => ({
  name: "register.xlsx",
  format: "xlsx",
  sheets: Object.entries(sheets).map(([name, rows]) => ({ name, rows, merges: [] })),
});

const REGISTER = [
  ["Avtalsnummer", "Avtal", "Leverantör", "Avtalsansvarig"],
  ["ÅSBY-1", "Hemtjänst", "Omsorg AB", "Anna Lindqvist"],
  ["ÅSBY-2", "Snöröjning", "Väg AB", "anna.lindqvist@asby.se"],
];
const FOLLOW_UPS = [
  ["Avtalsnummer", "Period", "Datum", "Uppfyller väsentliga kvalitetskrav", "Iakttagna brister"],
  ["ÅSBY-1", "2024/25", "2025-03-15", "Delvis", "Personalkontinuitet"],
  ["ÅSBY-2", "2024–2025", "2025-04-01", "Ja", ""],
  ["TN-9", "2024–2025", "2025-04-01", "Ja", ""],
];
const DEFICIENCIES = [
  ["Avtalsnummer", "Period", "Brist", "Åtgärder", "Ansvarig", "Senast", "Status"],
  [
    "ÅSBY-1",
    "2024–2025",
    "Personalkontinuitet",
    "Fasta scheman",
    "Anna Lindqvist",
    "2025-09-30",
    "Pågår",
  ],
  ["ÅSBY-2", "2023–2024", "Förseningar", "Ny rutt", "", "", ""],
];

const existingFollowUp: FollowUp = {
  id: "50",
  etag: '"f50"',
  contractId: "10",
  committeeId: VAN.id,
  period: "2024–2025",
  followUpDate: "2025-03-15",
  form: "avtalsuppföljning",
  meetsRequirements: "delvis",
  deficienciesSummary: "Personalkontinuitet",
  goalImpact: "",
  actionPlanSummary: "",
  goalFulfilment: "",
  serviceEvaluation: "",
  controlSufficient: false,
  feedbackToProviderOn: undefined,
  providerFeedback: "",
  publicSummary: "",
  status: "klar",
};

const state = (overrides: Partial<RegisterState> = {}): RegisterState => ({
  committee: VAN,
  committees: [VAN, TN],
  contracts: [contract(), contract({ id: "90", contractNumber: "TN-9", committeeId: TN.id })],
  followUps: [],
  deficiencies: [],
  people: PEOPLE,
  today: "2026-11-24",
  ...overrides,
});

describe("a workbook with the register and last period's history", () => {
  const files = [file({ Avtal: REGISTER, Uppföljningar: FOLLOW_UPS, Brister: DEFICIENCIES })];

  test("each sheet is read as what it holds", () => {
    const sheets = analyse(files, {});
    expect(sheets.map((sheet) => [sheet.source.name, sheet.kind, sheet.problems])).toEqual([
      ["Avtal", "register", []],
      ["Uppföljningar", "followUps", []],
      ["Brister", "deficiencies", []],
    ]);
    expect(personReferences(sheets)).toEqual([
      { name: "Anna Lindqvist" },
      { email: "anna.lindqvist@asby.se" },
    ]);
  });

  test("a follow-up about a contract whose register row was refused says so, not that the contract is missing", () => {
    const refusedRegister = [
      ["Avtalsnummer", "Avtal", "Leverantör", "Avtalsslut"],
      ["ÅSBY-7", "Skolskjuts", "Buss AB", "1/3/2027"],
    ];
    const history = [
      ["Avtalsnummer", "Period", "Datum", "Uppfyller väsentliga kvalitetskrav"],
      ["åsby-7", "2024–2025", "2025-04-01", "Ja"],
      ["ÅSBY-8", "2024–2025", "2025-04-01", "Ja"],
    ];
    const refusedFiles = [file({ Avtal: refusedRegister, Uppföljningar: history })];
    const plan = planImport(refusedFiles, analyse(refusedFiles, {}), state());
    expect(
      plan.report.rows.map((row) => `${row.kind} ${row.row} ${row.action}: ${row.reason}`),
    ).toEqual([
      expect.stringMatching(/^register 2 refused: /),
      "followUps 2 refused: Avtalet åsby-7 avvisades i registret (rad 2); rätta det först, så kopplas raden till avtalet.",
      "followUps 3 refused: Avtalsnumret ÅSBY-8 finns inte i registret eller bland avtalen i filen.",
    ]);
  });

  test("history links to contracts by number, also to those the same import creates", () => {
    const plan = planImport(files, analyse(files, {}), state());
    expect(
      plan.report.rows.map(
        (row) => `${row.kind} ${row.row} ${row.action}${row.reason ? `: ${row.reason}` : ""}`,
      ),
    ).toEqual([
      "register 2 unchanged",
      "register 3 created",
      "followUps 2 created",
      "followUps 3 created",
      "followUps 4 refused: Avtalet TN-9 hör till Tekniska nämnden och delas inte med Vård- och äldrenämnden.",
      "deficiencies 2 created",
      "deficiencies 3 created",
    ]);
    expect(plan.followUps[1]?.write).toMatchObject({
      op: "create",
      key: "ÅSBY-2|2024–2025",
      contract: { key: "ÅSBY-2" },
      fields: {
        period: "2024–2025",
        meetsRequirements: "ja",
        status: "klar",
        form: "avtalsuppföljning",
      },
    });
    expect(plan.deficiencies[0]?.write).toMatchObject({
      op: "create",
      contract: { id: "10" },
      followUp: { key: "ÅSBY-1|2024–2025" },
      fields: {
        description: "Personalkontinuitet",
        actionOwner: ANNA,
        status: "pågår",
        deadline: "2025-09-30",
      },
    });
    // A period with no follow-up: the deficiency comes in without one, and the preview says so.
    expect(plan.deficiencies[1]?.write).not.toHaveProperty("followUp");
    expect(plan.report.rows[6]?.cells.find((cell) => cell.status === "warning")?.message).toBe(
      "Ingen uppföljning av avtalet för 2023–2024 finns eller importeras; bristen registreras utan koppling till en uppföljning.",
    );
    expect(plan.report.counts).toEqual({ created: 5, updated: 0, unchanged: 1, refused: 1 });
  });

  test("history already in the register is unchanged or updated, never doubled", () => {
    const deficiency: Deficiency = {
      id: "70",
      etag: '"d70"',
      contractId: "10",
      committeeId: VAN.id,
      followUpId: "50",
      provider: "",
      description: "Personalkontinuitet",
      goalImpact: "",
      actionOwner: ANNA,
      measures: "Fasta scheman",
      deadline: "2025-06-30",
      checkUpDate: undefined,
      checkUpResult: "",
      sanctionNote: "",
      status: "pågår",
    };
    const plan = planImport(
      files,
      analyse(files, {}),
      state({ followUps: [existingFollowUp], deficiencies: [deficiency] }),
    );
    expect(plan.followUps[0]?.report.action).toBe("unchanged");
    expect(plan.deficiencies[0]?.write).toEqual({
      op: "update",
      id: "70",
      etag: '"d70"',
      fields: { deadline: "2025-09-30" },
    });
  });
});

describe("the mapping", () => {
  const files = [file({ Avtal: REGISTER })];

  test("as the person chose it is checked against the file", () => {
    const choose = (columns: Array<string | null>) =>
      analyse(files, {}, [{ file: 0, sheet: 0, kind: "register", columns }]);
    expect(() => choose(["contractNumber", "title"])).toThrow(MappingError);
    expect(() => choose(["contractNumber", "title", "title", null])).toThrow(
      "Avtal är kopplat till två kolumner i Avtal; välj en.",
    );
    expect(() => choose(["contractNumber", "period", null, null])).toThrow(
      "Fältet period finns inte för avtal.",
    );
    const [sheet] = choose([null, "title", "provider", null]);
    expect(sheet?.problems).toEqual([
      "Ingen kolumn är kopplad till Avtalsnummer; koppla den kolumn som har det.",
    ]);
    // A sheet whose mapping lacks the number is not planned at all.
    expect(planImport(files, [sheet!], state()).report.rows).toEqual([]);
  });

  test("is remembered by header, and proposed again for the next file", () => {
    const chosen = analyse(files, {}, [
      { file: 0, sheet: 0, kind: "register", columns: ["contractNumber", "title", null, "owner"] },
    ]);
    const remembered = rememberedFrom(chosen, {});
    expect(remembered).toEqual({
      register: {
        avtalsnummer: "contractNumber",
        avtal: "title",
        leverantör: "",
        avtalsansvarig: "owner",
      },
    });
    expect(analyse(files, remembered)[0]?.columns).toEqual([
      "contractNumber",
      "title",
      null,
      "owner",
    ]);
  });
});
