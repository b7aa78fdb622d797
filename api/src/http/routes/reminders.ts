import { Router } from "express";
import { can } from "../../policies/access.ts";
import type { ReminderRunResult } from "../../reminders/reminder-runner.ts";
import type { AppStore } from "../../store/app-store.ts";
import { ConflictError } from "../../store/store-errors.ts";
import type { ReminderResent } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf } from "../request-context.ts";
import { itemId, parseInput } from "../validation.ts";

/**
 * Kommunledningskontoret's answer to a reminder that may not have gone out
 * (a process stopped while sending it, or Teams refused it): release its
 * claim so the reminders run posts it again — now, knowing it may be the
 * second time for an uncertain one.
 */
export function remindersRouter(
  store: AppStore,
  runReminders: (() => Promise<ReminderRunResult>) | undefined,
): Router {
  const router = Router();

  router.post("/reminders/:id/release", async (request, response) => {
    const { principal } = identityOf(response);
    if (!can.seeKommunOverview(principal))
      throw forbidden("Bara kommunledningskontoret kan skicka om påminnelser.");
    const id = parseInput(itemId("Påminnelse"), request.params.id);
    const row = await store.reminders.get(id);
    if (row.status !== "skickas" && row.status !== "misslyckad") {
      throw new ProblemError({
        status: 409,
        code: "reminder-not-uncertain",
        title: "Påminnelsen behöver inte skickas om",
        detail: "Påminnelsen är redan skickad eller står på tur att skickas.",
      });
    }
    if (!runReminders) {
      throw new ProblemError({
        status: 503,
        code: "reminders-unavailable",
        title: "Påminnelser körs inte här",
        detail: "Den här instansen skickar inga påminnelser. Försök igen om en stund.",
      });
    }
    try {
      await store.reminders.release(row);
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ProblemError({
          status: 412,
          code: "conflict",
          title: "Ändrat av någon annan",
          detail: "Påminnelsen ändrades just av någon annan. Ladda om översikten.",
        });
      }
      throw error;
    }
    const result = await runReminders();
    response.json({
      result,
      message:
        result.posted > 0
          ? "Påminnelsen är skickad igen."
          : "Påminnelsen gäller inte längre och skickades inte.",
    } satisfies ReminderResent);
  });

  return router;
}
