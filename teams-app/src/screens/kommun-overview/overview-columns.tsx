import { Badge, Link } from "@fluentui/react-components";
import type { DataColumn } from "../../components/data-list/DataList.tsx";
import type { Route } from "../../routes.ts";
import type { Overview, OverviewRow } from "../../types.ts";
import { capitalised } from "../record-screen/record-kinds.ts";

const PLAN_COLORS: Record<string, "success" | "warning" | "danger" | "informative"> = {
  beslutad: "success",
  utkast: "warning",
  "ej påbörjad": "informative",
  saknas: "danger",
};

/** The columns of "Nämnderna sida vid sida": each figure opens the nämnd's own view of it. */
export function overviewColumns(
  data: Overview,
  openCommittee: (committeeId: string, route: Route) => void,
): DataColumn<OverviewRow>[] {
  const opener = (row: OverviewRow, route: Route, text: string) => (
    <Link onClick={() => openCommittee(row.committee.id, route)}>{text}</Link>
  );
  return [
    {
      key: "namnd",
      label: "Nämnd",
      cell: (row) => opener(row, { screen: "oversikt" }, row.committee.name),
    },
    {
      key: "plan",
      label: `Plan ${data.mandatePeriod.label}`,
      cell: (row) => (
        <Badge appearance="tint" color={PLAN_COLORS[row.planStatus] ?? "danger"}>
          {capitalised(row.planStatus)}
        </Badge>
      ),
    },
    {
      key: "uppfoljningar",
      label: "Uppföljningar (period)",
      cell: (row) =>
        opener(
          row,
          { screen: "uppfoljning", query: new URLSearchParams({ period: row.period }).toString() },
          `${row.followUps.done} av ${row.followUps.expected} (${row.period})`,
        ),
    },
    {
      key: "strategiska",
      label: "Strategiska avtal",
      cell: (row) =>
        opener(row, { screen: "avtal", query: "strategiskt=true" }, String(row.strategicContracts)),
    },
    {
      key: "brister",
      label: "Avtal med brister",
      cell: (row) =>
        row.contractsWithDeficiencies.length === 0
          ? "–"
          : opener(
              row,
              { screen: "brister", query: "status=ej-atgardad" },
              row.contractsWithDeficiencies.map((contract) => contract.title).join(", "),
            ),
    },
    {
      key: "redovisning",
      label: "Redovisning",
      cell: (row) =>
        row.reportDecision
          ? `Beslutad ${row.reportDecision.date} § ${row.reportDecision.paragraph}`
          : capitalised(row.reportStatus),
    },
    {
      key: "forsenat",
      label: "Försenat",
      cell: (row) =>
        row.counts.late > 0 ? (
          <Link
            onClick={() => openCommittee(row.committee.id, { screen: "oversikt" })}
            aria-label={`${row.counts.late} försenade i ${row.committee.name}`}
          >
            <Badge appearance="filled" color="danger">
              {row.counts.late}
            </Badge>
          </Link>
        ) : (
          "0"
        ),
    },
  ];
}
