import { useEffect, useState } from "react";

/** Side panels and phones (Teams gives a tab 320–400 px there): lists become cards. */
export const NARROW_QUERY = "(max-width: 700px)";

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(NARROW_QUERY).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(NARROW_QUERY);
    if (!query) return;
    const update = () => setNarrow(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}
