/** Small hooks shared by pages: loading from the API, and debouncing typed input. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, ApiResult } from '../api/client';

export type Loadable<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly value: T }
  | { readonly phase: 'failed'; readonly error: ApiError };

/**
 * Runs `load` on mount and whenever `key` changes (cancelling the request in
 * flight), and on `reload`. `set` replaces the loaded value, e.g. after an edit.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  key: string,
): { state: Loadable<T>; reload: () => void; set: (value: T) => void } {
  const [state, setState] = useState<Loadable<T>>({ phase: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState({ phase: 'loading' });
    void latest.current(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState(
        result.ok
          ? { phase: 'loaded', value: result.value }
          : { phase: 'failed', error: result.error },
      );
    });
    return () => {
      controller.abort();
    };
  }, [key, round]);
  const reload = useCallback(() => {
    setRound((r) => r + 1);
  }, []);
  const set = useCallback((value: T) => {
    setState({ phase: 'loaded', value });
  }, []);
  return { state, reload, set };
}

/** `value`, but only after it has stayed the same for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}
