import { describe, expect, test } from "vitest";
import type { StoredHistoryEntry } from "../store/app-store.ts";
import { fieldLabel, linkedIds, readableHistory, shownValue } from "./history.ts";

const maria = { id: "m-1", name: "Maria Nilsson", email: "maria@asby.se" };
const lars = { id: "l-2", name: "Lars Andersson", email: "lars@asby.se" };

const entry = (
  version: string,
  by: typeof maria,
  changes: StoredHistoryEntry["changes"],
  created = false,
): StoredHistoryEntry => ({
  version,
  modified: "2026-11-24T09:15:00Z",
  modifiedBy: by.name,
  by,
  created,
  changes,
});

const names = {
  committees: new Map([["2", "Socialnämnden"]]),
  contracts: new Map([["7", "Hemtjänst"]]),
  followUps: new Map([["4", "Uppföljning 2025–2026"]]),
  deviations: new Map<string, string>(),
};

describe("a history as a person reads it", () => {
  test("values as the form shows them: Ja/Nej, dates, choices, numbers, names for ids", () => {
    expect(shownValue("followUps", "controlSufficient", true)).toBe("Ja");
    expect(shownValue("followUps", "controlSufficient", false)).toBe("Nej");
    expect(shownValue("followUps", "followUpDate", "2026-03-01T12:00:00Z")).toBe("1 mars 2026");
    expect(shownValue("followUps", "meetsRequirements", "delvis")).toBe("Delvis");
    // Swedish digit grouping (a no-break space).
    expect(shownValue("contracts", "annualValue", 1250000)).toBe("1\u00a0250\u00a0000");
    expect(shownValue("contracts", "committeeLookupId", "2", names)).toBe("Socialnämnden");
    expect(shownValue("deficiencies", "followUpLookupId", "4", names)).toBe(
      "Uppföljning 2025–2026",
    );
    // A link whose record is gone still says what it was.
    expect(shownValue("deficiencies", "deviationLookupId", "9", names)).toBe("nr 9");
    expect(shownValue("contracts", "description", "")).toBe("–");
    expect(shownValue("contracts", "description", null)).toBe("–");
    expect(
      shownValue(
        "contracts",
        "providers",
        JSON.stringify([
          { name: "Hemma Bäst AB", orgNumber: "556677-8899", email: "" },
          { name: "Trygg AB", orgNumber: "", email: "info@trygg.se" },
        ]),
      ),
    ).toBe("Hemma Bäst AB; 556677-8899 / Trygg AB; info@trygg.se");
  });

  test("Swedish labels: the form's where it differs, else SharePoint's display name", () => {
    expect(fieldLabel("contracts", "Title")).toBe("Namn");
    expect(fieldLabel("contracts", "strategic")).toBe("Strategiskt");
    expect(fieldLabel("contracts", "riskLikelihood")).toBe("Risk: sannolikhet");
    expect(fieldLabel("contracts", "riskConfirmedByName")).toBe("Risk bedömd av");
    expect(shownValue("contracts", "riskLevel", "medel")).toBe("Medel");
    expect(fieldLabel("followUps", "controlSufficient")).toBe("Befintlig kontroll är tillräcklig");
    expect(fieldLabel("deficiencies", "committeeLookupId")).toBe("Nämnd");
  });

  test("grouped per change with who and when; removal and restoration told, people's ids hidden", () => {
    const history = readableHistory(
      "deficiencies",
      [
        entry("4.0", maria, [
          { field: "removedAt", from: "2026-11-20T10:00:00Z", to: null },
          { field: "removedReason", from: "Fel avtal", to: null },
        ]),
        entry("3.0", lars, [
          { field: "removedAt", from: null, to: "2026-11-20T10:00:00Z" },
          { field: "removedByName", from: null, to: "Lars Andersson" },
          { field: "removedReason", from: null, to: "Fel avtal" },
        ]),
        entry("2.0", lars, [
          { field: "actionOwnerId", from: "m-1", to: "l-2" },
          { field: "actionOwnerName", from: "Maria Nilsson", to: "Lars Andersson" },
          { field: "actionOwnerEmail", from: "maria@asby.se", to: "lars@asby.se" },
          { field: "status", from: "öppen", to: "åtgärdad" },
        ]),
        entry(
          "1.0",
          maria,
          [
            { field: "committeeLookupId", from: null, to: "2" },
            { field: "followUpLookupId", from: null, to: "4" },
            { field: "measures", from: null, to: "" },
          ],
          true,
        ),
      ],
      names,
    );
    expect(history.map((item) => [item.summary, item.by.name])).toEqual([
      ["Återställd", "Maria Nilsson"],
      ["Borttagen: Fel avtal", "Lars Andersson"],
      ["Ändrad", "Lars Andersson"],
      ["Skapad", "Maria Nilsson"],
    ]);
    expect(history.map((item) => item.action)).toEqual([
      "restored",
      "removed",
      "changed",
      "created",
    ]);
    expect(history[0]?.changes).toEqual([]);
    expect(history[2]?.changes).toEqual([
      {
        field: "actionOwnerName",
        label: "Ansvarig för åtgärder",
        from: "Maria Nilsson",
        to: "Lars Andersson",
      },
      { field: "status", label: "Status", from: "Öppen", to: "Åtgärdad" },
    ]);
    // Created: what it was created with; empty fields are not listed.
    expect(history[3]?.changes).toEqual([
      { field: "committeeLookupId", label: "Nämnd", from: "–", to: "Socialnämnden" },
      { field: "followUpLookupId", label: "Uppföljning", from: "–", to: "Uppföljning 2025–2026" },
    ]);
  });

  test("the ids a history links to, for the caller to name", () => {
    expect(
      linkedIds([
        entry("2.0", lars, [{ field: "contractLookupId", from: "7", to: "8" }]),
        entry("1.0", maria, [{ field: "committeeLookupId", from: null, to: 2 }], true),
      ]),
    ).toEqual({ committees: ["2"], contracts: ["7", "8"], followUps: [], deviations: [] });
  });
});
