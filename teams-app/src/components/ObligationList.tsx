import { Badge, Link } from "@fluentui/react-components";
import { useApp } from "../app-context.ts";
import { formatDate } from "../format.ts";
import { NEW_RECORD, type Route, routePath } from "../routes.ts";
import type { Obligation, ObligationStatus } from "../types.ts";
import { type DataColumn, DataList } from "./data-list/DataList.tsx";

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  late: "Försenad",
  due: "Aktuell nu",
  upcoming: "Kommande",
};
const STATUS_COLORS: Record<ObligationStatus, "danger" | "warning" | "informative"> = {
  late: "danger",
  due: "warning",
  upcoming: "informative",
};

export function StatusBadge({ status }: { status: ObligationStatus }) {
  return (
    <Badge appearance="filled" color={STATUS_COLORS[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/**
 * Where an obligation is dealt with: the task itself, prefilled — a due
 * kickoff opens a new kickoff meeting for the contract and its start, a due
 * follow-up the follow-up form for the contract and period.
 */
export function routeFor(obligation: Obligation): Route {
  const { target } = obligation;
  switch (obligation.rule) {
    case "kickoff":
      return {
        screen: "uppstartsmoten",
        id: NEW_RECORD,
        query: new URLSearchParams({ avtal: target.id, start: obligation.dueDate }).toString(),
      };
    case "follow-up":
      return {
        screen: "uppfoljning",
        id: NEW_RECORD,
        query: new URLSearchParams({
          avtal: target.id,
          ...(obligation.period ? { period: obligation.period } : {}),
        }).toString(),
      };
    case "plan":
      return { screen: "plan" };
    case "committee-report":
    case "ks-report":
      return { screen: "rapporter" };
    default:
      if (target.kind === "deficiency") return { screen: "brister", id: target.id };
      if (target.kind === "contract") return { screen: "avtal-detalj", id: target.id };
      return { screen: "oversikt" };
  }
}

/** Who answers for an obligation: its owner, kommunledningskontoret for KS's compilation, else the nämnd. */
export function responsible(obligation: Obligation): string {
  if (obligation.owner?.name) return obligation.owner.name;
  return obligation.rule === "ks-report" ? "Kommunledningskontoret" : "Nämnden";
}

/**
 * Obligations of the årshjul; each opens its task. With `committeeName`
 * (kommunledningskontoret's list) every row names its nämnd and opens the
 * task in that nämnd.
 */
export function ObligationList({
  obligations,
  caption,
  committeeName,
}: {
  obligations: Obligation[];
  caption: string;
  committeeName?: (committeeId: string) => string;
}) {
  const { navigate, openCommittee, committee } = useApp();
  const open = (obligation: Obligation) => {
    const route = routeFor(obligation);
    if (committeeName && obligation.committeeId !== committee?.id)
      openCommittee(obligation.committeeId, route);
    else navigate(route);
  };
  const columns: DataColumn<Obligation>[] = [
    {
      key: "vad",
      label: "Vad ska göras",
      cell: (obligation) => (
        <Link
          href={`#/${routePath(routeFor(obligation))}`}
          onClick={(event) => {
            event.preventDefault();
            open(obligation);
          }}
        >
          {obligation.title}
        </Link>
      ),
    },
    ...(committeeName
      ? [
          {
            key: "namnd",
            label: "Nämnd",
            cell: (obligation: Obligation) => committeeName(obligation.committeeId),
          },
        ]
      : []),
    {
      key: "status",
      label: "Status",
      cell: (obligation) => <StatusBadge status={obligation.status} />,
    },
    {
      key: "senast",
      label: "Senast",
      nowrap: true,
      cell: (obligation) => formatDate(obligation.dueDate),
    },
    { key: "ansvarig", label: "Ansvarig", cell: responsible },
  ];
  return (
    <DataList
      label={caption}
      rows={obligations}
      rowKey={(obligation) => obligation.key}
      columns={columns}
    />
  );
}
