import type { Obligation } from "../domain/annual-cycle.ts";
import { OBLIGATION_STATUS_LABELS } from "../domain/annual-cycle.ts";

/**
 * Which reminders the årshjul asks for today. Each obligation is reminded
 * once per level — when it becomes upcoming, when it is due, when it is late —
 * so the key (obligation + level) is what "never twice" is about.
 */

export interface Reminder {
  key: string;
  obligation: Obligation;
  level: Obligation["status"];
}

export function remindersFor(obligations: Obligation[]): Reminder[] {
  return obligations.map((obligation) => ({
    key: `${obligation.key}|${obligation.status}`,
    obligation,
    level: obligation.status,
  }));
}

export function reminderHeadline(reminder: Reminder): string {
  switch (reminder.level) {
    case "late":
      return `${OBLIGATION_STATUS_LABELS.late}: ${reminder.obligation.title}`;
    case "due":
      return `Dags nu: ${reminder.obligation.title}`;
    case "upcoming":
      return `På gång: ${reminder.obligation.title}`;
  }
}
