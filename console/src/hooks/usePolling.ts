import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { messageOf } from '../api/http.ts';

export interface Polled<T> {
  readonly data: T | undefined;
  /** The last failure; the last good data stays shown meanwhile. */
  readonly error: string | undefined;
  /** Loads again now (after an action), without waiting for the next tick. */
  readonly refresh: () => void;
}

/**
 * Loads now and then every `intervalMs` after each answer (never two requests at once; once when
 * undefined); starts over when `deps` change, and stops when the component goes.
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number | undefined, deps: DependencyList): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await load();
        if (active) setState({ data });
      } catch (error) {
        if (active) setState((previous) => ({ ...previous, error: messageOf(error) }));
      }
      if (active && intervalMs !== undefined) timer = setTimeout(() => void run(), intervalMs);
    };
    void run();
    return () => {
      active = false;
      clearTimeout(timer);
    };
    // `load` is a new function each render; what it depends on is in `deps`.
  }, [...deps, intervalMs, tick]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, refresh };
}

/** Loads once (again when `deps` change, or on `refresh`). */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): Polled<T> {
  return usePolling(load, undefined, deps);
}
