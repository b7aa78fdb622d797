import { actorOf, viaBot } from "../domain/actor.ts";
import {
  annualCycle,
  countByStatus,
  OBLIGATION_STATUS_LABELS,
  type Obligation,
} from "../domain/annual-cycle.ts";
import { addDays, swedishDate, swedishLongDate } from "../domain/dates.ts";
import { mandatePeriodContaining } from "../domain/mandate-period.ts";
import type { Committee, Contract, Deficiency } from "../domain/model.ts";
import { providerKeys } from "../domain/provider-matching.ts";
import { PROVIDER_FLAG_LABELS, registerEntryFor } from "../domain/provider-register.ts";
import { reportStatusText } from "../domain/report-life.ts";
import { RISK_LEVEL_LABELS, type RiskSuggestion } from "../domain/risk.ts";
import { can, type Principal, principalFor, readableCommittees } from "../policies/access.ts";
import { kommunRisk } from "../presenters/provider-flags.ts";
import type { AppStore } from "../store/app-store.ts";
import type { MembershipResolver } from "../store/membership.ts";
import {
  type AdaptiveCard,
  card,
  facts,
  fitted,
  heading,
  openUrl,
  paragraph,
  plain,
  subheading,
} from "./cards.ts";
import { type BotCommand, matchCommittee, normalize, parseCommand } from "./commands.ts";

/**
 * What the bot answers: the same data and the same access rules as the tab.
 * A person sees only the nämnder they may read; kommunledningskontoret sees all.
 */

export interface Speaker {
  /** Entra object id (activity.from.aadObjectId). */
  id: string;
  name: string;
}

/** Where a message to the bot was written: its chat with one person, a team's channel, a group chat. */
export const CONVERSATION_TYPES = ["personal", "channel", "groupChat"] as const;

export interface Where {
  /** The team's Microsoft 365 group (a channel conversation), if any. */
  teamGroupId: string | undefined;
  conversationId: string;
  conversationType: (typeof CONVERSATION_TYPES)[number];
}

export type Reply = { kind: "card"; card: AdaptiveCard } | { kind: "text"; text: string };

export type TabLink = (path: string, label: string) => string;

/** For people in no nämnd's group, including people the directory does not know. */
export const NO_COMMITTEE =
  'Du hör inte till någon nämnd i Avtalsuppföljning, så jag har inga uppgifter att visa dig. Be nämndens sekreterare lägga till dig i nämndens team i Teams. Skriv "hjälp" för att se vad jag kan.';

/** What a person typed is never repeated in a plain message (it would be read as markdown). */
const UNKNOWN_COMMITTEE =
  'Jag hittar ingen nämnd med det namnet. Skriv nämndens namn eller kod, till exempel "status Socialnämnden".';

const COMMAND_HELP: Array<[string, string]> = [
  ["status [nämnd]", "Vad som är försenat, aktuellt och kommande i nämndens årshjul"],
  ["avtal <sökord>", "Sök i avtalsregistret"],
  ["brister", "Öppna brister och handlingsplaner"],
  ["förfaller [dagar]", "Avtal som löper ut inom 90 dagar (eller det antal du anger)"],
  ["plan", "Uppföljningsplanen för mandatperioden"],
  ["rapporter", "Rapportutkast i nämndens bibliotek"],
  ["försenat", "Kommunledningskontoret: vilka nämnder som är sena"],
  ["koppla <nämnd>", "Koppla det här teamet till en nämnd (nämndsekreterare)"],
  ["export", "Länk till export av registret och uppföljningarna (Excel, Hypergene, Stratsys)"],
  ["risk", "Nämndens avtal med hög risk och de främsta skälen"],
  ["leverantör <namn>", "En leverantörs avtal i kommunens nämnder"],
];

/** Longer messages are not commands; the bot says so instead of searching with them. */
export const MAX_MESSAGE_LENGTH = 500;

/** "1 försenad uppgift", "3 försenade uppgifter": a count with the word in agreement. */
export function countOf(count: number, one: string, many: string): string {
  return `${count.toLocaleString("sv-SE")} ${count === 1 ? one : many}`;
}

/** Who asks, and where: what every command's handler may need. */
interface Asked {
  principal: Principal;
  committees: Committee[];
  /** The nämnd the conversation is about (the team's, else the person's own). */
  here: Committee | undefined;
  where: Where;
}

type CommandByName = { [C in BotCommand as C["name"]]: C };
type CommandHandlers = {
  [N in keyof CommandByName]: (command: CommandByName[N], asked: Asked) => Reply | Promise<Reply>;
};

/** Runs a command's handler (the name passed apart, so TypeScript pairs handler and command). */
function runCommand<N extends keyof CommandByName>(
  handlers: CommandHandlers,
  name: N,
  command: CommandByName[N],
  asked: Asked,
): Promise<Reply> {
  return Promise.resolve(handlers[name](command, asked));
}

const denied = (committee: Committee): Reply => ({
  kind: "text",
  text: `Du har inte behörighet till ${plain(committee.name)}s uppgifter.`,
});

/** Commands about the conversation's own nämnd: answered only when there is one the person may read. */
async function inOwnCommittee(
  asked: Asked,
  answer: (here: Committee) => Promise<Reply>,
): Promise<Reply> {
  if (!asked.here) return { kind: "text", text: NO_COMMITTEE };
  if (!can.readCommittee(asked.principal, asked.here.id)) return denied(asked.here);
  return answer(asked.here);
}

export class BotReplies {
  private readonly store: AppStore;
  private readonly membership: MembershipResolver;
  private readonly link: TabLink;
  private readonly now: () => Date;

  constructor(
    store: AppStore,
    membership: MembershipResolver,
    link: TabLink,
    now: () => Date = () => new Date(),
  ) {
    this.store = store;
    this.membership = membership;
    this.link = link;
    this.now = now;
  }

  async answer(text: string, speaker: Speaker, where: Where): Promise<Reply> {
    if (text.length > MAX_MESSAGE_LENGTH)
      return {
        kind: "text",
        text: `Meddelandet är för långt (${countOf(text.length, "tecken", "tecken")}). Skriv ett kort kommando på högst ${MAX_MESSAGE_LENGTH} tecken, till exempel ”status” eller ”avtal hemtjänst”. Skriv ”hjälp” för alla kommandon.`,
      };
    const command = parseCommand(text);
    // Help needs nothing from SharePoint or the directory: it always answers.
    if (command.name === "hjalp" || command.name === "okand") {
      return { kind: "card", card: this.help(command.name === "okand") };
    }
    if (!speaker.id) {
      return {
        kind: "text",
        text: "Jag kan inte se vem du är. Skriv till mig från ditt Teams-konto.",
      };
    }
    const [committees, settings, groups] = await Promise.all([
      this.store.committees(),
      this.store.settings(),
      this.membership.groupsOf({ id: speaker.id, groups: undefined }),
    ]);
    const principal = principalFor(
      { id: speaker.id, name: speaker.name, email: "" },
      groups,
      committees,
      settings.klkGroupId,
    );
    // Contract owners outside every nämnd may still search their own contracts.
    const ownContractsOnly = command.name === "avtal" || command.name === "forfaller";
    if (!principal.klk && principal.memberOf.size === 0 && !ownContractsOnly) {
      return { kind: "text", text: NO_COMMITTEE };
    }
    const here = this.committeeHere(committees, where, principal);
    return runCommand(this.handlers, command.name, command, { principal, committees, here, where });
  }

  /** The nämnd a conversation is about: the team's, else the person's own. */
  private committeeHere(
    committees: Committee[],
    where: Where,
    principal: Principal,
  ): Committee | undefined {
    const byTeam = committees.find(
      (committee) =>
        (committee.channelId && committee.channelId === where.conversationId) ||
        (where.teamGroupId && committee.groupId === where.teamGroupId),
    );
    return (
      byTeam ??
      committees.find((committee) => principal.memberOf.has(committee.id)) ??
      readableCommittees(principal, committees)[0]
    );
  }

  /** One handler per command: what the bot answers, and to whom. */
  private readonly handlers: CommandHandlers = {
    ogiltigt: (command) => ({ kind: "text", text: command.explanation }),
    hjalp: () => ({ kind: "card", card: this.help(false) }),
    okand: () => ({ kind: "card", card: this.help(true) }),
    status: async (command, asked) => {
      const committee = command.committee
        ? matchCommittee(asked.committees, command.committee)
        : asked.here;
      if (!committee)
        return { kind: "text", text: command.committee ? UNKNOWN_COMMITTEE : NO_COMMITTEE };
      if (!can.readCommittee(asked.principal, committee.id)) return denied(committee);
      return { kind: "card", card: await this.status(committee) };
    },
    avtal: async (command, asked) => {
      const hits = (await this.readableContracts(asked.principal)).filter((contract) =>
        [contract.title, contract.provider, contract.serviceArea, contract.contractNumber].some(
          (value) => normalizeText(value).includes(command.query),
        ),
      );
      return {
        kind: "card",
        card: this.contractList(`Avtal som matchar ”${command.query}”`, hits, asked.committees),
      };
    },
    forfaller: async (command, asked) => {
      const today = swedishDate(this.now());
      const until = addDays(today, command.days);
      const expiring = (await this.readableContracts(asked.principal)).filter(
        (contract) =>
          contract.status !== "avslutat" &&
          contract.endDate &&
          contract.endDate >= today &&
          contract.endDate <= until,
      );
      return {
        kind: "card",
        card: this.contractList(
          `Avtal som löper ut inom ${countOf(command.days, "dag", "dagar")}`,
          expiring.sort((a, b) => (a.endDate ?? "").localeCompare(b.endDate ?? "")),
          asked.committees,
          true,
        ),
      };
    },
    brister: (_command, asked) =>
      inOwnCommittee(asked, async (here) => ({
        kind: "card",
        card: await this.deficiencies(here),
      })),
    plan: (_command, asked) =>
      inOwnCommittee(asked, async (here) => ({ kind: "card", card: await this.plan(here) })),
    rapporter: (_command, asked) =>
      inOwnCommittee(asked, async (here) => ({ kind: "card", card: await this.reports(here) })),
    export: () => ({ kind: "card", card: this.exportCard() }),
    forsenat: async (_command, asked) =>
      asked.principal.klk
        ? { kind: "card", card: await this.lateEverywhere() }
        : {
            kind: "text",
            text: "Översikten över alla nämnder är till för kommunledningskontoret.",
          },
    koppla: (command, asked) => this.linkChannel(command.committee, asked),
    risk: (_command, asked) =>
      inOwnCommittee(asked, async (here) => ({
        kind: "card",
        card: await this.highRisk(here, asked.principal),
      })),
    leverantor: (command, asked) => this.provider(command.query, asked),
  };

  /** The same contracts the register shows the person: readable nämnders' and their own. */
  private async readableContracts(principal: Principal): Promise<Contract[]> {
    return (await this.store.allContracts()).filter((contract) =>
      can.readContract(principal, contract),
    );
  }

  private async reports(here: Committee): Promise<AdaptiveCard> {
    const reports = await this.store.reports(here.id);
    return card(
      [
        heading(`Rapporter – ${here.name}`),
        ...(reports.length === 0
          ? [paragraph("Inga rapportutkast ännu. Skapa dem under Rapporter i fliken.")]
          : reports
              .slice(0, 15)
              .map((report) => paragraph(`${report.title}: ${reportStatusText(report)}`))),
      ],
      [
        openUrl("Öppna Rapporter", this.link("rapporter", "Rapporter")),
        ...reports
          .slice(0, 3)
          .filter((report) => isWebAddress(report.webUrl))
          .map((report) => openUrl(`Öppna ${report.period}`, report.webUrl)),
      ],
    );
  }

  private async linkChannel(typed: string, asked: Asked): Promise<Reply> {
    const committee = matchCommittee(asked.committees, typed);
    if (!committee) return { kind: "text", text: UNKNOWN_COMMITTEE };
    if (asked.where.conversationType !== "channel")
      return {
        kind: "text",
        text: "Koppla i en kanal i nämndens team, så hamnar påminnelserna där.",
      };
    if (!can.linkChannel(asked.principal, committee.id)) {
      return {
        kind: "text",
        text: `Bara ${plain(committee.name)}s sekreterare (eller kommunledningskontoret) kan koppla ett team till nämnden.`,
      };
    }
    // A nämnd's reminders go to its own team: a channel of another team is refused.
    const team = asked.where.teamGroupId;
    if (team && committee.groupId && team !== committee.groupId) {
      return {
        kind: "text",
        text: `Den här kanalen hör till ett annat team än ${plain(committee.name)}s. Koppla i en kanal i nämndens eget team.`,
      };
    }
    await this.store.linkChannel(
      committee.id,
      { channelId: asked.where.conversationId, teamId: team ?? "" },
      viaBot(actorOf(asked.principal)),
    );
    return {
      kind: "text",
      text: `Klart! Den här kanalen är nu ${plain(committee.name)}s kanal för påminnelser från årshjulet.`,
    };
  }

  private exportCard(): AdaptiveCard {
    return card(
      [
        heading("Export"),
        paragraph(
          "Avtalsregistret och periodens uppföljningar finns som Excel, och uppgifterna till Hypergene eller Stratsys som CSV eller Excel, under Rapporter i fliken.",
        ),
      ],
      [openUrl("Öppna Rapporter och export", this.link("rapporter", "Rapporter"))],
    );
  }

  private help(unknown: boolean): AdaptiveCard {
    return card(
      [
        heading("Avtalsuppföljning"),
        paragraph(
          unknown ? "Det förstod jag inte. Så här kan du fråga:" : "Så här kan du fråga mig:",
        ),
        facts(COMMAND_HELP),
      ],
      [openUrl("Öppna Avtalsuppföljning", this.link("oversikt", "Översikt"))],
    );
  }

  private async status(committee: Committee): Promise<AdaptiveCard> {
    const data = await this.store.cycleView(committee.id);
    const today = swedishDate(this.now());
    const obligations = annualCycle({ today, municipality: data.settings, ...data }).filter(
      (obligation) => obligation.committeeId === committee.id,
    );
    const counts = countByStatus(obligations);
    return fitted(
      (rows) =>
        card(
          [
            heading(`Status – ${committee.name}`),
            paragraph(`Årshjulet den ${swedishLongDate(today)}.`, { isSubtle: true }),
            facts([
              ["Försenade", String(counts.late)],
              ["Aktuella nu", String(counts.due)],
              ["Kommande", String(counts.upcoming)],
            ]),
            ...obligations.slice(0, rows).map((obligation) => this.obligationLine(obligation)),
            ...(obligations.length > rows
              ? [paragraph(`… och ${obligations.length - rows} till i fliken.`, { isSubtle: true })]
              : []),
          ],
          [openUrl("Öppna Översikt", this.link("oversikt", "Översikt"))],
        ),
      Math.min(obligations.length, 12),
    );
  }

  obligationLine(obligation: Obligation): CardElement {
    return paragraph(
      `${OBLIGATION_STATUS_LABELS[obligation.status]} · ${swedishLongDate(obligation.dueDate)} · ${obligation.title}${obligation.owner ? ` (${obligation.owner.name})` : ""}`,
    );
  }

  private contractList(
    title: string,
    contracts: Awaited<ReturnType<AppStore["allContracts"]>>,
    committees: Committee[],
    withEnd = false,
  ): AdaptiveCard {
    const name = (id: string) => committees.find((committee) => committee.id === id)?.name ?? "";
    return fitted(
      (rows) =>
        card(
          [
            heading(title),
            ...(contracts.length === 0 ? [paragraph("Inga avtal hittades.")] : []),
            ...contracts
              .slice(0, rows)
              .map((contract) =>
                paragraph(
                  `${contract.title} – ${contract.provider} (${name(contract.committeeId)})${withEnd && contract.endDate ? `, löper ut ${swedishLongDate(contract.endDate)}` : ""}${contract.strategic ? " · strategiskt" : ""}`,
                ),
              ),
            ...(contracts.length > rows
              ? [paragraph(`… och ${contracts.length - rows} till.`, { isSubtle: true })]
              : []),
          ],
          contracts
            .slice(0, Math.min(rows, 5))
            .map((contract) =>
              openUrl(
                contract.title.slice(0, 40),
                this.link(`avtal/${contract.id}`, contract.title),
              ),
            ),
        ),
      Math.min(contracts.length, 15),
    );
  }

  private async deficiencies(committee: Committee): Promise<AdaptiveCard> {
    const [deficiencies, contracts] = await Promise.all([
      this.store.deficiencies({ committeeId: committee.id }),
      this.store.cycleView(committee.id).then((data) => data.contracts),
    ]);
    const open = deficiencies.filter((deficiency) => deficiency.status !== "åtgärdad");
    const title = (id: string) => contracts.find((contract) => contract.id === id)?.title ?? "";
    return fitted(
      (rows) =>
        card(
          [
            heading(`Öppna brister – ${committee.name}`),
            ...(open.length === 0 ? [paragraph("Inga öppna brister.")] : []),
            ...open.slice(0, rows).flatMap((deficiency) => [
              subheading(`${title(deficiency.contractId)}: ${deficiency.description}`),
              facts([
                ["Ansvarig", deficiency.actionOwner?.name ?? "–"],
                [
                  "Uppföljning",
                  deficiency.checkUpDate ? swedishLongDate(deficiency.checkUpDate) : "–",
                ],
                ["Status", deficiency.status],
              ]),
            ]),
          ],
          [openUrl("Öppna Brister och handlingsplaner", this.link("brister", "Brister"))],
        ),
      Math.min(open.length, 10),
    );
  }

  private async plan(committee: Committee): Promise<AdaptiveCard> {
    const mandate = mandatePeriodContaining(swedishDate(this.now()));
    const plan = (await this.store.plans(committee.id)).find(
      (candidate) => candidate.mandatePeriod === mandate.key,
    );
    return card(
      [
        heading(`Uppföljningsplan ${mandate.label} – ${committee.name}`),
        facts([
          [
            "Status",
            plan
              ? plan.status === "beslutad"
                ? `Beslutad ${plan.decisionDate ? swedishLongDate(plan.decisionDate) : ""}`
                : "Utkast"
              : "Saknas",
          ],
          ["Ska beslutas senast", swedishLongDate(mandate.planDue)],
          ["Diarienummer", plan?.registryNumber || "–"],
        ]),
      ],
      [openUrl("Öppna Uppföljningsplan", this.link("plan", "Uppföljningsplan"))],
    );
  }

  /**
   * The nämnd's contracts at hög risk, as the tab suggests them: from the kommun-wide
   * read model (the providers' record in other nämnder, every contract's deviations).
   */
  private async highRisk(committee: Committee, principal: Principal): Promise<AdaptiveCard> {
    const data = await this.store.kommunView();
    const today = swedishDate(this.now());
    const { suggestions } = kommunRisk({ today, ...data, matrix: data.settings.riskMatrix });
    const high = data.contracts
      .filter(
        (contract) =>
          contract.status !== "avslutat" &&
          (contract.committeeId === committee.id ||
            contract.sharedWithCommitteeIds.includes(committee.id)) &&
          can.readContractRisk(principal, contract) &&
          suggestions.get(contract.id)?.cell.level === "hög",
      )
      .sort((a, b) => (suggestions.get(b.id)?.points ?? 0) - (suggestions.get(a.id)?.points ?? 0));
    return fitted(
      (rows) =>
        card(
          [
            heading(`Hög risk – ${committee.name}`),
            paragraph(
              high.length === 0
                ? "Inget av nämndens avtal bedöms ha hög risk just nu."
                : `${countOf(high.length, "avtal bedöms", "avtal bedöms")} ha hög risk den ${swedishLongDate(today)}. Följ upp dem oftare.`,
            ),
            ...high.slice(0, rows).flatMap((contract) => {
              const suggestion = suggestions.get(contract.id);
              return [
                subheading(`${contract.title} – ${contract.provider}`),
                ...(suggestion
                  ? topReasons(suggestion).map((reason) => paragraph(`• ${reason}`))
                  : []),
              ];
            }),
            ...(high.length > rows
              ? [paragraph(`… och ${high.length - rows} till i fliken.`, { isSubtle: true })]
              : []),
          ],
          high
            .slice(0, Math.min(rows, 5))
            .map((contract) =>
              openUrl(
                contract.title.slice(0, 40),
                this.link(`avtal/${contract.id}`, contract.title),
              ),
            ),
        ),
      Math.min(high.length, 10),
    );
  }

  /**
   * A provider's contracts across the kommun: full rows in the nämnder the
   * person may read, only counts for the others (kommunledningskontoret reads all).
   */
  private async provider(typed: string, asked: Asked): Promise<Reply> {
    const data = await this.store.kommunView();
    const wanted = normalize(typed).split(" ").filter(Boolean);
    const matches = (name: string) => {
      const words = new Set(normalize(name).split(" "));
      return wanted.every((word) => words.has(word));
    };
    const active = data.contracts.filter((contract) => contract.status !== "avslutat");
    const names = new Map<string, string>();
    for (const contract of active) {
      for (const provider of contract.providers) {
        if (matches(provider.name)) names.set(normalize(provider.name), provider.name);
      }
    }
    // What a person typed is never repeated in a plain message.
    if (names.size === 0)
      return {
        kind: "text",
        text: "Jag hittar ingen leverantör med det namnet bland kommunens avtal. Skriv en del av namnet, till exempel ”leverantör Trygga Händer”.",
      };
    if (names.size > 1)
      return {
        kind: "card",
        card: card([
          heading("Flera leverantörer matchar"),
          paragraph("Skriv mer av namnet. Det här är de som matchar:"),
          ...[...names.values()]
            .sort((a, b) => a.localeCompare(b, "sv"))
            .slice(0, 15)
            .map((name) => paragraph(`• ${name}`)),
        ]),
      };
    const [name = ""] = names.values();
    const theirs = active.filter((contract) =>
      contract.providers.some((provider) => provider.name === name),
    );
    const orgNumber =
      theirs.flatMap((contract) => contract.providers).find((p) => p.name === name)?.orgNumber ??
      "";
    const { suggestions } = kommunRisk({
      today: swedishDate(this.now()),
      ...data,
      matrix: data.settings.riskMatrix,
    });
    const keys = providerKeys({ name, orgNumber });
    const entry = registerEntryFor(keys, data.providers);
    const noted = entry
      ? (["weakFinances", "ivoDecisionPending"] as const)
          .filter((flag) => entry[flag])
          .map((flag) => PROVIDER_FLAG_LABELS[flag])
      : [];
    const named = new Set([name]);
    const readable = theirs.filter((contract) => can.readContract(asked.principal, contract));
    const others = new Map<string, { contracts: number; deficiencies: number }>();
    for (const contract of theirs) {
      if (can.readContract(asked.principal, contract)) continue;
      const entry = others.get(contract.committeeId) ?? { contracts: 0, deficiencies: 0 };
      entry.contracts += 1;
      entry.deficiencies += openDeficienciesOf(contract, data.deficiencies, named);
      others.set(contract.committeeId, entry);
    }
    const committeeName = (id: string) =>
      asked.committees.find((committee) => committee.id === id)?.name ?? "";
    const built = fitted(
      (rows) =>
        card(
          [
            heading(`Leverantör: ${name}`),
            paragraph(
              `${orgNumber ? `Org.nr ${orgNumber}. ` : ""}${countOf(theirs.length, "avtal", "avtal")} i ${countOf(new Set(theirs.map((contract) => contract.committeeId)).size, "nämnd", "nämnder")}.`,
            ),
            ...(noted.length > 0
              ? [paragraph(`Noterat i leverantörsregistret: ${noted.join(". ")}.`)]
              : []),
            ...readable.slice(0, rows).flatMap((contract) => {
              const level = suggestions.get(contract.id)?.cell.level;
              const open = openDeficienciesOf(contract, data.deficiencies, named);
              return [
                subheading(`${contract.title} (${committeeName(contract.committeeId)})`),
                facts([
                  ["Risk", level ? RISK_LEVEL_LABELS[level] : "–"],
                  ["Öppna brister", String(open)],
                  ["Avtalsansvarig", contract.owner.name || "–"],
                ]),
              ];
            }),
            ...(readable.length > rows
              ? [paragraph(`… och ${readable.length - rows} till i fliken.`, { isSubtle: true })]
              : []),
            ...(others.size > 0
              ? [
                  subheading("Andra nämnder (bara antal)"),
                  facts(
                    [...others.entries()].map(([id, entry]) => [
                      committeeName(id),
                      `${countOf(entry.contracts, "avtal", "avtal")}, ${countOf(entry.deficiencies, "öppen brist", "öppna brister")}`,
                    ]),
                  ),
                ]
              : []),
          ],
          [
            openUrl(
              "Öppna leverantörens sida",
              this.link(`leverantorer/${encodeURIComponent(keys[0] ?? "")}`, name),
            ),
            ...readable
              .slice(0, Math.min(rows, 4))
              .map((contract) =>
                openUrl(
                  contract.title.slice(0, 40),
                  this.link(`avtal/${contract.id}`, contract.title),
                ),
              ),
          ],
        ),
      Math.min(readable.length, 10),
    );
    return { kind: "card", card: built };
  }

  private async lateEverywhere(): Promise<AdaptiveCard> {
    const data = await this.store.cycleView();
    const today = swedishDate(this.now());
    const late = annualCycle({ today, municipality: data.settings, ...data }).filter(
      (obligation) => obligation.status === "late",
    );
    const byCommittee = data.committees.map(
      (committee) =>
        [
          committee.name,
          late.filter((obligation) => obligation.committeeId === committee.id).length,
        ] as const,
    );
    return card(
      [
        heading("Försenat i nämnderna"),
        paragraph(
          `${countOf(late.length, "försenad uppgift", "försenade uppgifter")} den ${swedishLongDate(today)}.`,
        ),
        facts(
          byCommittee.map(([name, count]) => [
            name,
            count === 0 ? "I fas" : countOf(count, "försenad", "försenade"),
          ]),
        ),
      ],
      [openUrl("Öppna Kommunövergripande", this.link("kommun", "Kommunövergripande"))],
    );
  }
}

type CardElement = Record<string, unknown>;

/** The reasons that weigh most: the signals with the most points, then the consequence. */
function topReasons(suggestion: RiskSuggestion, count = 3): string[] {
  const signals = [...suggestion.signals].sort((a, b) => b.points - a.points);
  return [...signals.map((signal) => signal.reason), suggestion.consequenceReason].slice(0, count);
}

/** What the provider has in one contract, as a count of its open deficiencies there. */
function openDeficienciesOf(
  contract: Contract,
  deficiencies: readonly Deficiency[],
  named: ReadonlySet<string>,
): number {
  return deficiencies.filter(
    (deficiency) =>
      deficiency.contractId === contract.id &&
      deficiency.status !== "åtgärdad" &&
      (deficiency.provider.trim() === "" || named.has(deficiency.provider)),
  ).length;
}

function normalizeText(value: string): string {
  return value
    .toLocaleLowerCase("sv")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** Only http(s) addresses become buttons in a card (a stored webUrl is data, not trusted). */
function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
