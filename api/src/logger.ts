import { type Logger, pino } from "pino";

export type { Logger };

/** One logger for the app; secrets and tokens are redacted wherever they appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "avtalsuppfoljning" },
      redact: {
        paths: [
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "token",
          "*.token",
          "accessToken",
          "*.accessToken",
          "clientSecret",
          "*.clientSecret",
          "secret",
          "*.secret",
        ],
        censor: "[dolt]",
      },
    },
    destination,
  );
}
