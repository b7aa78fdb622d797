import { describe, expect, test } from "vitest";
import { demoDataset } from "../demo/demo-data.ts";
import { presentPublicContract } from "./public-contract.ts";

/** The organisationsnummer on /insyn: public with the provider, never a sole trader's personnummer. */

const data = demoDataset("2026-11-24");
const contract = data.contracts.find((candidate) => candidate.title === "Hemtjänst enligt LOV");
const committee = data.committees.find((candidate) => candidate.id === contract?.committeeId);
if (!contract || !committee) throw new Error("the demo has hemtjänst");

const present = (changes: Partial<typeof contract>) =>
  presentPublicContract({ ...contract, ...changes }, committee, [], []);

describe("the providers' organisationsnummer in public", () => {
  test("every legal person's number, with the provider", () => {
    expect(present({ publicFields: ["provider"] }).providerOrgNumber).toBe(
      "556910-1107, 556910-2204, 556910-3301, 556910-4408",
    );
  });

  test("not when the provider is not public, nor for egen regi", () => {
    expect(present({ publicFields: ["serviceArea"] }).providerOrgNumber).toBeNull();
    expect(present({ publicFields: ["provider"], ownRegime: true }).providerOrgNumber).toBeNull();
  });

  test("a sole trader's number is a personnummer: left out", () => {
    const providers = [
      { name: "Anders Andersson Taxi", orgNumber: "811228-9874", email: "" },
      { name: "Åsby Taxi AB", orgNumber: "556910-1107", email: "" },
    ];
    expect(present({ publicFields: ["provider"], providers }).providerOrgNumber).toBe(
      "556910-1107",
    );
    expect(
      present({ publicFields: ["provider"], providers: [], providerOrgNumber: "811228-9874" })
        .providerOrgNumber,
    ).toBe("");
  });
});
