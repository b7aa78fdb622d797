import { expect, test } from "vitest";
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

test("sixty in thirty seconds", () => {
  const limiter = new ConversationRateLimiter();
  for (let index = 0; index < 60; index += 1) limiter.record("a", index * 400);
  expect(limiter.delayFor("a", 60 * 400)).toBeGreaterThan(0);
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
