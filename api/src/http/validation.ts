import { z } from "zod";
import { isIsoDate } from "../domain/dates.ts";
import { normalisePeriodKey } from "../domain/reporting-period.ts";
import { ProblemError } from "./problem.ts";

/** zod speaks Swedish to our users. */
z.config(z.locales.sv());

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ProblemError({
    status: 400,
    code: "validation",
    title: "Ogiltiga uppgifter",
    detail: "Några uppgifter behöver rättas innan de kan sparas.",
    errors: result.error.issues.map((issue) => ({
      field: issue.path.join(".") || "(hela)",
      message: issue.message,
    })),
  });
}

/** C0 controls and DEL, except tab and line breaks. */
function isControlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || code === 0x7f;
}

/** Text the way people type it: trimmed, control characters other than line breaks refused. */
export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} måste vara text` })
    .trim()
    .max(max, { error: `${label} får vara högst ${max} tecken` })
    .refine((value) => ![...value].some(isControlCharacter), {
      error: `${label} innehåller otillåtna tecken`,
    });

export const requiredText = (max: number, label: string) =>
  text(max, label).refine((value) => value.length > 0, { error: `Ange ${label.toLowerCase()}` });

export const isoDate = (label: string) =>
  z.string({ error: `${label} måste vara ett datum (ÅÅÅÅ-MM-DD)` }).refine(isIsoDate, {
    error: `${label} måste vara ett giltigt datum (ÅÅÅÅ-MM-DD)`,
  });

export const itemId = (label: string) =>
  z.string({ error: `${label} saknas` }).regex(/^\d{1,9}$/, { error: `${label} är ogiltigt` });

export const person = z.object({
  id: z.string().trim().min(1, { error: "Personens id saknas" }).max(100),
  name: requiredText(200, "Namn"),
  email: z
    .string()
    .trim()
    .max(320)
    .refine((value) => value === "" || /^[^@\s]+@[^@\s]+$/.test(value), {
      error: "Ogiltig e-postadress",
    }),
});

/** A reporting period as people type it (2026-2027, 2026/27, 2026 - 2027), stored as 2026–2027. */
export const periodKey = (label: string) =>
  z.string({ error: `${label} saknas` }).transform((value, context) => {
    const key = normalisePeriodKey(value);
    if (key !== undefined) return key;
    context.addIssue({
      code: "custom",
      message: `${label} ska skrivas som ett år (2026) eller två år i följd (2025–2026 eller 2025/26)`,
    });
    return z.NEVER;
  });
