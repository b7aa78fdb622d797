import { describe, expect, test } from "vitest";
import { checkIfMatch, etagOf } from "./conditions.ts";
import { GraphError } from "./errors.ts";

/**
 * If-Match on list and drive items, from GRAPH-FACTS §2: the ETag is the
 * quoted `"{GUID},version"`; a mismatch is 412 `resourceModified` (inner
 * `entityTagDoesNotMatch`) and nothing is written; an unquoted tag is
 * `malformedEntityTag`.
 */

const GUID = "5fa48f95-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
const current = etagOf(GUID, 8);

function refusal(header: string): GraphError {
  try {
    checkIfMatch(header, current);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`If-Match ${header} was let through`);
}

describe("etagOf", () => {
  test('the quoted "{GUID},version" form, GUID upper-case as SharePoint writes it (§2)', () => {
    expect(current).toBe('"{5FA48F95-1C2D-4E3F-8A9B-0C1D2E3F4A5B},8"');
  });
});

describe("checkIfMatch", () => {
  test("no header, or an empty one, sets no condition", () => {
    expect(() => checkIfMatch(undefined, current)).not.toThrow();
    expect(() => checkIfMatch("", current)).not.toThrow();
    expect(() => checkIfMatch("  ", current)).not.toThrow();
  });

  test("* matches any current version", () => {
    expect(() => checkIfMatch("*", current)).not.toThrow();
    expect(() => checkIfMatch(" * ", etagOf(GUID, 99))).not.toThrow();
  });

  test("the exact current tag matches, whatever the GUID's case", () => {
    expect(() => checkIfMatch(current, current)).not.toThrow();
    expect(() => checkIfMatch(`"{${GUID}},8"`, current)).not.toThrow();
  });

  test("an older version of the same item is 412 resourceModified / entityTagDoesNotMatch (§2, §7)", () => {
    const error = refusal(etagOf(GUID, 7));
    expect(error.status).toBe(412);
    expect(error.code).toBe("resourceModified");
    expect(error.innerCode).toBe("entityTagDoesNotMatch");
  });

  test("another item's tag, or a tag without braces, is 412", () => {
    expect(refusal(etagOf("00000000-0000-4000-8000-000000000000", 8)).status).toBe(412);
    expect(refusal(`"${GUID},8"`).status).toBe(412);
    expect(refusal('"8"').status).toBe(412);
  });

  test("an unquoted tag is malformed (400), not a mismatch (§2)", () => {
    const error = refusal(`{${GUID}},8`);
    expect(error.status).toBe(400);
    expect(error.innerCode).toBe("malformedEntityTag");
    expect(refusal("8").innerCode).toBe("malformedEntityTag");
  });

  test("weak and strong forms: W/ before the quoted tag is read as the same tag", () => {
    // GRAPH-FACTS is silent on weak tags; the local service accepts W/"…" like the strong form
    // (RFC 9110 would compare strongly; the app never sends W/).
    expect(() => checkIfMatch(`W/${current}`, current)).not.toThrow();
    expect(refusal(`W/${etagOf(GUID, 7)}`).status).toBe(412);
    expect(refusal(`W/{${GUID}},8`).status).toBe(400);
  });

  test("a list matches when any of its tags does, though each tag holds a comma", () => {
    const older = etagOf(GUID, 7);
    const other = etagOf("00000000-0000-4000-8000-000000000000", 8);
    expect(() => checkIfMatch(`${older}, ${current}`, current)).not.toThrow();
    expect(() => checkIfMatch(`${other},${older},${current}`, current)).not.toThrow();
    expect(() => checkIfMatch(`${older}, *`, current)).not.toThrow();
    expect(refusal(`${older}, ${other}`).status).toBe(412);
  });

  test("a list with a malformed tag before any match is malformed", () => {
    expect(refusal(`8, ${current}`).status).toBe(400);
  });
});
