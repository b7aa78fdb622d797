import { lowerFirst } from "./swedish.ts";

/**
 * Evidence (underlag): files attached to a contract or one of its records,
 * kept in the nämnd's document library. Pure rules: which records take
 * files, which file types and sizes are allowed (with the Swedish message
 * when not), and where a file goes. No I/O.
 */

/** The records that take evidence, by the API path of their kind. */
export const EVIDENCE_KINDS = {
  contracts: { list: "contracts", label: "avtalet", kind: "avtal" },
  "follow-ups": { list: "followUps", label: "uppföljningen", kind: "uppföljning" },
  deviations: { list: "deviations", label: "avvikelsen", kind: "avvikelse" },
  // A deficiency row holds its action plan: evidence of the plan is attached here.
  deficiencies: { list: "deficiencies", label: "bristen och handlingsplanen", kind: "brist" },
} as const;
export type EvidencePath = keyof typeof EVIDENCE_KINDS;
export const EVIDENCE_PATHS = [
  "contracts",
  "follow-ups",
  "deviations",
  "deficiencies",
] as const satisfies readonly EvidencePath[];
export type EvidenceList = (typeof EVIDENCE_KINDS)[EvidencePath]["list"];
/** The record kind as the library's metadata names it (Swedish, for people browsing the library). */
export const EVIDENCE_RECORD_KINDS = ["avtal", "uppföljning", "avvikelse", "brist"] as const;
export type EvidenceRecordKind = (typeof EVIDENCE_RECORD_KINDS)[number];

/** Largest file accepted: documents and photos of a follow-up, not film. */
export const EVIDENCE_MAX_BYTES = 50 * 1024 * 1024;

/** How a file type's content is recognised from its first bytes. */
type Signature = "pdf" | "zip" | "ole" | "png" | "jpeg" | "text";

interface EvidenceType {
  mimeType: string;
  signature: Signature;
}

/** The allowed file types, by extension (lower case). */
export const EVIDENCE_TYPES: Readonly<Record<string, EvidenceType>> = {
  pdf: { mimeType: "application/pdf", signature: "pdf" },
  docx: {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    signature: "zip",
  },
  xlsx: {
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    signature: "zip",
  },
  pptx: {
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    signature: "zip",
  },
  jpg: { mimeType: "image/jpeg", signature: "jpeg" },
  jpeg: { mimeType: "image/jpeg", signature: "jpeg" },
  png: { mimeType: "image/png", signature: "png" },
  txt: { mimeType: "text/plain; charset=utf-8", signature: "text" },
  csv: { mimeType: "text/csv; charset=utf-8", signature: "text" },
  msg: { mimeType: "application/vnd.ms-outlook", signature: "ole" },
  eml: { mimeType: "message/rfc822", signature: "text" },
};

/** The allowed types in words, for messages and the tab's file picker. */
export const ALLOWED_TYPES_TEXT =
  "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), bilder (.jpg, .png), text (.txt, .csv) och e-post (.msg, .eml)";

/** Why a file is refused: a stable code for programs and a Swedish message for people. */
export interface EvidenceRefusal {
  code: "file-name" | "file-type" | "file-too-large" | "file-empty" | "file-content";
  message: string;
}

export type FileNameCheck =
  | { ok: true; name: string; extension: string; type: EvidenceType }
  | { ok: false; refusal: EvidenceRefusal };

const decimal = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });

/** A size as people read it: "812 byte", "34 kB", "1,2 MB". */
export function swedishSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${decimal.format(Math.round(bytes / 1024))} kB`;
  return `${decimal.format(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/**
 * A file name SharePoint accepts: no " * : < > ? / \ | (they become dashes),
 * no control characters, no leading or trailing spaces or dots, at most 200
 * characters before the extension.
 */
export function checkFileName(raw: string): FileNameCheck {
  const cleaned = [...raw]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join("")
    .replace(/["*:<>?/\\|#%]/g, "-")
    // SharePoint reserves names holding _vti_ for itself.
    .replace(/_vti_/gi, "-vti-")
    .replace(/\s+/g, " ")
    .replace(/^[.~$\s]+/, "")
    .trim();
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  // SharePoint refuses a name ending in a dot or a space, also before the extension.
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, 200).replace(/[.\s]+$/, "");
  if (stem === "") {
    return {
      ok: false,
      refusal: {
        code: "file-name",
        message: "Filen behöver ett namn, till exempel protokoll.pdf.",
      },
    };
  }
  const type = EVIDENCE_TYPES[extension];
  if (!type) {
    const shown = extension ? `Filtypen .${extension}` : "En fil utan filändelse";
    return {
      ok: false,
      refusal: {
        code: "file-type",
        message: `${shown} kan inte bifogas som underlag. Tillåtna filtyper: ${ALLOWED_TYPES_TEXT}.`,
      },
    };
  }
  return { ok: true, name: `${stem}.${extension}`, extension, type };
}

/** The size limit, checked before a byte is read. */
export function checkSize(bytes: number, limit = EVIDENCE_MAX_BYTES): EvidenceRefusal | undefined {
  if (bytes === 0) return { code: "file-empty", message: "Filen är tom." };
  if (bytes > limit) {
    return {
      code: "file-too-large",
      message: `Filen är ${swedishSize(bytes)}. Underlag får vara högst ${swedishSize(limit)}; dela upp filen eller spara den i mindre format.`,
    };
  }
  return undefined;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

function matches(signature: Signature, head: Uint8Array): boolean {
  switch (signature) {
    case "pdf":
      return startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case "zip":
      return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
    case "ole":
      return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case "png":
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpeg":
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case "text":
      // Text has no NUL bytes (UTF-8, Windows-1252); a program renamed .txt has many.
      return !head.includes(0);
  }
}

/**
 * Whether a file's first bytes are what its extension says, so a program
 * renamed to .pdf is not put in the library as a PDF.
 */
export function checkContent(extension: string, head: Uint8Array): EvidenceRefusal | undefined {
  const type = EVIDENCE_TYPES[extension];
  if (type && matches(type.signature, head)) return undefined;
  return {
    code: "file-content",
    message: `Filens innehåll är inte en .${extension}-fil. Kontrollera att du valt rätt fil, eller spara om den i rätt format.`,
  };
}

/** The folder of a contract's evidence in the nämnd's library: one per contract. */
export function evidenceFolder(contract: { id: string; contractNumber: string }): string {
  const name = [...contract.contractNumber]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join("")
    .replace(/["*:<>?/\\|#%]/g, "-")
    .replace(/_vti_/gi, "-vti-")
    .replace(/\s+/g, " ")
    .replace(/^[.~$\s]+|[.\s]+$/g, "")
    .slice(0, 100)
    .replace(/[.\s]+$/, "");
  return `Underlag/${name || `Avtal ${contract.id}`}`;
}

/** The one indexed value linking a file to its record: `<list>:<id>`. */
export function evidenceKey(list: EvidenceList, id: string): string {
  return `${list}:${id}`;
}

/** `attachment` or `inline` with the name in both forms, safe for any name (RFC 6266). */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The files behind one follow-up, for a report's Beslutsunderlag. */
export interface FollowUpEvidence {
  /** The contract's title, as the report names it. */
  contractTitle: string;
  fileNames: readonly string[];
}

/**
 * Beslutsunderlag lines for the evidence behind each follow-up, one per file,
 * in the order of the report's contracts: "Underlag till uppföljningen av
 * hemtjänst enligt LOV: Protokoll.pdf".
 */
export function evidenceBasisLines(
  contractTitles: readonly string[],
  evidence: readonly FollowUpEvidence[],
): string[] {
  return contractTitles.flatMap((title) =>
    evidence
      .filter((entry) => entry.contractTitle === title)
      .flatMap((entry) =>
        [...entry.fileNames]
          .sort((a, b) => a.localeCompare(b, "sv"))
          .map((name) => `Underlag till uppföljningen av ${lowerFirst(title)}: ${name}`),
      ),
  );
}
