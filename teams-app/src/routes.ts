/**
 * The tab's screens and their addresses. Outside Teams the address is the
 * URL hash (#/avtal/12); inside Teams a deep link's subPageId carries the
 * same path ("avtal/12"), so the bot and reminders link to both alike.
 * A list's search, filters and sorting ride along as a query
 * (#/avvikelser?status=öppen), so a link shares them; `ny` opens a new
 * record, prefilled from the query (#/uppfoljning/ny?avtal=12&period=2025–2026).
 */

export const RECORD_SCREENS = ["uppstartsmoten", "avvikelser", "uppfoljning", "brister"] as const;
export type RecordScreenName = (typeof RECORD_SCREENS)[number];

export type Route =
  | { screen: "oversikt" }
  | { screen: "avtal"; query?: string }
  | { screen: "avtal-detalj"; id: string }
  | { screen: "avtal-nytt" }
  | { screen: "importera" }
  | { screen: "plan" }
  | { screen: RecordScreenName; id?: string; query?: string }
  | { screen: "rapporter" }
  | { screen: "leverantorer" }
  | { screen: "leverantor"; id: string }
  | { screen: "kommun" }
  | { screen: "installningar" }
  | { screen: "kanal" }
  | { screen: "konfigurera" };

/** The id that opens a new record's form. */
export const NEW_RECORD = "ny";

function isRecordScreen(screen: string | undefined): screen is RecordScreenName {
  return RECORD_SCREENS.some((candidate) => candidate === screen);
}

export function parseRoute(path: string): Route {
  const [location = "", query = ""] = path.replace(/^#?\/?/, "").split("?");
  const [screen, rawId] = location.split("/");
  const id = rawId ? decodeURIComponent(rawId) : undefined;
  const withQuery = query ? { query } : {};
  if (isRecordScreen(screen)) return { screen, ...(id ? { id } : {}), ...withQuery };
  switch (screen) {
    case "avtal":
      if (id === "nytt") return { screen: "avtal-nytt" };
      return id ? { screen: "avtal-detalj", id } : { screen: "avtal", ...withQuery };
    case "leverantorer":
      return id ? { screen: "leverantor", id } : { screen: "leverantorer" };
    case "importera":
    case "plan":
    case "rapporter":
    case "kommun":
    case "installningar":
    case "kanal":
    case "konfigurera":
      return { screen };
    default:
      return { screen: "oversikt" };
  }
}

export function routePath(route: Route): string {
  switch (route.screen) {
    case "avtal-detalj":
      return `avtal/${encodeURIComponent(route.id)}`;
    case "avtal-nytt":
      return "avtal/nytt";
    case "avtal":
      return route.query ? `avtal?${route.query}` : "avtal";
    case "leverantor":
      return `leverantorer/${encodeURIComponent(route.id)}`;
    case "uppstartsmoten":
    case "avvikelser":
    case "uppfoljning":
    case "brister": {
      const base = route.id ? `${route.screen}/${encodeURIComponent(route.id)}` : route.screen;
      return route.query ? `${base}?${route.query}` : base;
    }
    default:
      return route.screen;
  }
}

/** The query of a route as parameters (empty for routes without one). */
export function routeParams(route: Route): URLSearchParams {
  return new URLSearchParams("query" in route ? route.query : "");
}

/** The menu entry a route belongs to. */
export function menuScreen(route: Route): Route["screen"] {
  if (route.screen === "leverantor") return "leverantorer";
  return route.screen === "avtal-detalj" ||
    route.screen === "avtal-nytt" ||
    route.screen === "importera"
    ? "avtal"
    : route.screen;
}

export const SCREEN_TITLES: Record<Route["screen"], string> = {
  oversikt: "Översikt",
  avtal: "Avtal",
  "avtal-detalj": "Avtal",
  "avtal-nytt": "Nytt avtal",
  importera: "Importera avtal",
  plan: "Uppföljningsplan",
  uppstartsmoten: "Uppstartsmöten",
  avvikelser: "Avvikelser",
  uppfoljning: "Uppföljning",
  brister: "Brister och handlingsplaner",
  rapporter: "Rapporter",
  leverantorer: "Leverantörer",
  leverantor: "Leverantör",
  kommun: "Kommunövergripande",
  installningar: "Inställningar",
  kanal: "Kanal och chatt",
  konfigurera: "Lägg till i kanal",
};
