import { APP_ITSELF } from "../api/src/domain/actor.ts";
import type { AppStore } from "../api/src/store/app-store.ts";
import { encodeCommittee, encodeContract, encodeFollowUp } from "../api/src/store/mappers.ts";
import type { FieldsOf, ListKey } from "../api/src/store/schema.ts";

/** Benchmark setup: creates list items through batches of 20 and returns their ids in order. */
export async function createItems<K extends ListKey>(
  store: AppStore,
  list: K,
  rows: Array<FieldsOf<K>>,
): Promise<string[]> {
  const ids = await store.createMany(
    list,
    rows.map((fields, index) => ({ key: String(index), fields })),
    APP_ITSELF,
  );
  return rows.map((_, index) => {
    const id = ids.get(String(index));
    if (!id) throw new Error(`bench setup: ${list} ${index} failed`);
    return id;
  });
}

/** A finished follow-up for the benchmarks; `deficient` ones only partly meet the requirements. */
export function benchFollowUp(row: {
  contractId: string;
  committeeId: string;
  period: string;
  followUpDate: string;
  deficient: boolean;
}): Record<string, unknown> {
  return encodeFollowUp({
    contractId: row.contractId,
    committeeId: row.committeeId,
    period: row.period,
    followUpDate: row.followUpDate,
    form: "avtalsuppföljning",
    meetsRequirements: row.deficient ? "delvis" : "ja",
    deficienciesSummary: row.deficient ? "Brister i dokumentationen." : "",
    goalImpact: "",
    actionPlanSummary: "",
    goalFulfilment: "",
    serviceEvaluation: "",
    controlSufficient: true,
    publicSummary: "",
    status: "klar",
  });
}

/** A nämnd for the benchmarks, by its number; the first may be kommunstyrelsen. */
export function benchCommittee(
  number: number,
  options: { isKs?: boolean; domain?: string } = {},
): Record<string, unknown> {
  return encodeCommittee({
    name: options.isKs ? "Kommunstyrelsen" : `Nämnd ${number}`,
    code: options.isKs ? "KS" : `N${number}`,
    periodKind: undefined,
    reportMonth: undefined,
    registryEmail: `n${number}.diarium@${options.domain ?? "bench.se"}`,
    groupId: "",
    secretaryIds: [],
    isKs: options.isKs === true,
    teamId: "",
    channelId: "",
    driveId: "",
  });
}

/** An active contract for the benchmarks; strategic ones are classified high value and impact. */
export function benchContract(row: {
  title: string;
  contractNumber: string;
  committeeId: string;
  owner: { id: string; name: string; email: string };
  strategic: boolean;
  serviceArea?: string;
  provider?: string;
  startDate?: string;
  endDate?: string;
  status?: "aktivt" | "avslutat";
}): Record<string, unknown> {
  const level = row.strategic ? "hög" : "låg";
  return encodeContract({
    title: row.title,
    contractNumber: row.contractNumber,
    committeeId: row.committeeId,
    serviceArea: row.serviceArea ?? "Hemtjänst",
    provider: row.provider ?? "Utförare AB",
    providerOrgNumber: "",
    ownRegime: false,
    owner: row.owner,
    valueClass: level,
    impactClass: level,
    strategic: row.strategic,
    overrideReason: "",
    startDate: row.startDate ?? "2020-01-01",
    ...(row.endDate ? { endDate: row.endDate } : {}),
    extensionOptions: "",
    status: row.status ?? "aktivt",
    followUpsPerYear: 1,
    description: "",
    publicFields: [],
    publicDescription: "",
    internalNotes: "",
  });
}
