import { describe, expect, test } from "vitest";
import type { RemovableListKey } from "../store/schema.ts";
import type { HistoryEntry } from "./history.ts";
import {
  exportedEntries,
  historyExport,
  historyFileTitle,
  internalNote,
  LEFT_OUT,
  stockholmWallClock,
} from "./history-export.ts";
import { removedParentOf } from "./removed.ts";

const maria = { id: "m-1", name: "Maria Nilsson", email: "maria@asby.se" };

const changed: HistoryEntry = {
  version: "2.0",
  modified: "2026-07-01T10:30:00Z",
  modifiedBy: maria.name,
  by: maria,
  action: "changed",
  summary: "Ändrad",
  changes: [
    { field: "internalNotes", label: "Interna anteckningar", from: "Vite?", to: "Inget vite" },
    { field: "serviceArea", label: "Verksamhetsområde", from: "Hemtjänst", to: "Boende" },
  ],
};

describe("a history handed out", () => {
  test("a contract's internal notes are left out, and said to be, unless asked for", () => {
    const [left] = exportedEntries("contracts", [changed], false);
    expect(left?.changes).toEqual([
      { field: "internalNotes", label: "Interna anteckningar", from: LEFT_OUT, to: LEFT_OUT },
      { field: "serviceArea", label: "Verksamhetsområde", from: "Hemtjänst", to: "Boende" },
    ]);
    expect(exportedEntries("contracts", [changed], true)).toEqual([changed]);
    // Another kind has no internal notes: a field of the same name is not touched.
    expect(exportedEntries("deviations", [changed], false)).toEqual([changed]);
  });

  test("the extract says what it holds", () => {
    const model = historyExport({
      list: "contracts",
      id: "12",
      title: "Hemtjänst: LOV / norr",
      municipality: "Åsby kommun",
      committeeName: "Socialnämnden",
      contractTitle: "",
      exportedAt: "2026-11-24T08:00:00Z",
      exportedBy: maria.name,
      internal: false,
      entries: [changed],
    });
    expect(model.what).toBe("Avtal");
    expect(model.evidence).toBeUndefined();
    expect(internalNote(model)).toContain("Interna anteckningar ingår inte");
    expect(internalNote({ internal: false, hasInternalFields: false })).toBe(
      "Posten har inga interna anteckningar.",
    );
    // Characters a file name may not hold become spaces.
    expect(historyFileTitle(model)).toBe("Historik Avtal Hemtjänst LOV norr");
    expect(historyFileTitle({ what: "Brist", title: "", id: "7" })).toBe("Historik Brist 7");
  });

  test("Excel's time is Swedish wall-clock time, summer and winter", () => {
    expect(stockholmWallClock("2026-07-01T10:30:00Z")?.toISOString()).toBe(
      "2026-07-01T12:30:00.000Z",
    );
    expect(stockholmWallClock("2026-11-24T07:00:00Z")?.toISOString()).toBe(
      "2026-11-24T08:00:00.000Z",
    );
    expect(stockholmWallClock("inte ett datum")).toBeNull();
  });
});

describe("what a removed record waits for", () => {
  const removed = new Map<string, { list: RemovableListKey; id: string; title: string }>([
    ["contracts/3", { list: "contracts", id: "3", title: "Hemtjänst" }],
    ["followUps/9", { list: "followUps", id: "9", title: "2025–2026" }],
  ]);
  test("its removed contract, or a deficiency's removed follow-up; nothing when they are there", () => {
    const row = { contractId: "3", followUpId: "", deviationId: "" };
    expect(removedParentOf({ ...row, list: "kickoffs" }, removed)).toEqual({
      list: "contracts",
      id: "3",
      what: "Avtal",
      definite: "avtalet",
      title: "Hemtjänst",
    });
    expect(
      removedParentOf(
        { list: "deficiencies", contractId: "4", followUpId: "9", deviationId: "" },
        removed,
      ),
    ).toMatchObject({ list: "followUps", id: "9", what: "Uppföljning" });
    expect(removedParentOf({ ...row, list: "contracts" }, removed)).toBeUndefined();
    expect(
      removedParentOf(
        { list: "deviations", contractId: "4", followUpId: "", deviationId: "" },
        removed,
      ),
    ).toBeUndefined();
  });
});
