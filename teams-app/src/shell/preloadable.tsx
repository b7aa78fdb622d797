import { type ComponentType, lazy, useState } from "react";

/**
 * A component in its own chunk that renders at once when the chunk is already
 * loaded (the first view's are asked for beside /api/me). React.lazy alone
 * suspends on its first render even then, and React holds back content that
 * suspended for 300 ms after a fallback is shown: a third of a second on the
 * tab's first view for nothing.
 */
export function preloadable<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Component: ComponentType<P>; preload: () => Promise<void> } {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        // A chunk that failed to load (the network) is asked for again next time.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(() => start().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per screen at module level, as React.lazy is.
  function Component(props: P) {
    // Chosen once per mount, so that the screen is never remounted (and its state lost)
    // when the chunk arrives while it is shown.
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Chosen {...props} />;
  }
  return { Component, preload: () => start().then(() => undefined) };
}
