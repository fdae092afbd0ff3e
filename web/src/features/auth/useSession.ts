import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient, ApiError, ApiResult } from '../../api/client';
import { fetchSession, signOut as endSession } from '../../api/session';
import type { Session } from '../../domain/session';

export type SignedOutReason = 'start' | 'expired' | 'signed-out';

export type SessionState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'signed-in'; readonly session: Session }
  | { readonly phase: 'signed-out'; readonly reason: SignedOutReason }
  /** GET /me failed for another reason than "not signed in" (server down, …). */
  | { readonly phase: 'failed'; readonly error: ApiError };

function isUnauthenticated(error: ApiError): boolean {
  return error.kind === 'http' && error.status === 401;
}

/**
 * The session of this browser: asks GET /me on start and after signing in,
 * and drops to signed-out when any request answers 401.
 */
export function useSession(api: ApiClient): {
  state: SessionState;
  refresh: () => Promise<ApiResult<Session>>;
  signOut: () => Promise<ApiResult<undefined>>;
} {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  const refresh = useCallback(async () => {
    const result = await fetchSession(api);
    if (result.ok) setState({ phase: 'signed-in', session: result.value });
    else if (isUnauthenticated(result.error)) setState({ phase: 'signed-out', reason: 'start' });
    else setState({ phase: 'failed', error: result.error });
    return result;
  }, [api]);

  const signOut = useCallback(async () => {
    const result = await endSession(api);
    if (result.ok) setState({ phase: 'signed-out', reason: 'signed-out' });
    return result;
  }, [api]);

  useEffect(() => {
    void refresh();
    return api.onUnauthenticated(() => {
      api.setCsrfToken(undefined);
      setState((previous) =>
        previous.phase === 'signed-in' ? { phase: 'signed-out', reason: 'expired' } : previous,
      );
    });
  }, [api, refresh]);

  return { state, refresh, signOut };
}
