import { createRequire } from "node:module";

/**
 * Checks a card with Microsoft's Adaptive Cards library: parse events
 * (unknown elements, bad values) and property validation.
 */
interface Event {
  message: string;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Event[] };
    version: { major: number; minor: number };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): Event };
}

// The package's ESM build does not load under Node; its UMD build does.
const AC = createRequire(import.meta.url)(
  "adaptivecards/dist/adaptivecards.js",
) as AdaptiveCardsModule;

export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1)
    problems.push(context.getEventAt(index).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
