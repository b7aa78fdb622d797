import { type Actor, REMINDER_SERVICE } from "../domain/actor.ts";
import type { Obligation } from "../domain/annual-cycle.ts";
import { isOneOf } from "../graph/json.ts";
import type { ListClient, ListItem } from "./list-client.ts";
import { toDate } from "./mappers.ts";
import { filterOf } from "./odata.ts";
import { REMINDER_STATUSES, type ReminderStatus } from "./schema.ts";
import { ConflictError, DuplicateError } from "./store-errors.ts";

/**
 * Påminnelser: one row per reminder, its unique key what makes posting
 * exactly-once (see reminders/reminder-runner.ts for the steps). The
 * repository speaks in those steps; nothing outside the store touches the
 * list's fields.
 */

/** A reminder's row, as the runner and kommunledningskontoret's overview see it. */
export interface ReminderRow {
  id: string;
  eTag: string;
  title: string;
  committeeId: string;
  status: ReminderStatus;
  claimedAt: string;
  error: string;
}

/** A row that this run has taken (status "skickas" with this ETag). */
export interface TakenReminder {
  id: string;
  eTag: string;
}

const where = filterOf("reminders");
const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

function rowOf(item: ListItem<"reminders">): ReminderRow {
  const f = item.fields;
  return {
    id: item.id,
    eTag: item.eTag,
    title: f.Title ?? "",
    committeeId: f.committeeLookupId ?? "",
    status: isOneOf(REMINDER_STATUSES, f.status) ? f.status : "misslyckad",
    claimedAt: f.claimedAt ?? "",
    error: f.error ?? "",
  };
}

export class ReminderLog {
  private readonly list: ListClient<"reminders">;

  constructor(list: ListClient<"reminders">) {
    this.list = list;
  }

  /**
   * Steps 1 and 2: the reminder's row (created "reserverad", or found by its
   * key), changed to "skickas" by this run; undefined when another run has it.
   */
  async take(
    key: string,
    obligation: Pick<Obligation, "title" | "rule" | "target" | "dueDate" | "status">,
    committeeId: string,
    now: Date,
  ): Promise<TakenReminder | undefined> {
    let row: ReminderRow;
    try {
      row = rowOf(
        await this.list.create(
          {
            Title: obligation.title.slice(0, 255),
            reminderKey: key,
            rule: obligation.rule,
            committeeLookupId: Number(committeeId),
            targetRef: `${obligation.target.kind}:${obligation.target.id}`,
            dueDate: toDate(obligation.dueDate),
            level: obligation.status,
            status: "reserverad",
            claimedAt: timestamp(now),
          },
          REMINDER_SERVICE,
        ),
      );
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      const [existing] = await this.list.query({ filter: where.eq("reminderKey", key) });
      if (!existing) return undefined;
      row = rowOf(existing);
    }
    if (row.status !== "reserverad") return undefined;
    try {
      const updated = await this.list.update(
        row.id,
        row.eTag,
        { status: "skickas" },
        REMINDER_SERVICE,
      );
      return { id: row.id, eTag: updated.eTag };
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** Step 4: posted, with the message's id. */
  async markSent(
    taken: TakenReminder,
    sent: { conversationId: string; activityId: string },
  ): Promise<void> {
    await this.list.update(
      taken.id,
      taken.eTag,
      {
        status: "skickad",
        sentAt: timestamp(new Date()),
        conversationId: sent.conversationId,
        activityId: sent.activityId,
      },
      REMINDER_SERVICE,
    );
  }

  /** The post failed for good. */
  async markFailed(taken: TakenReminder, error: string): Promise<void> {
    await this.list.update(
      taken.id,
      taken.eTag,
      {
        status: "misslyckad",
        error: error.slice(0, 2000),
      },
      REMINDER_SERVICE,
    );
  }

  /** Rows that may not have gone out: being sent when a process stopped, or failed. */
  async uncertain(): Promise<ReminderRow[]> {
    const rows = await this.list.query({
      filter: where.or(where.eq("status", "skickas"), where.eq("status", "misslyckad")),
    });
    return rows.map(rowOf);
  }

  async get(id: string): Promise<ReminderRow> {
    return rowOf(await this.list.get(id));
  }

  /** Kommunledningskontoret's "send again": the row goes back to "reserverad" (with its ETag). */
  async release(row: Pick<ReminderRow, "id" | "eTag">, by: Actor): Promise<void> {
    await this.list.update(row.id, row.eTag, { status: "reserverad", error: "" }, by);
  }
}
