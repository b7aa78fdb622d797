import { describe, expect, test } from "vitest";
import { mentionName } from "./mention.ts";

describe("mentionName", () => {
  test.each([
    ["Anna Lindqvist", "Anna Lindqvist"],
    ["Anna-Karin O'Brien", "Anna-Karin O'Brien"],
    ["Åsa Öberg Ängström", "Åsa Öberg Ängström"],
    ["[Klicka här](https://phish.example/login)", "Klicka här https phish example login"],
    ["Anna K. Berg", "Anna K. Berg"],
    ["www.phish.example", "www phish example"],
    ["Eva</at><at>Alla", "Eva at at Alla"],
    ["<img src=x onerror=alert(1)>Per", "img src x onerror alert 1 Per"],
    ["**fet** _kursiv_ `kod`", "fet kursiv kod"],
    ["<>[]()", "Ansvarig"],
  ])("%s → %s", (input, expected) => {
    expect(mentionName(input)).toBe(expected);
  });

  test("no markup character survives, whatever the input", () => {
    const hostile = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join("");
    expect(mentionName(hostile)).not.toMatch(/[<>[\]()*_`~#&\\/:|!]/);
  });
});
