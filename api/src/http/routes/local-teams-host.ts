import type { IncomingMessage } from "node:http";
import express, { Router } from "express";

/**
 * Local mode only: the local Teams host (dist/teams-host) at /teams-host/.
 * It frames the tab from another origin, as Teams does: the host is opened
 * as http://127.0.0.1:<port> and frames http://localhost:<port> — the same
 * server under its two loopback names. Never mounted in tenant mode.
 */

/** The host's origin for a request that reached this server (its port). */
export function localTeamsHostOrigin(request: IncomingMessage): string {
  return `http://127.0.0.1:${request.socket.localPort}`;
}

function hostPolicy(request: IncomingMessage): string {
  const port = request.socket.localPort;
  return [
    "default-src 'self'",
    // The one page it may frame: the tab, on the server's other loopback name.
    `frame-src http://localhost:${port}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function localTeamsHostRouter(directory: string): Router {
  const router = Router();
  router.use(
    "/teams-host",
    (request, response, next) => {
      response.setHeader("Content-Security-Policy", hostPolicy(request));
      next();
    },
    express.static(directory, {
      index: "index.html",
      setHeaders: (response, file) => {
        if (file.endsWith(".html")) response.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  return router;
}
