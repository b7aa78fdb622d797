import type { ConfidentialClientApplication } from "@azure/msal-node";
import { MessageActivity, PUBLIC, withOverrides } from "@microsoft/teams.api";
import { App, ExpressAdapter } from "@microsoft/teams.apps";
import type { ILogger } from "@microsoft/teams.common";
import express from "express";
import type { AppConfig } from "../config.ts";
import { viaBot } from "../domain/actor.ts";
import { type LocalGraphEndpoint, localServiceHeaders } from "../graph/auth-providers.ts";
import { isOneOf, stringOf, teamGroupIdOf } from "../graph/json.ts";
import { tokenResponse } from "../graph/shapes.ts";
import { sendProblem } from "../http/problem.ts";
import type { Logger } from "../logger.ts";
import type { AppStore } from "../store/app-store.ts";
import type { MembershipResolver } from "../store/membership.ts";
import { PeopleDirectory } from "../store/people-directory.ts";
import { type BotReplies, CONVERSATION_TYPES, type Reply, type Where } from "./bot-replies.ts";
import { type AdaptiveCard, attachment, plain } from "./cards.ts";
import { mentionName } from "./mention.ts";

/**
 * The bot on the app's own express server at /api/messages, built on the
 * Teams SDK v2: the SDK validates Bot Framework tokens and sends replies and
 * proactive posts. In local mode it is pointed at the local Bot Framework
 * stand-in (keys, issuer, token, connector) through the SDK's cloud and
 * token options — the same validation code, no bypass.
 */

export const LOCAL_BOT_ID = "6f1c2b4e-0a7d-4c1f-9a55-0b0e5b7a10c1";
export const LOCAL_BOT_TENANT = "00000000-0000-4000-8000-00000000a5b7";

export interface BotOptions {
  config: AppConfig;
  logger: Logger;
  replies: BotReplies;
  store: AppStore;
  membership: MembershipResolver;
  /** Local mode: the local Graph service, which hosts the Bot Framework stand-in. */
  localGraph?: LocalGraphEndpoint | undefined;
  /** Tenant mode: the app's Entra client; the bot's Bot Framework tokens come from it (secret or certificate). */
  entraClient?: ConfidentialClientApplication | undefined;
  /** The Agents Playground sends no tokens: an explicit switch, local mode only. */
  allowUnauthenticated?: boolean;
}

function sdkLogger(logger: Logger, name = "teams"): ILogger {
  const child = logger.child({ component: name });
  const toText = (parts: unknown[]) =>
    parts
      .map((part) =>
        part instanceof Error
          ? part.message
          : typeof part === "string"
            ? part
            : JSON.stringify(part),
      )
      .join(" ");
  const self: ILogger = {
    debug: (...parts) => child.debug(toText(parts)),
    info: (...parts) => child.debug(toText(parts)),
    warn: (...parts) => child.warn(toText(parts)),
    error: (...parts) => child.error(toText(parts)),
    trace: (...parts) => child.trace(toText(parts)),
    log: (level, ...parts) => child[level === "trace" ? "trace" : level](toText(parts)),
    child: (childName) => sdkLogger(logger, `${name}.${childName}`),
  };
  return self;
}

/** 127.0.0.0/8, ::1 and localhost: the local connector stand-in or the Agents Playground's. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    (host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
  );
}

export class TeamsBot {
  readonly router: express.Express;
  readonly app: App;
  readonly botId: string;
  private readonly people: PeopleDirectory;

  constructor(options: BotOptions) {
    this.router = express();
    this.router.disable("x-powered-by");
    this.people = new PeopleDirectory(options.store.access);
    const { config, localGraph } = options;
    if (options.allowUnauthenticated) {
      // Without a token nothing vouches for the activity's serviceUrl, where the
      // SDK sends the reply with the bot's token: only this machine is accepted.
      this.router.post(
        "/api/messages",
        express.json({ limit: "1mb" }),
        (request, response, next) => {
          const serviceUrl = stringOf(request.body, "serviceUrl");
          if (isLoopbackUrl(serviceUrl)) return next();
          sendProblem(response, {
            status: 403,
            code: "service-url-not-allowed",
            title: "Otillåten serviceUrl",
            detail:
              "Utan inloggning svarar boten bara till en anslutning på den här datorn (serviceUrl på localhost).",
          });
        },
      );
    }
    const adapter = new ExpressAdapter(this.router);
    const logger = sdkLogger(options.logger);
    if (config.mode === "local") {
      if (!localGraph)
        throw new Error("local mode needs the local Graph service's origin for the bot");
      this.botId = LOCAL_BOT_ID;
      this.app = new App({
        clientId: LOCAL_BOT_ID,
        tenantId: LOCAL_BOT_TENANT,
        token: async () => {
          const response = await fetch(`${localGraph.origin}/_botframework/token`, {
            method: "POST",
            headers: localServiceHeaders(localGraph),
            body: JSON.stringify({ clientId: LOCAL_BOT_ID }),
          });
          return tokenResponse.parse(await response.json()).access_token;
        },
        cloud: withOverrides(PUBLIC, {
          openIdMetadataUrl: `${localGraph.origin}/_botframework/v1/.well-known/openidconfiguration`,
          tokenIssuer: "https://api.botframework.com/local",
        }),
        serviceUrl: `${localGraph.origin}/_connector`,
        httpServerAdapter: adapter,
        logger,
        dangerouslyAllowUnauthenticatedRequests: options.allowUnauthenticated === true,
      });
    } else {
      const entraClient = options.entraClient;
      if (!entraClient) throw new Error("tenant mode needs the app's Entra client for the bot");
      this.botId = config.clientId;
      this.app = new App({
        clientId: config.clientId,
        tenantId: config.tenantId,
        token: async (scope) => {
          const result = await entraClient.acquireTokenByClientCredential({
            scopes: Array.isArray(scope) ? scope : [scope],
          });
          if (!result?.accessToken) throw new Error("Ingen token för boten från Entra ID");
          return result.accessToken;
        },
        httpServerAdapter: adapter,
        logger,
      });
    }

    this.app.on("message", async ({ activity, send }) => {
      const where: Where = {
        teamGroupId: teamGroupIdOf(activity.channelData),
        conversationId: activity.conversation.id,
        conversationType: isOneOf(CONVERSATION_TYPES, activity.conversation.conversationType)
          ? activity.conversation.conversationType
          : "personal",
      };
      const speaker = { id: activity.from.aadObjectId ?? "", name: activity.from.name ?? "" };
      let reply: Reply;
      try {
        reply = await options.replies.answer(activity.text ?? "", speaker, where);
      } catch (error) {
        options.logger.error({ error: String(error) }, "bot: answer failed");
        reply = {
          kind: "text",
          text: "Något gick fel när jag hämtade uppgifterna. Försök igen om en stund.",
        };
      }
      await send(
        reply.kind === "card"
          ? new MessageActivity().addAttachments(attachment(reply.card))
          : new MessageActivity(reply.text),
      );
    });

    // When the app is installed in a team, the team's nämnd gets the channel for its reminders.
    this.app.on("install.add", async ({ activity, send }) => {
      const teamGroupId = teamGroupIdOf(activity.channelData);
      const committees = await options.store.committees();
      const committee = teamGroupId
        ? committees.find((candidate) => candidate.groupId === teamGroupId)
        : undefined;
      if (committee && activity.conversation.conversationType === "channel") {
        // Whoever installed the app in the team, through the bot.
        await options.store.linkChannel(
          committee.id,
          { channelId: activity.conversation.id, teamId: teamGroupId ?? "" },
          viaBot({
            id: activity.from.aadObjectId ?? activity.from.id,
            name: activity.from.name ?? "Teams",
            email: "",
          }),
        );
        await send(
          `Hej! Jag påminner ${plain(committee.name)} om årshjulets uppgifter här. Skriv ”hjälp” för att se vad jag kan.`,
        );
      } else if (activity.conversation.conversationType === "channel") {
        await send(
          "Hej! Skriv ”koppla <nämnd>” för att koppla teamet till en nämnd, så hamnar påminnelserna här.",
        );
      }
    });
  }

  async initialize(): Promise<void> {
    await this.app.initialize();
  }

  /**
   * Posts a card proactively to a conversation (a nämnd's channel), @mentioning
   * a person by Entra object id. The mention shows the directory's name for
   * that id (a name typed into the register only when the directory has none),
   * reduced to plain words: nothing a person typed reaches the message outside
   * the card, whose text is escaped.
   */
  async post(
    conversationId: string,
    content: AdaptiveCard,
    mention?: { id: string; name: string },
  ): Promise<string> {
    let message = new MessageActivity();
    if (mention?.id) {
      // The directory unreachable for a moment should not hold up a reminder.
      const fromDirectory = await this.people.displayName(mention.id).catch(() => undefined);
      const name = mentionName(fromDirectory ?? mention.name);
      message = message
        .addText(`<at>${name}</at> `)
        .addMention({ id: mention.id, name, role: "user" }, { addText: false });
    }
    message = message.addAttachments(attachment(content));
    const sent = await this.app.send(conversationId, message);
    return sent.id;
  }
}
