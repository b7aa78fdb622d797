import { describe, expect, test } from "vitest";
import { committee, contract } from "../../../test/support/import-fixtures.ts";
import type { Deficiency } from "./model.ts";
import { flaggedProviders } from "./provider-signals.ts";
import { buildRiskIndex, type RiskInput, suggestRisks } from "./risk.ts";

const TODAY = "2026-12-02";
const VAN = committee("1", "Vård- och äldrenämnden", "VAN");
const SN = committee("2", "Socialnämnden", "SN");
const TN = committee("3", "Tekniska nämnden", "TN");
const COMMITTEES = [VAN, SN, TN];

const open = (id: string, contractId: string, committeeId: string, provider = ""): Deficiency => ({
  id,
  etag: "",
  contractId,
  committeeId,
  followUpId: undefined,
  deviationId: undefined,
  provider,
  recordedOn: undefined,
  description: "Brist",
  goalImpact: "",
  actionOwner: undefined,
  measures: "",
  deadline: undefined,
  checkUpDate: undefined,
  checkUpResult: "",
  sanctionNote: "",
  status: "öppen",
});

const calm = { strategic: false, endDate: "2030-01-01" };
const omsorg = (orgNumber = "") => [{ name: "Omsorg Nord AB", orgNumber, email: "" }];

function flags(input: Omit<RiskInput, "today" | "followUps" | "deviations">, minimum?: number) {
  const full = { ...input, today: TODAY, followUps: [], deviations: [] };
  return flaggedProviders(
    full.contracts,
    buildRiskIndex(full),
    suggestRisks(full),
    COMMITTEES,
    minimum,
  );
}

describe("providers flagged to kommunstyrelsen", () => {
  test("open deficiencies in two nämnder, spellings and numbers joined", () => {
    const contracts = [
      // Not strategic and far from their end: only the deficiencies signal, so none is hög.
      contract({ id: "a", committeeId: VAN.id, providers: omsorg("556677-8899"), ...calm }),
      contract({
        id: "b",
        committeeId: SN.id,
        ...calm,
        providers: [{ name: "OMSORG NORD", orgNumber: "5566778899", email: "" }],
      }),
      contract({
        id: "c",
        committeeId: TN.id,
        providers: [{ name: "Taxi AB", orgNumber: "", email: "" }],
      }),
    ];
    const [flag, ...rest] = flags({
      contracts,
      deficiencies: [open("1", "a", VAN.id), open("2", "b", SN.id), open("3", "c", TN.id)],
    });
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      name: "Omsorg Nord AB",
      withHighRisk: [],
      orgNumber: "556677-8899",
      withDeficiencies: [VAN.id, SN.id],
      contractIds: ["a", "b"],
    });
    expect(flag?.sentence).toBe(
      "Omsorg Nord AB har öppna brister i Vård- och äldrenämnden samt Socialnämnden. Kommunstyrelsen bör i sin uppsiktsplikt följa hur de två nämnderna samordnar uppföljningen av utföraren.",
    );
  });

  test("what the register notes goes into the sentence for KS (seed 000: weak finances, awaiting IVO)", () => {
    const contracts = [
      contract({ id: "a", committeeId: VAN.id, providers: omsorg("556677-8899") }),
      contract({ id: "b", committeeId: SN.id, providers: omsorg("556677-8899") }),
    ];
    const deficiencies = [open("1", "a", VAN.id), open("2", "b", SN.id)];
    const noted = (weakFinances: boolean, ivoDecisionPending: boolean) =>
      flags({
        contracts,
        deficiencies,
        providers: [
          { name: "Omsorg Nord AB", orgNumber: "556677-8899", weakFinances, ivoDecisionPending },
        ],
      })[0]?.sentence;
    expect(noted(true, true)).toContain(
      "samt Socialnämnden. Enligt leverantörsregistret har utföraren svag ekonomi och väntar på beslut från IVO. Kommunstyrelsen bör",
    );
    expect(noted(true, false)).toContain("Enligt leverantörsregistret har utföraren svag ekonomi.");
    expect(noted(false, true)).toContain(
      "Enligt leverantörsregistret väntar utföraren på beslut från IVO.",
    );
    expect(noted(false, false)).not.toContain("leverantörsregistret");
  });

  test("high risk in one nämnd and deficiencies in another count together", () => {
    const contracts = [
      contract({ id: "a", committeeId: VAN.id, providers: omsorg(), endDate: "2030-01-01" }),
      contract({ id: "b", committeeId: SN.id, providers: omsorg(), endDate: "2030-01-01" }),
    ];
    // Three open deficiencies on one contract make it hög (likelihood 3 × consequence 4).
    const deficiencies = [open("1", "a", VAN.id), open("2", "a", VAN.id), open("3", "a", VAN.id)];
    const [flag] = flags({ contracts, deficiencies: [...deficiencies, open("4", "b", SN.id)] });
    expect(flag?.withDeficiencies).toEqual([VAN.id, SN.id]);
    expect(flag?.withHighRisk).toContain(VAN.id);
    expect(flag?.sentence).toContain("bedöms ha hög risk i Vård- och äldrenämnden");
  });

  test("one nämnd only, a closed contract or egen regi: not flagged", () => {
    const contracts = [
      contract({ id: "a", committeeId: VAN.id, providers: omsorg() }),
      contract({ id: "b", committeeId: VAN.id, providers: omsorg() }),
      contract({ id: "c", committeeId: SN.id, providers: omsorg(), status: "avslutat" }),
      contract({ id: "d", committeeId: TN.id, providers: omsorg(), ownRegime: true }),
    ];
    const deficiencies = [open("1", "a", VAN.id), open("2", "b", VAN.id)];
    expect(flags({ contracts, deficiencies })).toEqual([]);
    // The threshold is an option: one nämnd is enough when asked.
    expect(flags({ contracts, deficiencies }, 1).map((flag) => flag.name)).toEqual([
      "Omsorg Nord AB",
    ]);
  });
});
