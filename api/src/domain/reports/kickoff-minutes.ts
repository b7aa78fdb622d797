import { followUpDueDates, periodKindOf, reportMonthOf } from "../annual-cycle.ts";
import { swedishLongDate, swedishMonthName } from "../dates.ts";
import type { Committee, Contract, KickoffMeeting } from "../model.ts";
import { providerNames } from "../providers.ts";
import { periodContaining } from "../reporting-period.ts";
import { capitalized, lowerFirst, paragraphsOf, swedishList } from "../swedish.ts";
import { noDecision, timesPerYear } from "./report-parts.ts";
import type { Handler, KickoffReportModel, RegisterData } from "./report-types.ts";
import { REPORT_TYPE_TITLES } from "./report-types.ts";

/** The minutes of a kickoff meeting before a contract or an extension starts (seed 001, "Inför"). */

export function kickoffReport(
  data: RegisterData,
  committee: Committee,
  meeting: KickoffMeeting,
  contract: Contract,
  handler: Handler,
): KickoffReportModel {
  const kind = periodKindOf(committee, data.municipality);
  const firstPeriod = periodContaining(kind, meeting.contractStart);
  const dueDates = followUpDueDates(firstPeriod, contract.followUpsPerYear || 1).filter(
    (due) => due >= meeting.contractStart,
  );
  const reportMonth = swedishMonthName(reportMonthOf(committee, data.municipality));
  const provider = providerNames(contract.providers) || contract.provider;
  const items: KickoffReportModel["items"] = [
    {
      heading: "Avtalet",
      paragraphs: [
        `${contract.title} (${contract.contractNumber}) med ${provider}. ${capitalized(meeting.reason)} med start den ${swedishLongDate(meeting.contractStart)}${contract.endDate ? ` och slut den ${swedishLongDate(contract.endDate)}` : ""}${contract.extensionOptions ? `, med option på förlängning ${contract.extensionOptions}` : ""}.`,
      ],
    },
    {
      heading: "Genomgång av avtalet",
      paragraphs: [
        "Avtalet gicks igenom för att säkerställa att kraven på den upphandlade tjänsten uppfylls enligt förfrågningsunderlaget.",
      ],
    },
    {
      heading: "Löpande rapportering",
      paragraphs: paragraphsOf(meeting.continuousReporting).length
        ? paragraphsOf(meeting.continuousReporting)
        : ["Ingen löpande rapportering utöver avvikelser har bestämts."],
    },
    {
      heading: "Årlig rapportering för allmänhetens insyn",
      paragraphs: paragraphsOf(meeting.yearlyReporting).length
        ? paragraphsOf(meeting.yearlyReporting)
        : ["Ingen årlig rapportering har bestämts."],
    },
    {
      heading: "Uppföljning",
      paragraphs: [
        `Avtalet följs upp ${timesPerYear(contract.followUpsPerYear || 1).toLowerCase()}${contract.strategic ? " som strategiskt avtal" : " inom ramen för nämndens interna kontroll"}.${dueDates.length > 0 ? ` Uppföljning under perioden ${firstPeriod.key} ska vara klar senast den ${swedishList(dueDates.map(swedishLongDate))}.` : ""}`,
        contract.strategic
          ? `Resultatet redovisas för ${lowerFirst(committee.name)} i ${reportMonth} och återkopplas skriftligt till utföraren.`
          : "Resultatet återkopplas skriftligt till utföraren.",
        "Avvikelser rapporteras till kommunen löpande när de inträffar.",
      ],
    },
    ...(paragraphsOf(meeting.notes).length > 0
      ? [{ heading: "Övrigt", paragraphs: paragraphsOf(meeting.notes) }]
      : []),
  ];
  return {
    type: "uppstart",
    title: `${REPORT_TYPE_TITLES.uppstart}: ${contract.title}`,
    fileTitle: `Protokoll uppstartsmöte ${contract.contractNumber} ${meeting.meetingDate}`,
    municipality: data.municipality.name,
    committeeName: committee.name,
    office: committee.name,
    documentKind: "Protokoll",
    period: meeting.meetingDate.slice(0, 4),
    // The minutes are dated by the meeting, not by the day they were drawn up.
    date: meeting.meetingDate,
    registryNumber: meeting.minutesRegistryNumber,
    handler,
    decision: noDecision,
    notes: meeting.minutesRegistryNumber
      ? []
      : [
          "Protokollet har inget diarienummer ännu. Diarieför protokollet och för in numret på uppstartsmötet, så kommer det med när protokollet tas fram igen.",
        ],
    contractTitle: contract.title,
    contractNumber: contract.contractNumber,
    provider,
    meetingDate: swedishLongDate(meeting.meetingDate),
    attendees: paragraphsOf(meeting.attendees),
    items,
    signatures: [
      {
        role: "Vid protokollet",
        name: contract.owner.name || handler.name,
        title: "avtalsansvarig",
        signedByHand: true,
      },
      { role: "Justeras", name: "", title: `för ${provider}`, signedByHand: true },
    ],
  };
}
