import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api.ts";

/**
 * Loads data for a screen: loading, error and a reload function. `key`
 * names what the load depends on; a new key loads again.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the load runs again exactly when its key changes or reload is asked for.
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    latest.current().then(
      (data) => !cancelled && setState({ data, loading: false }),
      (error: unknown) =>
        !cancelled &&
        setState({
          loading: false,
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ status: 0, code: "client", title: "Fel", detail: String(error) }),
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
