/** Sign-in, sign-out, invitation and reset links, and the current session (GET /me). */
import type { ApiClient, ApiResult } from './client';
import {
  array,
  boolean,
  ignored,
  map,
  nonEmptyString,
  nullable,
  object,
  string,
  text,
  withDefault,
} from './decode';
import type { Session, User } from '../domain/session';

export const userDecoder = map(
  object({
    id: nonEmptyString,
    email: text,
    name: text,
    role: string,
    person_id: withDefault(nullable(string), null),
    disabled: boolean,
    created_at: string,
    has_password: boolean,
  }),
  (u): User => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    personId: u.person_id,
    disabled: u.disabled,
    createdAt: u.created_at,
    hasPassword: u.has_password,
  }),
);

export const sessionDecoder = map(
  object({ user: userDecoder, csrf_token: nonEmptyString, permissions: array(string) }),
  (s): Session => ({ user: s.user, csrfToken: s.csrf_token, permissions: s.permissions }),
);

const loginDecoder = object({ user: userDecoder, csrf_token: nonEmptyString });

/**
 * GET /me: the signed-in session, or a 401 when there is none (which is an
 * answer here, not an expired session). Keeps the CSRF token for later writes.
 */
export async function fetchSession(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<Session>> {
  const result = await api.request('/me', sessionDecoder, {
    anonymous: true,
    ...(signal === undefined ? {} : { signal }),
  });
  api.setCsrfToken(result.ok ? result.value.csrfToken : undefined);
  return result;
}

/** POST /auth/login. A wrong e-mail and a wrong password give the same 401. */
export async function signIn(
  api: ApiClient,
  email: string,
  password: string,
): Promise<ApiResult<User>> {
  const result = await api.request('/auth/login', loginDecoder, {
    method: 'POST',
    body: { json: { email, password } },
    anonymous: true,
  });
  if (!result.ok) return result;
  api.setCsrfToken(result.value.csrf_token);
  return { ok: true, value: result.value.user };
}

/** POST /auth/logout (idempotent); forgets the CSRF token once the server has ended the session. */
export async function signOut(api: ApiClient): Promise<ApiResult<undefined>> {
  const result = await api.request('/auth/logout', ignored, { method: 'POST', anonymous: true });
  if (result.ok || (result.error.kind === 'http' && result.error.status === 401)) {
    api.setCsrfToken(undefined);
    return { ok: true, value: undefined };
  }
  return result;
}

/**
 * POST /auth/redeem: accepts an invitation or reset link, sets the password and
 * signs in. The answer's body is not used: the caller asks GET /me next.
 */
export function redeemLink(
  api: ApiClient,
  token: string,
  password: string,
): Promise<ApiResult<undefined>> {
  return api.request('/auth/redeem', ignored, {
    method: 'POST',
    body: { json: { token, password } },
    anonymous: true,
  });
}
