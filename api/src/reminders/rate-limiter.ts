/**
 * Teams' per-conversation limits for one bot: 7 messages a second, 8 in two
 * seconds, 60 in thirty seconds, 1800 an hour (TEAMS-FACTS §6). The limiter
 * says how long to wait before the next post to a conversation.
 */

const WINDOWS: Array<[number, number]> = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];

export class ConversationRateLimiter {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before posting to this conversation at `now`. */
  delayFor(conversationId: string, now: number): number {
    const times = (this.sent.get(conversationId) ?? []).filter((time) => now - time < 3_600_000);
    this.sent.set(conversationId, times);
    let wait = 0;
    for (const [window, limit] of WINDOWS) {
      // The post that must leave the window before this one may go.
      const blocking = times.filter((time) => now - time < window).at(-limit);
      if (blocking !== undefined) wait = Math.max(wait, blocking + window - now);
    }
    return wait;
  }

  record(conversationId: string, now: number): void {
    const times = this.sent.get(conversationId) ?? [];
    times.push(now);
    this.sent.set(conversationId, times);
  }
}
