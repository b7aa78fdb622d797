import { setTimeout as sleep } from "node:timers/promises";
import { type AdaptiveCard, card, facts, heading, openUrl, paragraph } from "../bot/cards.ts";
import { annualCycle, responsibleFor } from "../domain/annual-cycle.ts";
import { swedishDate, swedishLongDate } from "../domain/dates.ts";
import type { Committee } from "../domain/model.ts";
import { risenSuggestions } from "../domain/risk.ts";
import { isRecord, numberOf, recordOf } from "../graph/json.ts";
import type { Logger } from "../logger.ts";
import type { AppStore } from "../store/app-store.ts";
import { ConversationRateLimiter } from "./rate-limiter.ts";
import { type Reminder, reminderHeadline, remindersFor } from "./reminder-plan.ts";

/**
 * Posts the årshjul's reminders to each nämnd's channel, exactly once:
 *
 * 1. register — create the reminder's row in Påminnelser with its unique key,
 *    status "reserverad" (a second instance or a rerun gets 409 and reads the row);
 * 2. take     — change "reserverad" to "skickas" with the row's ETag: of any
 *    instances racing for it, exactly one succeeds;
 * 3. post     — the card, with the responsible person @mentioned;
 * 4. mark     — status "skickad" with the message id.
 *
 * A crash before 2 leaves "reserverad": nothing can have been posted, so the
 * next run takes it and posts it. A crash between 3 and 4 leaves "skickas":
 * the card may have gone out, so it is never posted again and is shown to
 * kommunledningskontoret as uncertain; a post that fails for good is marked
 * "misslyckad".
 *
 * The run is background work: before reading and before each reminder it
 * yields while SharePoint says the app's budget is nearly spent (RateLimit
 * headers), so people's requests in the tab come first.
 */

export interface ChannelPoster {
  post(
    conversationId: string,
    content: AdaptiveCard,
    mention?: { id: string; name: string },
  ): Promise<string>;
}

export interface ReminderRunResult {
  posted: number;
  alreadyHandled: number;
  noChannel: number;
  failed: number;
}

export interface ReminderRunnerOptions {
  store: AppStore;
  poster: ChannelPoster;
  logger: Logger;
  link: (path: string, label: string) => string;
  now?: () => Date;
  /** Test hook: runs after a step (to simulate a crash right there). */
  checkpoint?: (step: "taken" | "posted", reminder: Reminder) => Promise<void> | void;
  maxAttempts?: number;
}

function statusOf(error: unknown): number | undefined {
  return (
    numberOf(recordOf(error, "response"), "status") ??
    numberOf(error, "status") ??
    numberOf(error, "statusCode")
  );
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = recordOf(error, "response")?.headers;
  const value =
    headers instanceof Headers
      ? headers.get("retry-after")
      : isRecord(headers)
        ? headers["retry-after"]
        : undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

const RETRIABLE = new Set([412, 429, 502, 503, 504]);

export class ReminderRunner {
  private readonly options: ReminderRunnerOptions;
  private readonly limiter = new ConversationRateLimiter();

  constructor(options: ReminderRunnerOptions) {
    this.options = options;
  }

  private card(reminder: Reminder, committee: Committee): AdaptiveCard {
    const { obligation } = reminder;
    const path =
      obligation.target.kind === "contract"
        ? `avtal/${obligation.target.id}`
        : obligation.target.kind === "deficiency"
          ? `brister/${obligation.target.id}`
          : obligation.rule === "plan"
            ? "plan"
            : "rapporter";
    return card(
      [
        heading(reminderHeadline(reminder)),
        facts([
          ["Nämnd", committee.name],
          ["Senast", swedishLongDate(obligation.dueDate)],
          ["Ansvarig", responsibleFor(obligation)],
        ]),
        paragraph("Påminnelse från årshjulet i Avtalsuppföljning.", { isSubtle: true }),
      ],
      [
        openUrl(
          "Öppna i Avtalsuppföljning",
          this.options.link(path, obligation.title.slice(0, 60)),
        ),
      ],
    );
  }

  /** Posts with retries: 429 and friends after Retry-After, within the per-conversation limits. */
  private async post(
    conversationId: string,
    content: AdaptiveCard,
    mention: { id: string; name: string } | undefined,
  ): Promise<string> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      const wait = this.limiter.delayFor(conversationId, Date.now());
      if (wait > 0) await sleep(wait);
      this.limiter.record(conversationId, Date.now());
      try {
        return await this.options.poster.post(conversationId, content, mention);
      } catch (error) {
        const status = statusOf(error);
        if (!status || !RETRIABLE.has(status) || attempt >= maxAttempts) throw error;
        await sleep((retryAfterOf(error) ?? 2 ** attempt) * 1000);
      }
    }
  }

  async run(): Promise<ReminderRunResult> {
    const { store, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const budget = store.access.rateLimit;
    await budget.yieldToPeople();
    // Only what changed since the last run is read (items/delta).
    const data = await store.currentCycleData();
    const committees = new Map(data.committees.map((committee) => [committee.id, committee]));
    const today = swedishDate(now);
    // Weighed on the same signals as the contract's own page, deviations included.
    const risenRisks = risenSuggestions(
      {
        today,
        contracts: data.contracts,
        deficiencies: data.deficiencies,
        followUps: data.followUps,
        deviations: data.deviations,
        providers: data.providers,
      },
      data.settings.riskMatrix,
    );
    const reminders = remindersFor(
      annualCycle({ today, municipality: data.settings, ...data, risenRisks }),
    );
    const result: ReminderRunResult = { posted: 0, alreadyHandled: 0, noChannel: 0, failed: 0 };

    for (const reminder of reminders) {
      const committee = committees.get(reminder.obligation.committeeId);
      if (!committee?.channelId) {
        result.noChannel += 1;
        continue;
      }
      await budget.yieldToPeople();
      const taken = await store.reminders.take(
        reminder.key,
        { ...reminder.obligation, status: reminder.level },
        committee.id,
        now,
      );
      if (!taken) {
        result.alreadyHandled += 1;
        continue;
      }
      await this.options.checkpoint?.("taken", reminder);
      // 3. Post.
      let activityId: string;
      try {
        activityId = await this.post(
          committee.channelId,
          this.card(reminder, committee),
          reminder.obligation.owner,
        );
      } catch (error) {
        result.failed += 1;
        logger.error({ key: reminder.key, error: String(error) }, "reminder: post failed");
        await store.reminders.markFailed(taken, String(error));
        continue;
      }
      await this.options.checkpoint?.("posted", reminder);
      // 4. Mark sent.
      await store.reminders.markSent(taken, { conversationId: committee.channelId, activityId });
      result.posted += 1;
    }
    logger.info(result, "reminders: run finished");
    return result;
  }
}
