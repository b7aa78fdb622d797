/**
 * The tab's screens and their addresses. Outside Teams the address is the
 * URL hash (#/avtal/12); inside Teams a deep link's subPageId carries the
 * same path ("avtal/12"), so the bot and reminders link to both alike.
 */

export type Route =
  | { screen: "oversikt" }
  | { screen: "avtal" }
  | { screen: "avtal-detalj"; id: string }
  | { screen: "avtal-nytt" }
  | { screen: "plan" }
  | { screen: "uppstartsmoten" }
  | { screen: "avvikelser" }
  | { screen: "uppfoljning"; id?: string }
  | { screen: "brister"; id?: string }
  | { screen: "rapporter" }
  | { screen: "kommun" }
  | { screen: "kanal" }
  | { screen: "konfigurera" };

export function parseRoute(path: string): Route {
  const [screen, id] = path
    .replace(/^#?\/?/, "")
    .split("?")[0]!
    .split("/");
  switch (screen) {
    case "avtal":
      if (id === "nytt") return { screen: "avtal-nytt" };
      return id ? { screen: "avtal-detalj", id } : { screen: "avtal" };
    case "plan":
    case "uppstartsmoten":
    case "avvikelser":
    case "rapporter":
    case "kommun":
    case "kanal":
    case "konfigurera":
      return { screen };
    case "uppfoljning":
      return id ? { screen, id } : { screen };
    case "brister":
      return id ? { screen, id } : { screen };
    default:
      return { screen: "oversikt" };
  }
}

export function routePath(route: Route): string {
  switch (route.screen) {
    case "avtal-detalj":
      return `avtal/${route.id}`;
    case "avtal-nytt":
      return "avtal/nytt";
    case "uppfoljning":
    case "brister":
      return route.id ? `${route.screen}/${route.id}` : route.screen;
    default:
      return route.screen;
  }
}

export const SCREEN_TITLES: Record<Route["screen"], string> = {
  oversikt: "Översikt",
  avtal: "Avtal",
  "avtal-detalj": "Avtal",
  "avtal-nytt": "Nytt avtal",
  plan: "Uppföljningsplan",
  uppstartsmoten: "Uppstartsmöten",
  avvikelser: "Avvikelser",
  uppfoljning: "Uppföljning",
  brister: "Brister och handlingsplaner",
  rapporter: "Rapporter",
  kommun: "Kommunövergripande",
  kanal: "Kanal och chatt",
  konfigurera: "Lägg till i kanal",
};
