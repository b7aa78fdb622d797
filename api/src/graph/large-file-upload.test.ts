import { describe, expect, test } from "vitest";
import { FRAGMENT_BYTES, fragmentsOf } from "./large-file-upload.ts";

async function collect(chunks: Uint8Array[], size?: number): Promise<number[]> {
  async function* source() {
    yield* chunks;
  }
  const sizes: number[] = [];
  for await (const fragment of fragmentsOf(source(), size)) sizes.push(fragment.byteLength);
  return sizes;
}

describe("fragmentsOf", () => {
  test("cuts chunks of any size into fragments of exactly the size, the last shorter", async () => {
    expect(await collect([new Uint8Array(7), new Uint8Array(1), new Uint8Array(9)], 4)).toEqual([
      4, 4, 4, 4, 1,
    ]);
    expect(await collect([new Uint8Array(8)], 4)).toEqual([4, 4]);
    expect(await collect([], 4)).toEqual([]);
  });

  test("keeps the bytes in order, and the default is a multiple of 320 KiB", async () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, index) => index);
    const fragments: number[][] = [];
    async function* source() {
      yield bytes.subarray(0, 3);
      yield bytes.subarray(3);
    }
    for await (const fragment of fragmentsOf(source(), 4)) fragments.push([...fragment]);
    expect(fragments).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(FRAGMENT_BYTES % (320 * 1024)).toBe(0);
  });
});
