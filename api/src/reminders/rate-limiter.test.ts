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
