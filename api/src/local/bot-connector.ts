import { randomUUID } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import type { FaultInjector } from "./faults.ts";
import type { LocalIssuer } from "./local-issuer.ts";
import type { SqliteGraphPersistence } from "./persistence/sqlite-graph-persistence.ts";

/**
 * A local stand-in for the Bot Framework around Teams: the OpenID metadata and
 * keys the bot SDK checks inbound tokens against, a token endpoint for the
 * bot's outbound calls, and the Bot Connector's conversation API that
 * records what the bot posts (replies and proactive channel posts), so the
 * tab's Kanal view and the tests can read it. It can also deliver a person's
 * message to the bot as a signed activity, as Teams would.
 */

export const LOCAL_BOT_ISSUER = "https://api.botframework.com/local";
export const BOT_CONNECTOR_AUDIENCE = "https://api.botframework.com";

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

const deliverSchema = z.object({
  endpoint: z.url(),
  botId: z.string().min(1),
  activity: z.record(z.string(), z.unknown()),
});

export class LocalBotConnector {
  private readonly persistence: SqliteGraphPersistence;
  private readonly issuer: () => LocalIssuer;
  private readonly faults: FaultInjector;
  private readonly origin: () => string;

  constructor(
    persistence: SqliteGraphPersistence,
    issuer: () => LocalIssuer,
    faults: FaultInjector,
    origin: () => string,
  ) {
    this.persistence = persistence;
    this.issuer = issuer;
    this.faults = faults;
    this.origin = origin;
  }

  get serviceUrl(): string {
    return `${this.origin()}/_connector`;
  }

  get openIdMetadataUrl(): string {
    return `${this.origin()}/_botframework/v1/.well-known/openidconfiguration`;
  }

  /** Handles /_botframework/…, /_connector/… and /_local/connector/…; false if the path is not its own. */
  async handle(
    method: string,
    url: URL,
    headers: http.IncomingHttpHeaders,
    body: unknown,
    reply: Reply,
  ): Promise<boolean> {
    const path = url.pathname;
    if (method === "GET" && path === "/_botframework/v1/.well-known/openidconfiguration") {
      reply(200, {
        issuer: LOCAL_BOT_ISSUER,
        jwks_uri: `${this.origin()}/_botframework/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
      return true;
    }
    if (method === "GET" && path === "/_botframework/v1/.well-known/keys") {
      reply(200, this.issuer().jwks());
      return true;
    }
    if (method === "POST" && path === "/_botframework/token") {
      const clientId =
        typeof (body as { clientId?: unknown })?.clientId === "string"
          ? (body as { clientId: string }).clientId
          : "local-bot";
      const token = await this.issuer().sign(
        { appid: clientId },
        { issuer: LOCAL_BOT_ISSUER, audience: BOT_CONNECTOR_AUDIENCE },
      );
      reply(200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
      return true;
    }
    const conversation =
      /^\/_connector\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (conversation && (method === "POST" || method === "PUT")) {
      if (!/^Bearer\s+\S+/.test(headers.authorization ?? "")) {
        reply(401, {
          error: { code: "Unauthorized", message: "Missing bearer token for the Bot Connector." },
        });
        return true;
      }
      const throttled = await this.faults.admit("request");
      if (throttled) {
        reply(
          throttled.status,
          { error: { code: throttled.code, message: throttled.message } },
          throttled.headers,
        );
        return true;
      }
      const conversationId = decodeURIComponent(conversation[1]!);
      const activity = (body ?? {}) as Record<string, unknown>;
      const id = conversation[2] ? decodeURIComponent(conversation[2]) : `1:${randomUUID()}`;
      this.persistence.recordConnectorActivity(conversationId, id, {
        ...activity,
        id,
        conversation: { id: conversationId },
        timestamp: new Date().toISOString(),
      });
      reply(method === "POST" ? 201 : 200, { id });
      return true;
    }
    if (method === "POST" && path === "/_connector/v3/conversations") {
      reply(201, {
        id: `19:${randomUUID().replace(/-/g, "")}@thread.tacv2`,
        activityId: `1:${randomUUID()}`,
      });
      return true;
    }
    const listing = /^\/_local\/connector\/conversations\/([^/]+)\/activities$/.exec(path);
    if (listing && method === "GET") {
      const after = Number(url.searchParams.get("after") ?? "0");
      reply(200, {
        value: this.persistence.connectorActivities(
          decodeURIComponent(listing[1]!),
          Number.isFinite(after) ? after : 0,
        ),
      });
      return true;
    }
    if (method === "POST" && path === "/_local/connector/deliver") {
      const parsed = deliverSchema.safeParse(body);
      if (!parsed.success) {
        reply(400, {
          error: { code: "BadRequest", message: "endpoint, botId and activity are required" },
        });
        return true;
      }
      const activity: Record<string, unknown> = {
        id: `1:${randomUUID()}`,
        timestamp: new Date().toISOString(),
        serviceUrl: this.serviceUrl,
        ...parsed.data.activity,
      };
      const conversationId = String(
        (activity.conversation as { id?: unknown } | undefined)?.id ?? "",
      );
      if (activity.type === "message")
        this.persistence.recordConnectorActivity(conversationId, String(activity.id), activity);
      const token = await this.issuer().sign(
        { serviceurl: this.serviceUrl },
        { issuer: LOCAL_BOT_ISSUER, audience: parsed.data.botId, lifetimeSeconds: 300 },
      );
      const response = await fetch(parsed.data.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(activity),
      });
      reply(200, { status: response.status, activityId: activity.id });
      return true;
    }
    return false;
  }
}
