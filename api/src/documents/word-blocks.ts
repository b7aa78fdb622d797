import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Footer,
  Header,
  type ICommentOptions,
  type INumberingOptions,
  type IRunOptions,
  type IStylesOptions,
  LevelFormat,
  NoBreakHyphen,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import type { Passage, Signature } from "../domain/report-models.ts";
import { paragraphsOf } from "../domain/swedish.ts";

/**
 * The building blocks every report is laid out with: Swedish as the
 * document's language (Word's proofing and screen readers), Word's built-in
 * heading styles kept with the paragraph after them, real numbered and
 * bulleted lists, tables with repeating header rows and column widths chosen
 * for their content, and notes to the writer as Word comments — never as
 * text in the document.
 */

export const LANGUAGE = "sv-SE";

/** A4 with 2.5 cm margins: the width text and tables have, in twips. */
export const PAGE = { width: 11906, height: 16838, margin: 1418 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

type HeadingLevelName = "Heading1" | "Heading2" | "Heading3" | "Title";

const headingStyle = (size: number, before: number) => ({
  run: { font: "Calibri Light", size, bold: false, color: "1F3864" },
  paragraph: { keepNext: true, keepLines: true, spacing: { before, after: 80 } },
});

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: "Calibri", size: 22, language: { value: LANGUAGE } },
      paragraph: { spacing: { after: 120, line: 264 } },
    },
    title: {
      run: { font: "Calibri Light", size: 32, color: "1F3864" },
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 240 } },
    },
    heading1: headingStyle(28, 360),
    heading2: headingStyle(24, 240),
    heading3: headingStyle(22, 200),
  },
};

export const NUMBERED = "numrerad-lista";
export const BULLETS = "punktlista";

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: NUMBERED,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: "%1.",
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 425, hanging: 425 } } },
        },
        {
          level: 1,
          format: LevelFormat.BULLET,
          text: "–",
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 850, hanging: 425 } } },
        },
      ],
    },
    {
      reference: BULLETS,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: "•",
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 425, hanging: 425 } } },
        },
      ],
    },
  ],
};

/**
 * A run of text whose in-word hyphens do not break a line: dates
 * (2026-09-01), contract and organisation numbers stay whole. A hyphen
 * before a space ("Vård- och") is left as it is.
 */
/**
 * An A4 section's page: margins, a running header at the right (who the
 * document is from) and "Sida x av y" centred at the foot.
 */
export function pageFrame(headerText: string) {
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [run(headerText, { size: 18 })],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                size: 18,
                children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES],
              }),
            ],
          }),
        ],
      }),
    },
  };
}

export function run(text: string, options: Omit<IRunOptions, "text" | "children"> = {}): TextRun {
  const parts = text.split(/(?<=\S)-(?=\S)/);
  return new TextRun({
    ...options,
    children: parts.flatMap((part, index) => (index === 0 ? [part] : [new NoBreakHyphen(), part])),
  });
}

export const heading = (text: string, level: HeadingLevelName = "Heading1") =>
  new Paragraph({ style: level, children: [run(text)] });

/** One paragraph per line of a multi-line field; nothing for an empty one. */
export function paragraphs(...texts: string[]): Paragraph[] {
  return texts.flatMap(paragraphsOf).map((text) => new Paragraph({ children: [run(text)] }));
}

export const labelled = (label: string, value: string) =>
  new Paragraph({
    spacing: { after: 0 },
    children: [new TextRun({ text: `${label}: `, bold: true }), run(value)],
  });

/**
 * Comments carry notes to the writer (what to check before sending). Each
 * document collects its comments here and passes them to the Document.
 */
export class Comments {
  readonly items: ICommentOptions[] = [];
  private readonly author: string;

  constructor(author: string) {
    this.author = author;
  }

  /** The runs of a paragraph whose text carries a comment. */
  around(runs: ParagraphChild[], note: string | undefined): ParagraphChild[] {
    if (!note) return runs;
    const id = this.items.length;
    this.items.push({
      id,
      author: this.author,
      initials: "AU",
      date: new Date(0),
      children: [new Paragraph({ children: [new TextRun(note)] })],
    });
    return [
      new CommentRangeStart(id),
      ...runs,
      new CommentRangeEnd(id),
      new TextRun({ children: [new CommentReference(id)] }),
    ];
  }

  passage(passage: Passage): Paragraph {
    return new Paragraph({ children: this.around([run(passage.text)], passage.note) });
  }
}

/**
 * A numbered list (Beslutsunderlag, Expedieras, decision points) as Word's
 * own numbering: each list is an instance of its own, so it starts at 1.
 */
export class Lists {
  private next = 1;

  numbered(
    items: Array<string | { runs: ParagraphChild[] } | { text: string; items: string[] }>,
  ): Paragraph[] {
    const instance = this.next++;
    return items.flatMap((item) => {
      const numbering = { reference: NUMBERED, level: 0, instance };
      if (typeof item === "string") return [new Paragraph({ numbering, children: [run(item)] })];
      if ("runs" in item) return [new Paragraph({ numbering, children: item.runs })];
      return [
        new Paragraph({ numbering, children: [run(item.text)] }),
        ...item.items.map(
          (sub) =>
            new Paragraph({
              numbering: { reference: NUMBERED, level: 1, instance },
              children: [run(sub)],
            }),
        ),
      ];
    });
  }

  bullets(items: string[]): Paragraph[] {
    const instance = this.next++;
    return items.map(
      (item) =>
        new Paragraph({
          numbering: { reference: BULLETS, level: 0, instance },
          children: [run(item)],
        }),
    );
  }
}

function cell(text: string, width: number, header: boolean): TableCell {
  const lines = paragraphsOf(text);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    ...(header ? { shading: { fill: "DEEAF6", color: "auto", type: "clear" as const } } : {}),
    children: (lines.length > 0 ? lines : ["–"]).map(
      (line) =>
        new Paragraph({
          spacing: { after: 40 },
          keepNext: header,
          children: [run(line, { bold: header })],
        }),
    ),
  });
}

/**
 * Twips per character of the widest font the document may be shown in:
 * where Calibri is missing (LibreOffice on Linux) DejaVu Sans stands in and
 * is wider, so widths are measured for it and fit in Word too.
 */
const CHAR = 135;
const BOLD_CHAR = 150;
const CELL_PADDING = 280;

const longestWord = (text: string) =>
  Math.max(0, ...text.split(/[\s/]+/).map((word) => [...word].length));

/**
 * Column widths from the wanted shares, widened where a column's longest
 * word would not fit (Word and LibreOffice would break it mid-word), the
 * width taken from the columns with room to spare.
 */
export function columnWidths(
  columns: Array<{ header: string; share: number }>,
  rows: string[][],
): number[] {
  const total = columns.reduce((sum, column) => sum + column.share, 0);
  const sized = columns.map((column, index) => {
    const minimum =
      Math.max(
        longestWord(column.header) * BOLD_CHAR,
        ...rows.map((row) => longestWord(row[index] ?? "") * CHAR),
      ) + CELL_PADDING;
    return { minimum, width: Math.max((TEXT_WIDTH * column.share) / total, minimum) };
  });
  let excess = sized.reduce((sum, column) => sum + column.width, 0) - TEXT_WIDTH;
  while (excess > 1) {
    const room = sized.reduce((sum, column) => sum + Math.max(0, column.width - column.minimum), 0);
    if (room <= 1) break;
    const take = Math.min(excess, room);
    for (const column of sized) {
      column.width -= (take * Math.max(0, column.width - column.minimum)) / room;
    }
    excess -= take;
  }
  return sized.map((column) => Math.floor(column.width));
}

/**
 * A table with a header row that repeats on every page (and tells screen
 * readers it is the header), and fixed column widths that fit their words.
 */
export function table(columns: Array<{ header: string; share: number }>, rows: string[][]): Table {
  const widths = columnWidths(columns, rows);
  return new Table({
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((column, index) => cell(column.header, widths[index] ?? 0, true)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((text, index) => cell(text, widths[index] ?? 0, false)),
          }),
      ),
    ],
  });
}

/**
 * The signatures, one under the other (side by side is hard to read aloud),
 * as one paragraph that cannot split, so the block always stays on one
 * page. A signature to be signed by hand gets its line as a tab with an
 * underline leader, which screen readers pass over.
 */
export function signatureBlock(signatures: Signature[]): Paragraph[] {
  if (signatures.length === 0) return [];
  const runs = signatures.flatMap((signature, index) => [
    ...(index > 0 ? [new TextRun({ break: 2 })] : []),
    ...(signature.role ? [new TextRun(signature.role), new TextRun({ break: 1 })] : []),
    ...(signature.signedByHand
      ? [
          new TextRun({ break: 2 }),
          new TextRun({ children: [new Tab()] }),
          new TextRun({ break: 1 }),
        ]
      : signature.role
        ? [new TextRun({ break: 1 })]
        : []),
    run(signature.name || "Namnförtydligande"),
    ...(signature.title ? [run(signature.title, { break: 1 })] : []),
  ]);
  return [
    new Paragraph({
      keepLines: true,
      spacing: { before: 360 },
      tabStops: [{ type: TabStopType.LEFT, position: 4536, leader: "underscore" }],
      children: runs,
    }),
  ];
}
