import { Cron } from "croner";
import type { Logger } from "../logger.ts";
import type { ReminderRunner } from "./reminder-runner.ts";

/**
 * Runs the reminders every morning at 07:00 Swedish time, and once at start
 * so anything that fell due while the app was down is caught up. Several
 * instances may run it: the Påminnelser list's unique keys decide who posts.
 */
export function scheduleReminders(runner: ReminderRunner, logger: Logger): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await runner.run();
    } catch (error) {
      logger.error({ error: String(error) }, "reminders: run failed; the next run catches up");
    } finally {
      running = false;
    }
  };
  const job = new Cron("0 7 * * *", { timezone: "Europe/Stockholm", protect: true }, run);
  const catchUp = setTimeout(run, 5_000);
  return {
    stop() {
      job.stop();
      clearTimeout(catchUp);
    },
  };
}
