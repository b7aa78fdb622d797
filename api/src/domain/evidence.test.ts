import { describe, expect, test } from "vitest";
import {
  checkContent,
  checkFileName,
  checkSize,
  contentDisposition,
  evidenceFolder,
  swedishSize,
} from "./evidence.ts";

describe("evidence rules", () => {
  test("file names: SharePoint's forbidden characters become dashes; the extension decides the type", () => {
    const checked = checkFileName('  Avtal: "bilaga" 3?.PDF ');
    expect(checked).toMatchObject({ ok: true, name: "Avtal- -bilaga- 3-.pdf", extension: "pdf" });
    expect(checkFileName("rapport.docx")).toMatchObject({ ok: true, extension: "docx" });
    expect(checkFileName("   ")).toMatchObject({ ok: false, refusal: { code: "file-name" } });
    expect(checkFileName("virus.exe")).toMatchObject({
      ok: false,
      refusal: { code: "file-type" },
    });
    expect(checkFileName("README")).toMatchObject({
      ok: false,
      refusal: { code: "file-type", message: expect.stringContaining("En fil utan filändelse") },
    });
  });

  test("sizes in Swedish, and the limit", () => {
    expect(swedishSize(812)).toBe("812 byte");
    expect(swedishSize(34 * 1024)).toBe("34 kB");
    expect(swedishSize(1.25 * 1024 * 1024)).toBe("1,3 MB");
    expect(checkSize(0)?.code).toBe("file-empty");
    expect(checkSize(10, 10)).toBeUndefined();
    expect(checkSize(11 * 1024 * 1024, 10 * 1024 * 1024)?.message).toBe(
      "Filen är 11 MB. Underlag får vara högst 10 MB; dela upp filen eller spara den i mindre format.",
    );
  });

  test("content is what the extension says", () => {
    expect(checkContent("pdf", Buffer.from("%PDF-1.7"))).toBeUndefined();
    expect(checkContent("pdf", Buffer.from("MZ\x90\x00"))?.code).toBe("file-content");
    expect(checkContent("docx", Buffer.from("PK\x03\x04"))).toBeUndefined();
    expect(checkContent("txt", Buffer.from("Hej då\n"))).toBeUndefined();
    expect(checkContent("txt", Buffer.from([0x4d, 0x5a, 0x00, 0x00]))?.code).toBe("file-content");
    expect(
      checkContent("msg", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toBeUndefined();
  });

  test("a folder per contract, and a download name safe for any client", () => {
    expect(evidenceFolder({ id: "7", contractNumber: "VAN 2021/04" })).toBe("Underlag/VAN 2021-04");
    expect(evidenceFolder({ id: "7", contractNumber: "" })).toBe("Underlag/Avtal 7");
    expect(contentDisposition("attachment", 'Åtgärd "1" (ny).pdf')).toBe(
      "attachment; filename=\"_tg_rd _1_ (ny).pdf\"; filename*=UTF-8''%C3%85tg%C3%A4rd%20%221%22%20%28ny%29.pdf",
    );
  });
});
