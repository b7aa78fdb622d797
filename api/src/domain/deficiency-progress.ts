import { type IsoDate, swedishLongDate } from "./dates.ts";
import type { Contract, Deficiency, DeficiencyStatus, Deviation, FollowUp } from "./model.ts";
import { type PeriodKind, periodKeyContaining } from "./reporting-period.ts";
import { capitalized, lowerFirst, numberWordCommon, sentence, swedishList } from "./swedish.ts";

/**
 * How far a deficiency's action plan has come, in words tensed from its
 * status and dates as they stand on the document's date: a check-up held is
 * told in the past with its result, a planned one in the future, a missed one
 * is flagged. Nothing is asserted that the register does not say.
 */

/** held: a result is recorded; planned: the check-up is today or later; missed: it passed without a result. */
export type CheckUpState = "held" | "planned" | "missed" | "unplanned";

export function checkUpState(deficiency: Deficiency, today: IsoDate): CheckUpState {
  if (deficiency.checkUpResult.trim() !== "") return "held";
  if (!deficiency.checkUpDate) return "unplanned";
  return deficiency.checkUpDate >= today ? "planned" : "missed";
}

export const hasActionPlan = (deficiency: Deficiency) => deficiency.measures.trim() !== "";

const STATUS_SENTENCES: Record<DeficiencyStatus, string> = {
  öppen: "Bristen är inte åtgärdad.",
  pågår: "Åtgärderna pågår.",
  åtgärdad: "Bristen är åtgärdad.",
  eskalerad: "Ärendet har eskalerats.",
};

/** The deficiency's check-up in one or two sentences, for the nämnd's own report. */
export function progressText(deficiency: Deficiency, today: IsoDate): string {
  const on = (date: IsoDate | undefined) => (date ? `den ${swedishLongDate(date)}` : "");
  const status = STATUS_SENTENCES[deficiency.status];
  switch (checkUpState(deficiency, today)) {
    case "held":
      return [
        `Följdes upp ${on(deficiency.checkUpDate)}`.trim().concat(":"),
        sentence(deficiency.checkUpResult),
        status,
      ].join(" ");
    case "planned":
      return `Följs upp ${on(deficiency.checkUpDate)}. ${status}`;
    case "missed":
      return `Uppföljningen som var planerad ${on(deficiency.checkUpDate)} har inte redovisats. ${status}`;
    case "unplanned":
      return deficiency.status === "åtgärdad"
        ? status
        : `Ingen uppföljning av handlingsplanen är planerad. ${status}`;
  }
}

/** "låg utbildningsnivå hos personalen (två av utförarna)": same descriptions told once. */
function describe(deficiencies: Deficiency[], contract: Contract | undefined): string[] {
  const groups = new Map<string, [Deficiency, ...Deficiency[]]>();
  for (const deficiency of deficiencies) {
    const key = deficiency.description.trim().toLocaleLowerCase("sv");
    const group = groups.get(key);
    if (group) group.push(deficiency);
    else groups.set(key, [deficiency]);
  }
  return [...groups.values()].map((group) => describeGroup(group, contract));
}

/** One description, and how many of a contract's several providers it concerns. */
function describeGroup(
  group: [Deficiency, ...Deficiency[]],
  contract: Contract | undefined,
): string {
  const text = lowerFirst(group[0].description.trim().replace(/[.]$/, ""));
  const providers = new Set(group.map((deficiency) => deficiency.provider).filter(Boolean));
  const several = (contract?.providers.length ?? 0) > 1;
  return several && providers.size > 0
    ? `${text} (${numberWordCommon(providers.size)} av utförarna)`
    : text;
}

const checkUpOrder = (deficiency: Deficiency) =>
  deficiency.checkUpDate ?? deficiency.deadline ?? "9999-12-31";

/**
 * The action plans of one contract's deficiencies as sentences for the KS
 * compilation, in date order: check-ups held (past tense, with the result),
 * missed ones (flagged), planned ones grouped by date (future tense), and
 * deficiencies that still lack an action plan or a check-up.
 */
export function actionPlanSentences(
  deficiencies: Deficiency[],
  contract: Contract | undefined,
  today: IsoDate,
): { sentences: string[]; missed: Deficiency[]; withoutPlan: Deficiency[] } {
  const ordered = [...deficiencies].sort(
    (a, b) =>
      checkUpOrder(a).localeCompare(checkUpOrder(b)) ||
      a.description.localeCompare(b.description, "sv"),
  );
  const sentences: Array<{ at: string; text: string }> = [];
  const withoutPlan = ordered.filter((deficiency) => !hasActionPlan(deficiency));
  const planned = new Map<IsoDate, Deficiency[]>();
  const missed: Deficiency[] = [];
  for (const deficiency of ordered.filter(hasActionPlan)) {
    const state = checkUpState(deficiency, today);
    const date = deficiency.checkUpDate ? swedishLongDate(deficiency.checkUpDate) : "";
    const what = capitalized(describeGroup([deficiency], contract));
    if (state === "held") {
      sentences.push({
        at: checkUpOrder(deficiency),
        text: `${what}: handlingsplanen följdes upp${date ? ` den ${date}` : ""}. ${sentence(deficiency.checkUpResult)} ${STATUS_SENTENCES[deficiency.status]}`,
      });
    } else if (state === "missed") {
      missed.push(deficiency);
      sentences.push({
        at: checkUpOrder(deficiency),
        text: `${what}: uppföljningen av handlingsplanen var planerad till den ${date} men har inte redovisats.`,
      });
    } else if (state === "planned" && deficiency.checkUpDate) {
      const key = deficiency.checkUpDate;
      planned.set(key, [...(planned.get(key) ?? []), deficiency]);
    } else if (deficiency.status === "åtgärdad") {
      sentences.push({ at: checkUpOrder(deficiency), text: `${what}: bristen är åtgärdad.` });
    } else {
      sentences.push({
        at: "9999-12-31",
        text: `Handlingsplan har upprättats men ingen uppföljning är planerad: ${describe([deficiency], contract)[0]}.`,
      });
    }
  }
  for (const [date, group] of planned) {
    const items = describe(group, contract);
    sentences.push({
      at: date,
      text: `${group.length === 1 ? "Handlingsplan har" : "Handlingsplaner har"} upprättats och följs upp den ${swedishLongDate(date)}: ${swedishList(items)}.`,
    });
  }
  if (withoutPlan.length > 0) {
    sentences.push({
      at: "9999-12-31",
      text: `Handlingsplan saknas för: ${swedishList(describe(withoutPlan, contract))}.`,
    });
  }
  return {
    sentences: sentences.sort((a, b) => a.at.localeCompare(b.at)).map((entry) => entry.text),
    missed,
    withoutPlan,
  };
}

/**
 * The reporting period a deficiency belongs to: the period of the follow-up
 * that found it, else the period of the deviation it came from, else the
 * period in which it was registered.
 */
export function deficiencyPeriodKey(
  deficiency: Deficiency,
  kind: PeriodKind,
  followUps: ReadonlyMap<string, FollowUp>,
  deviations: ReadonlyMap<string, Deviation>,
): string | undefined {
  if (deficiency.followUpId) return followUps.get(deficiency.followUpId)?.period;
  if (deficiency.deviationId) {
    const deviation = deviations.get(deficiency.deviationId);
    return deviation?.occurredOn ? periodKeyContaining(kind, deviation.occurredOn) : undefined;
  }
  return deficiency.recordedOn ? periodKeyContaining(kind, deficiency.recordedOn) : undefined;
}
