import { describe, expect, test } from "vitest";
import type { Committee, Contract } from "../domain/model.ts";
import { can, type Principal, principalFor, readableCommittees } from "./access.ts";

/** Who may do what, rule by rule, for the people the demo has. */

function principal(
  options: Partial<{ id: string; memberOf: string[]; secretaryOf: string[]; klk: boolean }>,
): Principal {
  return {
    userId: options.id ?? "person",
    name: "Person",
    email: "person@asby.se",
    memberOf: new Set([...(options.memberOf ?? []), ...(options.secretaryOf ?? [])]),
    secretaryOf: new Set(options.secretaryOf ?? []),
    klk: options.klk ?? false,
  };
}

const contract = (committeeId: string, shared: string[] = [], ownerId = "ägaren") =>
  ({
    committeeId,
    sharedWithCommitteeIds: shared,
    owner: { id: ownerId, name: "Ägare", email: "" },
  }) as Pick<Contract, "committeeId" | "sharedWithCommitteeIds" | "owner"> as Contract;

const member = principal({ memberOf: ["VAN"] });
const otherMember = principal({ memberOf: ["TN"] });
const klk = principal({ klk: true, memberOf: ["KS"], secretaryOf: ["KS"] });
const secretary = principal({ secretaryOf: ["SN"] });
const owner = principal({ id: "ägaren", memberOf: ["SN"] });

describe("principalFor", () => {
  const committees = [
    { id: "VAN", groupId: "g-van", secretaryIds: ["sekr"] },
    { id: "TN", groupId: "g-tn", secretaryIds: [] },
    { id: "SN", groupId: "", secretaryIds: [] },
  ] as unknown as Committee[];

  test("members from group memberships; a secretary works with the nämnd outside its group", () => {
    const made = principalFor(
      { id: "sekr", name: "S", email: "" },
      new Set(["g-tn"]),
      committees,
      "g-klk",
    );
    expect([...made.memberOf].sort()).toEqual(["TN", "VAN"]);
    expect([...made.secretaryOf]).toEqual(["VAN"]);
    expect(made.klk).toBe(false);
  });

  test("a nämnd without a group has no members by group; KLK needs its group set", () => {
    const made = principalFor({ id: "x", name: "X", email: "" }, new Set([""]), committees, "");
    expect(made.memberOf.size).toBe(0);
    expect(made.klk).toBe(false);
  });
});

describe("can", () => {
  test("read a nämnd: its members and KLK", () => {
    expect(can.readCommittee(member, "VAN")).toBe(true);
    expect(can.readCommittee(otherMember, "VAN")).toBe(false);
    expect(can.readCommittee(klk, "VAN")).toBe(true);
  });

  test("write for a nämnd: its members only (KLK reads, writes only where a member)", () => {
    expect(can.writeCommittee(member, "VAN")).toBe(true);
    expect(can.writeCommittee(klk, "VAN")).toBe(false);
    expect(can.writeCommittee(klk, "KS")).toBe(true);
  });

  test("decide plans and reports: the nämnd's secretaries", () => {
    expect(can.decideForCommittee(secretary, "SN")).toBe(true);
    expect(can.decideForCommittee(member, "VAN")).toBe(false);
    expect(can.decideForCommittee(klk, "SN")).toBe(false);
  });

  test("read a contract: the owning and sharing nämnder, KLK and its owner", () => {
    const shared = contract("VAN", ["TN"]);
    expect(can.readContract(member, shared)).toBe(true);
    expect(can.readContract(otherMember, shared)).toBe(true);
    expect(can.readContract(secretary, shared)).toBe(false);
    expect(can.readContract(klk, shared)).toBe(true);
    expect(can.readContract(owner, contract("VAN"))).toBe(true);
  });

  test("a contract's risk assessment: whoever reads the contract, nobody else", () => {
    const shared = contract("VAN", ["TN"]);
    expect(can.readContractRisk(member, shared)).toBe(true);
    expect(can.readContractRisk(otherMember, shared)).toBe(true);
    expect(can.readContractRisk(klk, shared)).toBe(true);
    expect(can.readContractRisk(owner, contract("VAN"))).toBe(true);
    expect(can.readContractRisk(secretary, shared)).toBe(false);
    expect(can.readContractRisk(otherMember, contract("VAN"))).toBe(false);
  });

  test("edit a contract: the owning nämnd and the owner, not a sharing nämnd", () => {
    const shared = contract("VAN", ["TN"]);
    expect(can.writeContract(member, shared)).toBe(true);
    expect(can.writeContract(otherMember, shared)).toBe(false);
    expect(can.writeContract(owner, contract("VAN"))).toBe(true);
    expect(can.writeContract(klk, shared)).toBe(false);
  });

  test("move a contract: write access to both nämnder; the owner alone may not", () => {
    const both = principal({ memberOf: ["VAN", "TN"] });
    expect(can.moveContract(both, contract("VAN"), "TN")).toBe(true);
    expect(can.moveContract(member, contract("VAN"), "TN")).toBe(false);
    expect(can.moveContract(owner, contract("VAN"), "SN")).toBe(false);
  });

  test("share with a nämnd: its members or KLK; take one off: itself, the contract's editors or KLK", () => {
    expect(can.shareWith(member, "TN")).toBe(false);
    expect(can.shareWith(otherMember, "TN")).toBe(true);
    expect(can.shareWith(klk, "TN")).toBe(true);
    const shared = contract("VAN", ["TN", "SN"]);
    expect(can.unshare(otherMember, shared, "TN")).toBe(true);
    expect(can.unshare(otherMember, shared, "SN")).toBe(false);
    expect(can.unshare(member, shared, "SN")).toBe(true);
    expect(can.unshare(secretary, shared, "TN")).toBe(false);
  });

  test("record for a contract: a nämnd sharing it for itself; the owner for the owning nämnd", () => {
    const shared = contract("VAN", ["TN"]);
    expect(can.recordForContract(otherMember, shared, "TN")).toBe(true);
    expect(can.recordForContract(otherMember, shared, "VAN")).toBe(false);
    expect(can.recordForContract(owner, contract("VAN"), "VAN")).toBe(true);
    expect(can.recordForContract(owner, contract("VAN", ["TN"]), "TN")).toBe(false);
    expect(can.recordForContract(member, contract("KS"), "VAN")).toBe(false);
  });

  test("link a channel: the nämnd's secretaries or KLK; the kommun-wide overview: KLK", () => {
    expect(can.linkChannel(secretary, "SN")).toBe(true);
    expect(can.linkChannel(member, "VAN")).toBe(false);
    expect(can.linkChannel(klk, "TN")).toBe(true);
    expect(can.seeKommunOverview(klk)).toBe(true);
    expect(can.seeKommunOverview(member)).toBe(false);
  });

  test("note a provider in the register: KLK, or a member of a nämnd holding or sharing a contract with it", () => {
    const contracts = [contract("SN"), contract("TN", ["VAN"])];
    expect(can.editProviderRegister(klk, [])).toBe(true);
    expect(can.editProviderRegister(member, contracts)).toBe(true);
    expect(can.editProviderRegister(otherMember, contracts)).toBe(true);
    expect(can.editProviderRegister(member, [contract("SN")])).toBe(false);
    // Owning one contract is not following the provider up for a nämnd.
    expect(can.editProviderRegister(principal({ id: "ägaren" }), [contract("SN")])).toBe(false);
  });

  test("the kommun's risk matrix and cadence: KLK changes them, a nämnd's secretary does not", () => {
    expect(can.changeRiskSettings(klk)).toBe(true);
    expect(can.changeRiskSettings(secretary)).toBe(false);
    expect(can.changeRiskSettings(member)).toBe(false);
  });

  test("import a register: the nämnd's secretaries, or KLK for any nämnd; not its other members", () => {
    expect(can.importRegister(secretary, "SN")).toBe(true);
    expect(can.importRegister(secretary, "VAN")).toBe(false);
    expect(can.importRegister(member, "VAN")).toBe(false);
    expect(can.importRegister(owner, "SN")).toBe(false);
    expect(can.importRegister(klk, "TN")).toBe(true);
  });

  test("readable nämnder keep the list's order", () => {
    const committees = [{ id: "KS" }, { id: "TN" }, { id: "VAN" }] as Committee[];
    expect(readableCommittees(member, committees).map((committee) => committee.id)).toEqual([
      "VAN",
    ]);
    expect(readableCommittees(klk, committees)).toHaveLength(3);
  });
});
