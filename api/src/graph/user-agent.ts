import packageJson from "../../../package.json" with { type: "json" };
import type { AppConfig } from "../config.ts";

/**
 * The User-Agent of the app's Graph traffic, decorated as Microsoft asks of
 * apps that call SharePoint: `NONISV|<organisation>|<app>/<version>` ("Avoid
 * getting throttled or blocked in SharePoint Online"). The organisation is the
 * kommun as its tenant names it (the SharePoint host, `asbykommun` of
 * `asbykommun.sharepoint.com`); in local mode `Lokal`.
 */

export const APP_PRODUCT = "Avtalsuppfoljning";

/** Header values are ASCII: å, ä, ö become a, a, o; anything but letters, digits, . and - goes. */
function headerToken(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function userAgentFor(organisation: string, version: string = packageJson.version): string {
  return `NONISV|${headerToken(organisation) || "Kommun"}|${APP_PRODUCT}/${headerToken(version)}`;
}

/** The kommun's name for the User-Agent: its SharePoint host's first label in a tenant. */
export function organisationOf(config: AppConfig): string {
  if (config.mode === "local") return "Lokal";
  const host = config.siteId.split(",")[0] ?? "";
  return host.split(".")[0] || "Kommun";
}

export const DEFAULT_USER_AGENT = userAgentFor("Lokal");
