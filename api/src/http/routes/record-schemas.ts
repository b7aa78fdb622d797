import { z } from "zod";
import { mandatePeriodFromKey } from "../../domain/mandate-period.ts";
import {
  DEFICIENCY_STATUSES,
  DEVIATION_STATUSES,
  FOLLOW_UP_FORMS,
  FOLLOW_UP_STATUSES,
  KICKOFF_REASONS,
  PLAN_STATUSES,
  REQUIREMENT_ANSWERS,
  SEVERITIES,
} from "../../domain/model.ts";
import { isoDate, itemId, periodKey, person, requiredText, text } from "../validation.ts";

/**
 * Input of each kind of record, as the tab sends it. Each schema is the whole
 * record; an update is merged onto the stored record and checked against it.
 */

const LONG = 20_000;

export const planSchema = z
  .object({
    committeeId: itemId("Nämnd"),
    mandatePeriod: z.string().refine((value) => mandatePeriodFromKey(value) !== undefined, {
      error: "Mandatperioden ska skrivas som valåret och fyra år senare, t.ex. 2026–2030",
    }),
    scope: text(LONG, "Vad ska följas upp"),
    forms: z.array(z.enum(FOLLOW_UP_FORMS)).max(3),
    formsDescription: text(LONG, "Hur ska det följas upp"),
    responsibility: text(LONG, "Vem ansvarar"),
    timetable: text(LONG, "Tidsplan"),
    feedback: text(LONG, "Återkoppling"),
    status: z.enum(PLAN_STATUSES),
    decisionDate: isoDate("Beslutsdatum").optional(),
    registryNumber: text(60, "Diarienummer"),
  })
  .refine((plan) => plan.status !== "beslutad" || plan.decisionDate !== undefined, {
    error: "Ange beslutsdatum för en beslutad plan",
    path: ["decisionDate"],
  });

export const kickoffSchema = z.object({
  contractId: itemId("Avtal"),
  committeeId: itemId("Nämnd"),
  reason: z.enum(KICKOFF_REASONS),
  contractStart: isoDate("Avtalsstart"),
  meetingDate: isoDate("Mötesdatum"),
  attendees: requiredText(LONG, "Deltagare"),
  continuousReporting: text(LONG, "Löpande rapportering"),
  yearlyReporting: text(LONG, "Årlig rapportering"),
  minutesRegistryNumber: text(60, "Protokollets diarienummer"),
  notes: text(LONG, "Anteckningar"),
});

export const deviationSchema = z.object({
  contractId: itemId("Avtal"),
  committeeId: itemId("Nämnd"),
  occurredOn: isoDate("Datum"),
  /** The provider it concerns; empty for the contract as a whole. */
  provider: text(255, "Utförare").default(""),
  description: requiredText(LONG, "Beskrivning"),
  severity: z.enum(SEVERITIES),
  handling: text(LONG, "Hantering"),
  status: z.enum(DEVIATION_STATUSES),
});

export const followUpSchema = z
  .object({
    contractId: itemId("Avtal"),
    committeeId: itemId("Nämnd"),
    period: periodKey("Perioden"),
    followUpDate: isoDate("Uppföljningsdatum"),
    form: z.enum(FOLLOW_UP_FORMS),
    meetsRequirements: z.enum(REQUIREMENT_ANSWERS, {
      error: "Svara ja, delvis eller nej på om utföraren uppfyller kraven",
    }),
    deficienciesSummary: text(LONG, "Iakttagna brister"),
    goalImpact: text(LONG, "Påverkan på måluppfyllelse"),
    actionPlanSummary: text(LONG, "Handlingsplan"),
    goalFulfilment: text(LONG, "Grad av måluppfyllelse"),
    serviceEvaluation: text(LONG, "Utvärdering av levererad tjänst"),
    controlSufficient: z.boolean({
      error: "Svara ja eller nej på om den befintliga kontrollen är tillräcklig",
    }),
    feedbackToProviderOn: isoDate("Återkopplat till utföraren").optional(),
    providerFeedback: text(LONG, "Återkoppling till utförarna").default(""),
    publicSummary: text(2000, "Publik sammanfattning"),
    status: z.enum(FOLLOW_UP_STATUSES),
  })
  .refine(
    (followUp) => followUp.meetsRequirements === "ja" || followUp.deficienciesSummary.length > 0,
    {
      error: "Beskriv vilka brister som har iakttagits när kraven inte är uppfyllda",
      path: ["deficienciesSummary"],
    },
  );

export const deficiencySchema = z
  .object({
    contractId: itemId("Avtal"),
    committeeId: itemId("Nämnd"),
    // "" (chosen "none" in the tab) unlinks.
    followUpId: z.union([itemId("Uppföljning"), z.literal("")]).optional(),
    deviationId: z.union([itemId("Avvikelse"), z.literal("")]).optional(),
    provider: text(255, "Utförare").default(""),
    description: requiredText(LONG, "Brist"),
    goalImpact: text(LONG, "Påverkan på måluppfyllelse"),
    actionOwner: person.optional(),
    measures: text(LONG, "Åtgärder"),
    deadline: isoDate("Senast klart").optional(),
    checkUpDate: isoDate("Uppföljningsdatum").optional(),
    checkUpResult: text(LONG, "Resultat av uppföljning"),
    sanctionNote: text(LONG, "Sanktion eller eskalering"),
    status: z.enum(DEFICIENCY_STATUSES),
  })
  .refine((deficiency) => deficiency.measures === "" || deficiency.actionOwner !== undefined, {
    error: "En handlingsplan behöver en ansvarig",
    path: ["actionOwner"],
  })
  .refine((deficiency) => !(deficiency.followUpId && deficiency.deviationId), {
    error: "Koppla bristen till antingen uppföljningen eller avvikelsen som visade den",
    path: ["deviationId"],
  });
