import { createContext, useContext } from "react";
import type { Api } from "./api.ts";
import type { Host } from "./host.ts";
import type { Route } from "./routes.ts";
import type { CommitteeSummary, Me } from "./types.ts";

export interface AppContextValue {
  api: Api;
  host: Host;
  me: Me;
  committee: CommitteeSummary | undefined;
  navigate(route: Route): void;
  /** A form with unsaved changes registers here; navigation then asks first. */
  setDirty(dirty: boolean): void;
  announce(message: string): void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside the app");
  return value;
}
