import { addMonths, type IsoDate } from "../domain/dates.ts";
import type {
  Committee,
  Contract,
  ContractStatus,
  Deficiency,
  DeficiencyStatus,
  Deviation,
} from "../domain/model.ts";
import type { ProviderGroup } from "../domain/provider-signals.ts";
import { RISK_LEVEL_LABELS, type RiskIndex, type RiskLevel } from "../domain/risk.ts";
import type { KommunRisk } from "./provider-flags.ts";
import type { ProviderRegisterCard } from "./provider-register.ts";

/**
 * A provider as one page: every contract with it across the kommun. A person
 * sees in full the contracts they may read (their nämnd's, those shared with
 * it, their own); of other nämnder only how many contracts and open
 * deficiencies there are. Kommunledningskontoret reads every contract.
 * Internal only: public insight never goes through this presenter.
 */

/** One provider in the kommun's list of providers. */
export interface ProviderSummary {
  key: string;
  name: string;
  orgNumber: string;
  contracts: number;
  committees: number;
}

export interface ProviderDeficiencyRow {
  id: string;
  description: string;
  status: DeficiencyStatus;
  deadline: IsoDate | undefined;
  /** Its action plan's deadline has passed and it is not remedied. */
  overdue: boolean;
}

export interface ProviderContractRow {
  id: string;
  title: string;
  committeeId: string;
  committeeName: string;
  status: ContractStatus;
  riskLevel: RiskLevel | undefined;
  riskLabel: string;
  riskReasons: string[];
  deviationsLastYear: number;
  seriousDeviationsLastYear: number;
  deficiencies: ProviderDeficiencyRow[];
}

export interface ProviderOtherCommittee {
  committeeId: string;
  committeeName: string;
  contracts: number;
  openDeficiencies: number;
}

export interface ProviderPage extends ProviderSummary {
  /** The register's entry (card "Uppgifter om leverantören"). */
  register: ProviderRegisterCard;
  /** The contracts the person may read, in full. */
  readable: ProviderContractRow[];
  /** Nämnder whose contracts with the provider the person may not read: counts only. */
  others: ProviderOtherCommittee[];
}

export function presentProviderSummary(group: ProviderGroup): ProviderSummary {
  return {
    key: group.key,
    name: group.name,
    orgNumber: group.orgNumber,
    contracts: group.contracts.length,
    committees: new Set(group.contracts.map((contract) => contract.committeeId)).size,
  };
}

const REMEDIED: ReadonlySet<DeficiencyStatus> = new Set(["åtgärdad"]);

export function presentProviderPage(input: {
  group: ProviderGroup;
  register: ProviderRegisterCard;
  canRead: (contract: Contract) => boolean;
  committees: readonly Committee[];
  deficiencies: readonly Deficiency[];
  /** The readable contracts' deviations (the others' are not read). */
  deviations: readonly Deviation[];
  risk: KommunRisk;
  keysOf: RiskIndex["keysOf"];
  today: IsoDate;
}): ProviderPage {
  const { group, today } = input;
  const names = new Map(input.committees.map((committee) => [committee.id, committee.name]));
  const order = new Map(input.committees.map((committee, position) => [committee.id, position]));
  const ours = new Set(group.keys);
  // A record about the contract as a whole ("") or naming this provider concerns it.
  const concernsProvider = (provider: string) =>
    provider === "" || input.keysOf({ name: provider }).some((key) => ours.has(key));
  const byContract = <T extends { contractId: string; provider: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      if (!concernsProvider(row.provider)) continue;
      const rows = map.get(row.contractId);
      if (rows) rows.push(row);
      else map.set(row.contractId, [row]);
    }
    return map;
  };
  const contractIds = new Set(group.contracts.map((contract) => contract.id));
  const deficiencies = byContract(
    input.deficiencies.filter((deficiency) => contractIds.has(deficiency.contractId)),
  );
  const deviations = byContract(input.deviations);
  const yearAgo = addMonths(today, -12);
  const open = (rows: readonly Deficiency[]) =>
    rows.filter((deficiency) => !REMEDIED.has(deficiency.status));

  const readable: ProviderContractRow[] = [];
  const others = new Map<string, ProviderOtherCommittee>();
  for (const contract of group.contracts) {
    const theirs = deficiencies.get(contract.id) ?? [];
    if (!input.canRead(contract)) {
      const entry = others.get(contract.committeeId) ?? {
        committeeId: contract.committeeId,
        committeeName: names.get(contract.committeeId) ?? "",
        contracts: 0,
        openDeficiencies: 0,
      };
      entry.contracts += 1;
      entry.openDeficiencies += open(theirs).length;
      others.set(contract.committeeId, entry);
      continue;
    }
    const suggestion = input.risk.suggestions.get(contract.id);
    const recent = (deviations.get(contract.id) ?? []).filter(
      (deviation) => deviation.occurredOn >= yearAgo && deviation.occurredOn <= today,
    );
    readable.push({
      id: contract.id,
      title: contract.title,
      committeeId: contract.committeeId,
      committeeName: names.get(contract.committeeId) ?? "",
      status: contract.status,
      riskLevel: suggestion?.cell.level,
      riskLabel: suggestion ? RISK_LEVEL_LABELS[suggestion.cell.level] : "–",
      riskReasons: suggestion?.signals.map((signal) => signal.reason) ?? [],
      deviationsLastYear: recent.length,
      seriousDeviationsLastYear: recent.filter((deviation) => deviation.severity === "hög").length,
      deficiencies: theirs.map((deficiency) => ({
        id: deficiency.id,
        description: deficiency.description,
        status: deficiency.status,
        deadline: deficiency.deadline,
        overdue:
          !REMEDIED.has(deficiency.status) &&
          deficiency.deadline !== undefined &&
          deficiency.deadline < today,
      })),
    });
  }
  const inOrder = (a: { committeeId: string }, b: { committeeId: string }) =>
    (order.get(a.committeeId) ?? 0) - (order.get(b.committeeId) ?? 0);
  return {
    ...presentProviderSummary(group),
    register: input.register,
    readable: readable.sort((a, b) => inOrder(a, b) || a.title.localeCompare(b.title, "sv")),
    others: [...others.values()].sort(inOrder),
  };
}
