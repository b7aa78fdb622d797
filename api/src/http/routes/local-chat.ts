import { Router } from "express";
import { z } from "zod";
import { LOCAL_BOT_ID, LOCAL_BOT_TENANT } from "../../bot/teams-bot.ts";
import { type LocalGraphEndpoint, localServiceHeaders } from "../../graph/auth-providers.ts";
import { can } from "../../policies/access.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { ChatPage } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf } from "../request-context.ts";
import { itemId, parseInput, requiredText } from "../validation.ts";

/**
 * Local mode's Teams stand-in for people: the tab's chat panel sends a
 * message, which the local Bot Connector delivers to /api/messages as a
 * signed activity (the real endpoint, the real validation); the panel and the
 * Kanal view read what the bot posted from the connector's record.
 */

/**
 * An activity as the chat panel shows it: who, when, the text and the cards
 * (their text blocks, facts and links). Loose: the rest of the activity is
 * passed on as the connector recorded it.
 */
const cardElement = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  facts: z
    .array(z.looseObject({ title: z.string().optional(), value: z.string().optional() }))
    .optional(),
  weight: z.string().optional(),
  size: z.string().optional(),
});
const cardAction = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});
export const chatActivity = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  timestamp: z.string().optional(),
  from: z.looseObject({ name: z.string().optional(), role: z.string().optional() }).optional(),
  attachments: z
    .array(
      z.looseObject({
        contentType: z.string(),
        content: z.looseObject({
          body: z.array(cardElement).optional(),
          actions: z.array(cardAction).optional(),
        }),
      }),
    )
    .optional(),
});

/** The local connector's record of a conversation: each activity with its sequence number. */
const connectorPage = z.object({
  value: z.array(z.object({ seq: z.number(), activity: chatActivity })),
});

export function personalConversationId(userId: string): string {
  return `a:personal-${userId}`;
}

export function localChatRouter(
  store: AppStore,
  localGraph: LocalGraphEndpoint,
  selfUrl: () => string,
): Router {
  const router = Router();
  const activities = async (conversationId: string, after: number) => {
    const response = await fetch(
      `${localGraph.origin}/_local/connector/conversations/${encodeURIComponent(conversationId)}/activities?after=${after}`,
      { headers: localServiceHeaders(localGraph) },
    );
    return connectorPage.parse(await response.json()).value;
  };
  const afterOf = (value: unknown) =>
    typeof value === "string" && /^\d+$/.test(value) ? Number(value) : 0;

  router.post("/chat", async (request, response) => {
    const { user } = identityOf(response);
    const { text } = parseInput(z.object({ text: requiredText(2000, "Meddelande") }), request.body);
    const delivered = await fetch(`${localGraph.origin}/_local/connector/deliver`, {
      method: "POST",
      headers: localServiceHeaders(localGraph),
      body: JSON.stringify({
        endpoint: `${selfUrl()}/api/messages`,
        botId: LOCAL_BOT_ID,
        activity: {
          type: "message",
          text,
          channelId: "msteams",
          from: { id: `29:${user.id}`, aadObjectId: user.id, name: user.name, role: "user" },
          recipient: { id: `28:${LOCAL_BOT_ID}`, name: "Avtalsuppföljning", role: "bot" },
          conversation: {
            id: personalConversationId(user.id),
            conversationType: "personal",
            tenantId: LOCAL_BOT_TENANT,
          },
          channelData: { tenant: { id: LOCAL_BOT_TENANT } },
        },
      }),
    });
    const result = z.object({ status: z.number() }).parse(await delivered.json());
    if (result.status >= 400) {
      throw new ProblemError({
        status: 502,
        code: "bot",
        title: "Boten svarade inte",
        detail: "Boten kunde inte ta emot meddelandet. Försök igen.",
      });
    }
    response.status(202).json({ delivered: true });
  });

  router.get("/chat", async (request, response) => {
    const { user } = identityOf(response);
    response.json({
      items: await activities(personalConversationId(user.id), afterOf(request.query.after)),
    } satisfies ChatPage);
  });

  router.get("/committees/:id/channel", async (request, response) => {
    const { principal } = identityOf(response);
    const committeeId = parseInput(itemId("Nämnd"), request.params.id);
    if (!can.readCommittee(principal, committeeId)) throw forbidden();
    const committee = await store.committee(committeeId);
    if (!committee?.channelId) {
      response.json({ items: [], channel: null } satisfies ChatPage);
      return;
    }
    response.json({
      channel: committee.channelId,
      items: await activities(committee.channelId, afterOf(request.query.after)),
    } satisfies ChatPage);
  });
  return router;
}
