import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { LocalIssuer } from "../entra-id/local-issuer.ts";
import { graphErrors } from "../graph/errors.ts";
import type { FaultInjector } from "../graph/faults.ts";
import { readJsonBody } from "../http/body.ts";
import type { Exchange, Middleware } from "../http/middleware.ts";
import { sendJson } from "../http/respond.ts";
import type { ConnectorPersistence } from "../persistence/graph-persistence.ts";

/**
 * A local stand-in for the Bot Framework around Teams: the OpenID metadata and
 * keys the bot SDK checks inbound tokens against, a token endpoint for the
 * bot's outbound calls, and the Bot Connector's conversation API that
 * records what the bot posts (replies and proactive channel posts), so a
 * local UI and tests can read it. It can also deliver a person's message to
 * the bot as a signed activity, as Teams would — only to a bot endpoint on
 * this machine.
 */

export const LOCAL_BOT_ISSUER = "https://api.botframework.com/local";
export const BOT_CONNECTOR_AUDIENCE = "https://api.botframework.com";
/** Where the bot listens: deliveries go to this path on a loopback address, nowhere else. */
export const BOT_MESSAGES_PATH = "/api/messages";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const deliverSchema = z.strictObject({
  endpoint: z.url(),
  botId: z.string().min(1),
  activity: z.record(z.string(), z.unknown()),
});

const botTokenSchema = z.strictObject({
  audience: z.string().min(1),
  /** Negative for an already expired token (tests of the bot's validation). */
  lifetimeSeconds: z.number().int().min(-86_400).max(86_400).default(3600),
  claims: z.record(z.string(), z.unknown()).optional(),
});

const outboundTokenSchema = z.strictObject({ clientId: z.string().min(1).max(200).optional() });

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw graphErrors.invalidRequest(
      `Invalid ${what}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "malformed"}.`,
    );
  }
  return parsed.data;
}

/** The bot's own endpoint on this machine: http(s), loopback host, exactly `/api/messages`. */
export function isLocalBotEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.username === "" &&
    url.password === "" &&
    url.pathname === BOT_MESSAGES_PATH &&
    url.search === "" &&
    url.hash === ""
  );
}

export interface BotConnectorOptions {
  persistence: ConnectorPersistence;
  issuer: LocalIssuer;
  faults: FaultInjector;
  origin: () => string;
}

/** Whether a bearer token is one this stand-in issued for its Bot Connector. */
export async function verifyConnectorToken(
  issuer: LocalIssuer,
  authorization: string | undefined,
): Promise<boolean> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  return issuer
    .verifyFor(token, { issuer: LOCAL_BOT_ISSUER, audience: BOT_CONNECTOR_AUDIENCE })
    .then(
      () => true,
      () => false,
    );
}

export function botConnector(options: BotConnectorOptions): Middleware {
  const { persistence, issuer, faults } = options;
  const serviceUrl = () => `${options.origin()}/_connector`;

  const record = async (exchange: Exchange, conversationId: string, activityId?: string) => {
    const throttled = await faults.admit("request");
    if (throttled) throw throttled;
    const body = await readJsonBody(exchange.request, exchange.headers, 1024 * 1024);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw graphErrors.invalidRequest("An activity must be a JSON object.");
    }
    const id = activityId ?? `1:${randomUUID()}`;
    persistence.recordConnectorActivity(conversationId, id, {
      ...(body as Record<string, unknown>),
      id,
      conversation: { id: conversationId },
      timestamp: new Date().toISOString(),
    });
    sendJson(exchange, exchange.method === "POST" ? 201 : 200, { id });
  };

  const deliver = async (exchange: Exchange) => {
    const request = parse(
      deliverSchema,
      await readJsonBody(exchange.request, exchange.headers, 1024 * 1024),
      "delivery",
    );
    if (!isLocalBotEndpoint(request.endpoint)) {
      throw graphErrors.invalidRequest(
        `Activities are delivered only to a bot on this machine: http://127.0.0.1:<port>${BOT_MESSAGES_PATH} (or localhost).`,
      );
    }
    const activity: Record<string, unknown> = {
      id: `1:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      ...request.activity,
      serviceUrl: serviceUrl(),
    };
    const conversationId = String(
      (activity.conversation as { id?: unknown } | undefined)?.id ?? "",
    );
    if (activity.type === "message")
      persistence.recordConnectorActivity(conversationId, String(activity.id), activity);
    const token = await issuer.sign(
      { serviceurl: serviceUrl() },
      { issuer: LOCAL_BOT_ISSUER, audience: request.botId, lifetimeSeconds: 300 },
    );
    const response = await fetch(request.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
      redirect: "manual",
    });
    sendJson(exchange, 200, { status: response.status, activityId: activity.id });
  };

  return async (exchange, next) => {
    const { method } = exchange;
    const path = exchange.url.pathname;
    const caller = exchange.caller.kind;
    if (method === "GET" && path === "/_botframework/v1/.well-known/openidconfiguration") {
      return sendJson(exchange, 200, {
        issuer: LOCAL_BOT_ISSUER,
        jwks_uri: `${options.origin()}/_botframework/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (method === "GET" && path === "/_botframework/v1/.well-known/keys") {
      return sendJson(exchange, 200, issuer.jwks());
    }
    if (caller === "operator" && method === "POST" && path === "/_botframework/token") {
      const { clientId } = parse(
        outboundTokenSchema,
        await readJsonBody(exchange.request, exchange.headers),
        "token request",
      );
      const token = await issuer.sign(
        { appid: clientId ?? "local-bot" },
        { issuer: LOCAL_BOT_ISSUER, audience: BOT_CONNECTOR_AUDIENCE },
      );
      return sendJson(exchange, 200, {
        access_token: token,
        token_type: "Bearer",
        expires_in: 3600,
      });
    }
    if (caller === "bot") {
      const conversation =
        /^\/_connector\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (conversation && (method === "POST" || method === "PUT")) {
        return record(
          exchange,
          decodeURIComponent(conversation[1]!),
          conversation[2] ? decodeURIComponent(conversation[2]) : undefined,
        );
      }
      if (method === "POST" && path === "/_connector/v3/conversations") {
        return sendJson(exchange, 201, {
          id: `19:${randomUUID().replace(/-/g, "")}@thread.tacv2`,
          activityId: `1:${randomUUID()}`,
        });
      }
    }
    if (caller === "operator") {
      const listing = /^\/_local\/connector\/conversations\/([^/]+)\/activities$/.exec(path);
      if (listing && method === "GET") {
        const after = Number(exchange.url.searchParams.get("after") ?? "0");
        return sendJson(exchange, 200, {
          value: persistence.connectorActivities(
            decodeURIComponent(listing[1]!),
            Number.isFinite(after) ? after : 0,
          ),
        });
      }
      if (method === "POST" && path === "/_local/connector/deliver") return deliver(exchange);
      if (method === "POST" && path === "/_local/connector/token") {
        const request = parse(
          botTokenSchema,
          await readJsonBody(exchange.request, exchange.headers),
          "token request",
        );
        const token = await issuer.sign(
          { serviceurl: serviceUrl(), ...request.claims },
          {
            issuer: LOCAL_BOT_ISSUER,
            audience: request.audience,
            expiresAt: Math.floor(Date.now() / 1000) + request.lifetimeSeconds,
          },
        );
        return sendJson(exchange, 200, { access_token: token, token_type: "Bearer" });
      }
    }
    await next();
  };
}
