/**
 * The local Graph service: a stand-in for Microsoft Graph (SharePoint lists,
 * document libraries, the directory), Entra ID's token endpoints and the Bot
 * Connector, for running and testing Graph apps offline. Reach it through
 * these start functions and HTTP; see README.md.
 */

export {
  BOT_CONNECTOR_AUDIENCE,
  BOT_MESSAGES_PATH,
  LOCAL_BOT_ISSUER,
} from "./bot-connector/bot-connector.ts";
export {
  type EntraAppRegistration,
  EntraIdStandIn,
  type EntraIdStandInOptions,
  type SignedInUser,
} from "./entra-id/entra-id-stand-in.ts";
export { GRAPH_AUDIENCE } from "./entra-id/local-issuer.ts";
export type { TrustedIssuer } from "./graph/authentication.ts";
export type { FaultSettings, RequestCounters } from "./graph/faults.ts";
export {
  type AppUnits,
  type BudgetSettings,
  type ResourceUnitStats,
  resourceUnitsOf,
  TENANT_SIZE_NAMES,
  TENANT_SIZES,
  type TenantSize,
} from "./graph/resource-units.ts";
export { SECRET_HEADER } from "./http/authentication.ts";
export {
  LOCAL_ISSUER,
  type LocalGraph,
  type LocalGraphOptions,
  SECRET_FILE,
  startLocalGraph,
} from "./local-graph-service.ts";

import { EntraIdStandIn, type EntraIdStandInOptions } from "./entra-id/entra-id-stand-in.ts";

/** Starts the Entra ID stand-in (HTTPS, self-signed certificate) for tenant-mode tests. */
export function startEntraId(options: EntraIdStandInOptions): Promise<EntraIdStandIn> {
  return EntraIdStandIn.start(options);
}
