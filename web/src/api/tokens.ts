/** The signed-in user's API tokens. */
import type { ApiClient, ApiResult } from './client';
import { array, map, nonEmptyString, nullable, object, string, withDefault } from './decode';
import type { ApiToken, NewToken } from '../domain/access';

const when = withDefault(nullable(string), null);

export const tokenDecoder = map(
  object({
    id: nonEmptyString,
    name: string,
    scopes: array(string),
    user_id: string,
    created_at: string,
    last_used_at: when,
    expires_at: when,
    revoked_at: when,
  }),
  (t): ApiToken => ({
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    userId: t.user_id,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
  }),
);

export async function listTokens(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly ApiToken[]>> {
  const result = await api.get('/tokens', object({ tokens: array(tokenDecoder) }), signal);
  return result.ok ? { ok: true, value: result.value.tokens } : result;
}

export function createToken(
  api: ApiClient,
  token: {
    readonly name: string;
    readonly scopes: readonly string[];
    readonly expiresInDays?: number;
  },
): Promise<ApiResult<NewToken>> {
  return api.request('/tokens', object({ token: tokenDecoder, secret: nonEmptyString }), {
    method: 'POST',
    body: {
      json: {
        name: token.name,
        scopes: token.scopes,
        ...(token.expiresInDays === undefined ? {} : { expires_in_days: token.expiresInDays }),
      },
    },
  });
}

export function revokeToken(api: ApiClient, id: string): Promise<ApiResult<ApiToken>> {
  return api.request(`/tokens/${encodeURIComponent(id)}`, tokenDecoder, { method: 'DELETE' });
}
