/**
 * The content of each report as plain data, built from the register. The
 * Word layer only lays it out; every sentence and fact is decided here, from
 * the data as it stands on the document's date, so a draft never asserts
 * what the register contradicts. Wording follows the sources: seed 000 (the
 * KS protocol), 001 (a nämnd's plan), 002/003 (what a nämnd reports per
 * strategic contract) and 004 (KS's tjänsteskrivelse). One module per type
 * in ./reports/.
 */

export { inCommitteeOrder } from "./committee-order.ts";
export { committeeReport } from "./reports/committee-report.ts";
export { feedbackLetter } from "./reports/feedback-letter.ts";
export { kickoffReport } from "./reports/kickoff-minutes.ts";
export { ksCompilation, ksPeriodOf } from "./reports/ks-compilation.ts";
export { planReport } from "./reports/plan-report.ts";
export {
  committeeReportFileTitle,
  ksCompilationFileTitle,
  periodDeficiencies,
  reportedFollowUp,
  strategicContractsOf,
} from "./reports/report-parts.ts";
export * from "./reports/report-types.ts";
export { numberWord, swedishList } from "./swedish.ts";
