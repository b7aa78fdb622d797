import { describe, expect, test } from "vitest";
import {
  filterContracts,
  type RegisterFilter,
} from "../../teams-app/src/screens/contract-register/register-filter.ts";
import type { Contract } from "../../teams-app/src/types.ts";

/** The register's search, filters and sort as a person uses them (no browser needed). */

const TODAY = "2026-12-02";
const NONE: RegisterFilter = { q: "", area: "", strategic: "", status: "", expires: "" };

function contract(title: string, overrides: Partial<Contract> = {}): Contract {
  return {
    id: title,
    etag: "",
    title,
    contractNumber: `NR-${title}`,
    committeeId: "VAN",
    sharedWithCommitteeIds: [],
    serviceArea: "Äldreomsorg",
    providers: [{ name: `${title} AB`, orgNumber: "", email: "" }],
    provider: `${title} AB`,
    providerOrgNumber: "",
    ownRegime: false,
    owner: { id: "o", name: "Anna", email: "anna@asby.se" },
    valueClass: "låg",
    impactClass: "låg",
    classified: true,
    strategic: false,
    overrideReason: "",
    extensionOptions: "",
    status: "aktivt",
    followUpsPerYear: 0,
    description: "",
    publicFields: [],
    publicDescription: "",
    internalNotes: "",
    ...overrides,
  };
}

const names = new Map([
  ["1", "Vård- och äldrenämnden"],
  ["2", "Individ- och familjeomsorgsnämnden"],
]);
const titles = (items: Contract[]) => items.map((item) => item.title);

describe("the contract register's filters", () => {
  const items = [
    contract("Ödevata boende", { endDate: "2027-01-15", strategic: true }),
    contract("Avfall", { serviceArea: "Teknik", endDate: "2026-11-30" }),
    contract("Ärendesystem", { status: "avslutat", endDate: "2027-06-01" }),
    contract("Zonterapi", { provider: "Hälsa Öst AB", annualValue: 90_000 }),
  ];

  test("sorts titles as Swedish does: Z before Ä before Ö", () => {
    const sorted = filterContracts(
      items,
      NONE,
      { key: "title", direction: "ascending" },
      names,
      TODAY,
    );
    expect(titles(sorted)).toEqual(["Avfall", "Zonterapi", "Ärendesystem", "Ödevata boende"]);
    const reversed = filterContracts(
      items,
      NONE,
      { key: "title", direction: "descending" },
      names,
      TODAY,
    );
    expect(titles(reversed)).toEqual(["Ödevata boende", "Ärendesystem", "Zonterapi", "Avfall"]);
  });

  test("searches title, provider, number and area without regard to case", () => {
    const sort = { key: "title", direction: "ascending" } as const;
    expect(titles(filterContracts(items, { ...NONE, q: "hälsa öst" }, sort, names, TODAY))).toEqual(
      ["Zonterapi"],
    );
    expect(titles(filterContracts(items, { ...NONE, q: "nr-avf" }, sort, names, TODAY))).toEqual([
      "Avfall",
    ]);
    expect(titles(filterContracts(items, { ...NONE, q: "TEKNIK" }, sort, names, TODAY))).toEqual([
      "Avfall",
    ]);
  });

  test("'förfaller inom' counts only contracts that end from today on, within the days", () => {
    const sort = { key: "endDate", direction: "ascending" } as const;
    const within60 = filterContracts(items, { ...NONE, expires: "60" }, sort, names, TODAY);
    // Avfall ended two days ago; Ärendesystem ends in six months.
    expect(titles(within60)).toEqual(["Ödevata boende"]);
    const within365 = filterContracts(items, { ...NONE, expires: "365" }, sort, names, TODAY);
    expect(titles(within365)).toEqual(["Ödevata boende", "Ärendesystem"]);
  });

  test("strategic and status filter exactly", () => {
    const sort = { key: "title", direction: "ascending" } as const;
    expect(
      titles(filterContracts(items, { ...NONE, strategic: "true" }, sort, names, TODAY)),
    ).toEqual(["Ödevata boende"]);
    expect(
      titles(filterContracts(items, { ...NONE, status: "avslutat" }, sort, names, TODAY)),
    ).toEqual(["Ärendesystem"]);
  });

  test("annual value sorts as numbers, contracts without one first", () => {
    const valued = [
      contract("A", { annualValue: 1_250_000 }),
      contract("B", { annualValue: 90_000 }),
      contract("C"),
    ];
    const sorted = filterContracts(
      valued,
      NONE,
      { key: "annualValue", direction: "ascending" },
      names,
      TODAY,
    );
    expect(titles(sorted)).toEqual(["C", "B", "A"]);
  });

  test("sorting by nämnd uses the nämnd's name, not its id", () => {
    const two = [contract("X", { committeeId: "1" }), contract("Y", { committeeId: "2" })];
    const sorted = filterContracts(
      two,
      NONE,
      { key: "committee", direction: "ascending" },
      names,
      TODAY,
    );
    // "Individ- …" before "Vård- …", the other way round from their ids.
    expect(titles(sorted)).toEqual(["Y", "X"]);
  });
});
