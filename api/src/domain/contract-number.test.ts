import { describe, expect, test } from "vitest";
import { contractNumberKey, contractWithNumber } from "./contract-number.ts";

describe("contract numbers are unique regardless of case", () => {
  test("å, ä and ö compare like their capitals; spaces around and doubled inside do not count", () => {
    expect(contractNumberKey(" åsby-äldre  öst-1 ")).toBe("ÅSBY-ÄLDRE ÖST-1");
    expect(contractNumberKey("ÅSBY-ÄLDRE ÖST-1")).toBe(contractNumberKey("åsby-äldre öst-1"));
    expect(contractNumberKey("ÅSBY-1")).not.toBe(contractNumberKey("ASBY-1"));
  });

  test("finds the other contract with the number, never the contract itself", () => {
    const contracts = [
      { id: "1", contractNumber: "ÅSBY-HEMTJÄNST" },
      { id: "2", contractNumber: "ÅSBY-SNÖ" },
    ];
    expect(contractWithNumber(contracts, "åsby-hemtjänst")?.id).toBe("1");
    expect(contractWithNumber(contracts, "Åsby-Snö", "2")).toBeUndefined();
    expect(contractWithNumber(contracts, "ÅSBY-NY")).toBeUndefined();
  });
});
