import { setTimeout as sleep } from "node:timers/promises";
import { type AdaptiveCard, card, facts, heading, openUrl, paragraph } from "../bot/cards.ts";
import { annualCycle } from "../domain/annual-cycle.ts";
import { swedishDate, swedishLongDate } from "../domain/dates.ts";
import type { Committee } from "../domain/model.ts";
import type { Logger } from "../logger.ts";
import type { AppStore } from "../store/app-store.ts";
import { toDate } from "../store/mappers.ts";
import { DuplicateError } from "../store/store-errors.ts";
import { ConversationRateLimiter } from "./rate-limiter.ts";
import { type Reminder, reminderHeadline, remindersFor } from "./reminder-plan.ts";

/**
 * Posts the årshjul's reminders to each nämnd's channel, exactly once:
 *
 * 1. claim — create the reminder's row in Påminnelser with its unique key,
 *    status "reserverad"; a second instance or a rerun gets 409 and skips it;
 * 2. post  — the card, with the responsible person @mentioned;
 * 3. mark  — status "skickad" with the message id.
 *
 * A crash between 2 and 3 leaves "reserverad": the reminder is not posted
 * again (it may have gone out) and is reported as uncertain to
 * kommunledningskontoret; a post that fails for good is marked "misslyckad".
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
  /** Test hook: runs after a post and before it is marked sent (to simulate a crash there). */
  afterPost?: (reminder: Reminder) => Promise<void> | void;
  maxAttempts?: number;
}

function statusOf(error: unknown): number | undefined {
  const candidate = error as {
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  const status = candidate?.response?.status ?? candidate?.status ?? candidate?.statusCode;
  return typeof status === "number" ? status : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> | Headers } })
    ?.response?.headers;
  const value = headers instanceof Headers ? headers.get("retry-after") : headers?.["retry-after"];
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
          ["Ansvarig", obligation.owner?.name ?? "Nämnden"],
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
    const data = await store.cycleData();
    const committees = new Map(data.committees.map((committee) => [committee.id, committee]));
    const reminders = remindersFor(
      annualCycle({ today: swedishDate(now), municipality: data.settings, ...data }),
    );
    const log = store.list("reminders");
    const result: ReminderRunResult = { posted: 0, alreadyHandled: 0, noChannel: 0, failed: 0 };

    for (const reminder of reminders) {
      const committee = committees.get(reminder.obligation.committeeId);
      if (!committee?.channelId) {
        result.noChannel += 1;
        continue;
      }
      // 1. Claim: the unique key makes a second claim fail, in any instance.
      let claimed: { id: string; eTag: string };
      try {
        claimed = await log.create({
          Title: reminder.obligation.title.slice(0, 255),
          reminderKey: reminder.key,
          rule: reminder.obligation.rule,
          committeeLookupId: Number(committee.id),
          targetRef: `${reminder.obligation.target.kind}:${reminder.obligation.target.id}`,
          dueDate: toDate(reminder.obligation.dueDate),
          level: reminder.level,
          status: "reserverad",
          claimedAt: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
        });
      } catch (error) {
        if (error instanceof DuplicateError) {
          result.alreadyHandled += 1;
          continue;
        }
        throw error;
      }
      // 2. Post.
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
        await log.update(claimed.id, claimed.eTag, {
          status: "misslyckad",
          error: String(error).slice(0, 2000),
        });
        continue;
      }
      await this.options.afterPost?.(reminder);
      // 3. Mark sent.
      await log.update(claimed.id, claimed.eTag, {
        status: "skickad",
        sentAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        conversationId: committee.channelId,
        activityId,
      });
      result.posted += 1;
    }
    logger.info(result, "reminders: run finished");
    return result;
  }
}
