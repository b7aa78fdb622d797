import { describe, expect, test } from "vitest";
import { compareHeaders, compareShape } from "./compare.ts";

describe("compareShape", () => {
  test("documented properties must be there with the same JSON type; extra ones are fine", () => {
    expect(
      compareShape(
        { id: "x", size: 1, file: {} },
        { id: "y", size: 2, file: { mimeType: "a" }, extra: true },
      ),
    ).toEqual([]);
    expect(compareShape({ id: "x" }, { id: 1 })).toEqual([
      "body.id: documented string, answered number",
    ]);
    expect(compareShape({ folder: { childCount: 1 } }, { folder: {} })).toEqual([
      "body.folder.childCount: documented number, answered absent",
    ]);
  });

  test("each documented element needs a counterpart among the answered ones", () => {
    const documented = {
      value: [
        { name: "a", file: {} },
        { name: "b", folder: { childCount: 1 } },
      ],
    };
    expect(
      compareShape(documented, {
        value: [
          { name: "x", folder: { childCount: 2 } },
          { name: "y", file: {} },
        ],
      }),
    ).toEqual([]);
    expect(compareShape(documented, { value: [{ name: "y", file: {} }] })).toEqual([
      "body.value[1].folder: documented object, answered absent",
    ]);
    expect(compareShape({ value: [{ id: "1" }] }, { value: [] })).toEqual([
      "body.value[0]: documented an element, answered none",
    ]);
  });
});

describe("compareHeaders", () => {
  test("media type, an absolute Location, a byte Content-Range", () => {
    const answered = new Headers({
      "Content-Type": "application/json; odata.metadata=minimal",
      Location: "http://127.0.0.1:1/_download/x",
    });
    expect(
      compareHeaders({ "Content-type": "application/json", Location: "https://x" }, answered),
    ).toEqual([]);
    expect(compareHeaders({ "Content-Range": "bytes 0-1/2" }, answered)).toHaveLength(1);
    expect(compareHeaders({ "Content-Type": "text/plain" }, answered)).toHaveLength(1);
  });
});
