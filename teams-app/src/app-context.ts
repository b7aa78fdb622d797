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
  /** Why there is no nämnd, when the team's nämnd is not readable for the person. */
  committeeProblem: string | undefined;
  /** Goes to a screen; with unsaved changes the person is asked first. */
  navigate(route: Route): void;
  /** Switches to another nämnd (asking first if there are unsaved changes), then opens `route`. */
  openCommittee(committeeId: string, route: Route): void;
  /** Shows a list's new search, filters or sorting in the address, without a new history entry. */
  replaceRoute(route: Route): void;
  /** Runs `leave` now, or after the person agrees to drop their unsaved changes. */
  guard(leave: () => void): void;
  /**
   * A form with unsaved changes registers here; leaving then asks first.
   * `discard` forgets the form's saved draft when the person leaves without saving.
   */
  setDirty(dirty: boolean, discard?: () => void): void;
  /** Says something to screen readers (the live region). */
  announce(message: string): void;
  /** A visible confirmation (a toast), also announced. */
  notify(message: string): void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside the app");
  return value;
}
