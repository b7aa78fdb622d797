import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, type JWK, jwtVerify } from "jose";
import { type AccessGrant, grantOf } from "./access-grants.ts";
import { LocalBotConnector } from "./bot-connector.ts";
import { errorBody, type GraphError, graphErrors } from "./errors.ts";
import { FaultInjector, type FaultSettings } from "./faults.ts";
import type { GraphRequest, GraphResponse } from "./graph-request.ts";
import { errorResponse, handleGraphRequest } from "./graph-service.ts";
import { parseBatch, runBatch } from "./handlers/batch.ts";
import { cancelUploadSession, driveScope, uploadFragment } from "./handlers/drives.ts";
import { storeList } from "./handlers/lists.ts";
import { isoSeconds, newGuid, newSiteId } from "./ids.ts";
import { GRAPH_AUDIENCE, LocalIssuer, unverifiedClaims } from "./local-issuer.ts";
import type { Identity } from "./persistence/graph-persistence.ts";
import { SqliteGraphPersistence } from "./persistence/sqlite-graph-persistence.ts";
import { DownloadTokens, type ServiceContext } from "./service-context.ts";

/**
 * The local Graph service: an HTTP server speaking the Graph v1.0 subset the
 * app uses, with SharePoint's rules, data kept on disk. Pipeline per request:
 * count + latency + throttling → authentication → body → dispatch → serialise.
 */

export interface LocalGraphServerOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  faults?: Partial<FaultSettings>;
  /** Verify bearer tokens against the local issuer instead of accepting any non-empty token. */
  verifyTokens?: boolean;
  /**
   * Issuers besides the local one whose Graph tokens are accepted (an Entra ID
   * stand-in, for tenant-mode tests); their `roles`/`scp` decide what they may do.
   */
  trustedIssuers?: Array<{ issuer: string; jwks: { keys: JWK[] } }>;
  /** Serve the `/_local` admin endpoints (fault injection, stats, token). */
  adminEndpoints?: boolean;
  log?: (entry: Record<string, unknown>) => void;
  /** Origin for `webUrl`s, when this instance is not the one people open files through. */
  webOrigin?: string;
}

export const DEFAULT_SITE_PATH = "/sites/avtal";
export const LOCAL_ISSUER = "urn:avtalsuppfoljning:local-graph";
const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;
const MAX_CONTENT_BODY_BYTES = 250 * 1024 * 1024 + 1;

class BodyTooLarge extends Error {}

async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lowerHeaders(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

export class LocalGraphServer {
  readonly faults: FaultInjector;
  readonly persistence: SqliteGraphPersistence;
  private readonly server: http.Server;
  private readonly context: ServiceContext;
  private issuer: LocalIssuer | undefined;
  private baseOrigin = "";
  private readonly options: LocalGraphServerOptions;
  /** Key sets built once: every request of a tenant-mode test is verified against them. */
  private readonly trustedIssuers: Array<{
    issuer: string;
    keys: ReturnType<typeof createLocalJWKSet>;
  }>;
  readonly connector: LocalBotConnector;

  constructor(options: LocalGraphServerOptions) {
    this.options = options;
    this.trustedIssuers = (options.trustedIssuers ?? []).map(({ issuer, jwks }) => ({
      issuer,
      keys: createLocalJWKSet(jwks),
    }));
    this.faults = new FaultInjector(options.faults);
    this.persistence = new SqliteGraphPersistence(options.dataDir);
    this.context = {
      persistence: this.persistence,
      origin: () => this.baseOrigin,
      webOrigin: () => options.webOrigin ?? this.baseOrigin,
      now: () => new Date(),
      downloads: new DownloadTokens(),
    };
    this.connector = new LocalBotConnector(
      this.persistence,
      () => this.issuer!,
      this.faults,
      () => this.baseOrigin,
    );
    this.server = http.createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        this.options.log?.({ level: "error", msg: "local graph: unhandled", error: String(error) });
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  /** Base URL of the Graph API, ending in `/v1.0`. */
  get graphUrl(): string {
    return `${this.baseOrigin}/v1.0`;
  }

  get origin(): string {
    return this.baseOrigin;
  }

  async start(): Promise<string> {
    this.issuer = await LocalIssuer.open(this.options.dataDir, LOCAL_ISSUER);
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseOrigin = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
    this.ensureDefaultSite(address.port);
    return this.graphUrl;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.persistence.close();
  }

  /** The root site and its default document library exist from the first start. */
  private ensureDefaultSite(port: number): void {
    if (this.persistence.getRootSite()) return;
    const now = isoSeconds(new Date());
    const hostname = "localhost";
    this.persistence.transaction(() => {
      const site = {
        id: newSiteId(hostname),
        hostname,
        path: DEFAULT_SITE_PATH,
        name: "avtal",
        displayName: "Avtalsuppföljning",
        created: now,
        isRoot: true,
      };
      this.persistence.insertSite(site);
      const system: Identity = { application: { id: "local", displayName: "Lokal Graph-tjänst" } };
      storeList(
        this.context,
        {
          id: newGuid(),
          siteId: site.id,
          name: "Shared Documents",
          displayName: "Dokument",
          description: "",
          template: "documentLibrary",
          created: now,
          modified: now,
          driveId: null,
        },
        [],
        system,
      );
    });
    this.options.log?.({ level: "info", msg: `local graph: created root site on port ${port}` });
  }

  private async route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://local");
    const requestId = randomUUID();
    const clientRequestId =
      (request.headers["client-request-id"] as string | undefined) ?? requestId;
    const send = (graphResponse: GraphResponse) =>
      this.write(response, graphResponse, {
        "request-id": requestId,
        "client-request-id": clientRequestId,
      });
    const sendError = (error: GraphError) =>
      send({
        status: error.status,
        headers: error.headers,
        body: errorBody(error, requestId, clientRequestId),
      });

    try {
      if (url.pathname === "/v1.0" || url.pathname.startsWith("/v1.0/")) {
        await this.graph(request, url, send, sendError);
      } else if (url.pathname.startsWith("/_upload/")) {
        await this.upload(request, url.pathname.slice("/_upload/".length), send, sendError);
      } else if (url.pathname.startsWith("/_download/")) {
        this.download(url.pathname.slice("/_download/".length), response);
      } else if (/^\/(_botframework|_connector|_local\/connector)\//.test(url.pathname)) {
        const raw = await readBody(request, MAX_JSON_BODY_BYTES);
        let body: unknown;
        try {
          body = raw.byteLength > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
        } catch {
          body = undefined;
        }
        const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          response
            .writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers })
            .end(JSON.stringify(payload));
        };
        if (
          !(await this.connector.handle(request.method ?? "GET", url, request.headers, body, reply))
        ) {
          reply(404, { error: { code: "NotFound", message: "Unknown connector path." } });
        }
      } else if (request.method === "GET" && url.pathname.startsWith("/sites/")) {
        this.web(url.pathname, response);
      } else if (url.pathname.startsWith("/_local/") && this.options.adminEndpoints !== false) {
        await this.admin(request, url, response);
      } else if (request.method === "GET" && url.pathname === "/") {
        send({ status: 200, body: { service: "Lokal Graph-tjänst", graph: this.graphUrl } });
      } else {
        sendError(graphErrors.segmentNotFound(url.pathname.split("/")[1] ?? ""));
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendError(graphErrors.payloadTooLarge("The request body is too large."));
        return;
      }
      const { error: graphError, unexpected } = errorResponse(error);
      if (unexpected) this.logUnexpected(error);
      sendError(graphError);
    }
  }

  private async authenticate(
    headers: Record<string, string>,
  ): Promise<{ identity: Identity; grant: AccessGrant }> {
    const authorization = headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) {
      throw graphErrors.unauthenticated(
        authorization === ""
          ? "Access token is empty."
          : "The Authorization header must be 'Bearer <token>'.",
      );
    }
    const token = match[1];
    let claims: Record<string, unknown> | undefined;
    let grant: AccessGrant = { kind: "unrestricted" };
    if (this.options.verifyTokens) {
      claims = await this.issuer!.verify(token).catch(() => undefined);
      if (!claims) {
        claims = await this.verifyTrusted(token);
        grant = grantOf(claims);
      }
    } else {
      claims = unverifiedClaims(token);
    }
    const name = typeof claims?.name === "string" ? claims.name : undefined;
    const oid = typeof claims?.oid === "string" ? claims.oid : undefined;
    if (name && oid) return { identity: { user: { id: oid, displayName: name } }, grant };
    const appId = typeof claims?.appid === "string" ? claims.appid : "local-app";
    const appName =
      typeof claims?.app_displayname === "string" ? claims.app_displayname : "Avtalsuppföljning";
    return { identity: { application: { id: appId, displayName: appName } }, grant };
  }

  private async verifyTrusted(token: string): Promise<Record<string, unknown>> {
    for (const trusted of this.trustedIssuers) {
      try {
        const { payload } = await jwtVerify(token, trusted.keys, {
          issuer: trusted.issuer,
          audience: GRAPH_AUDIENCE,
          algorithms: ["RS256"],
        });
        return payload;
      } catch {
        // Try the next issuer.
      }
    }
    throw graphErrors.unauthenticated(
      "Access token validation failure. Invalid audience, issuer, signature or lifetime.",
    );
  }

  private async graph(
    request: http.IncomingMessage,
    url: URL,
    send: (response: GraphResponse) => void,
    sendError: (error: GraphError) => void,
  ): Promise<void> {
    const path = url.pathname.slice("/v1.0".length) || "/";
    const isBatch = path === "/$batch";
    const throttled = await this.faults.admit(isBatch ? "batch" : "request");
    if (throttled) return sendError(throttled);
    const headers = lowerHeaders(request);
    const { identity, grant } = await this.authenticate(headers);
    // File content is bytes whatever Content-Type says (graph-client defaults to JSON).
    const isContentUpload = request.method === "PUT" && /\/content$/.test(path);
    const isJson =
      !isContentUpload && (headers["content-type"] ?? "").toLowerCase().includes("json");
    const raw = await readBody(request, isJson ? MAX_JSON_BODY_BYTES : MAX_CONTENT_BODY_BYTES);
    let body: unknown;
    if (isJson && raw.byteLength > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendError(graphErrors.invalidRequest("The request body is not valid JSON."));
      }
    }
    if (isBatch) {
      if (request.method !== "POST") return sendError(graphErrors.methodNotAllowed());
      const parts = parseBatch(body);
      const responses = await runBatch(
        parts,
        async (part) => {
          const partThrottled = await this.faults.admit("part");
          if (partThrottled) return this.errorAsResponse(partThrottled);
          const partUrl = new URL(
            part.url.startsWith("/") ? part.url : `/${part.url}`,
            "http://local",
          );
          const partHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(part.headers ?? {}))
            partHeaders[name.toLowerCase()] = value;
          return this.execute({
            method: part.method,
            path: partUrl.pathname,
            query: partUrl.searchParams,
            headers: partHeaders,
            body: part.body,
            rawBody: undefined,
            identity,
            grant,
          });
        },
        (error) => errorBody(error, randomUUID()),
      );
      return send({ status: 200, body: { responses } });
    }
    send(
      handleGraphRequest(this.context, {
        method: request.method ?? "GET",
        path,
        query: url.searchParams,
        headers,
        body,
        rawBody: isJson ? undefined : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
        identity,
        grant,
      }),
    );
  }

  private errorAsResponse(error: GraphError, clientRequestId?: string): GraphResponse {
    return {
      status: error.status,
      headers: error.headers,
      body: errorBody(error, randomUUID(), clientRequestId),
    };
  }

  private logUnexpected(error: unknown): void {
    this.options.log?.({
      level: "error",
      msg: "local graph: handler failed",
      error: String(error),
      stack: (error as Error).stack,
    });
  }

  /** One operation, errors turned into Graph error responses (used for batch parts too). */
  private execute(request: GraphRequest): GraphResponse {
    try {
      return handleGraphRequest(this.context, request);
    } catch (error) {
      const { error: graphError, unexpected } = errorResponse(error);
      if (unexpected) this.logUnexpected(error);
      return this.errorAsResponse(graphError, request.headers["client-request-id"]);
    }
  }

  private async upload(
    request: http.IncomingMessage,
    sessionId: string,
    send: (response: GraphResponse) => void,
    sendError: (error: GraphError) => void,
  ): Promise<void> {
    const headers = lowerHeaders(request);
    // Upload URLs are pre-authenticated; SharePoint refuses a bearer token on them.
    if (headers.authorization) {
      return sendError(
        graphErrors.unauthenticated("Do not send an Authorization header to an upload URL."),
      );
    }
    const throttled = await this.faults.admit("request");
    if (throttled) return sendError(throttled);
    const identity: Identity = { application: { id: "upload", displayName: "Avtalsuppföljning" } };
    if (request.method === "DELETE")
      return send(cancelUploadSession(this.context, decodeURIComponent(sessionId)));
    if (request.method !== "PUT") return sendError(graphErrors.methodNotAllowed());
    const raw = await readBody(request, 61 * 1024 * 1024);
    send(
      uploadFragment(this.context, decodeURIComponent(sessionId), {
        method: "PUT",
        path: "",
        query: new URLSearchParams(),
        headers,
        body: undefined,
        rawBody: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
        identity,
        // The session URL itself is the permission, granted when the session was created.
        grant: { kind: "unrestricted" },
      }),
    );
  }

  private download(token: string, response: http.ServerResponse): void {
    const target = this.context.downloads.resolve(decodeURIComponent(token), Date.now());
    const content = target && this.persistence.readContent(target.driveId, target.itemId);
    const item = target && this.persistence.getDriveItem(target.driveId, target.itemId);
    if (!content || !item || !target) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    driveScope(this.context, target.driveId);
    response
      .writeHead(200, {
        "Content-Type": item.mimeType ?? "application/octet-stream",
        "Content-Length": String(content.byteLength),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
      })
      .end(Buffer.from(content));
  }

  /**
   * The stand-in for SharePoint's web: a file's `webUrl` opens (downloads) the
   * file, as Office for the web would open it in a tenant.
   */
  private web(pathname: string, response: http.ServerResponse): void {
    const notFound = (): void => {
      response
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end("Filen finns inte.");
    };
    let decoded: string[];
    try {
      decoded = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      notFound();
      return;
    }
    const site = this.persistence
      .listSites()
      .find(
        (candidate) =>
          `/${decoded.slice(0, 2).join("/")}`.toLowerCase() === candidate.path.toLowerCase(),
      );
    const [libraryName, ...names] = decoded.slice(2);
    const list = site && libraryName ? this.persistence.getList(site.id, libraryName) : undefined;
    const drive = list && this.persistence.getDriveByList(list.id);
    let item = drive && this.persistence.getDriveRoot(drive.id);
    for (const name of names)
      item = item && drive ? this.persistence.getChildByName(drive.id, item.id, name) : undefined;
    const content =
      item && drive && !item.isFolder ? this.persistence.readContent(drive.id, item.id) : undefined;
    if (!item || !content) {
      notFound();
      return;
    }
    response
      .writeHead(200, {
        "Content-Type": item.mimeType ?? "application/octet-stream",
        "Content-Length": String(content.byteLength),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
      })
      .end(Buffer.from(content));
  }

  /** Local-only administration: fault injection, request counters, tokens, delta expiry. */
  private async admin(
    request: http.IncomingMessage,
    url: URL,
    response: http.ServerResponse,
  ): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      response
        .writeHead(status, { "Content-Type": "application/json; charset=utf-8" })
        .end(JSON.stringify(body));
    };
    const readJson = async () => {
      const raw = await readBody(request, 64 * 1024);
      return raw.byteLength === 0 ? {} : (JSON.parse(raw.toString("utf8")) as unknown);
    };
    const key = `${request.method} ${url.pathname}`;
    try {
      switch (key) {
        case "GET /_local/faults":
          return reply(200, this.faults.current());
        case "PUT /_local/faults":
          return reply(200, this.faults.configure(await readJson()));
        case "GET /_local/stats":
          return reply(200, this.faults.stats());
        case "POST /_local/stats/reset":
          this.faults.resetStats();
          return reply(200, this.faults.stats());
        case "GET /_local/issuer/keys":
          return reply(200, this.issuer!.jwks());
        case "POST /_local/token": {
          const body = (await readJson()) as { clientId?: unknown };
          const clientId = typeof body.clientId === "string" ? body.clientId : "local-app";
          const { token, expiresIn } = await this.issuer!.issueAppToken(clientId);
          return reply(200, { access_token: token, token_type: "Bearer", expires_in: expiresIn });
        }
        case "POST /_local/delta/expire": {
          const body = (await readJson()) as { listId?: unknown };
          if (typeof body.listId !== "string" || !this.persistence.getListById(body.listId)) {
            return reply(400, { error: "listId saknas eller är okänt" });
          }
          this.persistence.transaction(() => this.persistence.compactChanges(String(body.listId)));
          return reply(200, { expired: body.listId });
        }
        default:
          return reply(404, { error: `okänd administrationsväg ${key}` });
      }
    } catch (error) {
      return reply(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private write(
    response: http.ServerResponse,
    graphResponse: GraphResponse,
    ids: Record<string, string>,
  ): void {
    const headers: Record<string, string> = { ...ids, ...graphResponse.headers };
    if (graphResponse.body === undefined) {
      response.writeHead(graphResponse.status, headers).end();
    } else if (graphResponse.body instanceof Uint8Array) {
      response
        .writeHead(graphResponse.status, { ...headers, "Content-Type": "application/octet-stream" })
        .end(Buffer.from(graphResponse.body));
    } else {
      const payload = JSON.stringify(graphResponse.body);
      response
        .writeHead(graphResponse.status, {
          ...headers,
          "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8",
          "Content-Length": String(Buffer.byteLength(payload)),
        })
        .end(payload);
    }
  }
}
