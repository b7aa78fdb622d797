import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Committee, Contract, Deficiency, FollowUp } from "../domain/model.ts";

/**
 * Excel and CSV exports: the register, a period's follow-ups, and the fields
 * Hypergene or Stratsys need (seeds 002/003), in a column layout a kommun can
 * change. Dates are date cells, amounts number cells; header rows are frozen
 * and filterable. CSV is UTF-8 with BOM and semicolons, as Swedish Excel expects.
 */

export interface ExportData {
  committees: Committee[];
  contracts: Contract[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  /**
   * The risk level in force per contract id, in words ("Hög risk", or "Hög
   * risk (förslag)" while no one has confirmed it). Internal, as the register is.
   */
  riskLevels?: ReadonlyMap<string, string>;
}

type Cell = string | number | boolean | Date | null;

interface Column {
  header: string;
  width: number;
  value: (row: never) => Cell;
  format?: string;
}

const dateCell = (value: string | undefined): Date | null =>
  value ? new Date(`${value}T00:00:00Z`) : null;

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: unknown[]): void {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    ...(column.format ? { style: { numFmt: column.format } } : {}),
  }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows)
    worksheet.addRow(columns.map((column) => (column.value as (row: unknown) => Cell)(row)));
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** Every provider's organisationsnummer (a LOV contract has several), as the register keeps them. */
function orgNumbers(contract: Contract): string {
  const numbers = contract.providers.map((provider) => provider.orgNumber).filter(Boolean);
  return [...new Set(numbers.length > 0 ? numbers : [contract.providerOrgNumber])].join(", ");
}

function names(data: ExportData) {
  const byId = new Map(data.committees.map((committee) => [committee.id, committee.name]));
  return (id: string) => byId.get(id) ?? "";
}

export async function registerWorkbook(data: ExportData): Promise<Buffer> {
  const committee = names(data);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Avtalsuppföljning";
  sheet(
    workbook,
    "Avtal",
    [
      { header: "Avtalsnummer", width: 18, value: (contract: Contract) => contract.contractNumber },
      { header: "Avtal", width: 40, value: (contract: Contract) => contract.title },
      {
        header: "Nämnd",
        width: 30,
        value: (contract: Contract) => committee(contract.committeeId),
      },
      {
        header: "Delas med",
        width: 30,
        value: (contract: Contract) => contract.sharedWithCommitteeIds.map(committee).join(", "),
      },
      {
        header: "Verksamhetsområde",
        width: 22,
        value: (contract: Contract) => contract.serviceArea,
      },
      { header: "Utförare", width: 30, value: (contract: Contract) => contract.provider },
      // The contract's own field, as the import reads it back (a LOV contract's every
      // provider's number is in the reporting-system export).
      {
        header: "Organisationsnummer",
        width: 16,
        value: (contract: Contract) => contract.providerOrgNumber,
      },
      {
        header: "Egen regi",
        width: 10,
        value: (contract: Contract) => (contract.ownRegime ? "Ja" : "Nej"),
      },
      // Empty until the nämnd has classified the contract (an imported one may not be yet).
      {
        header: "Värde",
        width: 8,
        value: (contract: Contract) => (contract.classified ? contract.valueClass : ""),
      },
      {
        header: "Påverkan",
        width: 10,
        value: (contract: Contract) => (contract.classified ? contract.impactClass : ""),
      },
      {
        header: "Strategiskt",
        width: 11,
        value: (contract: Contract) => (contract.strategic ? "Ja" : "Nej"),
      },
      {
        header: "Årsvärde (kr)",
        width: 16,
        value: (contract: Contract) => contract.annualValue ?? null,
        format: "# ##0",
      },
      {
        header: "Avtalsstart",
        width: 12,
        value: (contract: Contract) => dateCell(contract.startDate),
        format: "yyyy-mm-dd",
      },
      {
        header: "Avtalsslut",
        width: 12,
        value: (contract: Contract) => dateCell(contract.endDate),
        format: "yyyy-mm-dd",
      },
      {
        header: "Förlängningsoptioner",
        width: 18,
        value: (contract: Contract) => contract.extensionOptions,
      },
      {
        header: "Beslut om förlängning senast",
        width: 14,
        value: (contract: Contract) => dateCell(contract.extensionDecisionDate),
        format: "yyyy-mm-dd",
      },
      { header: "Status", width: 10, value: (contract: Contract) => contract.status },
      { header: "Avtalsansvarig", width: 22, value: (contract: Contract) => contract.owner.name },
      {
        header: "Risknivå",
        width: 22,
        value: (contract: Contract) => data.riskLevels?.get(contract.id) ?? "",
      },
    ],
    [...data.contracts].sort(
      (a, b) =>
        committee(a.committeeId).localeCompare(committee(b.committeeId), "sv") ||
        a.title.localeCompare(b.title, "sv"),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function followUpsWorkbook(data: ExportData): Promise<Buffer> {
  const committee = names(data);
  const contracts = new Map(data.contracts.map((contract) => [contract.id, contract]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Avtalsuppföljning";
  sheet(
    workbook,
    "Uppföljningar",
    [
      {
        header: "Nämnd",
        width: 30,
        value: (followUp: FollowUp) => committee(followUp.committeeId),
      },
      {
        header: "Avtal",
        width: 40,
        value: (followUp: FollowUp) => contracts.get(followUp.contractId)?.title ?? "",
      },
      { header: "Period", width: 12, value: (followUp: FollowUp) => followUp.period },
      {
        header: "Datum",
        width: 12,
        value: (followUp: FollowUp) => dateCell(followUp.followUpDate),
        format: "yyyy-mm-dd",
      },
      { header: "Form", width: 22, value: (followUp: FollowUp) => followUp.form },
      {
        header: "Uppfyller väsentliga kvalitetskrav",
        width: 14,
        value: (followUp: FollowUp) => followUp.meetsRequirements,
      },
      {
        header: "Iakttagna brister",
        width: 50,
        value: (followUp: FollowUp) => followUp.deficienciesSummary,
      },
      {
        header: "Påverkan på måluppfyllelse",
        width: 40,
        value: (followUp: FollowUp) => followUp.goalImpact,
      },
      {
        header: "Handlingsplan",
        width: 40,
        value: (followUp: FollowUp) => followUp.actionPlanSummary,
      },
      {
        header: "Grad av måluppfyllelse",
        width: 30,
        value: (followUp: FollowUp) => followUp.goalFulfilment,
      },
      {
        header: "Utvärdering av levererad tjänst",
        width: 30,
        value: (followUp: FollowUp) => followUp.serviceEvaluation,
      },
      {
        header: "Kontrollen tillräcklig",
        width: 12,
        value: (followUp: FollowUp) => (followUp.controlSufficient ? "Ja" : "Nej"),
      },
      {
        header: "Återkopplat till utföraren",
        width: 14,
        value: (followUp: FollowUp) => dateCell(followUp.feedbackToProviderOn),
        format: "yyyy-mm-dd",
      },
      { header: "Status", width: 10, value: (followUp: FollowUp) => followUp.status },
    ],
    [...data.followUps].sort(
      (a, b) =>
        committee(a.committeeId).localeCompare(committee(b.committeeId), "sv") ||
        a.followUpDate.localeCompare(b.followUpDate),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row of the reporting-system export: a strategic contract's follow-up in a period. */
export interface ReportingRow {
  namnd: string;
  avtal: string;
  avtalsnummer: string;
  omrade: string;
  utforare: string;
  period: string;
  uppfyllerKrav: string;
  brister: string;
  paverkanMal: string;
  handlingsplan: string;
  handlingsplanAnsvarig: string;
  handlingsplanUppfoljning: string;
  organisationsnummer: string;
  /** The level in force: confirmed, or the suggestion marked "(förslag)". */
  riskniva: string;
}

export const REPORTING_FIELDS = [
  "namnd",
  "avtal",
  "avtalsnummer",
  "omrade",
  "utforare",
  "period",
  "uppfyllerKrav",
  "brister",
  "paverkanMal",
  "handlingsplan",
  "handlingsplanAnsvarig",
  "handlingsplanUppfoljning",
  "organisationsnummer",
  "riskniva",
] as const satisfies ReadonlyArray<keyof ReportingRow>;

export type ReportingLayout = Array<{ header: string; field: keyof ReportingRow }>;

/** Column layouts: Hypergene's reporting points (seed 002) and a Stratsys variant; a kommun can set its own. */
export const REPORTING_LAYOUTS: Record<"hypergene" | "stratsys", ReportingLayout> = {
  hypergene: [
    { header: "Nämnd", field: "namnd" },
    { header: "Strategiskt avtal", field: "avtal" },
    { header: "Upphandlings-/verksamhetsområde", field: "omrade" },
    { header: "Leverantör", field: "utforare" },
    { header: "Period", field: "period" },
    {
      header: "Uppfyller leverantören väsentliga kvalitetskrav enligt avtalet",
      field: "uppfyllerKrav",
    },
    { header: "Iakttagna brister", field: "brister" },
    { header: "Hur bristerna påverkat nämndens måluppfyllelse", field: "paverkanMal" },
    { header: "Handlingsplan", field: "handlingsplan" },
    { header: "Organisationsnummer", field: "organisationsnummer" },
    { header: "Risknivå", field: "riskniva" },
  ],
  stratsys: [
    { header: "Organisation", field: "namnd" },
    { header: "Aktivitet", field: "avtal" },
    { header: "Id", field: "avtalsnummer" },
    { header: "Område", field: "omrade" },
    { header: "Period", field: "period" },
    { header: "Status", field: "uppfyllerKrav" },
    { header: "Kommentar", field: "brister" },
    { header: "Åtgärd", field: "handlingsplan" },
    { header: "Ansvarig", field: "handlingsplanAnsvarig" },
    { header: "Uppföljningsdatum", field: "handlingsplanUppfoljning" },
    { header: "Organisationsnummer", field: "organisationsnummer" },
    { header: "Risknivå", field: "riskniva" },
  ],
};

export function reportingRows(data: ExportData, period: string | undefined): ReportingRow[] {
  const committee = names(data);
  const contracts = new Map(data.contracts.map((contract) => [contract.id, contract]));
  const answers = { ja: "Ja", delvis: "Delvis", nej: "Nej" } as const;
  return data.followUps
    .flatMap((followUp) => {
      const contract = contracts.get(followUp.contractId);
      const reported =
        followUp.status === "klar" &&
        (!period || followUp.period === period) &&
        contract?.strategic;
      if (!reported) return [];
      const plans = data.deficiencies.filter(
        (deficiency) =>
          deficiency.contractId === contract.id &&
          deficiency.committeeId === followUp.committeeId &&
          deficiency.measures.trim() !== "",
      );
      const row: ReportingRow = {
        namnd: committee(followUp.committeeId),
        avtal: contract.title,
        avtalsnummer: contract.contractNumber,
        omrade: contract.serviceArea,
        utforare: contract.provider,
        period: followUp.period,
        uppfyllerKrav: answers[followUp.meetsRequirements],
        brister: followUp.deficienciesSummary,
        paverkanMal: followUp.goalImpact,
        handlingsplan: [
          followUp.actionPlanSummary,
          ...plans.map((plan) => `${plan.description}: ${plan.measures}`),
        ]
          .filter(Boolean)
          .join(" | "),
        handlingsplanAnsvarig: [
          ...new Set(plans.map((plan) => plan.actionOwner?.name).filter(Boolean)),
        ].join(", "),
        handlingsplanUppfoljning: [
          ...new Set(plans.map((plan) => plan.checkUpDate).filter(Boolean)),
        ].join(", "),
        organisationsnummer: orgNumbers(contract),
        riskniva: data.riskLevels?.get(contract.id) ?? "",
      };
      return [row];
    })
    .sort((a, b) => a.namnd.localeCompare(b.namnd, "sv") || a.avtal.localeCompare(b.avtal, "sv"));
}

export function reportingCsv(rows: ReportingRow[], layout: ReportingLayout): string {
  const csv = Papa.unparse(
    {
      fields: layout.map((column) => column.header),
      data: rows.map((row) => layout.map((column) => row[column.field])),
    },
    { delimiter: ";", newline: "\r\n", escapeFormulae: true },
  );
  return `\uFEFF${csv}`;
}

export async function reportingWorkbook(
  rows: ReportingRow[],
  layout: ReportingLayout,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Avtalsuppföljning";
  sheet(
    workbook,
    "Rapportering",
    layout.map((column) => ({
      header: column.header,
      width: Math.max(14, Math.min(50, column.header.length + 4)),
      value: (row: ReportingRow) => row[column.field],
    })),
    rows,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
