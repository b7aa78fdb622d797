import { type Quadrant, quadrantOf } from "./classification.ts";
import { addDays, addMonths, daysBetween, type IsoDate, swedishLongDate } from "./dates.ts";
import type { Contract, Deficiency, Deviation, FollowUp, Person } from "./model.ts";
import { providerKeys } from "./provider-matching.ts";
import { providerNamed } from "./providers.ts";

/**
 * Risk assessment per contract, as the kommun assesses risk in its internal
 * control: sannolikhet 1–4 × konsekvens 1–4, the product read against the
 * matrix's thresholds as låg, medel or hög. Consequence comes from the value ×
 * impact classification; likelihood is suggested from what the app already
 * knows about the contract and its providers, each signal with its reason in
 * Swedish. A person confirms or overrides the suggestion with a reason, and a
 * confirmed assessment wins until it is changed.
 */

export const RISK_LEVELS = ["låg", "medel", "hög"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_ORDER: Record<RiskLevel, number> = { låg: 0, medel: 1, hög: 2 };

/** One step of the 1–4 scales. */
export type RiskScore = 1 | 2 | 3 | 4;
export const RISK_SCORES: readonly RiskScore[] = [1, 2, 3, 4];

export function riskScore(value: number): RiskScore {
  if (value <= 1) return 1;
  if (value >= 4) return 4;
  return value < 2.5 ? 2 : 3;
}

/** The kommun's matrix, kept in Inställningar. */
export interface RiskMatrix {
  /** Names of sannolikhet 1–4, as the kommun's internal-control guide writes them. */
  likelihoodLabels: readonly [string, string, string, string];
  /** Names of konsekvens 1–4. */
  consequenceLabels: readonly [string, string, string, string];
  /** The lowest product (1–16) that is medel, and the lowest that is hög. */
  thresholds: { medel: number; hög: number };
}

/** The common 4×4 of Swedish kommuners' internal control: 1–3 låg, 4–8 medel, 9–16 hög. */
export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  likelihoodLabels: ["Osannolik", "Mindre sannolik", "Sannolik", "Mycket sannolik"],
  consequenceLabels: ["Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"],
  thresholds: { medel: 4, hög: 9 },
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  låg: "Låg risk",
  medel: "Medelhög risk",
  hög: "Hög risk",
};

/** One problem with a setting: a stable code, the field it concerns (a path in the setting) and a Swedish message. */
export interface SettingProblem {
  code: string;
  field: string;
  message: string;
}

/** The problems with a matrix as entered in Inställningar, each with its field; empty when usable. */
export function riskMatrixProblems(matrix: RiskMatrix): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const { medel, hög } = matrix.thresholds;
  if (!Number.isInteger(medel) || medel < 2 || medel > 16) {
    problems.push({
      code: "threshold-out-of-range",
      field: "thresholds.medel",
      message: "Gränsen för medelhög risk ska vara ett heltal mellan 2 och 16.",
    });
  }
  if (!Number.isInteger(hög) || hög < 2 || hög > 16) {
    problems.push({
      code: "threshold-out-of-range",
      field: "thresholds.hög",
      message: "Gränsen för hög risk ska vara ett heltal mellan 2 och 16.",
    });
  }
  if (medel >= hög) {
    problems.push({
      code: "thresholds-out-of-order",
      field: "thresholds.hög",
      message: "Gränsen för hög risk ska vara högre än den för medelhög risk.",
    });
  }
  const blank = (labels: readonly string[]) => labels.findIndex((label) => label.trim() === "");
  const likelihood = blank(matrix.likelihoodLabels);
  if (likelihood >= 0) {
    problems.push({
      code: "label-missing",
      field: `likelihoodLabels.${likelihood}`,
      message: "Ge varje nivå av sannolikhet ett namn.",
    });
  }
  const consequence = blank(matrix.consequenceLabels);
  if (consequence >= 0) {
    problems.push({
      code: "label-missing",
      field: `consequenceLabels.${consequence}`,
      message: "Ge varje nivå av konsekvens ett namn.",
    });
  }
  return problems;
}

/** Swedish problems with a matrix as entered in Inställningar; empty when it is usable. */
export function checkRiskMatrix(matrix: RiskMatrix): string[] {
  return riskMatrixProblems(matrix).map((problem) => problem.message);
}

export function riskLevelOf(
  matrix: RiskMatrix,
  likelihood: RiskScore,
  consequence: RiskScore,
): RiskLevel {
  const product = likelihood * consequence;
  if (product >= matrix.thresholds.hög) return "hög";
  return product >= matrix.thresholds.medel ? "medel" : "låg";
}

/** The matrix cell, as the tab draws it and the API returns it. */
export interface RiskCell {
  likelihood: RiskScore;
  consequence: RiskScore;
  product: number;
  level: RiskLevel;
  likelihoodLabel: string;
  consequenceLabel: string;
}

export function riskCell(
  matrix: RiskMatrix,
  likelihood: RiskScore,
  consequence: RiskScore,
): RiskCell {
  return {
    likelihood,
    consequence,
    product: likelihood * consequence,
    level: riskLevelOf(matrix, likelihood, consequence),
    likelihoodLabel: matrix.likelihoodLabels[likelihood - 1] ?? String(likelihood),
    consequenceLabel: matrix.consequenceLabels[consequence - 1] ?? String(consequence),
  };
}

/**
 * Impact on the service weighs more than value: a failing low-value service
 * to citizens (bottleneck) hurts more than a high-value routine purchase.
 */
const CONSEQUENCE_BY_QUADRANT: Record<Quadrant, RiskScore> = {
  routine: 1,
  leverage: 2,
  bottleneck: 3,
  strategic: 4,
};

const QUADRANT_REASONS: Record<Quadrant, string> = {
  strategic: "högt värde och hög påverkan på verksamheten",
  leverage: "högt värde men låg påverkan på verksamheten",
  bottleneck: "lågt värde men hög påverkan på verksamheten",
  routine: "lågt värde och låg påverkan på verksamheten",
};

export type ConsequenceInput = Pick<
  Contract,
  "valueClass" | "impactClass" | "classified" | "strategic"
>;

/** Consequence from the value × impact classification, with its reason. */
export function consequenceOf(contract: ConsequenceInput): { score: RiskScore; reason: string } {
  const key = `${contract.classified}|${contract.valueClass}|${contract.impactClass}|${contract.strategic}`;
  let known = CONSEQUENCES.get(key);
  if (!known) {
    known = computeConsequence(contract);
    CONSEQUENCES.set(key, known);
  }
  return known;
}

/** Sixteen combinations at most: computed once each, as 20,000 contracts share them. */
const CONSEQUENCES = new Map<string, { score: RiskScore; reason: string }>();

function computeConsequence(contract: ConsequenceInput): { score: RiskScore; reason: string } {
  if (!contract.classified) {
    return {
      score: 2,
      reason: "Avtalet är inte klassificerat; konsekvensen antas vara kännbar tills det är gjort.",
    };
  }
  const quadrant = quadrantOf(contract.valueClass, contract.impactClass);
  const fromMatrix = CONSEQUENCE_BY_QUADRANT[quadrant];
  // The nämnd's decision that the contract is strategic says it matters.
  if (contract.strategic && fromMatrix < 3) {
    return {
      score: 3,
      reason: `Nämnden har beslutat att avtalet är strategiskt (${QUADRANT_REASONS[quadrant]}).`,
    };
  }
  return { score: fromMatrix, reason: `Avtalet har ${QUADRANT_REASONS[quadrant]}.` };
}

/** What is noted about a provider in the register (finances, IVO, other authorities). */
export interface ProviderProfile {
  name: string;
  orgNumber: string;
  weakFinances: boolean;
  /** A pending decision by IVO (permit, tillsyn) that may stop the provider. */
  ivoDecisionPending: boolean;
  /** Keys a person confirmed are this provider ("Även känd som"). */
  sameAs?: readonly string[];
  /** Keys a person confirmed are another provider. */
  notSameAs?: readonly string[];
}

export const RISK_SIGNALS = [
  "deviations",
  "open-deficiencies",
  "overdue-action-plans",
  "follow-up-result",
  "follow-up-age",
  "provider-other-committees",
  "provider-finances",
  "provider-ivo",
  "contract-end",
] as const;
export type RiskSignalKind = (typeof RISK_SIGNALS)[number];

/** One reason the likelihood is raised, worth some points. */
export interface RiskSignal {
  kind: RiskSignalKind;
  points: number;
  reason: string;
}

export interface RiskOptions {
  /** Points at which likelihood reaches 2, 3 and 4 (below the first it is 1). */
  likelihoodSteps?: readonly [number, number, number];
  /** Months ahead a contract's end or extension decision counts as a change of provider. */
  endWithinMonths?: number;
}

const DEFAULT_OPTIONS: Required<RiskOptions> = {
  likelihoodSteps: [1, 3, 5],
  endWithinMonths: 6,
};

export interface RiskInput {
  today: IsoDate;
  contracts: readonly Contract[];
  deviations: readonly Deviation[];
  deficiencies: readonly Deficiency[];
  followUps: readonly FollowUp[];
  providers?: readonly ProviderProfile[];
  options?: RiskOptions;
}

interface ContractFacts {
  deviations: number;
  severeDeviations: number;
  openDeficiencies: number;
  escalated: number;
  overdueActionPlans: number;
  latestFollowUp: FollowUp | undefined;
}

/**
 * Everything a suggestion reads, indexed once: facts per contract, and
 * providers' open deficiencies per nämnd and their register notes by key.
 * Building it is linear in the data, so suggesting for every contract of the
 * kommun is too.
 */
export interface RiskIndex {
  today: IsoDate;
  options: Required<RiskOptions>;
  facts: Map<string, ContractFacts>;
  /** provider key → nämnd id → open deficiencies of that provider there. */
  providerDeficiencies: Map<string, Map<string, number>>;
  profiles: Map<string, ProviderProfile>;
  /** Keys a person confirmed belong to a register entry ("Även känd som"). */
  confirmed: Map<string, ProviderProfile>;
  /** A provider's keys, computed once per distinct provider (names are normalised by regex). */
  keysOf: (provider: { name: string; orgNumber?: string | undefined }) => string[];
  /** "2 april 2027", once per distinct date. */
  longDate: (date: IsoDate) => string;
  /** An end or extension decision on or before this day is near. */
  endHorizon: IsoDate;
  /** A follow-up on or before these days is 13 and 25 months old or more. */
  staleFrom: { one: IsoDate; two: IsoDate };
}

/** providerKeys remembered per name and number, without building a key string per call. */
export function providerKeysMemo(): RiskIndex["keysOf"] {
  const byName = new Map<string, Map<string, string[]>>();
  return (provider) => {
    const orgNumber = provider.orgNumber ?? "";
    let byOrg = byName.get(provider.name);
    if (!byOrg) {
      byOrg = new Map();
      byName.set(provider.name, byOrg);
    }
    let keys = byOrg.get(orgNumber);
    if (!keys) {
      keys = providerKeys(provider);
      byOrg.set(orgNumber, keys);
    }
    return keys;
  };
}

/** A one-argument function remembered by a string key. */
function memo<A, R>(key: (argument: A) => string, compute: (argument: A) => R): (argument: A) => R {
  const cache = new Map<string, R>();
  return (argument) => {
    const id = key(argument);
    let value = cache.get(id);
    if (value === undefined) {
      value = compute(argument);
      cache.set(id, value);
    }
    return value;
  };
}

const OPEN_DEFICIENCY = new Set(["öppen", "pågår", "eskalerad"]);

/** Facts of a contract with none recorded; never written to. */
const NO_FACTS: Readonly<ContractFacts> = Object.freeze(emptyFacts());

function emptyFacts(): ContractFacts {
  return {
    deviations: 0,
    severeDeviations: 0,
    openDeficiencies: 0,
    escalated: 0,
    overdueActionPlans: 0,
    latestFollowUp: undefined,
  };
}

/** An action plan is overdue when its deadline or a check-up passed without it being done. */
function actionPlanOverdue(deficiency: Deficiency, today: IsoDate): boolean {
  if (deficiency.deadline && deficiency.deadline < today) return true;
  return (
    deficiency.checkUpDate !== undefined &&
    deficiency.checkUpDate < today &&
    deficiency.checkUpResult.trim() === ""
  );
}

/**
 * The keys of the providers a deficiency concerns: the one it names, or —
 * for one about the whole contract — the contract's provider when it has only
 * one (with several, "the whole contract" blames none of them in particular).
 */
function deficiencyProviderKeys(
  deficiency: Deficiency,
  contract: Contract | undefined,
  keysOf: RiskIndex["keysOf"],
): string[] {
  if (deficiency.provider.trim() !== "") {
    const named = contract ? providerNamed(contract, deficiency.provider) : undefined;
    return keysOf(named ?? { name: deficiency.provider });
  }
  const [only, ...others] = contract?.providers ?? [];
  return only && others.length === 0 ? keysOf(only) : [];
}

export function buildRiskIndex(input: RiskInput): RiskIndex {
  const { today } = input;
  const options = { ...DEFAULT_OPTIONS, ...input.options };
  const yearAgo = addMonths(today, -12);
  const facts = new Map<string, ContractFacts>();
  const factsOf = (contractId: string) => {
    let entry = facts.get(contractId);
    if (!entry) {
      entry = emptyFacts();
      facts.set(contractId, entry);
    }
    return entry;
  };
  const contractsById = new Map(input.contracts.map((contract) => [contract.id, contract]));
  const keysOf = providerKeysMemo();

  for (const deviation of input.deviations) {
    if (deviation.occurredOn < yearAgo || deviation.occurredOn > today) continue;
    const entry = factsOf(deviation.contractId);
    entry.deviations += 1;
    if (deviation.severity === "hög") entry.severeDeviations += 1;
  }

  const providerDeficiencies = new Map<string, Map<string, number>>();
  for (const deficiency of input.deficiencies) {
    if (!OPEN_DEFICIENCY.has(deficiency.status)) continue;
    const entry = factsOf(deficiency.contractId);
    entry.openDeficiencies += 1;
    if (deficiency.status === "eskalerad") entry.escalated += 1;
    if (actionPlanOverdue(deficiency, today)) entry.overdueActionPlans += 1;
    const contract = contractsById.get(deficiency.contractId);
    for (const key of deficiencyProviderKeys(deficiency, contract, keysOf)) {
      let perCommittee = providerDeficiencies.get(key);
      if (!perCommittee) {
        perCommittee = new Map();
        providerDeficiencies.set(key, perCommittee);
      }
      perCommittee.set(deficiency.committeeId, (perCommittee.get(deficiency.committeeId) ?? 0) + 1);
    }
  }

  for (const followUp of input.followUps) {
    if (followUp.status !== "klar" || followUp.followUpDate > today) continue;
    const entry = factsOf(followUp.contractId);
    const latest = entry.latestFollowUp;
    if (!latest || followUp.followUpDate > latest.followUpDate) entry.latestFollowUp = followUp;
  }

  const profiles = new Map<string, ProviderProfile>();
  const confirmed = new Map<string, ProviderProfile>();
  for (const profile of input.providers ?? []) {
    for (const key of keysOf(profile)) profiles.set(key, profile);
    for (const key of profile.sameAs ?? []) confirmed.set(key, profile);
  }
  return {
    today,
    options,
    facts,
    providerDeficiencies,
    profiles,
    confirmed,
    keysOf,
    longDate: memo((date: IsoDate) => date, swedishLongDate),
    endHorizon: addMonths(today, options.endWithinMonths),
    // months = floor(days / 30.44): 13 months from 396 days, 25 from 761.
    staleFrom: { one: addDays(today, -396), two: addDays(today, -761) },
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function deviationSignal(signals: RiskSignal[], facts: ContractFacts): void {
  if (facts.deviations === 0) return;
  const points = (facts.deviations >= 3 ? 2 : 1) + (facts.severeDeviations > 0 ? 1 : 0);
  const severe =
    facts.severeDeviations > 0
      ? `, varav ${plural(facts.severeDeviations, "allvarlig", "allvarliga")}`
      : "";
  signals.push({
    kind: "deviations",
    points,
    reason: `${plural(facts.deviations, "avvikelse", "avvikelser")} senaste året${severe}`,
  });
}

function deficiencySignals(signals: RiskSignal[], facts: ContractFacts): void {
  if (facts.openDeficiencies > 0) {
    const escalated =
      facts.escalated > 0 ? `, varav ${plural(facts.escalated, "eskalerad", "eskalerade")}` : "";
    signals.push({
      kind: "open-deficiencies",
      points: (facts.openDeficiencies >= 3 ? 2 : 1) + (facts.escalated > 0 ? 1 : 0),
      reason: `${plural(facts.openDeficiencies, "öppen brist", "öppna brister")}${escalated}`,
    });
  }
  if (facts.overdueActionPlans > 0) {
    signals.push({
      kind: "overdue-action-plans",
      points: 1,
      reason: `${plural(facts.overdueActionPlans, "handlingsplan försenad", "handlingsplaner försenade")} (tidsfrist eller avstämning passerad)`,
    });
  }
}

function followUpSignals(
  signals: RiskSignal[],
  contract: Contract,
  facts: ContractFacts,
  index: RiskIndex,
): void {
  const latest = facts.latestFollowUp;
  if (latest?.meetsRequirements === "nej") {
    signals.push({
      kind: "follow-up-result",
      points: 2,
      reason: `Senaste uppföljningen (${index.longDate(latest.followUpDate)}): utföraren uppfyller inte kraven`,
    });
  } else if (latest?.meetsRequirements === "delvis") {
    signals.push({
      kind: "follow-up-result",
      points: 1,
      reason: `Senaste uppföljningen (${index.longDate(latest.followUpDate)}): kraven uppfylls delvis`,
    });
  }
  if (contract.status !== "aktivt") return;
  // Only strategic contracts' follow-ups are surely recorded in the app; others are
  // followed up under internal control, so "none recorded" says nothing about them.
  const since = latest?.followUpDate ?? (contract.strategic ? contract.startDate : undefined);
  // A contract not yet a year old has had no chance to miss its first follow-up.
  if (!since || since > index.staleFrom.one) return;
  const months = Math.floor(daysBetween(since, index.today) / 30.44);
  signals.push({
    kind: "follow-up-age",
    points: since <= index.staleFrom.two ? 2 : 1,
    reason: latest
      ? `Ingen uppföljning på ${months} månader`
      : `Ingen uppföljning registrerad sedan avtalsstart (${months} månader)`,
  });
}

/**
 * What the register notes about a provider known by `keys`: the entry with its
 * organisationsnummer, else one a person confirmed it is (by its number, or by
 * its name when it has no number), else the one with its name key — unless
 * both have numbers and they differ (two companies with alike names), or a
 * person said they are two. As `registerEntryFor`.
 */
export function profileOf(keys: readonly string[], index: RiskIndex): ProviderProfile | undefined {
  const org = keys.find((key) => key.startsWith("org:"));
  const byOrg = org ? index.profiles.get(org) : undefined;
  if (byOrg) return byOrg;
  const name = keys.find((key) => key.startsWith("name:"));
  const confirmed = org ? index.confirmed.get(org) : name ? index.confirmed.get(name) : undefined;
  if (confirmed) return confirmed;
  const byName = name ? index.profiles.get(name) : undefined;
  if (byName?.notSameAs?.some((key) => keys.includes(key))) return undefined;
  if (!byName || !org) return byName;
  return index.keysOf(byName).some((key) => key.startsWith("org:")) ? undefined : byName;
}

function providerSignals(signals: RiskSignal[], contract: Contract, index: RiskIndex): void {
  // Most contracts' providers have nothing noted anywhere: answer without allocating.
  const anything = contract.providers.some((provider) =>
    index
      .keysOf(provider)
      .some(
        (key) =>
          index.providerDeficiencies.has(key) ||
          index.profiles.has(key) ||
          index.confirmed.has(key),
      ),
  );
  if (!anything) return;
  const own = new Set([contract.committeeId, ...contract.sharedWithCommitteeIds]);
  const elsewhere = new Map<string, Set<string>>();
  const weak: string[] = [];
  const ivo: string[] = [];
  for (const provider of contract.providers) {
    const keys = index.keysOf(provider);
    for (const key of keys) {
      for (const committeeId of index.providerDeficiencies.get(key)?.keys() ?? []) {
        if (own.has(committeeId)) continue;
        const set = elsewhere.get(provider.name) ?? new Set<string>();
        set.add(committeeId);
        elsewhere.set(provider.name, set);
      }
    }
    const profile = profileOf(keys, index);
    if (profile?.weakFinances) weak.push(provider.name);
    if (profile?.ivoDecisionPending) ivo.push(provider.name);
  }
  let widest = 0;
  const told: string[] = [];
  for (const [name, committees] of elsewhere) {
    widest = Math.max(widest, committees.size);
    told.push(
      `${name} har öppna brister i ${committees.size === 1 ? "en annan nämnd" : `${committees.size} andra nämnder`}`,
    );
  }
  if (widest > 0) {
    signals.push({
      kind: "provider-other-committees",
      points: widest >= 2 ? 2 : 1,
      reason: told.join("; "),
    });
  }
  if (weak.length > 0) {
    signals.push({
      kind: "provider-finances",
      points: 2,
      reason: `Svag ekonomisk ställning noterad för ${weak.join(", ")}`,
    });
  }
  if (ivo.length > 0) {
    signals.push({
      kind: "provider-ivo",
      points: 2,
      reason: `Inväntar IVO:s beslut: ${ivo.join(", ")}`,
    });
  }
}

function contractEndSignal(signals: RiskSignal[], contract: Contract, index: RiskIndex): void {
  if (contract.status === "avslutat") return;
  const horizon = index.endHorizon;
  const { extensionDecisionDate, endDate } = contract;
  if (
    extensionDecisionDate &&
    extensionDecisionDate >= index.today &&
    extensionDecisionDate <= horizon
  ) {
    signals.push({
      kind: "contract-end",
      points: 1,
      reason: `Beslut om förlängning ska tas senast ${index.longDate(extensionDecisionDate)}`,
    });
    return;
  }
  if (endDate && endDate >= index.today && endDate <= horizon) {
    signals.push({
      kind: "contract-end",
      points: 1,
      reason: `Avtalet löper ut ${index.longDate(endDate)}`,
    });
  }
}

export interface RiskSuggestion {
  contractId: string;
  cell: RiskCell;
  /** Sum of the signals' points, mapped to likelihood by the options' steps. */
  points: number;
  signals: RiskSignal[];
  consequenceReason: string;
  /** Every reason in Swedish, the summary first. */
  reasons: string[];
}

function likelihoodOf(points: number, steps: readonly [number, number, number]): RiskScore {
  if (points >= steps[2]) return 4;
  if (points >= steps[1]) return 3;
  return points >= steps[0] ? 2 : 1;
}

export function cellSummary(cell: RiskCell): string {
  return `${RISK_LEVEL_LABELS[cell.level]}: sannolikhet ${cell.likelihood} (${cell.likelihoodLabel.toLocaleLowerCase("sv")}) × konsekvens ${cell.consequence} (${cell.consequenceLabel.toLocaleLowerCase("sv")}) = ${cell.product}`;
}

/** Cells and their summaries per matrix, made once: there are sixteen. */
const CELLS = new WeakMap<RiskMatrix, Map<number, { cell: RiskCell; summary: string }>>();

function cachedCell(
  matrix: RiskMatrix,
  likelihood: RiskScore,
  consequence: RiskScore,
): { cell: RiskCell; summary: string } {
  let cells = CELLS.get(matrix);
  if (!cells) {
    cells = new Map();
    CELLS.set(matrix, cells);
  }
  const key = likelihood * 10 + consequence;
  let entry = cells.get(key);
  if (!entry) {
    const cell = riskCell(matrix, likelihood, consequence);
    entry = { cell, summary: cellSummary(cell) };
    cells.set(key, entry);
  }
  return entry;
}

/** The suggested assessment of one contract from the indexed signals. */
export function suggestRisk(
  contract: Contract,
  index: RiskIndex,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): RiskSuggestion {
  const facts = index.facts.get(contract.id) ?? NO_FACTS;
  const signals: RiskSignal[] = [];
  deviationSignal(signals, facts);
  deficiencySignals(signals, facts);
  followUpSignals(signals, contract, facts, index);
  providerSignals(signals, contract, index);
  contractEndSignal(signals, contract, index);
  let points = 0;
  const reasons = [""];
  for (const signal of signals) {
    points += signal.points;
    reasons.push(signal.reason);
  }
  const consequence = consequenceOf(contract);
  const { cell, summary } = cachedCell(
    matrix,
    likelihoodOf(points, index.options.likelihoodSteps),
    consequence.score,
  );
  reasons[0] = summary;
  if (signals.length === 0) reasons.push("Inga signaler om ökad sannolikhet");
  reasons.push(consequence.reason);
  return {
    contractId: contract.id,
    cell,
    points,
    signals,
    consequenceReason: consequence.reason,
    reasons,
  };
}

/** Suggestions for many contracts at once (the kommun's 20,000 in one pass). */
export function suggestRisks(
  input: RiskInput,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): Map<string, RiskSuggestion> {
  const index = buildRiskIndex(input);
  const suggestions = new Map<string, RiskSuggestion>();
  for (const contract of input.contracts) {
    suggestions.set(contract.id, suggestRisk(contract, index, matrix));
  }
  return suggestions;
}

/** A person's assessment: the suggestion confirmed, or overridden with a reason. */
export interface RiskConfirmation {
  likelihood: RiskScore;
  consequence: RiskScore;
  /** Required when the cell differs from the suggestion at the time. */
  reason: string;
  confirmedBy: Person;
  confirmedOn: IsoDate;
  /** The suggested level when it was confirmed, so a later rise can be told. */
  suggestedLevel: RiskLevel;
  /**
   * The latest raise of the level in force: from which level, and when. Kept
   * while the level stays (a re-confirmation does not cancel the extra
   * follow-up a raise brought forward), dropped when it is lowered.
   */
  raisedFrom?: RiskRaise | undefined;
}

export interface RiskRaise {
  level: RiskLevel;
  on: IsoDate;
}

/** The raise in force for `nextFollowUp`: only one that still stands above where it came from. */
export function raiseOf(
  confirmation: RiskConfirmation | undefined,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): RiskRaise | undefined {
  const raise = confirmation?.raisedFrom;
  if (!confirmation || !raise) return undefined;
  const level = riskLevelOf(matrix, confirmation.likelihood, confirmation.consequence);
  return RISK_ORDER[level] > RISK_ORDER[raise.level] ? raise : undefined;
}

/**
 * The raise a new assessment carries: a new one when it raises the level in
 * force, the earlier one when the level stays, none when it is lowered.
 */
export function raiseAfter(
  before: { level: RiskLevel; confirmation: RiskConfirmation | undefined },
  level: RiskLevel,
  today: IsoDate,
): RiskRaise | undefined {
  if (RISK_ORDER[level] > RISK_ORDER[before.level]) return { level: before.level, on: today };
  if (level === before.level) return before.confirmation?.raisedFrom;
  return undefined;
}

export type RiskConfirmationProblem = "override-reason-missing";

/** An override of the suggestion needs a reason (of a few letters at least). */
export function checkRiskConfirmation(
  confirmation: Pick<RiskConfirmation, "likelihood" | "consequence" | "reason">,
  suggestion: RiskSuggestion,
): { problem: RiskConfirmationProblem; message: string } | undefined {
  const same =
    confirmation.likelihood === suggestion.cell.likelihood &&
    confirmation.consequence === suggestion.cell.consequence;
  if (same || confirmation.reason.trim().length >= 3) return undefined;
  return {
    problem: "override-reason-missing",
    message: "Ange varför bedömningen skiljer sig från förslaget.",
  };
}

export interface EffectiveRisk {
  cell: RiskCell;
  source: "confirmed" | "suggested";
  suggestion: RiskSuggestion;
  confirmation?: RiskConfirmation | undefined;
  /** The suggestion now stands above the confirmed level: the owner should look again. */
  suggestionRose: boolean;
  reasons: string[];
}

/** The level the årshjul, reminders and plan use: the confirmed one if any, else the suggestion. */
export function effectiveRisk(
  suggestion: RiskSuggestion,
  confirmation: RiskConfirmation | undefined,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): EffectiveRisk {
  if (!confirmation) {
    return {
      cell: suggestion.cell,
      source: "suggested",
      suggestion,
      suggestionRose: false,
      reasons: suggestion.reasons,
    };
  }
  const cell = riskCell(matrix, confirmation.likelihood, confirmation.consequence);
  // Only a rise past both the confirmed level and what was suggested when it was
  // confirmed: a deliberate override downwards is not nagged about again.
  const suggested = RISK_ORDER[suggestion.cell.level];
  const rose =
    suggested > RISK_ORDER[cell.level] && suggested > RISK_ORDER[confirmation.suggestedLevel];
  const by = `Bedömd av ${confirmation.confirmedBy.name} ${swedishLongDate(confirmation.confirmedOn)}`;
  const reason = confirmation.reason.trim();
  return {
    cell,
    source: "confirmed",
    confirmation,
    suggestion,
    suggestionRose: rose,
    reasons: [
      cellSummary(cell),
      reason === "" ? `${by}.` : `${by}: ${reason}`,
      ...(rose
        ? [
            `Förslaget är nu ${RISK_LEVEL_LABELS[suggestion.cell.level].toLocaleLowerCase("sv")}; se över bedömningen.`,
          ]
        : []),
    ],
  };
}

/**
 * Contracts whose suggestion has risen past the level a person confirmed
 * (id → the suggested level), for the reminder run. Only assessed contracts
 * still running are suggested for; with none, nothing is indexed.
 */
export function risenSuggestions(
  input: RiskInput,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): Map<string, RiskLevel> {
  const risen = new Map<string, RiskLevel>();
  const assessed = input.contracts.filter(
    (contract) => contract.risk !== undefined && contract.status !== "avslutat",
  );
  if (assessed.length === 0) return risen;
  const index = buildRiskIndex(input);
  for (const contract of assessed) {
    const suggestion = suggestRisk(contract, index, matrix);
    if (effectiveRisk(suggestion, contract.risk, matrix).suggestionRose)
      risen.set(contract.id, suggestion.cell.level);
  }
  return risen;
}
