import { GraphError, graphErrors } from "../graph/errors.ts";
import type { Middleware } from "./middleware.ts";
import { sendError } from "./respond.ts";

export type Log = (entry: Record<string, unknown>) => void;

/**
 * The outermost stage: whatever a later stage throws becomes Graph's error
 * body (a GraphError as it is, anything else a logged 500), and a request no
 * stage answered gets Graph's "resource not found" for its first segment.
 */
export function transport(log: Log | undefined): Middleware {
  return async (exchange, next) => {
    try {
      await next();
      if (!exchange.response.headersSent) {
        sendError(exchange, graphErrors.segmentNotFound(exchange.url.pathname.split("/")[1] ?? ""));
      }
    } catch (error) {
      if (exchange.response.headersSent) {
        exchange.response.destroy();
        return;
      }
      if (error instanceof GraphError) {
        sendError(exchange, error);
        return;
      }
      log?.({
        level: "error",
        msg: "local graph: handler failed",
        error: String(error),
        stack: (error as Error).stack,
      });
      sendError(
        exchange,
        graphErrors.general("An unexpected error occurred in the local Graph service."),
      );
    }
  };
}
