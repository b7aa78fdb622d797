import { type IsoDate, swedishLongDate } from "./dates.ts";
import type { ReportRecord, ReportStatus } from "./model.ts";

/**
 * A report's life after the draft: `utkast` (the app's draft, being
 * finished) → `klar för nämnd` (on the nämnd's agenda) → `beslutad` (the
 * nämnd's decision: date, paragraph and the case's diarienummer). Only the
 * nämnd's secretary records or changes a decision.
 */

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  utkast: "Utkast",
  "klar för nämnd": "Klar för nämnd",
  beslutad: "Beslutad",
};

export type ReportDecision = Pick<
  ReportRecord,
  "status" | "decisionDate" | "paragraph" | "registryNumber"
>;

/** "§ 87" from "87", "§87" or "§ 87"; empty stays empty. */
export function paragraphLabel(paragraph: string): string {
  const number = paragraph.replace(/^\s*§\s*/, "").trim();
  return number ? `§ ${number}` : "";
}

/** "Beslutad den 1 september 2026, § 87, dnr VAN 2026/0112"; "Klar för nämnd"; "Utkast". */
export function reportStatusText(report: ReportDecision): string {
  if (report.status !== "beslutad" || !report.decisionDate)
    return REPORT_STATUS_LABELS[report.status];
  return [
    `Beslutad den ${swedishLongDate(report.decisionDate)}`,
    paragraphLabel(report.paragraph),
    report.registryNumber.trim() ? `dnr ${report.registryNumber.trim()}` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The paragraph as stored: without the § sign. */
export function paragraphNumber(paragraph: string): string {
  return paragraph.replace(/^\s*§\s*/, "").trim();
}

/** What is wrong with a decision, per field, in Swedish; empty when it can be saved. */
export function decisionProblems(
  decision: ReportDecision,
  today: IsoDate,
): Array<{ field: keyof ReportDecision; message: string }> {
  if (decision.status !== "beslutad") return [];
  const problems: Array<{ field: keyof ReportDecision; message: string }> = [];
  if (!decision.decisionDate)
    problems.push({ field: "decisionDate", message: "Ange datum för nämndens beslut" });
  else if (decision.decisionDate > today)
    problems.push({ field: "decisionDate", message: "Beslutsdatum kan inte vara i framtiden" });
  if (!paragraphNumber(decision.paragraph))
    problems.push({ field: "paragraph", message: "Ange beslutets paragraf (§)" });
  if (!decision.registryNumber.trim())
    problems.push({ field: "registryNumber", message: "Ange ärendets diarienummer" });
  return problems;
}

/** Whether changing a report from `previous` to `next` needs the nämnd's secretary. */
export function needsSecretary(previous: ReportDecision, next: ReportDecision): boolean {
  return previous.status === "beslutad" || next.status === "beslutad";
}

/** A decided report's reference: "2026-09-01 § 87". */
export function decisionReference(report: ReportDecision): string {
  if (report.status !== "beslutad" || !report.decisionDate) return "";
  return [report.decisionDate, paragraphLabel(report.paragraph)].filter(Boolean).join(" ");
}
