import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { fetchHealth } from '../../api/health';
import type { Health } from '../../domain/health';

export type HealthState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly health: Health; readonly checkedAt: Date }
  | { readonly phase: 'failed'; readonly error: ApiError; readonly checkedAt: Date };

/** Fetches the server's health on mount and on `refresh`; cancels on unmount. */
export function useHealth(api: ApiClient): { state: HealthState; refresh: () => void } {
  const [state, setState] = useState<HealthState>({ phase: 'loading' });
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ phase: 'loading' });
    void fetchHealth(api, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      const checkedAt = new Date();
      setState(
        result.ok
          ? { phase: 'loaded', health: result.value, checkedAt }
          : { phase: 'failed', error: result.error, checkedAt },
      );
    });
  }, [api]);

  useEffect(() => {
    refresh();
    return () => inFlight.current?.abort();
  }, [refresh]);

  return { state, refresh };
}
