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

test("an entry serves until it is ttlMs old, then the next request reads afresh", async () => {
  let now = 1_000_000;
  const source = counting();
  const model = new ReadModel(source.load, { ttlMs: 60_000, now: () => now });
  const first = model.get("VAN");
  source.settle("v1");
  await first;
  now += 59_999;
  expect(await model.get("VAN")).toBe("v1");
  now += 1;
  const again = model.get("VAN");
  source.settle("v2");
  expect(await again).toBe("v2");
  expect(source.loads).toEqual(["VAN", "VAN"]);
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
