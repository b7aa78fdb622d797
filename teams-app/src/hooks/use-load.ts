import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api.ts";

/** Loads data for a screen: loading, error and a reload function. */
export function useLoad<T>(load: () => Promise<T>, dependencies: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
  const reload = useCallback(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
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
  }, dependencies);
  useEffect(() => reload(), [reload]);
  return { ...state, reload };
}
