import { readBody } from "../http/body.ts";
import type { Exchange, Middleware } from "../http/middleware.ts";
import { send } from "../http/respond.ts";
import type { Identity } from "../persistence/graph-persistence.ts";
import { graphErrors } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import {
  cancelUploadSession,
  driveScope,
  uploadFragment,
  uploadSessionStatus,
} from "./handlers/drives.ts";
import type { ServiceContext } from "./service-context.ts";
import { WEB_LINK_PARAMETER } from "./web-links.ts";

/**
 * File bytes outside `/v1.0`, each reached by a pre-authenticated URL the
 * Graph API handed out: upload-session URLs (`/_upload/…`), download URLs
 * (`/_download/…`, `@microsoft.graph.downloadUrl`) and a file's `webUrl`
 * (`/sites/…`, the stand-in for opening the file in SharePoint).
 */

const MAX_FRAGMENT_REQUEST_BYTES = 61 * 1024 * 1024;

export interface FilesOptions {
  context: ServiceContext;
  faults: FaultInjector;
}

function sendFile(
  exchange: Exchange,
  item: { name: string; mimeType: string | null },
  content: Uint8Array,
) {
  exchange.response
    .writeHead(200, {
      "Content-Type": item.mimeType ?? "application/octet-stream",
      "Content-Length": String(content.byteLength),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
    })
    .end(Buffer.from(content));
}

function notFound(exchange: Exchange, text: string): void {
  exchange.response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(text);
}

export function files(options: FilesOptions): Middleware {
  const { context, faults } = options;
  const persistence = context.persistence;

  const upload = async (exchange: Exchange, sessionId: string) => {
    const throttled = await faults.admit("request");
    if (throttled) throw throttled;
    const identity: Identity = { application: { id: "upload", displayName: "Avtalsuppföljning" } };
    if (exchange.method === "DELETE") {
      send(exchange, cancelUploadSession(context, sessionId));
      return;
    }
    if (exchange.method === "GET") {
      send(exchange, uploadSessionStatus(context, sessionId));
      return;
    }
    if (exchange.method !== "PUT") throw graphErrors.methodNotAllowed();
    const raw = await readBody(exchange.request, MAX_FRAGMENT_REQUEST_BYTES);
    const answer = uploadFragment(context, sessionId, {
      method: "PUT",
      path: "",
      query: new URLSearchParams(),
      headers: exchange.headers,
      body: undefined,
      rawBody: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
      identity,
      // The session URL itself is the permission, granted when the session was created.
      grant: { kind: "unrestricted" },
    });
    // The fragment is stored; only its answer goes missing.
    if (faults.loseUploadAnswer()) {
      exchange.request.socket.destroy();
      return;
    }
    send(exchange, answer);
  };

  const download = (exchange: Exchange, token: string) => {
    if (exchange.method !== "GET") throw graphErrors.methodNotAllowed();
    const target = context.downloads.resolve(token, Date.now());
    const content = target && persistence.readContent(target.driveId, target.itemId);
    const item = target && persistence.getDriveItem(target.driveId, target.itemId);
    if (!content || !item || !target) return notFound(exchange, "Not found");
    driveScope(context, target.driveId);
    const range = exchange.headers.range;
    if (range === undefined) return sendFile(exchange, item, content);
    // One byte range (driveitem-get-content.md, "Partial range downloads"); several are refused.
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    const size = content.byteLength;
    let start = match?.[1] ? Number(match[1]) : Number.NaN;
    let end = match?.[2] ? Number(match[2]) : size - 1;
    if (match && match[1] === "" && match[2]) {
      start = Math.max(0, size - Number(match[2]));
      end = size - 1;
    }
    if (!match || Number.isNaN(start) || start > end || start >= size) {
      exchange.response
        .writeHead(416, { "Content-Range": `bytes */${size}`, "Content-Type": "text/plain" })
        .end("Only one satisfiable byte range (bytes=start-end) is supported.");
      return;
    }
    end = Math.min(end, size - 1);
    exchange.response
      .writeHead(206, {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(end - start + 1),
        "Content-Range": `bytes ${start}-${end}/${size}`,
      })
      .end(Buffer.from(content.subarray(start, end + 1)));
  };

  /** A file's webUrl opens (downloads) the file, as Office for the web would open it in a tenant. */
  const web = (exchange: Exchange) => {
    let decoded: string[];
    try {
      decoded = exchange.url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return notFound(exchange, "Filen finns inte.");
    }
    const sitePath = `/${decoded.slice(0, 2).join("/")}`.toLowerCase();
    const site = persistence
      .listSites()
      .find((candidate) => candidate.path.toLowerCase() === sitePath);
    const [libraryName, ...names] = decoded.slice(2);
    const list = site && libraryName ? persistence.getList(site.id, libraryName) : undefined;
    const drive = list && persistence.getDriveByList(list.id);
    let item = drive && persistence.getDriveRoot(drive.id);
    for (const name of names)
      item = item && drive ? persistence.getChildByName(drive.id, item.id, name) : undefined;
    const content =
      item && drive && !item.isFolder ? persistence.readContent(drive.id, item.id) : undefined;
    // Only a signed link opens a file: the path alone is not enough.
    const signed = context.webLinks.verify(
      `/${decoded.join("/")}`,
      exchange.url.searchParams.get(WEB_LINK_PARAMETER),
    );
    if (!item || !content || !signed) return notFound(exchange, "Filen finns inte.");
    sendFile(exchange, item, content);
  };

  return async (exchange, next) => {
    if (exchange.caller.kind !== "capability") return next();
    const path = exchange.url.pathname;
    let reference: string;
    try {
      reference = decodeURIComponent(path.split("/")[2] ?? "");
    } catch {
      throw graphErrors.invalidRequest("The URL is not correctly encoded.");
    }
    if (path.startsWith("/_upload/")) return upload(exchange, reference);
    if (path.startsWith("/_download/")) return download(exchange, reference);
    if (path.startsWith("/sites/")) return web(exchange);
    return next();
  };
}
