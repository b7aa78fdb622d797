import { describe, expect, test } from "vitest";
import { encodeInternalName, normalizeDateTime } from "./column-model.ts";

describe("encodeInternalName", () => {
  test("ASCII names stay as they are", () => {
    expect(encodeInternalName("contractOwner")).toBe("contractOwner");
  });

  test("å, ä, ö and spaces are _xHHHH_-encoded like SharePoint", () => {
    expect(encodeInternalName("Nämnd")).toBe("N_x00e4_mnd");
    expect(encodeInternalName("Åtgärd")).toBe("_x00c5_tg_x00e4_rd");
    expect(encodeInternalName("Sista dag")).toBe("Sista_x0020_dag");
    expect(encodeInternalName("Öppen")).toBe("_x00d6_ppen");
  });

  test("cut to 32 characters after encoding; a leading digit is encoded", () => {
    expect(encodeInternalName("Uppföljningens resultat för året")).toHaveLength(32);
    expect(encodeInternalName("2022")).toBe("_x0032_022");
  });
});

describe("normalizeDateTime", () => {
  test("UTC to the second", () => {
    expect(normalizeDateTime("2026-03-01")).toBe("2026-03-01T00:00:00Z");
    expect(normalizeDateTime("2026-03-01T10:15:30.999Z")).toBe("2026-03-01T10:15:30Z");
    expect(normalizeDateTime("2026-03-01T10:15:30+01:00")).toBe("2026-03-01T09:15:30Z");
  });

  test("impossible dates are refused, leap days accepted", () => {
    expect(normalizeDateTime("2023-02-29")).toBeUndefined();
    expect(normalizeDateTime("2024-02-29")).toBe("2024-02-29T00:00:00Z");
    expect(normalizeDateTime("igår")).toBeUndefined();
  });
});
