import { describe, expect, test } from "vitest";
import { ConversationRateLimiter } from "./rate-limiter.ts";

test("seven posts a second to one conversation, then a wait; other conversations are free", () => {
  const limiter = new ConversationRateLimiter();
  for (let index = 0; index < 7; index += 1) {
    expect(limiter.delayFor("a", 1000 + index)).toBe(0);
    limiter.record("a", 1000 + index);
  }
  expect(limiter.delayFor("a", 1010)).toBe(990);
  expect(limiter.delayFor("b", 1010)).toBe(0);
});

test("sixty in thirty seconds: the 61st waits until thirty seconds after the first", () => {
  const limiter = new ConversationRateLimiter();
  for (let index = 0; index < 60; index += 1) limiter.record("a", index * 400);
  expect(limiter.delayFor("a", 60 * 400)).toBe(30_000 - 60 * 400);
  expect(limiter.delayFor("a", 30_000 + 400)).toBe(0);
});

test("eight in two seconds: the eighth waits for the first to leave the window", () => {
  const limiter = new ConversationRateLimiter();
  // Spread so that the one-second limit (7) never applies: 4 in each half of a second apart.
  const times = [0, 100, 200, 300, 1100, 1200, 1300, 1400];
  for (const time of times) {
    expect(limiter.delayFor("a", time)).toBe(0);
    limiter.record("a", time);
  }
  expect(limiter.delayFor("a", 1500)).toBe(500);
  expect(limiter.delayFor("a", 2000)).toBe(0);
});

test("1800 an hour: the 1801st waits until the hour since the first has passed", () => {
  const limiter = new ConversationRateLimiter();
  // One every two seconds stays under the per-second and per-30-seconds limits.
  for (let index = 0; index < 1800; index += 1) limiter.record("a", index * 2000);
  const last = 1799 * 2000;
  // A second after the last post, the first is still within the hour: wait one more second.
  expect(limiter.delayFor("a", last + 1000)).toBe(1000);
  expect(limiter.delayFor("a", 3_600_000)).toBe(0);
});

test("each limit is kept whatever order the posts came in (seven in a second, then sixty in thirty)", () => {
  const limiter = new ConversationRateLimiter();
  let now = 0;
  let posted = 0;
  // Post as fast as the limiter allows for 30 seconds: never more than each window allows.
  const sent: number[] = [];
  while (now < 30_000) {
    const wait = limiter.delayFor("a", now);
    now += wait;
    if (now >= 30_000) break;
    limiter.record("a", now);
    sent.push(now);
    posted += 1;
  }
  const inWindow = (end: number, size: number) =>
    sent.filter((time) => time > end - size && time <= end).length;
  for (const time of sent) {
    expect(inWindow(time, 1000)).toBeLessThanOrEqual(7);
    expect(inWindow(time, 2000)).toBeLessThanOrEqual(8);
    expect(inWindow(time, 30_000)).toBeLessThanOrEqual(60);
  }
  expect(posted).toBe(60);
});

/**
 * The four limits per bot per conversation from TEAMS-FACTS §6, each
 * checked at its edge: `limit` posts spread so that no shorter window binds
 * go at once, and the next waits exactly until the first leaves the window.
 */
const TEAMS_LIMITS = [
  { windowMs: 1_000, limit: 7 },
  { windowMs: 2_000, limit: 8 },
  { windowMs: 30_000, limit: 60 },
  { windowMs: 3_600_000, limit: 1_800 },
];

describe.each(TEAMS_LIMITS)("$limit posts per $windowMs ms", ({ windowMs, limit }) => {
  // Evenly over 90% of the window: under every shorter limit, as a check below confirms.
  const spacing = Math.floor((windowMs * 0.9) / limit);
  const times = Array.from({ length: limit }, (_, index) => 10_000 + index * spacing);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;

  test("the spacing keeps every shorter window under its limit", () => {
    for (const shorter of TEAMS_LIMITS.filter((other) => other.windowMs < windowMs)) {
      const most = Math.max(
        ...times.map((end) => times.filter((t) => t > end - shorter.windowMs && t <= end).length),
      );
      expect(most).toBeLessThanOrEqual(shorter.limit - 1);
    }
  });

  test("the limit-th post goes at once; the next waits until the first leaves the window", () => {
    const limiter = new ConversationRateLimiter();
    for (const time of times) {
      expect(limiter.delayFor("a", time)).toBe(0);
      limiter.record("a", time);
    }
    const now = last + spacing;
    expect(limiter.delayFor("a", now)).toBe(first + windowMs - now);
    // The window is half-open: a millisecond before, one still to wait; at the edge, none.
    expect(limiter.delayFor("a", first + windowMs - 1)).toBe(1);
    expect(limiter.delayFor("a", first + windowMs)).toBe(0);
    expect(limiter.delayFor("b", now)).toBe(0);
  });
});

test("posting as fast as allowed for two hours keeps all four limits in every window", () => {
  const limiter = new ConversationRateLimiter();
  const sent: number[] = [];
  const end = 7_200_000;
  for (let now = 0; now < end; ) {
    now += limiter.delayFor("a", now);
    if (now >= end) break;
    limiter.record("a", now);
    sent.push(now);
  }
  // Sliding windows, counted with two pointers over the sorted send times.
  for (const { windowMs, limit } of TEAMS_LIMITS) {
    let start = 0;
    let most = 0;
    for (let index = 0; index < sent.length; index += 1) {
      const at = sent[index] ?? 0;
      while ((sent[start] ?? 0) <= at - windowMs) start += 1;
      most = Math.max(most, index - start + 1);
    }
    expect(most, `${limit} per ${windowMs} ms`).toBe(limit);
  }
  // The hour limit binds: two full hours hold exactly twice 1,800.
  expect(sent).toHaveLength(3_600);
});
