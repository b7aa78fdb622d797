import type { IsoDate } from "../domain/dates.ts";
import type { Committee, Contract, Deficiency, Deviation, FollowUp } from "../domain/model.ts";
import { type FlaggedProvider, flaggedProviders } from "../domain/provider-signals.ts";
import {
  buildRiskIndex,
  type ProviderProfile,
  type RiskIndex,
  type RiskMatrix,
  type RiskSuggestion,
  suggestRisk,
} from "../domain/risk.ts";

/**
 * The kommun's risk picture from the kommun copy (store.kommunView()),
 * computed in one pass without a Graph call per contract: suggestions for
 * every contract and the providers flagged to kommunstyrelsen. Shared between
 * callers (see kommunRisk): read it, never change it.
 */
export interface KommunRisk {
  index: RiskIndex;
  suggestions: ReadonlyMap<string, RiskSuggestion>;
}

export interface KommunRiskInput {
  today: IsoDate;
  contracts: readonly Contract[];
  deficiencies: readonly Deficiency[];
  followUps: readonly FollowUp[];
  deviations?: readonly Deviation[];
  /** The provider register's notes (weak finances, a pending IVO decision): `CycleData.providers`. */
  providers?: readonly ProviderProfile[];
  matrix: RiskMatrix;
}

/**
 * The kommun's risk, remembered by its inputs' identity: the kommun copy keeps
 * the same arrays while a list does not change (cycle-mirror.ts), so the KS
 * overview, the provider page, the exports, the bot and the KS compilation
 * share one computation until something they weigh changes. Only the latest
 * result per contracts array is kept; the result is read, never changed.
 */
export function kommunRisk(input: KommunRiskInput): KommunRisk {
  const deviations = input.deviations ?? NONE;
  const providers = input.providers ?? NONE;
  const known = REMEMBERED.get(input.contracts);
  if (
    known &&
    known.today === input.today &&
    known.deficiencies === input.deficiencies &&
    known.followUps === input.followUps &&
    known.deviations === deviations &&
    known.providers === providers &&
    known.matrix === input.matrix
  ) {
    return known.result;
  }
  const result = computeKommunRisk({ ...input, deviations, providers });
  REMEMBERED.set(input.contracts, {
    today: input.today,
    deficiencies: input.deficiencies,
    followUps: input.followUps,
    deviations,
    providers,
    matrix: input.matrix,
    result,
  });
  return result;
}

/** Left-out lists: one array, so leaving them out twice is the same input. */
const NONE: readonly never[] = Object.freeze([]);

interface Remembered {
  today: IsoDate;
  deficiencies: readonly Deficiency[];
  followUps: readonly FollowUp[];
  deviations: readonly Deviation[];
  providers: readonly ProviderProfile[];
  matrix: RiskMatrix;
  result: KommunRisk;
}

const REMEMBERED = new WeakMap<readonly Contract[], Remembered>();

function computeKommunRisk(input: Required<KommunRiskInput>): KommunRisk {
  const index = buildRiskIndex({
    today: input.today,
    contracts: input.contracts,
    deficiencies: input.deficiencies,
    followUps: input.followUps,
    deviations: input.deviations,
    providers: input.providers,
  });
  const suggestions = new Map<string, RiskSuggestion>();
  for (const contract of input.contracts) {
    suggestions.set(contract.id, suggestRisk(contract, index, input.matrix));
  }
  return { index, suggestions };
}

/**
 * The providers flagged to KS, remembered with the risk they were weighed
 * from (the KS overview and the KS compilation ask over the same copy).
 */
export function kommunFlaggedProviders(
  contracts: readonly Contract[],
  committees: readonly Committee[],
  risk: KommunRisk,
): readonly FlaggedProvider[] {
  const known = FLAGGED.get(risk);
  if (known && known.contracts === contracts && known.committees === committees)
    return known.flagged;
  const flagged = flaggedProviders(contracts, risk.index, risk.suggestions, committees);
  FLAGGED.set(risk, { contracts, committees, flagged });
  return flagged;
}

const FLAGGED = new WeakMap<
  KommunRisk,
  {
    contracts: readonly Contract[];
    committees: readonly Committee[];
    flagged: readonly FlaggedProvider[];
  }
>();

/** One nämnd where a flagged provider works, with what KS needs to weigh it. */
export interface FlaggedProviderPlace {
  committeeId: string;
  committeeName: string;
  contracts: number;
  openDeficiencies: number;
  highRiskContracts: number;
}

/** A provider with open deficiencies or hög risk in two or more nämnder, as KS reads it. */
export interface FlaggedProviderView {
  /** For the link to the provider's page. */
  key: string;
  name: string;
  orgNumber: string;
  places: FlaggedProviderPlace[];
  /** A sentence KS can use in its assessment. */
  sentence: string;
}

export function presentFlaggedProviders(
  contracts: readonly Contract[],
  committees: readonly Committee[],
  risk: KommunRisk,
): FlaggedProviderView[] {
  const flagged = kommunFlaggedProviders(contracts, committees, risk);
  const byId = new Map(contracts.map((contract) => [contract.id, contract]));
  return flagged.map((provider) => presentOne(provider, byId, committees, risk));
}

function presentOne(
  provider: FlaggedProvider,
  byId: ReadonlyMap<string, Contract>,
  committees: readonly Committee[],
  risk: KommunRisk,
): FlaggedProviderView {
  const { index, suggestions } = risk;
  const keys = new Set(provider.keys);
  const own = provider.contractIds.flatMap((id) => {
    const contract = byId.get(id);
    return contract ? [contract] : [];
  });
  const places: FlaggedProviderPlace[] = [];
  for (const committee of committees) {
    const here = own.filter((contract) => contract.committeeId === committee.id);
    // A deficiency counts under each key it names the provider by: the largest count, not the sum.
    let openDeficiencies = 0;
    for (const key of keys) {
      openDeficiencies = Math.max(
        openDeficiencies,
        index.providerDeficiencies.get(key)?.get(committee.id) ?? 0,
      );
    }
    if (here.length === 0 && openDeficiencies === 0) continue;
    places.push({
      committeeId: committee.id,
      committeeName: committee.name,
      contracts: here.length,
      openDeficiencies,
      highRiskContracts: here.filter(
        (contract) => suggestions.get(contract.id)?.cell.level === "hög",
      ).length,
    });
  }
  return {
    key: provider.key,
    name: provider.name,
    orgNumber: provider.orgNumber,
    places,
    sentence: provider.sentence,
  };
}
