/** Accounts and roles: list, create, change, and single-use invitation and reset links. */
import type { ApiClient, ApiResult } from './client';
import { array, map, object, string } from './decode';
import { userDecoder } from './session';
import type { OneTimeLink } from '../domain/access';
import type { User } from '../domain/session';

const linkDecoder = map(object({ url: string, expires_at: string }), (l): OneTimeLink => ({
  url: l.url,
  expiresAt: l.expires_at,
}));

export async function listUsers(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly User[]>> {
  const result = await api.get('/users', object({ users: array(userDecoder) }), signal);
  return result.ok ? { ok: true, value: result.value.users } : result;
}

export function createUser(
  api: ApiClient,
  user: { readonly email: string; readonly name: string; readonly role: string },
): Promise<ApiResult<User>> {
  return api.request('/users', userDecoder, { method: 'POST', body: { json: user } });
}

export function updateUser(
  api: ApiClient,
  id: string,
  change: { readonly role?: string; readonly name?: string; readonly disabled?: boolean },
): Promise<ApiResult<User>> {
  return api.request(`/users/${encodeURIComponent(id)}`, userDecoder, {
    method: 'PATCH',
    body: { json: change },
  });
}

/** POST /users/{id}/invitation (7 days) or /password-reset (24 hours): a single-use link. */
export function createUserLink(
  api: ApiClient,
  id: string,
  purpose: 'invitation' | 'password-reset',
): Promise<ApiResult<OneTimeLink>> {
  return api.request(`/users/${encodeURIComponent(id)}/${purpose}`, linkDecoder, {
    method: 'POST',
  });
}
