import { periodKindOf } from "../annual-cycle.ts";
import { addDays, type IsoDate, swedishLongDate } from "../dates.ts";
import type { Committee, Contract, FollowUp, Provider } from "../model.ts";
import { concernsProvider } from "../providers.ts";
import { periodFromKey } from "../reporting-period.ts";
import { paragraphsOf, sentence } from "../swedish.ts";
import { handlerLine, noDecision } from "./report-parts.ts";
import type { FeedbackLetterModel, Handler, RegisterData } from "./report-types.ts";
import { REPORT_TYPE_TITLES } from "./report-types.ts";

/**
 * The feedback letter to one provider about one follow-up. Only what the
 * nämnd has decided to tell the provider about its own performance goes in:
 * the follow-up's feedback text and this provider's deficiencies with what it
 * is to do. Never the nämnd's internal assessments (goal impact, evaluation,
 * control), internal notes, sanctions under consideration, or anything about
 * another provider.
 */
export function feedbackLetter(
  data: RegisterData,
  committee: Committee,
  contract: Contract,
  followUp: FollowUp,
  provider: Provider,
  date: IsoDate,
  handler: Handler,
): FeedbackLetterModel {
  const several = contract.providers.length > 1;
  const own = data.deficiencies
    .filter(
      (deficiency) =>
        deficiency.followUpId === followUp.id &&
        deficiency.contractId === contract.id &&
        (concernsProvider(deficiency.provider, provider) ||
          (!several && deficiency.provider.trim() === "")),
    )
    .sort(
      (a, b) =>
        (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") ||
        a.description.localeCompare(b.description, "sv"),
    );
  const open = own.filter((deficiency) => deficiency.status !== "åtgärdad");
  const periodText =
    periodFromKey(periodKindOf(committee, data.municipality), followUp.period)?.label ??
    followUp.period;
  const earliestDeadline = open
    .map((deficiency) => deficiency.deadline)
    .filter((deadline): deadline is IsoDate => deadline !== undefined && deadline > date)
    .sort()[0];
  const inAMonth = addDays(date, 30);
  const replyBy = earliestDeadline && earliestDeadline < inAMonth ? earliestDeadline : inAMonth;
  const result =
    own.length === 0
      ? several
        ? "Vid uppföljningen iakttogs inga brister i er verksamhet."
        : followUp.meetsRequirements === "ja"
          ? "Uppföljningen visar att ni uppfyller de väsentliga kvalitetskraven enligt avtalet."
          : "Vid uppföljningen iakttogs inga brister som ni behöver åtgärda."
      : open.length === 0
        ? "Vid uppföljningen iakttogs brister i er verksamhet. De är nu åtgärdade, vilket framgår nedan."
        : "Vid uppföljningen iakttogs brister i er verksamhet som ni ska åtgärda. De framgår nedan med vad vi förväntar oss och när.";
  const contact = contract.owner.name
    ? `${contract.owner.name}, avtalsansvarig${contract.owner.email ? `, ${contract.owner.email}` : ""}`
    : handlerLine(handler);
  return {
    type: "aterkoppling",
    title: `${REPORT_TYPE_TITLES.aterkoppling}: ${contract.title}`,
    fileTitle: `Återkoppling ${contract.contractNumber} ${followUp.period}${several ? ` ${provider.name}` : ""}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Brev",
    period: followUp.period,
    date,
    registryNumber: "",
    handler,
    decision: noDecision,
    notes: provider.email
      ? []
      : [
          `Utförarens e-postadress saknas i avtalet. Fyll i den under Avtal (utförare) eller skicka brevet på annat sätt.`,
        ],
    provider: provider.name,
    recipient: [
      provider.name,
      ...(provider.orgNumber ? [`Org.nr ${provider.orgNumber}`] : []),
      ...(provider.email ? [provider.email] : []),
    ],
    contractTitle: contract.title,
    greeting: `Till ${provider.name}`,
    paragraphs: [
      `${committee.name} har följt upp avtalet ${contract.title} (${contract.contractNumber}) för perioden ${periodText} genom ${followUp.form} den ${swedishLongDate(followUp.followUpDate)}. Här återkopplar vi resultatet av uppföljningen av er verksamhet.`,
      ...paragraphsOf(followUp.providerFeedback),
      result,
    ],
    deficiencies: own.map((deficiency) => ({
      description: sentence(deficiency.description),
      measures: deficiency.measures.trim() ? sentence(deficiency.measures) : "",
      deadline:
        deficiency.status === "åtgärdad"
          ? "Åtgärdad"
          : deficiency.deadline
            ? swedishLongDate(deficiency.deadline)
            : "–",
      checkUp:
        deficiency.status === "åtgärdad"
          ? deficiency.checkUpDate
            ? `Uppföljd den ${swedishLongDate(deficiency.checkUpDate)}`
            : "–"
          : deficiency.checkUpDate && deficiency.checkUpDate >= date
            ? `Vi följer upp den ${swedishLongDate(deficiency.checkUpDate)}`
            : "Tid för uppföljning meddelas",
    })),
    reply:
      open.length > 0
        ? `Vi vill att ni senast den ${swedishLongDate(replyBy)} skriftligen redovisar hur ni åtgärdar bristerna. Skicka svaret till kontaktpersonen nedan.`
        : `Har ni synpunkter på återkopplingen vill vi ha dem senast den ${swedishLongDate(replyBy)}. Skicka dem till kontaktpersonen nedan.`,
    contact,
    signatures: [
      {
        role: "Med vänliga hälsningar",
        name: handler.name,
        title: [handler.title, committee.name].filter(Boolean).join(", "),
        signedByHand: false,
      },
    ],
  };
}
