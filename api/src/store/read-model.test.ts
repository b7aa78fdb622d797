import { expect, test } from "vitest";
import { ReadModel } from "./read-model.ts";

function counting() {
  const loads: string[] = [];
  let resolvers: Array<(value: string) => void> = [];
  const load = (key: string) => {
    loads.push(key);
    return new Promise<string>((resolve) => {
      resolvers.push(resolve);
    });
  };
  const settle = (value: string) => {
    for (const resolve of resolvers) resolve(value);
    resolvers = [];
  };
  return { loads, load, settle };
}

test("people who ask while a load is under way share it; each key loads on its own", async () => {
  const source = counting();
  const model = new ReadModel(source.load, { ttlMs: 60_000 });
  const first = model.get("VAN");
  const second = model.get("VAN");
  const other = model.get("SN");
  source.settle("v1");
  expect(await first).toBe("v1");
  expect(await second).toBe("v1");
  expect(await other).toBe("v1");
  expect(source.loads).toEqual(["VAN", "SN"]);
});

test("an entry serves ttlMs; then it is read again in the background while it goes on serving", async () => {
  let now = 1_000_000;
  const source = counting();
  const model = new ReadModel(source.load, { ttlMs: 60_000, now: () => now });
  const first = model.get("VAN");
  source.settle("v1");
  await first;
  now += 59_999;
  expect(await model.get("VAN")).toBe("v1");
  expect(source.loads).toHaveLength(1);
  now += 1;
  // Stale: served at once, and one refresh starts (not one per request).
  expect(await model.get("VAN")).toBe("v1");
  expect(await model.get("VAN")).toBe("v1");
  expect(source.loads).toHaveLength(2);
  source.settle("v2");
  await Promise.resolve();
  expect(await model.get("VAN")).toBe("v2");
  // The refreshed entry counts from when its read began.
  now += 59_999;
  expect(await model.get("VAN")).toBe("v2");
  expect(source.loads).toHaveLength(2);
});

test("past twice ttlMs (the refreshes failing), people wait for a fresh read", async () => {
  let now = 1_000_000;
  let attempt = 0;
  const model = new ReadModel(
    async () => {
      attempt += 1;
      if (attempt === 2) throw new Error("Graph unavailable");
      return `v${attempt}`;
    },
    { ttlMs: 60_000, now: () => now },
  );
  expect(await model.get("VAN")).toBe("v1");
  now += 60_000;
  // The refresh fails: the stale entry goes on serving.
  expect(await model.get("VAN")).toBe("v1");
  await new Promise((resolve) => setImmediate(resolve));
  now += 60_000;
  expect(await model.get("VAN")).toBe("v3");
});

test("a refresh under way when the app writes is not kept", async () => {
  let now = 1_000_000;
  const source = counting();
  const model = new ReadModel(source.load, { ttlMs: 60_000, now: () => now });
  const first = model.get("VAN");
  source.settle("v1");
  await first;
  now += 60_000;
  expect(await model.get("VAN")).toBe("v1");
  model.invalidate();
  source.settle("read before the write");
  await Promise.resolve();
  const after = model.get("VAN");
  source.settle("read after the write");
  expect(await after).toBe("read after the write");
});

test("invalidate forgets every entry, and a load under way is not kept", async () => {
  const source = counting();
  const model = new ReadModel(source.load, { ttlMs: 60_000 });
  const before = model.get("VAN");
  model.invalidate();
  expect(model.size).toBe(0);
  source.settle("before the write");
  expect(await before).toBe("before the write");
  const after = model.get("VAN");
  source.settle("after the write");
  expect(await after).toBe("after the write");
  expect(source.loads).toHaveLength(2);
});

test("a failed load is not kept: the next request tries again", async () => {
  let attempt = 0;
  const model = new ReadModel(
    async () => {
      attempt += 1;
      if (attempt === 1) throw new Error("Graph unavailable");
      return "ok";
    },
    { ttlMs: 60_000 },
  );
  await expect(model.get("VAN")).rejects.toThrow("Graph unavailable");
  expect(await model.get("VAN")).toBe("ok");
  expect(attempt).toBe(2);
});
