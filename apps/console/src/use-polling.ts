import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from './api/api-error';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** Loads again now (after an action). */
  reload: () => void;
}

/**
 * Loads `load()` now and every `intervalMs` while the page is open (0: once), keeping the last
 * good answer when a poll fails. `deps` restart it (new filters).
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number, deps: readonly unknown[]): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const value = await loadRef.current();
        if (!live) return;
        setData(value);
        setError(null);
      } catch (e) {
        if (live) setError(describeError(e));
      }
      if (live && intervalMs > 0) timer = setTimeout(() => void run(), intervalMs);
    };
    void run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}
