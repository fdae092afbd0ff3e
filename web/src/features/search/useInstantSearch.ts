/**
 * Search as you type: asks the server once the text has stayed the same for a
 * moment, cancels the request in flight when it changes again, and never lets
 * a late answer to an older text replace the newer one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { searchArticles } from '../../api/search';
import { useDebounced } from '../../components/hooks';
import type { SearchAnswer } from '../../domain/search';

/** Fast enough to feel instant, slow enough not to send every keystroke. */
export const kInstantDelayMs = 120;
/** Shorter texts match too much to be useful as suggestions. */
export const kMinInstantLength = 2;
export const kInstantLimit = 8;

export type InstantState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly q: string; readonly answer: SearchAnswer }
  | { readonly phase: 'failed'; readonly error: ApiError };

export function useInstantSearch(api: ApiClient, text: string): InstantState {
  const q = useDebounced(text.trim(), kInstantDelayMs);
  const [state, setState] = useState<InstantState>({ phase: 'idle' });
  useEffect(() => {
    if (Array.from(q).length < kMinInstantLength) {
      setState({ phase: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    // The last answer stays on screen until the next one arrives (no flicker while typing).
    setState((previous) => (previous.phase === 'loaded' ? previous : { phase: 'loading' }));
    void searchArticles(api, { q, limit: kInstantLimit }, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState(
        result.ok
          ? { phase: 'loaded', q, answer: result.value }
          : { phase: 'failed', error: result.error },
      );
    });
    return () => {
      controller.abort();
    };
  }, [api, q]);
  return state;
}
