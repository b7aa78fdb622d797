import { type Level, matrixSaysStrategic } from "../domain/classification.ts";
import { addDays, addMonths, type IsoDate } from "../domain/dates.ts";
import { mandatePeriodContaining } from "../domain/mandate-period.ts";
import type {
  Committee,
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  FollowUpPlan,
  KickoffMeeting,
  Municipality,
  Provider,
} from "../domain/model.ts";
import { luhnCheckDigit } from "../domain/organisation-number.ts";
import type { ProviderEntry } from "../domain/provider-register.ts";
import { providerNames } from "../domain/providers.ts";
import {
  latestCompletePeriod,
  type PeriodKind,
  periodContaining,
} from "../domain/reporting-period.ts";
import { DEMO_USERS, type DemoUser, person } from "./demo-people.ts";

/**
 * Demonstration data modelled on the sources: one kommun, six nämnder, 30
 * contracts of which 13 are strategic, two with deficiencies as in seed 000
 * (hemtjänst; skolskjuts för elever med särskilda behov). Dates are relative
 * to the day the demo is loaded, so it always looks current. Ids here are
 * symbolic keys; loading maps them to list item ids.
 */

export interface DemoDataset {
  municipality: Municipality;
  committees: Committee[];
  contracts: Contract[];
  plans: FollowUpPlan[];
  kickoffs: KickoffMeeting[];
  deviations: Deviation[];
  followUps: FollowUp[];
  deficiencies: Deficiency[];
  /** The provider register (Leverantörer): what is noted about some providers. */
  providers: DemoProviderEntry[];
}

export type DemoProviderEntry = Omit<ProviderEntry, "id" | "etag" | "nameKey">;

/** An item the demo data itself defines: missing only if the demo data is edited wrongly. */
export function demoItem<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: ${what} is missing`);
  return value;
}

const MUNICIPALITY: Municipality = {
  name: "Åsby kommun",
  defaultPeriodKind: "july-june",
  noticeMonths: 3,
};

function committee(code: string, name: string, overrides: Partial<Committee> = {}): Committee {
  const secretaries = Object.values<DemoUser>(DEMO_USERS)
    .filter((user) => user.secretaryOf.includes(code))
    .map((user) => user.id);
  return {
    id: code,
    etag: "",
    name,
    code,
    periodKind: undefined,
    reportMonth: undefined,
    registryEmail: `${code.toLowerCase()}.diarium@asby.se`,
    groupId: "",
    secretaryIds: secretaries,
    isKs: false,
    teamId: "",
    channelId: "",
    driveId: "",
    ...overrides,
  };
}

const COMMITTEES: Committee[] = [
  committee("KS", "Kommunstyrelsen", { isKs: true }),
  committee("SN", "Socialnämnden", { periodKind: "may-april", reportMonth: 5 }),
  committee("VAN", "Vård- och äldrenämnden"),
  committee("IFN", "Individ- och familjeomsorgsnämnden"),
  committee("TN", "Tekniska nämnden"),
  committee("KFN", "Kultur- och fritidsnämnden"),
];

interface ContractSeed {
  key: string;
  title: string;
  committee: string;
  shared?: string[];
  area: string;
  provider: string;
  /** A valfrihetssystem (LOV) or framework agreement: its providers, each with org. number. */
  providers?: Array<[name: string, orgNumber: string]>;
  ownRegime?: boolean;
  owner: keyof typeof DEMO_USERS;
  value: Level;
  impact: Level;
  /** The nämnd's decision when it differs from the matrix. */
  override?: { strategic: boolean; reason: string };
  annualValue: number;
  start: IsoDate;
  end?: IsoDate;
  options?: string;
  decision?: IsoDate;
  status?: Contract["status"];
  perYear?: number;
  description: string;
  publicDescription: string;
  internalNotes?: string;
}

const HEM_NORD = "Hemtjänst Nord i Åsby AB";
const HEM_VAST = "Omsorgshjälpen Väst AB";
const HEM_TRYGG = "Trygga Händer Hemtjänst AB";
const HEM_SENIOR = "Åsby Seniorservice AB";
const HEM_TRYGG_ORG = "556910-3301";
/** The providers in the hemtjänst valfrihetssystem (LOV); seed 000's deficiencies concern some of them. */
export const HEMTJANST_PROVIDERS: Array<[name: string, orgNumber: string]> = [
  [HEM_NORD, "556910-1107"],
  [HEM_VAST, "556910-2204"],
  [HEM_TRYGG, HEM_TRYGG_ORG],
  [HEM_SENIOR, "556910-4408"],
];

const mailbox = (name: string) =>
  `kontakt@${name
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/&/g, "och")
    .replace(/\b(ab|ideell förening)\b/g, "")
    .replace(/[^a-z0-9]+/g, "")}.se`;

function contractSeeds(today: IsoDate): ContractSeed[] {
  const months = (count: number) => addMonths(today, count);
  return [
    // Vård- och äldrenämnden
    {
      key: "hemtjanst",
      title: "Hemtjänst enligt LOV",
      committee: "VAN",
      area: "Hemtjänst",
      provider: "",
      providers: HEMTJANST_PROVIDERS,
      owner: "anna",
      value: "hög",
      impact: "hög",
      annualValue: 48_000_000,
      start: "2019-01-01",
      perYear: 3,
      description: "Valfrihetssystem för hemtjänst i hela kommunen.",
      publicDescription:
        "Kvalitet, personalkontinuitet, utbildningsnivå och brukarnöjdhet följs upp tre gånger per år.",
      internalNotes: "Två utförare inväntar IVO:s besked om tillstånd.",
    },
    {
      key: "solgarden",
      title: "Särskilt boende Solgården",
      committee: "VAN",
      area: "Särskilt boende",
      provider: "Omsorgshuset Solgården AB",
      owner: "anna",
      value: "hög",
      impact: "hög",
      annualValue: 31_000_000,
      start: "2021-07-01",
      end: months(19),
      options: "2 + 2 år",
      decision: months(7),
      description: "Drift av särskilt boende med 48 platser.",
      publicDescription:
        "Vårdkvalitet, bemanning och synpunkter från boende och anhöriga följs upp årligen.",
    },
    {
      key: "nattpatrull",
      title: "Nattpatrull och larmåtgärder",
      committee: "VAN",
      area: "Trygghetslarm",
      provider: "Nattomsorg i Åsby AB",
      owner: "anna",
      value: "hög",
      impact: "hög",
      annualValue: 6_200_000,
      start: "2022-02-01",
      description: "Nattpatrull och åtgärd vid trygghetslarm.",
      publicDescription: "Inställelsetider vid larm följs upp.",
    },
    {
      key: "matleverans",
      title: "Matleveranser till hemmaboende",
      committee: "VAN",
      area: "Måltider",
      provider: "Smakrik Catering AB",
      owner: "anna",
      value: "låg",
      impact: "hög",
      annualValue: 1_800_000,
      start: "2023-03-01",
      end: months(28),
      description: "Leverans av kylda matlådor.",
      publicDescription: "Leveranstider och kvalitet.",
    },
    {
      key: "bjorken",
      title: "Korttidsboende Björken",
      committee: "VAN",
      area: "Korttidsboende",
      provider: "Björkens Omsorg AB",
      owner: "anna",
      value: "hög",
      impact: "låg",
      annualValue: 9_400_000,
      start: addDays(today, 38),
      status: "planerat",
      description: "Nytt avtal om korttidsplatser.",
      publicDescription: "Bemanning och vårdkvalitet.",
    },
    // Socialnämnden (maj–april, seed 001)
    {
      key: "personlig-assistans",
      title: "Personlig assistans",
      committee: "SN",
      area: "Personlig assistans",
      provider: "Assistanspartner Väst AB",
      owner: "lars",
      value: "hög",
      impact: "hög",
      annualValue: 22_000_000,
      start: "2020-05-01",
      description: "Personlig assistans enligt LSS.",
      publicDescription: "Kontinuitet och kompetens hos assistenter.",
    },
    {
      key: "ekbacken",
      title: "Gruppbostad LSS Ekbacken",
      committee: "SN",
      area: "Bostad med särskild service",
      provider: "Ekbackens Omsorg AB",
      owner: "lars",
      value: "hög",
      impact: "hög",
      annualValue: 14_500_000,
      start: "2021-05-01",
      end: months(17),
      options: "1 + 1 år",
      decision: months(5),
      description: "Gruppbostad med sex lägenheter.",
      publicDescription: "Boendes delaktighet och personalens kompetens.",
    },
    {
      key: "ledsagning",
      title: "Ledsagarservice",
      committee: "SN",
      area: "Ledsagning",
      provider: "Följeslagarna AB",
      owner: "lars",
      value: "låg",
      impact: "hög",
      annualValue: 900_000,
      start: "2022-05-01",
      description: "Ledsagarservice enligt SoL och LSS.",
      publicDescription: "Tillgänglighet och nöjdhet.",
    },
    // Seed 000's hemtjänst provider with weak finances also gives boendestöd for
    // Socialnämnden, with an open deficiency there: KS sees it in two nämnder.
    {
      key: "boendestod",
      title: "Boendestöd i ordinärt boende",
      committee: "SN",
      area: "Boendestöd",
      provider: "",
      providers: [[HEM_TRYGG, HEM_TRYGG_ORG]],
      owner: "lars",
      value: "låg",
      impact: "hög",
      annualValue: 2_400_000,
      start: "2023-05-01",
      description: "Boendestöd enligt SoL för vuxna med psykisk funktionsnedsättning.",
      publicDescription: "Kontinuitet och brukarnas delaktighet.",
    },
    {
      key: "daglig-verksamhet",
      title: "Daglig verksamhet Fyrklövern",
      committee: "SN",
      area: "Daglig verksamhet",
      provider: "Åsby kommun (egen regi)",
      ownRegime: true,
      owner: "lars",
      value: "låg",
      impact: "hög",
      annualValue: 7_300_000,
      start: "2015-01-01",
      description: "Daglig verksamhet i egen regi.",
      publicDescription: "Deltagarnas nöjdhet och utbud av aktiviteter.",
    },
    // Individ- och familjeomsorgsnämnden
    {
      key: "hvb",
      title: "Ramavtal HVB för barn och unga",
      committee: "IFN",
      area: "HVB",
      provider: "",
      providers: [
        ["Ungdomshemmet Älvsbacka AB", "556702-3311"],
        ["Familjevården Kustbygd AB", "556811-4424"],
      ],
      owner: "johan",
      value: "hög",
      impact: "hög",
      annualValue: 18_000_000,
      start: "2022-09-01",
      end: months(10),
      options: "1 år",
      decision: months(1),
      description: "Placeringar på hem för vård eller boende.",
      publicDescription: "Placeringarnas måluppfyllelse och tillsyn.",
    },
    {
      key: "familjehem",
      title: "Konsulentstödd familjehemsvård",
      committee: "IFN",
      area: "Familjehemsvård",
      provider: "Familjehemsstöd Sverige AB",
      owner: "johan",
      value: "hög",
      impact: "hög",
      annualValue: 8_600_000,
      start: "2023-01-01",
      description: "Konsulentstödda familjehem.",
      publicDescription: "Handledning och stöd till familjehem.",
    },
    {
      key: "tolk",
      title: "Tolktjänster",
      committee: "IFN",
      area: "Tolkning",
      provider: "Språkbron AB",
      owner: "johan",
      value: "låg",
      impact: "hög",
      annualValue: 1_100_000,
      start: "2022-01-01",
      end: addDays(today, 37),
      description: "Tolkning på plats och på distans.",
      publicDescription: "Tillgänglighet och kvalitet.",
    },
    {
      key: "missbruk",
      title: "Öppenvård missbruk",
      committee: "IFN",
      area: "Öppenvård",
      provider: "Vägen Ut Öppenvård AB",
      owner: "johan",
      value: "låg",
      impact: "låg",
      annualValue: 2_400_000,
      start: "2024-03-01",
      description: "Öppenvårdsinsatser.",
      publicDescription: "Insatsernas resultat.",
    },
    // Tekniska nämnden
    {
      key: "skolskjuts",
      title: "Skolskjuts med bil för elever med särskilda behov",
      committee: "TN",
      area: "Skolskjuts",
      provider: "Åsby Taxi & Buss AB",
      owner: "erik",
      value: "hög",
      impact: "hög",
      annualValue: 5_900_000,
      start: "2020-08-01",
      end: months(21),
      options: "1 + 1 år",
      decision: months(9),
      description: "Anpassad skolskjuts för elever med särskilda behov.",
      publicDescription: "Punktlighet och bemötande.",
      internalNotes: "En faktura är bestriden; dialog pågår med leverantören.",
    },
    {
      key: "snorojning",
      title: "Snöröjning och halkbekämpning",
      committee: "TN",
      area: "Snöröjning",
      provider: "Vinterväg i Åsby AB",
      owner: "erik",
      value: "hög",
      impact: "hög",
      annualValue: 7_800_000,
      start: "2021-11-01",
      end: months(5),
      options: "1 år",
      decision: months(2),
      perYear: 2,
      description: "Snöröjning av kommunala gator och gång- och cykelvägar.",
      publicDescription: "Utryckningstider och kvalitet efter snöfall.",
    },
    {
      key: "avfall",
      title: "Insamling av hushållsavfall",
      committee: "TN",
      area: "Avfallshantering",
      provider: "Renhållning Syd AB",
      owner: "erik",
      value: "hög",
      impact: "hög",
      annualValue: 16_000_000,
      start: "2022-04-01",
      description: "Insamling och transport av hushållsavfall.",
      publicDescription: "Missade tömningar och klagomål.",
    },
    {
      key: "parkskotsel",
      title: "Parkskötsel",
      committee: "TN",
      area: "Parker",
      provider: "Gröna Rum Skötsel AB",
      owner: "erik",
      value: "låg",
      impact: "låg",
      annualValue: 2_900_000,
      start: "2022-04-01",
      end: months(4),
      options: "1 år",
      decision: addDays(today, -9),
      description: "Skötsel av parker och grönytor.",
      publicDescription: "Skötselstandard.",
    },
    {
      key: "gatubelysning",
      title: "Underhåll av gatubelysning",
      committee: "TN",
      area: "Gatubelysning",
      provider: "Ljus & Kraft AB",
      owner: "erik",
      value: "hög",
      impact: "låg",
      annualValue: 3_400_000,
      start: "2023-06-01",
      description: "Underhåll och felavhjälpning.",
      publicDescription: "Åtgärdstider.",
    },
    // Kultur- och fritidsnämnden
    {
      key: "simhall",
      title: "Drift av simhallen Åsbybadet",
      committee: "KFN",
      area: "Simhall",
      provider: "Badbolaget Drift AB",
      owner: "sara",
      value: "hög",
      impact: "hög",
      annualValue: 11_200_000,
      start: "2021-01-01",
      description: "Drift av simhall med simskola.",
      publicDescription: "Öppettider, vattenkvalitet och besökarnas nöjdhet.",
    },
    {
      key: "fritidsgard",
      title: "Fritidsgården Kvarnen",
      committee: "KFN",
      area: "Fritidsgård",
      provider: "Unga Åsby ideell förening",
      owner: "sara",
      value: "låg",
      impact: "hög",
      override: {
        strategic: true,
        reason: "Nämnden bedömer verksamheten som särskilt viktig för unga i kommunen.",
      },
      annualValue: 3_100_000,
      start: "2023-08-01",
      description: "Drift av fritidsgård.",
      publicDescription: "Besöksantal och aktiviteter.",
    },
    {
      key: "bibliotekssystem",
      title: "Bibliotekssystem",
      committee: "KFN",
      area: "Bibliotek",
      provider: "Boksystem Norden AB",
      owner: "sara",
      value: "låg",
      impact: "låg",
      annualValue: 600_000,
      start: "2022-01-01",
      description: "Systemstöd för bibliotek.",
      publicDescription: "Tillgänglighet.",
    },
    {
      key: "idrottshall",
      title: "Bokning och tillsyn idrottshallar",
      committee: "KFN",
      area: "Idrottsanläggningar",
      provider: "Hallservice AB",
      owner: "sara",
      value: "låg",
      impact: "hög",
      annualValue: 1_400_000,
      start: "2024-01-01",
      description: "Tillsyn och bokningsstöd.",
      publicDescription: "Kvalitet på idrottsanläggningar.",
    },
    // Kommunstyrelsen
    {
      key: "stadning",
      title: "Städning av kommunens lokaler",
      committee: "KS",
      shared: ["KFN", "SN"],
      area: "Städning",
      provider: "Rena Lokaler AB",
      owner: "karin",
      value: "hög",
      impact: "hög",
      annualValue: 12_400_000,
      start: "2022-01-01",
      end: months(14),
      options: "2 år",
      decision: months(8),
      description:
        "Lokalvård i förvaltningsbyggnader, bibliotek och gruppbostäder; varje nämnd följer upp sin del.",
      publicDescription: "Städkvalitet enligt INSTA 800.",
    },
    {
      key: "foretagshalsovard",
      title: "Företagshälsovård",
      committee: "KS",
      area: "Företagshälsovård",
      provider: "Hälsopartner AB",
      owner: "karin",
      value: "hög",
      impact: "låg",
      annualValue: 2_100_000,
      start: "2023-01-01",
      description: "Företagshälsovård för kommunens anställda.",
      publicDescription: "Tillgänglighet.",
    },
    {
      key: "kontorsmaterial",
      title: "Kontorsmaterial",
      committee: "KS",
      area: "Förbrukningsmaterial",
      provider: "Kontorsgrossisten AB",
      owner: "karin",
      value: "låg",
      impact: "låg",
      annualValue: 700_000,
      start: "2024-02-01",
      description: "Ramavtal kontorsmaterial.",
      publicDescription: "Leveranser.",
    },
    {
      key: "it-drift",
      title: "IT-drift och support",
      committee: "KS",
      area: "IT",
      provider: "Driftpartner Sverige AB",
      owner: "karin",
      value: "hög",
      impact: "låg",
      annualValue: 9_800_000,
      start: "2021-09-01",
      end: months(22),
      description: "Drift av kommunens IT-miljö.",
      publicDescription: "Tillgänglighet och svarstider.",
    },
    {
      key: "vaktmasteri",
      title: "Vaktmästeri",
      committee: "KS",
      area: "Fastighetsservice",
      provider: "Åsby kommun (egen regi)",
      ownRegime: true,
      owner: "karin",
      value: "låg",
      impact: "låg",
      annualValue: 1_900_000,
      start: "2018-01-01",
      description: "Vaktmästeri i egen regi.",
      publicDescription: "Servicegrad.",
    },
    {
      key: "lonekontor",
      title: "Lönehantering",
      committee: "KS",
      area: "Lön",
      provider: "Lönecenter AB",
      owner: "karin",
      value: "hög",
      impact: "låg",
      annualValue: 3_600_000,
      start: "2022-10-01",
      description: "Lönehantering för kommunens anställda.",
      publicDescription: "Korrekthet.",
    },
    {
      key: "trygghetslarm",
      title: "Trygghetslarm – teknik",
      committee: "VAN",
      area: "Trygghetslarm",
      provider: "Larmteknik Norden AB",
      owner: "anna",
      value: "låg",
      impact: "hög",
      annualValue: 1_300_000,
      start: "2023-09-01",
      description: "Larmteknik och larmcentral.",
      publicDescription: "Larmens tillgänglighet.",
    },
    {
      key: "vinterdack",
      title: "Däckhotell för kommunens fordon",
      committee: "TN",
      area: "Fordon",
      provider: "Däckcenter Åsby AB",
      owner: "erik",
      value: "låg",
      impact: "låg",
      annualValue: 200_000,
      start: "2024-10-01",
      description: "Förvaring och skifte av däck.",
      publicDescription: "Leveranser.",
    },
  ];
}

const COMMITTEE_BY_CODE = new Map(COMMITTEES.map((item) => [item.code, item]));

function periodKind(code: string): PeriodKind {
  return COMMITTEE_BY_CODE.get(code)?.periodKind ?? MUNICIPALITY.defaultPeriodKind;
}

function toContract(seed: ContractSeed): Contract {
  const matrixStrategic = matrixSaysStrategic(seed.value, seed.impact);
  // The first nine digits are made up; the tenth is their Luhn check digit, as a real number's is.
  const nine = seed.ownRegime
    ? "212000000"
    : `55${String(seed.key.length * 7919)
        .padStart(4, "0")
        .slice(0, 4)}${String(seed.title.length * 131)
        .padStart(3, "0")
        .slice(0, 3)}`;
  const orgNumber = `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
  const providers: Provider[] = (seed.providers ?? [[seed.provider, orgNumber]]).map(
    ([name, number]) => ({ name, orgNumber: number, email: seed.ownRegime ? "" : mailbox(name) }),
  );
  return {
    id: seed.key,
    etag: "",
    title: seed.title,
    contractNumber: `ÅSBY-${seed.key.toUpperCase()}`,
    committeeId: seed.committee,
    sharedWithCommitteeIds: seed.shared ?? [],
    serviceArea: seed.area,
    providers,
    provider: providerNames(providers),
    providerOrgNumber: providers[0]?.orgNumber ?? "",
    ownRegime: seed.ownRegime ?? false,
    owner: person(seed.owner),
    valueClass: seed.value,
    impactClass: seed.impact,
    classified: true,
    strategic: seed.override ? seed.override.strategic : matrixStrategic,
    overrideReason: seed.override?.reason ?? "",
    annualValue: seed.annualValue,
    startDate: seed.start,
    endDate: seed.end,
    extensionOptions: seed.options ?? "",
    extensionDecisionDate: seed.decision,
    status: seed.status ?? "aktivt",
    followUpsPerYear: seed.perYear ?? 1,
    description: seed.description,
    publicFields: [
      "provider",
      "serviceArea",
      "period",
      "followedUp",
      "latestResult",
      "actionPlans",
    ],
    publicDescription: seed.publicDescription,
    internalNotes: seed.internalNotes ?? "",
  };
}

function followUp(
  contract: Contract,
  committeeId: string,
  today: IsoDate,
  overrides: Partial<FollowUp> = {},
): FollowUp {
  const period = latestCompletePeriod(periodKind(committeeId), today);
  return {
    id: `${contract.id}-${committeeId}-${period.key}`,
    etag: "",
    contractId: contract.id,
    committeeId,
    period: period.key,
    followUpDate: addDays(period.end, -20),
    form: "avtalsuppföljning",
    meetsRequirements: "ja",
    deficienciesSummary: "",
    goalImpact: "Ingen negativ påverkan på nämndens måluppfyllelse.",
    actionPlanSummary: "",
    goalFulfilment: "Avtalets mål är uppfyllda.",
    serviceEvaluation: "Tjänsten levereras med god kvalitet enligt avtalet.",
    controlSufficient: true,
    feedbackToProviderOn: addDays(period.end, 10),
    providerFeedback: "",
    publicSummary: `${contract.title}: utföraren uppfyller avtalets väsentliga kvalitetskrav.`,
    status: "klar",
    ...overrides,
  };
}

export function demoDataset(today: IsoDate): DemoDataset {
  const contracts = contractSeeds(today).map(toContract);
  const byKey = new Map(contracts.map((contract) => [contract.id, contract]));
  const get = (key: string) => {
    const contract = byKey.get(key);
    if (!contract) throw new Error(`demo contract ${key}`);
    return contract;
  };

  const followUps: FollowUp[] = [];
  for (const contract of contracts.filter(
    (candidate) => candidate.strategic && candidate.status === "aktivt",
  )) {
    for (const committeeId of [contract.committeeId, ...contract.sharedWithCommitteeIds]) {
      followUps.push(followUp(contract, committeeId, today));
    }
  }
  const replace = (id: string, overrides: Partial<FollowUp>) => {
    const index = followUps.findIndex((candidate) => candidate.id.startsWith(id));
    followUps[index] = { ...demoItem(followUps[index], id), ...overrides };
  };
  replace("hemtjanst-VAN", {
    form: "verksamhetsuppföljning",
    meetsRequirements: "delvis",
    deficienciesSummary:
      "Utförare har uppvisat allvarligare brister gällande personalkontinuitet, utbildningsnivå, andel tillsvidareanställd personal samt ekonomisk ställning. Två av utförarna inväntar besked från IVO angående pågående tillståndsansökan.",
    goalImpact: "Bristerna påverkar målet om trygg och kontinuerlig hemtjänst för äldre.",
    actionPlanSummary: "Handlingsplan med ansvarig och uppföljning för varje brist.",
    goalFulfilment: "Målen är delvis uppfyllda.",
    serviceEvaluation: "Kvaliteten varierar mellan utförarna.",
    controlSufficient: true,
    providerFeedback:
      "Uppföljningen omfattade besök hos samtliga utförare i valfrihetssystemet, granskning av genomförandeplaner och statistik över personalkontinuitet och bemanning.",
    publicSummary:
      "Hemtjänst: brister i personalkontinuitet, utbildningsnivå och anställningsformer. Handlingsplaner pågår.",
  });
  replace("skolskjuts-TN", {
    meetsRequirements: "delvis",
    deficienciesSummary:
      "Förseningar har förekommit och har följts upp och åtgärdats inom ramen för avtalet. Fakturaunderlagen följer inte avtalets krav.",
    goalImpact: "Förseningarna påverkade elevernas skoldag under hösten.",
    actionPlanSummary: "Löpande dialog med leverantören; krav på korrekta fakturaunderlag.",
    goalFulfilment: "Målen är delvis uppfyllda.",
    serviceEvaluation: "Punktligheten har förbättrats efter åtgärder.",
    controlSufficient: false,
    providerFeedback:
      "Uppföljningen byggde på körjournaler, inkomna avvikelser och granskning av fakturaunderlagen för perioden.",
    publicSummary:
      "Skolskjuts: förseningar har åtgärdats; brister i fakturaunderlag hanteras med leverantören.",
  });
  // Contracts followed up more than once a year have their earlier rounds too.
  for (const [key, committeeId, rounds] of [
    ["hemtjanst", "VAN", 2],
    ["snorojning", "TN", 1],
  ] as const) {
    const contract = get(key);
    const period = latestCompletePeriod(periodKind(committeeId), today);
    for (let round = 1; round <= rounds; round += 1) {
      followUps.push(
        followUp(contract, committeeId, today, {
          id: `${key}-${committeeId}-${period.key}-${round}`,
          followUpDate: addDays(addMonths(period.start, (round * 12) / (rounds + 1)), -10),
          form: "avtalsuppföljning",
          publicSummary: "",
        }),
      );
    }
  }
  // The current period has started: one follow-up of hemtjänst is done.
  const hemtjanst = get("hemtjanst");
  const current = periodContaining(periodKind("VAN"), today);
  followUps.push(
    followUp(hemtjanst, "VAN", today, {
      id: `hemtjanst-VAN-${current.key}-1`,
      period: current.key,
      followUpDate: addDays(current.start, 60),
      feedbackToProviderOn: undefined,
    }),
  );

  const hemFollowUp = `hemtjanst-VAN-${latestCompletePeriod("july-june", today).key}`;
  const skolFollowUp = `skolskjuts-TN-${latestCompletePeriod("july-june", today).key}`;
  const deficiency = (id: string, overrides: Partial<Deficiency>): Deficiency => ({
    id,
    etag: "",
    contractId: "hemtjanst",
    committeeId: "VAN",
    followUpId: hemFollowUp,
    deviationId: undefined,
    provider: "",
    recordedOn: undefined,
    description: "",
    goalImpact: "",
    actionOwner: person("anna"),
    measures: "",
    deadline: undefined,
    checkUpDate: undefined,
    checkUpResult: "",
    sanctionNote: "",
    status: "pågår",
    ...overrides,
  });
  const nextMarch = (() => {
    const year = Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 3 ? 1 : 0);
    return `${year}-03-15`;
  })();
  // Seed 000's hemtjänst deficiencies, each with the provider it concerns.
  const ivo = (id: string, provider: string) =>
    deficiency(id, {
      provider,
      description: "Inväntar IVO:s besked om tillstånd att bedriva hemtjänst",
      goalImpact: "Osäkerhet om utförarens fortsatta verksamhet.",
      measures: "Utföraren meddelar kommunen IVO:s beslut samma dag det kommer.",
      checkUpDate: nextMarch,
      status: "öppen",
    });
  const deficiencies: Deficiency[] = [
    deficiency("brist-kontinuitet", {
      provider: HEM_VAST,
      description: "Bristande personalkontinuitet",
      goalImpact: "Brukare möter många olika medarbetare.",
      measures: "Utföraren inför fasta arbetslag och redovisar kontinuitetsmått månadsvis.",
      deadline: addMonths(today, 3),
      checkUpDate: nextMarch,
      sanctionNote: "Vite enligt avtalets vitesstrappa om måtten inte förbättras.",
    }),
    deficiency("brist-utbildning", {
      provider: HEM_VAST,
      description: "Låg utbildningsnivå hos personalen",
      goalImpact: "Risk för bristande kvalitet i omsorgen.",
      measures: "Kompetensplan med mål för andel undersköterskor.",
      deadline: addMonths(today, 6),
      checkUpDate: nextMarch,
    }),
    deficiency("brist-anstallning", {
      provider: HEM_TRYGG,
      description: "Låg andel tillsvidareanställd personal",
      goalImpact: "Påverkar kontinuiteten.",
      measures: "Plan för att öka andelen tillsvidareanställda.",
      deadline: addMonths(today, 6),
      checkUpDate: nextMarch,
    }),
    deficiency("brist-ekonomi", {
      provider: HEM_TRYGG,
      description: "Svag ekonomisk ställning",
      goalImpact: "Risk för avbrott i verksamheten.",
      measures: "Utföraren redovisar en ekonomisk plan; kommunen bevakar kreditupplysning.",
      deadline: addDays(today, 20),
      checkUpDate: addDays(today, 6),
      sanctionNote: "Hävning av avtalet kan bli aktuell vid fortsatt försämring.",
    }),
    ivo("brist-ivo-nord", HEM_NORD),
    ivo("brist-ivo-senior", HEM_SENIOR),
    deficiency("brist-forseningar", {
      contractId: "skolskjuts",
      committeeId: "TN",
      followUpId: skolFollowUp,
      actionOwner: person("erik"),
      description: "Förseningar i skolskjutsen",
      goalImpact: "Elever kom för sent till skolan.",
      measures: "Ny körplanering och rapportering av förseningar.",
      checkUpDate: addDays(today, -40),
      checkUpResult: "Förseningarna har upphört.",
      status: "åtgärdad",
    }),
    deficiency("brist-faktura", {
      contractId: "skolskjuts",
      committeeId: "TN",
      followUpId: skolFollowUp,
      actionOwner: person("erik"),
      description: "Fakturaunderlagen följer inte avtalets krav",
      goalImpact: "Kommunen kan inte kontrollera debiteringen.",
      measures: "Leverantören ska redovisa körningar per elev och dag. En faktura är bestriden.",
      deadline: addDays(today, 30),
      checkUpDate: addDays(today, -3),
      sanctionNote: "Bestriden faktura; vite enligt avtalet om underlagen inte rättas.",
    }),
    deficiency("brist-boendestod-bemanning", {
      contractId: "boendestod",
      committeeId: "SN",
      followUpId: undefined,
      deviationId: "avvikelse-4",
      provider: HEM_TRYGG,
      actionOwner: person("lars"),
      description: "Insatser uteblir när personal saknas",
      goalImpact: "Brukare får inte det stöd som beslutats.",
      measures: "Utföraren redovisar bemanningsplan och uteblivna insatser varje månad.",
      deadline: addMonths(today, 4),
      checkUpDate: addMonths(today, 5),
      status: "öppen",
    }),
  ];

  const mandate = mandatePeriodContaining(today);
  const previousMandate = `${mandate.electionYear - 4}–${mandate.electionYear}`;
  const plans: FollowUpPlan[] = COMMITTEES.map((item) => ({
    id: `plan-${item.code}-${previousMandate}`,
    etag: "",
    committeeId: item.code,
    mandatePeriod: previousMandate,
    scope: `${item.name} följer upp samtliga avtal; de strategiska avtalen redovisas till kommunstyrelsen.`,
    forms: ["avtalsuppföljning", "verksamhetsuppföljning"],
    formsDescription:
      "Avtalsuppföljning vid uppföljningsmöten och verksamhetsuppföljning genom besök och statistik.",
    responsibility: "Avtalsansvarig för respektive avtal, utsedd av förvaltningschefen.",
    timetable: "Strategiska avtal följs upp minst en gång per uppföljningsperiod enligt årshjulet.",
    feedback: "Resultatet redovisas för nämnden och återkopplas skriftligt till utföraren.",
    status: "beslutad",
    decisionDate: `${mandate.electionYear - 3}-11-20`,
    registryNumber: `${item.code} ${mandate.electionYear - 3}/00${COMMITTEES.indexOf(item) + 41}`,
  }));
  plans.push({
    ...demoItem(plans[1], "the second plan"),
    id: `plan-SN-${mandate.key}`,
    mandatePeriod: mandate.key,
    status: "utkast",
    decisionDate: undefined,
    registryNumber: "",
    responsibility: "Socialt ansvarig samordnare ansvarar för uppföljningen.",
    feedback:
      "Efter varje uppföljning får utföraren skriftlig återkoppling och vid behov ett uppföljningsmöte.",
  });

  const kickoffs: KickoffMeeting[] = [
    {
      id: "uppstart-fritidsgard",
      etag: "",
      contractId: "fritidsgard",
      committeeId: "KFN",
      reason: "nytt avtal",
      contractStart: demoItem(get("fritidsgard").startDate, "fritidsgård's start"),
      meetingDate: addDays(demoItem(get("fritidsgard").startDate, "fritidsgård's start"), -21),
      attendees:
        "Sara Holm, avtalsansvarig, Kultur- och fritidsnämnden\nVerksamhetschef, Unga Åsby ideell förening",
      continuousReporting: "Avvikelser och synpunkter rapporteras löpande.",
      yearlyReporting: "Besöksstatistik och verksamhetsberättelse publiceras årligen.",
      minutesRegistryNumber: "KFN 2023/0112",
      notes: "",
    },
  ];

  const deviations: Deviation[] = [
    {
      id: "avvikelse-1",
      etag: "",
      contractId: "hemtjanst",
      committeeId: "VAN",
      occurredOn: addDays(today, -12),
      provider: HEM_VAST,
      description: "Missat besök hos brukare på morgonen.",
      severity: "hög",
      handling: "Utföraren har redovisat orsak och åtgärd.",
      status: "hanterad",
    },
    {
      id: "avvikelse-2",
      etag: "",
      contractId: "skolskjuts",
      committeeId: "TN",
      occurredOn: addDays(today, -5),
      provider: "",
      description: "Elev hämtades 25 minuter för sent.",
      severity: "medel",
      handling: "",
      status: "öppen",
    },
    {
      id: "avvikelse-3",
      etag: "",
      contractId: "snorojning",
      committeeId: "TN",
      occurredOn: addDays(today, -2),
      provider: "",
      description: "Gång- och cykelväg vid skolan ej plogad före kl. 7.",
      severity: "låg",
      handling: "Påtalat för entreprenören.",
      status: "öppen",
    },
    {
      id: "avvikelse-4",
      etag: "",
      contractId: "boendestod",
      committeeId: "SN",
      occurredOn: addDays(today, -9),
      provider: HEM_TRYGG,
      description: "Två planerade besök uteblev samma vecka på grund av personalbrist.",
      severity: "medel",
      handling: "Brist registrerad; utföraren ska redovisa bemanningsplan.",
      status: "hanterad",
    },
  ];

  return {
    municipality: MUNICIPALITY,
    committees: COMMITTEES,
    contracts,
    plans,
    kickoffs,
    deviations,
    followUps,
    deficiencies,
    providers: providerRegister(),
  };
}

/**
 * Seed 000's hemtjänst: a provider with weak finances ("ekonomisk
 * ställning") and two awaiting IVO's decision on their permit, as the
 * register notes them (the same facts as the deficiencies above).
 */
function providerRegister(): DemoProviderEntry[] {
  const entry = (
    [name, orgNumber]: [string, string],
    notes: Partial<DemoProviderEntry>,
  ): DemoProviderEntry => ({
    name,
    orgNumber,
    weakFinances: false,
    ivoDecisionPending: false,
    financesNote: "",
    authorityNote: "",
    contactName: "",
    contactEmail: mailbox(name),
    contactPhone: "",
    sameAs: [],
    notSameAs: [],
    ...notes,
  });
  const ivo =
    "Inväntar besked från IVO angående pågående tillståndsansökan om att bedriva hemtjänst.";
  const [nord, , trygg, senior] = HEMTJANST_PROVIDERS;
  return [
    entry(demoItem(trygg, "Trygga Händer"), {
      weakFinances: true,
      financesNote:
        "Allvarligare brister gällande ekonomisk ställning. Utföraren redovisar en ekonomisk plan; kommunen bevakar kreditupplysning.",
      contactName: "Lena Ström",
      contactPhone: "0123-456 78",
    }),
    entry(demoItem(nord, "Hemtjänst Nord"), { ivoDecisionPending: true, authorityNote: ivo }),
    entry(demoItem(senior, "Åsby Seniorservice"), { ivoDecisionPending: true, authorityNote: ivo }),
  ];
}
