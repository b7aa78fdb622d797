import { expect, test } from "vitest";
import { providerLabel } from "./provider-label.ts";

test("egen regi is said once", () => {
  expect(providerLabel("Åsby kommun (egen regi)", true)).toBe("Åsby kommun (egen regi)");
  expect(providerLabel("Åsby kommun", true)).toBe("Åsby kommun (egen regi)");
  expect(providerLabel("Nattvård AB", false)).toBe("Nattvård AB");
});
