import { describe, expect, test } from "vitest";
import { demoDataset } from "../demo/demo-data.ts";
import { DEFAULT_RISK_MATRIX } from "../domain/risk.ts";
import { type KommunRiskInput, kommunRisk } from "./provider-flags.ts";

const TODAY = "2026-11-24";

function input(): KommunRiskInput {
  const data = demoDataset(TODAY);
  return {
    today: TODAY,
    contracts: data.contracts,
    deficiencies: data.deficiencies,
    followUps: data.followUps,
    deviations: data.deviations,
    providers: data.providers,
    matrix: DEFAULT_RISK_MATRIX,
  };
}

describe("kommunRisk, remembered by its inputs", () => {
  test("the same arrays, settings and day give the same result object", () => {
    const base = input();
    const first = kommunRisk(base);
    expect(kommunRisk({ ...base })).toBe(first);
    expect(first.suggestions.size).toBe(base.contracts.length);
  });

  test("left-out deviations and providers are the same input each time", () => {
    const { deviations: _deviations, providers: _providers, ...base } = input();
    expect(kommunRisk({ ...base })).toBe(kommunRisk({ ...base }));
  });

  const changes: Array<[string, (base: KommunRiskInput) => Partial<KommunRiskInput>]> = [
    ["contracts", (base) => ({ contracts: [...base.contracts] })],
    ["deficiencies", (base) => ({ deficiencies: [...base.deficiencies] })],
    ["follow-ups", (base) => ({ followUps: [...base.followUps] })],
    ["deviations", (base) => ({ deviations: [...(base.deviations ?? [])] })],
    ["providers", (base) => ({ providers: [...(base.providers ?? [])] })],
    ["matrix", () => ({ matrix: { ...DEFAULT_RISK_MATRIX } })],
    ["day", () => ({ today: "2026-11-25" })],
  ];
  test.each(changes)("a new %s array (or value) gives a fresh result", (_name, change) => {
    const base = input();
    const first = kommunRisk(base);
    const changed = { ...base, ...change(base) };
    const fresh = kommunRisk(changed);
    expect(fresh).not.toBe(first);
    // And that one is remembered in turn.
    expect(kommunRisk({ ...changed })).toBe(fresh);
  });

  test("a fresh result weighs the change", () => {
    const base = input();
    const contract = base.contracts.find((candidate) => candidate.status === "aktivt");
    if (!contract) throw new Error("demo data has an active contract");
    const before = kommunRisk(base).suggestions.get(contract.id);
    const severe = Array.from({ length: 3 }, (_, index) => ({
      id: `extra-${index}`,
      etag: "",
      contractId: contract.id,
      committeeId: contract.committeeId,
      occurredOn: TODAY,
      provider: "",
      description: "Allvarlig händelse",
      severity: "hög" as const,
      handling: "",
      status: "öppen" as const,
    }));
    const after = kommunRisk({
      ...base,
      deviations: [...(base.deviations ?? []), ...severe],
    }).suggestions.get(contract.id);
    expect(after?.points).toBeGreaterThan(before?.points ?? 0);
  });
});
